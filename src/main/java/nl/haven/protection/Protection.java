package nl.haven.protection;

import java.util.Arrays;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import nl.haven.protection.internal.HeldKeys;
import nl.haven.protection.internal.KeyManagement;
import nl.haven.protection.internal.KeyStore;
import nl.haven.shared.CaseId;
import org.jspecify.annotations.Nullable;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.stereotype.Service;

/**
 * Field encryption for special-category data (SECURITY.md S3, S4): every value is encrypted with its
 * case's own key (AES-256-GCM, Google Tink) and bound to organisation, case, table and column;
 * documents stream through AES-256-GCM-HKDF without plaintext on disk; exact-match search goes
 * through keyed blind indexes; erasure destroys the case's keys (crypto-shredding).
 */
@Service
public class Protection {
    /** The tables that hold (wrapped) keys: never part of a database backup. */
    public static final List<String> KEY_TABLES = KeyStore.KEY_TABLES;

    private final KeyManagement keys;

    Protection(KeyManagement keys) {
        this.keys = keys;
    }

    /**
     * Opens the organisation's keys for the calling thread until the answer is closed (ADR 0006 step 4): use it in a
     * try-with-resources block on one thread. Today the master key opens them (the legacy way); from step 7 on, a key
     * holder's session, an API token's grant or a queued job's copy of the organisation's bundle does.
     */
    public OpenedKeys open(OrgId org) {
        if (keys.sealed()) {
            throw new KeyNotOpenException(org); // the master key opens nothing on a sealed installation (step 11)
        }
        return OpenedKeys.legacy(org);
    }

    /**
     * Creates the case's data keys, sealed to the organisation's public key (ADR 0006 step 8): no secret of the
     * organisation is needed. Call once, in the transaction that creates the case, which may use them until it ends.
     */
    public void newCase(OrgId org, CaseId caseId) {
        newCase(org, caseId, null);
    }

    /**
     * As {@link #newCase(OrgId, CaseId)}; with the requester's secret (null: none), also a thread key that it opens as
     * well as the case key (ADR 0006 C.6): its messages ({@link FieldRef#thread()}) are encrypted under it.
     */
    public void newCase(OrgId org, CaseId caseId, @Nullable ThreadSecret secret) {
        keys.createCaseKeys(org.value(), caseId.value(), secret == null ? null : secret.bytes());
    }

    /**
     * Opens the case's thread key with its requester's secret for the calling thread until the answer is closed: the
     * case's messages, and nothing else of it, are read and written with it meanwhile. A case without a thread key
     * answers {@link OpenedThread#held()} false.
     */
    public OpenedThread openThread(OrgId org, CaseId caseId, ThreadSecret secret) {
        return new OpenedThread(caseId, keys.openThread(org.value(), caseId.value(), secret.bytes()));
    }

    /**
     * Whether the case has a thread key: a value stored "in the thread" of a case without one is under the case key, so a
     * row that records where its value is ({@code case_document.thread}) must say so only when it has one.
     */
    public boolean hasThreadKey(OrgId org, CaseId caseId) {
        return keys.hasThreadKey(org.value(), caseId.value());
    }

    private Aead aeadOf(FieldRef field) {
        return field.thread() ? keys.threadAead(field.org().value(), field.caseId().value())
                : keys.caseAead(field.org().value(), field.caseId().value());
    }

    private StreamingAead streamingOf(FieldRef field) {
        return field.thread() ? keys.threadStreaming(field.org().value(), field.caseId().value())
                : keys.caseStreaming(field.org().value(), field.caseId().value());
    }

    /**
     * A value of the requester's thread under its thread key — or, where a writer still used the case key (a message
     * staff sent on another node in the seconds a case opened before thread keys got its own, ADR 0006 F.14), under the
     * case key, for whoever may open that.
     */
    private byte[] decryptInThread(FieldRef field, byte[] ciphertext) throws GeneralSecurityException {
        try {
            return aeadOf(field).decrypt(ciphertext, field.associatedData());
        } catch (GeneralSecurityException notInThread) {
            if (!keys.mayOpen(field.org().value())) {
                throw notInThread;
            }
            return keys.caseAead(field.org().value(), field.caseId().value()).decrypt(ciphertext, field.associatedData());
        }
    }

