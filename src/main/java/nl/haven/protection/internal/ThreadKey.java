package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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

    /**
     * The thread key wrapped by the case key (staff open it with the case) and under a key derived from the requester's
     * secret (their codename, which has ≥ 83 bits, so HKDF suffices) with a new salt of the case's own.
     */
    static KeyStore.ThreadKeys wrap(UUID caseId, KeyBundle thread, Aead caseAead, byte[] requesterSecret, int saltBytes)
            throws GeneralSecurityException {
        byte[] salt = SealedKeys.random(saltBytes);
        return new KeyStore.ThreadKeys(thread.wrap(caseAead, byCase(caseId)), thread.wrap(requesterKey(caseId, requesterSecret, salt), byRequester(caseId)),
                salt);
    }

    /** The thread key as the case key wraps it. */
    static ThreadKey openWithCase(UUID caseId, byte[] wrappedByCase, Aead caseAead) throws GeneralSecurityException {
        return of(KeyBundle.unwrap(wrappedByCase, caseAead, byCase(caseId)));
    }

    /** The thread key as the requester's secret wraps it. */
    static ThreadKey openWithSecret(UUID caseId, byte[] wrappedByRequester, byte[] requesterSecret, byte[] salt) throws GeneralSecurityException {
        return of(KeyBundle.unwrap(wrappedByRequester, requesterKey(caseId, requesterSecret, salt), byRequester(caseId)));
    }

    private static Aead requesterKey(UUID caseId, byte[] secret, byte[] salt) throws GeneralSecurityException {
        return SealedKeys.fromSecret(secret, salt, "thread|case:" + caseId);
    }

    private static byte[] byCase(UUID caseId) {
        return KeyManagement.ad("case:" + caseId + "|thread");
    }

    private static byte[] byRequester(UUID caseId) {
        return KeyManagement.ad("case:" + caseId + "|thread|requester");
    }

    @Override
    public String toString() {
        return "ThreadKey[hidden]";
    }
}
