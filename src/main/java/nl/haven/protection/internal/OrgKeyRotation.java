package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.UUID;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.KeyRotation;
import nl.haven.shared.OrgId;
import nl.haven.protection.ProtectionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rotation of the organisation keys for {@link KeyManagement#rotate}: a new primary key in every organisation's keyset, and
 * every case key re-wrapped with it in small transactions; an interrupted rotation is resumed.
 */
final class OrgKeyRotation {
    private final KeyRing ring;
    private final KeyStore store;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final OrgKeysets orgKeys;

    private final OrgGrants grants;
    OrgKeyRotation(KeyRing ring, KeyStore store, Clock clock, TransactionTemplate transactions, OrgKeysets orgKeys, OrgGrants grants) {
        this.grants = grants;
        this.ring = ring;
        this.store = store;
        this.clock = clock;
        this.transactions = transactions;
        this.orgKeys = orgKeys;
    }

    KeyRotation rotate(int batchSize, LongConsumer total, LongConsumer progress) {
        try {
            List<KeyStore.OrgKey> orgs = store.orgKeys();
            boolean resume = orgs.stream().anyMatch(KeyStore.OrgKey::rotationPending);
            List<KeyStore.OrgKey> todo = resume ? orgs.stream().filter(KeyStore.OrgKey::rotationPending).toList() : orgs;
            long all = 0;
            for (KeyStore.OrgKey org : todo) {
                all += resume ? store.countCaseKeysNotWrappedBy(org.org(), org.primaryKeyId()) : store.countCaseKeys(org.org());
            }
            total.accept(all);
            long done = 0;
            for (KeyStore.OrgKey org : todo) {
                byte[] wrapped = Objects.requireNonNull(org.keyset(), "a sealed installation's keyset"); // rotate refuses those first
                KeysetHandle handle = Tink.unwrap(wrapped, ring.master(), KeyManagement.ad("org:" + org.org()));
                if (!resume) {
                    handle = withNewPrimary(handle);
                    store.updateOrgKey(org.org(), Tink.wrap(handle, ring.master(), KeyManagement.ad("org:" + org.org())), handle.getPrimary().getId(), true,
                            clock.instant());
                }
                orgKeys.put(org.org(), handle);
                // Key holders' grants carry the keyset: sealed again with the new primary before any case key is wrapped by it.
                grants.resealAll(org.org());
                done = rewrap(org.org(), handle, List.of(grants.legacyPair(org.org())), batchSize, progress, done);
                long primary = handle.getPrimary().getId();
                store.updateOrgKey(org.org(), Tink.wrap(handle, ring.master(), KeyManagement.ad("org:" + org.org())), primary, false, clock.instant());
            }
            return new KeyRotation(todo.size(), resume, done);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the organisation keys could not be rotated", e);
        }
    }

    /**
     * On a sealed installation (ADR 0006 C.10): the rotation of one organisation's keys with the keys this thread holds
     * (a key holder's, or its recovery key's). A new primary key is added to the keyset the bundle carries and a new key
     * pair replaces the organisation's (the old one kept in the bundle for what was sealed to it), the bundle
     * with it is sealed again to every principal that holds a grant — from their public keys, no secret of theirs needed —
     * in the same transaction that marks the rotation pending, and every case key is then wrapped by it in small
     * transactions. An interrupted rotation is resumed by the next call, with a grant sealed since it began. The new key
     * was never wrapped by the master key.
     */
    KeyRotation rotateHeld(UUID org, KeyBundle held, int batchSize, LongConsumer total, LongConsumer progress) {
        try {
            KeyStore.OrgKey row = store.orgKey(org).orElseThrow(() -> new ProtectionException("organisation " + org + " has no keys"));
            KeysetHandle kek = held.part(OrgGrants.KEK);
            boolean resume = row.rotationPending();
            KeysetHandle handle;
            if (resume) {
                if (!KeyManagement.contains(kek, row.primaryKeyId())) {
                    throw new KeyNotOpenException(new OrgId(org)); // keys opened before the rotation began: open them again
                }
                handle = kek;
            } else {
                handle = withNewPrimary(kek);
                // A new key pair too: intakes from now on are sealed to a key the master key never held. The one it replaces
                // stays in the bundle, for what was sealed to it (also by a node that read the public key before).
                KeysetHandle newPair = SealedKeys.newKeyPair();
                KeyBundle next = OrgGrants.withNewPair(held.with(OrgGrants.KEK, handle), newPair);
                KeysetHandle rotated = handle;
                transactions.executeWithoutResult(status -> {
                    try {
                        grants.resealAll(org, next);
                        store.replaceOrgPublicKeyset(org, SealedKeys.publicKeyset(newPair));
                    } catch (GeneralSecurityException e) {
                        throw new ProtectionException("the grants of organisation " + org + " could not be sealed again", e);
                    }
                    store.updateOrgKey(org, null, rotated.getPrimary().getId(), true, clock.instant());
                });
                held = next;
            }
            total.accept(resume ? store.countCaseKeysNotWrappedBy(org, handle.getPrimary().getId()) : store.countCaseKeys(org));
            long done = rewrap(org, handle, OrgGrants.pairs(held), batchSize, progress, 0);
            store.updateOrgKey(org, null, handle.getPrimary().getId(), false, clock.instant());
            return new KeyRotation(1, resume, done);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the keys of organisation " + org + " could not be rotated", e);
        }
    }

    /** The keyset with a new AES-256-GCM key added as its primary: what both kinds of rotation wrap the case keys with. */
    private static KeysetHandle withNewPrimary(KeysetHandle keyset) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
    }

    /** Wraps every case key of the organisation that its primary key does not wrap yet by it, in transactions of {@code batchSize}. */
    private long rewrap(UUID org, KeysetHandle handle, List<KeysetHandle> pairs, int batchSize, LongConsumer progress, long doneBefore) {
        Aead kek;
        try {
            kek = Tink.aead(handle);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the keyset of organisation " + org + " cannot be used", e);
        }
        long primary = handle.getPrimary().getId();
        long done = doneBefore;
        List<KeyStore.CaseKey> batch;
        while (!(batch = store.caseKeysNotWrappedBy(org, primary, batchSize)).isEmpty()) {
            List<KeyStore.CaseKey> current = batch;
            transactions.executeWithoutResult(status -> {
                for (KeyStore.CaseKey key : current) {
                    try {
                        KeysetHandle aeadKeys;
                        KeysetHandle streamKeys;
                        if (key.isSealed()) {
                            // Sealed at intake and never opened since: wrapped by the new key like the others.
                            KeyBundle sealed = KeyManagement.openSealedCaseKeys(pairs, org, key.caseId(), Objects.requireNonNull(key.sealed()));
                            aeadKeys = sealed.part(KeyManagement.AEAD);
                            streamKeys = sealed.part(KeyManagement.STREAM);
                        } else {
                            aeadKeys = KeyManagement.unwrapCaseKey(Objects.requireNonNull(key.aead()), kek, key.caseId(), KeyManagement.AEAD);
                            streamKeys = KeyManagement.unwrapCaseKey(Objects.requireNonNull(key.stream()), kek, key.caseId(), KeyManagement.STREAM);
                        }
                        byte[] aead = KeyManagement.wrapCaseKey(aeadKeys, kek, key.caseId(), KeyManagement.AEAD);
                        byte[] stream = KeyManagement.wrapCaseKey(streamKeys, kek, key.caseId(), KeyManagement.STREAM);
                        store.rewrapCaseKey(key.caseId(), aead, stream, primary);
                    } catch (GeneralSecurityException e) {
                        throw new ProtectionException("case key " + key.caseId() + " could not be re-wrapped", e);
                    }
                }
            });
            done += current.size();
            progress.accept(done);
        }
        return done;
    }
}
