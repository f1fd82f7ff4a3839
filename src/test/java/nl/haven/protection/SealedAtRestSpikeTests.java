package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.haven.testing.Bytes;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spike for issue #23 (docs/adr/0006-sealed-at-rest.md), not production code: the key mechanics of "sealed at rest"
 * with the libraries Haven already has (Tink 1.24.0, Bouncy Castle 1.87). An organisation's X25519 HPKE key pair; a case
 * key sealed to its public keyset by a server that holds no secret (the intake); the private keyset stored only wrapped,
 * once under a key derived with Argon2id from a staff member's password and once under a key derived from a recovery
 * key; opened again with either; refused with a wrong password, a wrong recovery key, another wrap's binding, and by
 * anyone holding only what the database would hold. Nothing is measured here (timings belong in benchmarks/).
 */
class SealedAtRestSpikeTests {
    /** The ADR's key template name (Tink's recommended hybrid key type), looked up by name in Tink's registry. */
    static final String HPKE_TEMPLATE = "DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM";
    /** OWASP's Argon2id minimum, as identity.internal.PasswordConfig uses for password hashes. */
    static final int ARGON2_MEMORY_KIB = 19_456;
    static final int ARGON2_ITERATIONS = 2;
    static final int ARGON2_PARALLELISM = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void registerTink() throws GeneralSecurityException {
        AeadConfig.register();
        HybridConfig.register();
    }

    // --- the organisation's key pair ------------------------------------------------------------------------------

    static HpkeParameters hpkeX25519Aes256() throws GeneralSecurityException {
        return HpkeParameters.builder()
                .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                .setVariant(HpkeParameters.Variant.TINK)
                .build();
    }

    @Test
    void theNamedTemplateIsHpkeWithX25519HkdfSha256AndAes256Gcm() throws GeneralSecurityException {
        assertThat(KeyTemplates.get(HPKE_TEMPLATE).toParameters()).isEqualTo(hpkeX25519Aes256());

        KeysetHandle organisation = KeysetHandle.generateNew(KeyTemplates.get(HPKE_TEMPLATE));
        HpkePrivateKey key = (HpkePrivateKey) organisation.getPrimary().getKey();
        assertThat(key.getParameters().getKemId()).isEqualTo(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256);
        assertThat(key.getPrivateKeyBytes().size()).isEqualTo(32);
        assertThat(key.getPublicKey().getPublicKeyBytes().size()).isEqualTo(32);
    }

