package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import com.google.crypto.tink.StreamingAead;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The keys of the cases the current transaction made (ADR 0006 step 8) or handed to another organisation: whoever made
 * a case's keys knows them, so the transaction that opened the case (the anonymous intake: its details, its files, its
 * thread key) encrypts with them without holding the organisation's keys, and a referral re-encrypts the case's fields
 * for the receiving organisation without holding that organisation's keys. They are bound to the transaction as a resource and forgotten when it ends, whatever its
 * outcome; nothing else — another case, a later transaction on the same thread — gets them. Outside a transaction
 * nothing is remembered.
 */
final class MadeKeys {
    private static final Object RESOURCE = new Object();

    private final UUID org;
    private final KeysetHandle aeadKeyset;
    private final KeysetHandle streamKeyset;
    private final Aead aead;
    private final StreamingAead streaming;
    private final @Nullable ThreadKey thread;

    private MadeKeys(UUID org, KeysetHandle aeadKeyset, KeysetHandle streamKeyset, @Nullable ThreadKey thread) throws GeneralSecurityException {
        this.org = org;
        this.aeadKeyset = aeadKeyset;
        this.streamKeyset = streamKeyset;
        Aead aead = Tink.aead(aeadKeyset);
        StreamingAead streaming = Tink.streaming(streamKeyset);
        this.aead = aead;
        this.streaming = streaming;
        this.thread = thread;
    }

    /** The case's thread key, if this transaction made it or handed it over. */
    @Nullable ThreadKey thread() {
        return thread;
    }

    KeysetHandle aeadKeyset() {
        return aeadKeyset;
    }

    KeysetHandle streamKeyset() {
        return streamKeyset;
    }

    Aead aead() {
        return aead;
    }

    StreamingAead streaming() {
        return streaming;
    }

    static void remember(UUID org, UUID caseId, KeysetHandle aeadKeyset, KeysetHandle streamKeyset, @Nullable ThreadKey thread)
            throws GeneralSecurityException {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<UUID, MadeKeys> made = (Map<UUID, MadeKeys>) TransactionSynchronizationManager.getResource(RESOURCE);
        if (made == null) {
            Map<UUID, MadeKeys> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }
            });
            made = fresh;
        }
        made.put(caseId, new MadeKeys(org, aeadKeyset, streamKeyset, thread));
    }

    /** The keys of the case if this transaction made them for this organisation, else null. */
    static @Nullable MadeKeys of(UUID org, UUID caseId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<UUID, MadeKeys> made = (Map<UUID, MadeKeys>) TransactionSynchronizationManager.getResource(RESOURCE);
        MadeKeys keys = made == null ? null : made.get(caseId);
        return keys != null && keys.org.equals(org) ? keys : null;
    }

    @Override
    public String toString() {
        return "MadeKeys[organisation " + org + "]";
    }
}
