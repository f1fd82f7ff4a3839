package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A case's thread key opened (ADR 0006 C.6): its AEAD for the messages and file names, its streaming AEAD for the files
 * the requester adds after the intake. Stored as one {@link KeyBundle} of two parts, wrapped by the case key and under
 * the requester's secret. Prints no key.
 */
record ThreadKey(Aead aead, StreamingAead streaming) {
    static final String AEAD = "|thread";
    static final String STREAM = "|thread-stream";

    static KeyBundle newBundle() throws GeneralSecurityException {
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        parts.put(AEAD, Tink.newAeadKeyset());
        parts.put(STREAM, Tink.newStreamingKeyset());
        return new KeyBundle(parts);
    }

    static ThreadKey of(KeyBundle bundle) throws GeneralSecurityException {
        return new ThreadKey(Tink.aead(bundle.part(AEAD)), Tink.streaming(bundle.part(STREAM)));
    }

    @Override
    public String toString() {
        return "ThreadKey[hidden]";
    }
}