    /**
     * Gives a case opened before thread keys its thread key (ADR 0006 F.14), while this thread may still open the case
     * key (the legacy opener, until the cut-over), held by the calling thread until the answer is closed. Not held when
     * the case had one already; open that with {@link #openThread}. The caller moves the thread's messages under it.
     */
    public OpenedThread addThread(OrgId org, CaseId caseId, ThreadSecret secret) {
        return new OpenedThread(caseId, keys.addThread(org.value(), caseId.value(), secret.bytes()));
    }

    /** Whether the calling thread may use the organisation's case keys (it holds them, or the legacy opener is on). */
    public boolean mayOpenCaseKeys(OrgId org) {
        return keys.mayOpen(org.value());
    }

    /**
     * The organisation's keys this thread holds, lent to work on another thread (ADR 0006 C.9), which opens them with
     * {@link KeyLoan#open} and closes the loan when done. With the legacy opener on, a thread holding nothing lends the
     * legacy way.
     *
     * @throws KeyNotOpenException if this thread may not use the organisation's keys
     */
    public KeyLoan lend(OrgId org) {
        if (!keys.mayOpen(org.value())) {
            throw new KeyNotOpenException(org);
        }
        return new KeyLoan(org, HeldKeys.holds(org.value()) ? HeldKeys.lend(org.value()) : HeldKeys.lendLegacy(org.value()));
    }

    public byte[] encrypt(FieldRef field, byte[] plaintext) {
        try {
            return aeadOf(field).encrypt(plaintext, field.associatedData());
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a field of case " + field.caseId() + " could not be encrypted", e);
        }
    }

    public byte[] decrypt(FieldRef field, byte[] ciphertext) {
        try {
            if (field.thread()) {
                return decryptInThread(field, ciphertext);
            }
            return aeadOf(field).decrypt(ciphertext, field.associatedData());
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a field of case " + field.caseId() + " (" + field.table() + "." + field.column()
                    + ") does not decrypt with this case's key", e);
        }
    }

    /**
     * Decrypts one field of many cases of one organisation, their keys read in one query (a batch of a run over the
     * open cases); a case without a key (erased) is left out of the answer.
     */
    public Map<CaseId, byte[]> decryptAll(OrgId org, String table, String column, Map<CaseId, byte[]> ciphertexts) {
        Map<UUID, Aead> aeads = keys.caseAeads(org.value(),
                ciphertexts.keySet().stream().map(CaseId::value).toList());
        Map<CaseId, byte[]> plain = new HashMap<>();
        for (Map.Entry<CaseId, byte[]> e : ciphertexts.entrySet()) {
            Aead aead = aeads.get(e.getKey().value());
            if (aead == null) {
                continue;
            }
            FieldRef field = new FieldRef(org, e.getKey(), table, column);
            try {
                plain.put(e.getKey(), aead.decrypt(e.getValue(), field.associatedData()));
            } catch (GeneralSecurityException ex) {
                throw new ProtectionException("a field of case " + e.getKey() + " (" + table + "." + column + ") does not decrypt with this case's key", ex);
            }
        }
        return plain;
    }