    @Test
    void thePublicKeysetCarriesNoPrivateKeyAndThePrivateKeysetCannotBeStoredWithoutASecretAccessToken() throws GeneralSecurityException {
        KeysetHandle organisation = KeysetHandle.generateNew(hpkeX25519Aes256());
        byte[] publicKeyset = TinkProtoKeysetFormat.serializeKeysetWithoutSecret(organisation.getPublicKeysetHandle());

        assertThat(Bytes.indexOf(publicKeyset, privateKeyBytes(organisation))).isEqualTo(-1);
        // What the intake would read from org_key.public_keyset is enough to seal, and nothing more.
        KeysetHandle parsed = TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset);
        assertThatThrownBy(() -> parsed.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> TinkProtoKeysetFormat.serializeKeysetWithoutSecret(organisation))
                .isInstanceOf(GeneralSecurityException.class);
    }

    // --- a case key sealed at intake ------------------------------------------------------------------------------

    @Test
    void aCaseKeySealedToThePublicKeysetOpensOnlyWithThePrivateKeysetAndItsOwnBinding() throws GeneralSecurityException {
        KeysetHandle organisation = KeysetHandle.generateNew(hpkeX25519Aes256());
        KeysetHandle otherOrganisation = KeysetHandle.generateNew(hpkeX25519Aes256());
        byte[] publicKeyset = TinkProtoKeysetFormat.serializeKeysetWithoutSecret(organisation.getPublicKeysetHandle());

        // The intake: a new case key, a field encrypted with it, the key sealed to the public keyset and forgotten.
        KeysetHandle caseKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] fieldAd = "haven:v1|org-a|case-1|case_file|details".getBytes(StandardCharsets.UTF_8);
        byte[] field = aead(caseKey).encrypt(utf8("Алексей, trans, Чечня"), fieldAd);
        byte[] binding = utf8("case:case-1|org:org-a");
        byte[] sealed = TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset)
                .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class)
                .encrypt(TinkProtoKeysetFormat.serializeKeyset(caseKey, InsecureSecretKeyAccess.get()), binding);

        assertThat(Bytes.indexOf(sealed, aesKeyBytes(caseKey))).as("the case key in clear inside the seal").isEqualTo(-1);

        // A key holder: the organisation's private keyset opens the case key, which opens the field.
        KeysetHandle opened = TinkProtoKeysetFormat.parseKeyset(hybridDecrypt(organisation).decrypt(sealed, binding),
                InsecureSecretKeyAccess.get());
        assertThat(new String(aead(opened).decrypt(field, fieldAd), StandardCharsets.UTF_8)).isEqualTo("Алексей, trans, Чечня");

        // Another organisation's private keyset, or the seal presented for another case, opens nothing.
        assertThatThrownBy(() -> hybridDecrypt(otherOrganisation).decrypt(sealed, binding)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> hybridDecrypt(organisation).decrypt(sealed, utf8("case:case-2|org:org-a")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    // --- the private keyset wrapped per key holder ------------------------------------------------------------------

    /** One stored wrap: what a principal_wrap row would hold (the Argon2id salt and parameters beside the ciphertext). */
    record Wrap(byte[] salt, byte[] wrapped) {
    }

    static byte[] argon2id(char[] password, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(ARGON2_MEMORY_KIB)
                .withIterations(ARGON2_ITERATIONS)
                .withParallelism(ARGON2_PARALLELISM)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] key = new byte[32];
        generator.generateBytes(password, key);
        return key;
    }

    static byte[] fromRecoveryKey(byte[] recoveryKey, byte[] salt) throws GeneralSecurityException {
        return Hkdf.computeHkdf("HMACSHA256", recoveryKey, salt, utf8("haven:recovery-wrap|v1"), 32);
    }

    /** AES-256-GCM under raw key bytes, as a Tink primitive (the wrap key is never stored). */
    static Aead wrapKey(byte[] keyBytes) throws GeneralSecurityException {
        AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
        AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get())).build();
        return aead(KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build());
    }

    static Wrap wrapUnderPassword(KeysetHandle privateKeyset, char[] password, byte[] ad) throws GeneralSecurityException {
        byte[] salt = random(16);
        return new Wrap(salt, TinkProtoKeysetFormat.serializeEncryptedKeyset(privateKeyset, wrapKey(argon2id(password, salt)), ad));
    }

    static KeysetHandle openWithPassword(Wrap wrap, char[] password, byte[] ad) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrap.wrapped(), wrapKey(argon2id(password, wrap.salt())), ad);
    }

    static Wrap wrapUnderRecoveryKey(KeysetHandle privateKeyset, byte[] recoveryKey, byte[] ad) throws GeneralSecurityException {
        byte[] salt = random(16);
        return new Wrap(salt, TinkProtoKeysetFormat.serializeEncryptedKeyset(privateKeyset, wrapKey(fromRecoveryKey(recoveryKey, salt)), ad));
    }

    static KeysetHandle openWithRecoveryKey(Wrap wrap, byte[] recoveryKey, byte[] ad) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrap.wrapped(), wrapKey(fromRecoveryKey(recoveryKey, wrap.salt())), ad);
    }

    @Test
    void thePrivateKeysetWrappedUnderAPasswordAndUnderARecoveryKeyOpensWithEitherAndStillOpensSealedCaseKeys()
            throws GeneralSecurityException {
        KeysetHandle organisation = KeysetHandle.generateNew(hpkeX25519Aes256());
        KeysetHandle caseKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] binding = utf8("case:case-1|org:org-a");
        byte[] sealed = hybridEncrypt(organisation).encrypt(TinkProtoKeysetFormat.serializeKeyset(caseKey, InsecureSecretKeyAccess.get()), binding);

        char[] password = "correct horse battery staple 42".toCharArray();
        byte[] recoveryKey = random(32);
        byte[] passwordAd = utf8("principal:user-1|password|v1");
        byte[] recoveryAd = utf8("principal:recovery-org-a|recovery|v1");
        Wrap byPassword = wrapUnderPassword(organisation, password, passwordAd);
        Wrap byRecovery = wrapUnderRecoveryKey(organisation, recoveryKey, recoveryAd);

        // Neither wrap holds the private key in clear.
        assertThat(Bytes.indexOf(byPassword.wrapped(), privateKeyBytes(organisation))).isEqualTo(-1);
        assertThat(Bytes.indexOf(byRecovery.wrapped(), privateKeyBytes(organisation))).isEqualTo(-1);

        for (KeysetHandle opened : new KeysetHandle[] { openWithPassword(byPassword, password, passwordAd),
                openWithRecoveryKey(byRecovery, recoveryKey, recoveryAd) }) {
            assertThat(privateKeyBytes(opened)).isEqualTo(privateKeyBytes(organisation));
            KeysetHandle caseKeyAgain = TinkProtoKeysetFormat.parseKeyset(hybridDecrypt(opened).decrypt(sealed, binding),
                    InsecureSecretKeyAccess.get());
            assertThat(aesKeyBytes(caseKeyAgain)).isEqualTo(aesKeyBytes(caseKey));
        }
    }

    @Test
    void aWrongPasswordAWrongRecoveryKeyOrAnotherWrapsBindingOpensNothing() throws GeneralSecurityException {
        KeysetHandle organisation = KeysetHandle.generateNew(hpkeX25519Aes256());
        char[] password = "correct horse battery staple 42".toCharArray();
        byte[] recoveryKey = random(32);
        byte[] passwordAd = utf8("principal:user-1|password|v1");
        byte[] recoveryAd = utf8("principal:recovery-org-a|recovery|v1");
        Wrap byPassword = wrapUnderPassword(organisation, password, passwordAd);
        Wrap byRecovery = wrapUnderRecoveryKey(organisation, recoveryKey, recoveryAd);

        assertThatThrownBy(() -> openWithPassword(byPassword, "correct horse battery staple 43".toCharArray(), passwordAd))
                .isInstanceOf(GeneralSecurityException.class);
        byte[] otherRecoveryKey = recoveryKey.clone();
        otherRecoveryKey[0] ^= 1;
        assertThatThrownBy(() -> openWithRecoveryKey(byRecovery, otherRecoveryKey, recoveryAd)).isInstanceOf(GeneralSecurityException.class);
        // The right secret, but the wrap presented as another principal's (a row copied to another user): refused.
        assertThatThrownBy(() -> openWithPassword(byPassword, password, utf8("principal:user-2|password|v1")))
                .isInstanceOf(GeneralSecurityException.class);
        // The right password with another salt (the stored salt swapped): a different key, refused.
        assertThatThrownBy(() -> openWithPassword(new Wrap(random(16), byPassword.wrapped()), password, passwordAd))
                .isInstanceOf(GeneralSecurityException.class);
        // One flipped bit in the stored wrap: refused.
        byte[] tampered = byPassword.wrapped().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> openWithPassword(new Wrap(byPassword.salt(), tampered), password, passwordAd))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theSameArgon2idInputsGiveTheSameKeyAndAnyOtherInputAnother() {
        byte[] salt = random(16);
        byte[] key = argon2id("correct horse battery staple 42".toCharArray(), salt);
        assertThat(argon2id("correct horse battery staple 42".toCharArray(), salt.clone())).isEqualTo(key);
        assertThat(argon2id("correct horse battery staple 43".toCharArray(), salt)).isNotEqualTo(key);
        assertThat(argon2id("correct horse battery staple 42".toCharArray(), random(16))).isNotEqualTo(key);
    }

    // --- granting without the grantee's secret (ADR C.1, C.7) -------------------------------------------------------

    @Test
    void aKeyHolderGrantsTheOrganisationsKeyToAColleagueWithoutKnowingTheColleaguesPassword() throws GeneralSecurityException {
        KeysetHandle organisation = KeysetHandle.generateNew(hpkeX25519Aes256());
        KeysetHandle caseKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] caseBinding = utf8("case:case-1|org:org-a");
        byte[] sealedCaseKey = hybridEncrypt(organisation).encrypt(TinkProtoKeysetFormat.serializeKeyset(caseKey, InsecureSecretKeyAccess.get()),
                caseBinding);

        // The colleague's own key pair, made at activation: the private half stored only under their password.
        char[] colleaguePassword = "another long pass phrase 7".toCharArray();
        KeysetHandle colleague = KeysetHandle.generateNew(hpkeX25519Aes256());
        byte[] colleagueAd = utf8("principal:user-2|password|v1");
        Wrap colleagueWrap = wrapUnderPassword(colleague, colleaguePassword, colleagueAd);
        byte[] colleaguePublic = TinkProtoKeysetFormat.serializeKeysetWithoutSecret(colleague.getPublicKeysetHandle());

        // The coordinator, logged in with the organisation's key open, approves the grant: only the colleague's public keyset is needed.
        byte[] grantBinding = utf8("grant:org-a|principal:user-2");
        byte[] grant = TinkProtoKeysetFormat.parseKeysetWithoutSecret(colleaguePublic)
                .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class)
                .encrypt(TinkProtoKeysetFormat.serializeKeyset(organisation, InsecureSecretKeyAccess.get()), grantBinding);
        assertThat(Bytes.indexOf(grant, privateKeyBytes(organisation))).isEqualTo(-1);

        // The colleague's next log-in: password → own private keyset → the grant → the organisation's key → the case key.
        KeysetHandle ownKey = openWithPassword(colleagueWrap, colleaguePassword, colleagueAd);
        KeysetHandle granted = TinkProtoKeysetFormat.parseKeyset(hybridDecrypt(ownKey).decrypt(grant, grantBinding), InsecureSecretKeyAccess.get());
        KeysetHandle caseKeyAgain = TinkProtoKeysetFormat.parseKeyset(hybridDecrypt(granted).decrypt(sealedCaseKey, caseBinding),
                InsecureSecretKeyAccess.get());
        assertThat(aesKeyBytes(caseKeyAgain)).isEqualTo(aesKeyBytes(caseKey));

        // The grant is worth nothing to anyone else, nor presented as another principal's.
        KeysetHandle stranger = KeysetHandle.generateNew(hpkeX25519Aes256());
        assertThatThrownBy(() -> hybridDecrypt(stranger).decrypt(grant, grantBinding)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> hybridDecrypt(ownKey).decrypt(grant, utf8("grant:org-a|principal:user-3")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    // --- the session attribute (ADR C.4) --------------------------------------------------------------------------

    @Test
    void aKeyDerivedFromTheCookieSecretOpensTheSessionsBundleAndWhatTheDatabaseHoldsDoesNot() throws Exception {
        KeysetHandle organisation = KeysetHandle.generateNew(hpkeX25519Aes256());
        byte[] cookieSecret = random(32);
        // What spring_session.session_id holds: an HMAC of the cookie's secret under a server key (StaffSessionSecrets).
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(random(32), "HmacSHA256"));
        byte[] storedId = Arrays.copyOf(hmac.doFinal(cookieSecret), 27);
        byte[] attributeAd = utf8("session-bundle|org:org-a");

        byte[] attribute = TinkProtoKeysetFormat.serializeEncryptedKeyset(organisation,
                wrapKey(Hkdf.computeHkdf("HMACSHA256", cookieSecret, new byte[0], utf8("haven:session-bundle"), 32)), attributeAd);

        KeysetHandle opened = TinkProtoKeysetFormat.parseEncryptedKeyset(attribute,
                wrapKey(Hkdf.computeHkdf("HMACSHA256", cookieSecret, new byte[0], utf8("haven:session-bundle"), 32)), attributeAd);
        assertThat(privateKeyBytes(opened)).isEqualTo(privateKeyBytes(organisation));
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(attribute,
                wrapKey(Hkdf.computeHkdf("HMACSHA256", storedId, new byte[0], utf8("haven:session-bundle"), 32)), attributeAd))
                .isInstanceOf(GeneralSecurityException.class);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static HybridEncrypt hybridEncrypt(KeysetHandle privateKeyset) throws GeneralSecurityException {
        return privateKeyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
    }

    static HybridDecrypt hybridDecrypt(KeysetHandle privateKeyset) throws GeneralSecurityException {
        return privateKeyset.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
    }

    static byte[] privateKeyBytes(KeysetHandle privateKeyset) {
        return ((HpkePrivateKey) privateKeyset.getPrimary().getKey()).getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    }

    static byte[] aesKeyBytes(KeysetHandle aeadKeyset) {
        return ((AesGcmKey) aeadKeyset.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
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
