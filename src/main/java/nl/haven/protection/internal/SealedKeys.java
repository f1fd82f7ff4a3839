package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The primitives of "sealed at rest" (issue #23, docs/adr/0006-sealed-at-rest.md, step 1): key pairs that a server can
 * seal to without holding any secret, and the wraps that keep their private halves under secrets only people (or a
 * token's holder) have. Not used by the application yet; step 1 of the ADR's plan builds and measures them first.
 *
 * <ul>
 * <li><b>Key pairs</b>: HPKE with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM (Tink's
 * {@code DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM}), for an organisation and for each principal (a staff
 * member, an API token, the recovery key). {@link #seal} needs only the public keyset, {@link #open} the private one;
 * the binding (HPKE's context info) ties a sealed value to what it is for, e.g. {@code case:<id>|org:<org>}.</li>
 * <li><b>Wrap keys</b> derived from a log-in secret: a password through <em>one</em> Argon2id computation that gives
 * both the verifier (so the log-in check and the wrap key cost one Argon2id, ADR E) and the wrap key, from
 * independent HKDF expansions; a high-entropy secret (an API token's, the recovery key, a session cookie's) through
 * HKDF-SHA256 alone.</li>
 * <li><b>Wraps</b>: a keyset encrypted under a wrap key (AES-256-GCM) with associated data naming its owner and
 * kind ({@code principal:<id>|password|v1}), so a wrap copied to another row opens nothing.</li>
 * </ul>
 */
final class SealedKeys {

    /** The HPKE parameters of every key pair (the ADR's C.1; {@code SealedAtRestSpikeTests} checks the named template). */
    static final HpkeParameters HPKE;

    static {
        try {
            HPKE = HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .setVariant(HpkeParameters.Variant.TINK)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HPKE parameters", e);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private SealedKeys() {
    }

    // --- key pairs ---------------------------------------------------------------------------------------------------

    static KeysetHandle newKeyPair() throws GeneralSecurityException {
        Tink.registered();
        return KeysetHandle.generateNew(HPKE);
    }

    /** The public half, as stored in the clear ({@code org_key.public_keyset}, {@code principal.public_keyset}). */
    static byte[] publicKeyset(KeysetHandle keyPair) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeKeysetWithoutSecret(keyPair.getPublicKeysetHandle());
    }

    /** Seals {@code plaintext} to a public keyset: no secret is needed, and only the private keyset opens it. */
    static byte[] seal(byte[] publicKeyset, byte[] plaintext, byte[] binding) throws GeneralSecurityException {
        Tink.registered();
        return TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset).getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class)
                .encrypt(plaintext, binding);
    }

    static byte[] open(KeysetHandle keyPair, byte[] sealed, byte[] binding) throws GeneralSecurityException {
        return keyPair.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class).decrypt(sealed, binding);
    }

    /** Seals a whole keyset (a case key, an organisation's private keyset for a grant) to a public keyset. */
    static byte[] sealKeyset(byte[] publicKeyset, KeysetHandle keyset, byte[] binding) throws GeneralSecurityException {
        byte[] clear = TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        try {
            return seal(publicKeyset, clear, binding);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    static KeysetHandle openKeyset(KeysetHandle keyPair, byte[] sealed, byte[] binding) throws GeneralSecurityException {
        byte[] clear = open(keyPair, sealed, binding);
        try {
            return TinkProtoKeysetFormat.parseKeyset(clear, InsecureSecretKeyAccess.get());
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    // --- wrap keys ---------------------------------------------------------------------------------------------------

    /** Argon2id's cost, stored beside each password wrap so that it can grow later without breaking old wraps. */
    record Argon2Cost(int memoryKib, int iterations, int parallelism) {
        /** OWASP's minimum, the cost of today's password hashes ({@code identity.internal.PasswordConfig}). */
        static final Argon2Cost OWASP_MINIMUM = new Argon2Cost(19_456, 2, 1);

        Argon2Cost {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Argon2id cost m=" + memoryKib + " KiB, t=" + iterations + ", p=" + parallelism
                        + ": expected m ≥ 8·p KiB, t ≥ 1, p ≥ 1");
            }
        }
    }

    /**
     * What one Argon2id computation over a password gives: the verifier stored to check the password at log-in, and
     * the key that wraps the principal's private keyset. Both come from the Argon2id output by HKDF with different
     * labels, so the stored verifier reveals nothing about the wrap key. Not a record: it must not print its bytes.
     */
    static final class PasswordKeys {
        private final byte[] verifier;
        private final byte[] wrapKey;

        private PasswordKeys(byte[] verifier, byte[] wrapKey) {
            this.verifier = verifier;
            this.wrapKey = wrapKey;
        }

        byte[] verifier() {
            return verifier.clone();
        }

        /** Whether {@code stored} is this password's verifier, in constant time. */
        boolean verifies(byte[] stored) {
            return MessageDigest.isEqual(verifier, stored);
        }

        Aead wrapKey() throws GeneralSecurityException {
            return aesGcm(wrapKey);
        }

        @Override
        public String toString() {
            return "PasswordKeys[…]";
        }
    }

    static byte[] newSalt() {
        return random(16);
    }

    static PasswordKeys fromPassword(char[] password, byte[] salt, Argon2Cost cost) throws GeneralSecurityException {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] master = new byte[KEY_BYTES];
        generator.generateBytes(password, master);
        try {
            return new PasswordKeys(Hkdf.computeHkdf("HMACSHA256", master, new byte[0], utf8("haven:password-verifier|v1"), KEY_BYTES),
                    Hkdf.computeHkdf("HMACSHA256", master, new byte[0], utf8("haven:password-wrap|v1"), KEY_BYTES));
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /**
     * A wrap key from a secret with full entropy (an API token's 32 random bytes, the recovery key, a session cookie's
     * secret): HKDF-SHA256 is enough, no password stretching. {@code purpose} names the kind and owner.
     */
    static Aead fromSecret(byte[] secret, byte[] salt, String purpose) throws GeneralSecurityException {
        if (secret.length < 16) {
            throw new GeneralSecurityException("a secret of " + secret.length + " bytes is too short to derive a key from without stretching");
        }
        byte[] key = Hkdf.computeHkdf("HMACSHA256", secret, salt, utf8("haven:secret-wrap|" + purpose), KEY_BYTES);
        try {
            return aesGcm(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    // --- wraps -------------------------------------------------------------------------------------------------------

    static byte[] wrap(KeysetHandle keyset, Aead wrapKey, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, wrapKey, associatedData);
    }

    static KeysetHandle unwrap(byte[] wrapped, Aead wrapKey, byte[] associatedData) throws GeneralSecurityException {
        Tink.registered();
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, wrapKey, associatedData);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    /** AES-256-GCM under raw key bytes, as a Tink primitive; the bytes are copied and never stored. */
    static Aead aesGcm(byte[] keyBytes) throws GeneralSecurityException {
        Tink.registered();
        AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(KEY_BYTES).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
        AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get())).build();
        return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build()
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