    public byte[] encryptText(FieldRef field, String plaintext) {
        return encrypt(field, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String decryptText(FieldRef field, byte[] ciphertext) {
        return new String(decrypt(field, ciphertext), StandardCharsets.UTF_8);
    }

    /** Everything written to the returned stream reaches {@code sink} encrypted; close it to finish. */
    public OutputStream encryptingStream(FieldRef field, OutputStream sink) {
        try {
            return streamingOf(field).newEncryptingStream(sink, field.associatedData());
        } catch (GeneralSecurityException | IOException e) {
            throw new ProtectionException("a document of case " + field.caseId() + " could not be encrypted", e);
        }
    }

    /** The plaintext of an encrypted stream; a tampered or foreign stream fails while reading. */
    public InputStream decryptingStream(FieldRef field, InputStream source) {
        try {
            return streamingOf(field).newDecryptingStream(source, field.associatedData());
        } catch (GeneralSecurityException | IOException e) {
            throw new ProtectionException("a document of case " + field.caseId() + " could not be decrypted", e);
        }
    }

    /**
     * A keyed blind index of an identifier for exact-match search: HMAC-SHA256 under a key of the organisation's bundle
     * (ADR 0006 step 9; one per index made before, else the bundle's root over the index's name and the value), over the
     * value trimmed, Unicode-normalised (NFKC) and lower-cased. Needs the organisation's keys on the calling thread;
     * {@code index} is 1 to 48 of {@code A-Za-z0-9._-}.
     */
    public byte[] blindIndex(OrgId org, String index, String value) {
        String normalised = Normalizer.normalize(value.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return keys.blindIndex(org.value(), index, normalised.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a new primary key to every organisation's keyset and re-wraps every case key with it, in
     * transactions of {@code batchSize}; an interrupted rotation is resumed by calling this again.
     */
    public KeyRotation rotateOrganisationKeys(int batchSize, LongConsumer total, LongConsumer progress) {
        return keys.rotate(batchSize, total, progress);
    }

    /**
     * Whether the installation is sealed (ADR 0006 step 11): the master key's copies of the organisations' keys are gone, so
     * only key holders' own secrets open them, and the legacy opener is off whatever its setting says.
     */
    public boolean sealed() {
        return keys.sealed();
    }

    /** The organisations that have keys but no recovery key: {@link #seal} refuses while there are any. */
    public List<OrgId> withoutRecoveryKey() {
        return keys.withoutRecoveryKey().stream().map(OrgId::new).toList();
    }

    /**
     * Seals the installation (ADR 0006 step 11; {@code ./haven keys seal}, with every node stopped): every grant sealed again
     * from the server's bundle, then the master key's copies of every organisation's keys removed, all at once. Refused
     * ({@link ProtectionException}) while an organisation has no recovery key or is in the middle of a key rotation.
     */
    public Sealing seal() {
        return keys.seal();
    }

    /**
     * On a sealed installation (ADR 0006 C.10): rotates one organisation's keyset with the keys the calling thread holds
     * (a key holder's, or its recovery key's: {@link KeyHolders#openWithRecoveryKey}); every grant is sealed again with the
     * new key and every case key re-wrapped by it. An interrupted rotation is resumed by calling this again.
     */
    public KeyRotation rotateOrganisationKeys(OrgId org, int batchSize, LongConsumer total, LongConsumer progress) {
        return keys.rotate(org.value(), batchSize, total, progress);
    }

    /** The id of the organisation key that wraps a case's keys (rotation reports and tests). */
    public long caseKeyWrappedBy(OrgId org, CaseId caseId) {
        return keys.wrappedBy(org.value(), caseId.value());
    }

    /** The id of the organisation's current primary key. */
    public long organisationPrimaryKey(OrgId org) {
        return keys.primaryKeyId(org.value());
    }

    /**
     * Encrypts a secret that belongs to an organisation rather than a case (e.g. a staff member's TOTP
     * secret) under the organisation's key, bound to its purpose.
     */
    public byte[] sealForOrganisation(OrgId org, String purpose, byte[] secret) {
        return keys.sealForOrganisation(org.value(), purpose, secret);
    }

    public byte[] openForOrganisation(OrgId org, String purpose, byte[] sealed) {
        return keys.openForOrganisation(org.value(), purpose, sealed);
    }

    /**
     * A staff member's own secret (the TOTP secret), sealed under the server key file {@code keys/staff-totp.json} and
     * bound to that member and the purpose (issue #23, ADR 0006 step 3): it is checked at log-in before any of the
     * organisation's keys could be opened, so it stays readable to the server — but no longer under an organisation's
     * keyset, which sealed at rest takes off the server.
     */
    public byte[] sealForStaff(UserId user, String purpose, byte[] secret) {
        return keys.sealStaffSecret(user.value(), purpose, secret);
    }

    /**
     * Opens what {@link #sealForStaff} sealed; a value sealed before it existed, under the organisation's key
     * ({@link #sealForOrganisation}), is opened that way and reported as {@link StaffSecret#legacy()}, so that the
     * caller seals it again.
     */
    public StaffSecret openForStaff(UserId user, OrgId org, String purpose, byte[] sealed) {
        return keys.openStaffSecret(user.value(), purpose, sealed).map(value -> new StaffSecret(value, false))
                .orElseGet(() -> new StaffSecret(keys.openForOrganisation(org.value(), purpose, sealed), true));
    }

    /** An opened staff secret; it does not print its value. */
    public record StaffSecret(byte[] value, boolean legacy) {
        @Override
        public String toString() {
            return "StaffSecret[" + (legacy ? "legacy" : "current") + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StaffSecret secret && secret.legacy == legacy && Arrays.equals(secret.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value) * 31 + Boolean.hashCode(legacy);
        }
    }

    /**
     * Encrypts a value under a key derived from a secret that only the client holds and the server does not keep (an
     * {@code Idempotency-Key}, issue #23 and ADR 0006 step 2): AES-256-GCM with HKDF-SHA256(secret, info = purpose) as
     * the key and the purpose as associated data. Nothing on the server — not the master key, not an organisation's
     * key — opens it; the client's next request with the same secret does. The secret must carry at least 122 random
     * bits (the caller checks).
     */
    public byte[] sealWithClientSecret(String purpose, byte[] clientSecret, byte[] plaintext) {
        try {
            return clientAead(purpose, clientSecret).encrypt(plaintext, aad(purpose));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a value could not be sealed for " + purpose, e);
        }
    }

    /** Opens what {@link #sealWithClientSecret} sealed with the same purpose and secret. */
    public byte[] openWithClientSecret(String purpose, byte[] clientSecret, byte[] sealed) {
        try {
            return clientAead(purpose, clientSecret).decrypt(sealed, aad(purpose));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a value sealed for " + purpose + " could not be opened with this secret", e);
        }
    }

    private static Aead clientAead(String purpose, byte[] clientSecret) throws GeneralSecurityException {
        byte[] key = Hkdf.computeHkdf("HMACSHA256", clientSecret, new byte[0], aad(purpose), 32);
        return new AesGcmJce(key);
    }

    private static byte[] aad(String purpose) {
        return ("haven:v1|client-secret|" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Hands the case's keys from one organisation to another (a referral with consent): afterwards only {@code to}
     * can use them. Re-encrypt the case's fields in the same transaction: their associated data names the organisation.
     */
    public void transferCase(OrgId from, OrgId to, CaseId caseId) {
        keys.transferCase(from.value(), to.value(), caseId.value(), true);
    }

    /**
     * A referred case handed back after the person withdrew their consent (ADR 0006 C.8): as {@link #transferCase}, but
     * the receiving organisation keeps no way back. Call {@link #openReturnSeal} first in the same transaction.
     */
    public void returnCase(OrgId from, OrgId to, CaseId caseId) {
        keys.transferCase(from.value(), to.value(), caseId.value(), false);
    }

    /**
     * Opens a referred case's return seal with the referring organisation's keys (which the calling thread must hold), so
     * that this transaction can read the case where it is and hand it back; false when the referral kept none (made before
     * return seals existed).
     */
    public boolean openReturnSeal(OrgId receiver, OrgId referrer, CaseId caseId) {
        return keys.openReturnSeal(receiver.value(), referrer.value(), caseId.value());
    }

    /** The receiving organisation took a referred case on or closed it: the referrer's return seal is dropped. */
    public void dropReturnSeal(OrgId org, CaseId caseId) {
        keys.dropReturnSeal(org.value(), caseId.value());
    }

    /** Crypto-shredding: destroys the case's keys. True if there were keys to destroy. */
    public boolean shred(OrgId org, CaseId caseId) {
        return keys.shred(org.value(), caseId.value());
    }
}
