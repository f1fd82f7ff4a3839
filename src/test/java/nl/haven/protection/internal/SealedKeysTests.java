package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import nl.haven.protection.internal.SealedKeys.Argon2Cost;
import nl.haven.protection.internal.SealedKeys.PasswordKeys;
import nl.haven.testing.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Issue #23, step 1 (docs/adr/0006-sealed-at-rest.md): the key pairs and wraps of "sealed at rest" as production code.
 * Round trips, the binding of every seal and wrap to its owner, wrong secrets, stored parameters that are honoured,
 * and that no secret reaches a string.
 */
class SealedKeysTests {
    /** Small enough for a unit test; the production cost is tested once ({@link #theOwaspMinimumIsTheDefaultCost}). */
    static final Argon2Cost CHEAP = new Argon2Cost(1024, 1, 1);
    static final char[] PASSWORD = "correct horse battery staple 42".toCharArray();

    @Test
    void aKeyPairSealsWithItsPublicKeysetAloneAndOpensOnlyWithItsPrivateKeysetAndTheSameBinding() throws GeneralSecurityException {
        KeysetHandle organisation = SealedKeys.newKeyPair();
        KeysetHandle other = SealedKeys.newKeyPair();
        byte[] publicKeyset = SealedKeys.publicKeyset(organisation);
        byte[] binding = SealedKeys.utf8("case:c-1|org:o-1");

        assertThat(Bytes.indexOf(publicKeyset, privateKeyBytes(organisation))).as("the private key in the public keyset").isEqualTo(-1);
        byte[] sealed = SealedKeys.seal(publicKeyset, SealedKeys.utf8("Алексей — مرحبا"), binding);
        assertThat(new String(SealedKeys.open(organisation, sealed, binding), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("Алексей — مرحبا");

        assertThatThrownBy(() -> SealedKeys.open(other, sealed, binding)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> SealedKeys.open(organisation, sealed, SealedKeys.utf8("case:c-2|org:o-1")))
                .isInstanceOf(GeneralSecurityException.class);
        byte[] flipped = sealed.clone();
        flipped[flipped.length / 2] ^= 1;
        assertThatThrownBy(() -> SealedKeys.open(organisation, flipped, binding)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aSealedKeysetComesBackAsTheSameKeyAndIsNotInTheSealInTheClear() throws GeneralSecurityException {
        KeysetHandle organisation = SealedKeys.newKeyPair();
        KeysetHandle caseKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] binding = SealedKeys.utf8("case:c-1|org:o-1");

        byte[] sealed = SealedKeys.sealKeyset(SealedKeys.publicKeyset(organisation), caseKey, binding);
        assertThat(Bytes.indexOf(sealed, aesKeyBytes(caseKey))).isEqualTo(-1);
        KeysetHandle opened = SealedKeys.openKeyset(organisation, sealed, binding);
        assertThat(aesKeyBytes(opened)).isEqualTo(aesKeyBytes(caseKey));
    }

    @Test
    void onePasswordComputationGivesTheSameVerifierAndWrapKeyForTheSameInputsAndOthersForAnyOther() throws GeneralSecurityException {
        byte[] salt = SealedKeys.newSalt();
        PasswordKeys keys = SealedKeys.fromPassword(PASSWORD, salt, CHEAP);
        KeysetHandle principal = SealedKeys.newKeyPair();
        byte[] ad = SealedKeys.utf8("principal:u-1|password|v1");
        byte[] wrapped = SealedKeys.wrap(principal, keys.wrapKey(), ad);

        PasswordKeys again = SealedKeys.fromPassword(PASSWORD.clone(), salt.clone(), CHEAP);
        assertThat(again.verifies(keys.verifier())).isTrue();
        assertThat(privateKeyBytes(SealedKeys.unwrap(wrapped, again.wrapKey(), ad))).isEqualTo(privateKeyBytes(principal));

        PasswordKeys wrongPassword = SealedKeys.fromPassword("correct horse battery staple 43".toCharArray(), salt, CHEAP);
        PasswordKeys otherSalt = SealedKeys.fromPassword(PASSWORD, SealedKeys.newSalt(), CHEAP);
        PasswordKeys otherCost = SealedKeys.fromPassword(PASSWORD, salt, new Argon2Cost(1024, 2, 1));
        for (PasswordKeys other : new PasswordKeys[] { wrongPassword, otherSalt, otherCost }) {
            assertThat(other.verifies(keys.verifier())).isFalse();
            assertThatThrownBy(() -> SealedKeys.unwrap(wrapped, other.wrapKey(), ad)).isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void theStoredVerifierIsNotTheWrapKeyAndOpensNothing() throws GeneralSecurityException {
        PasswordKeys keys = SealedKeys.fromPassword(PASSWORD, SealedKeys.newSalt(), CHEAP);
        KeysetHandle principal = SealedKeys.newKeyPair();
        byte[] ad = SealedKeys.utf8("principal:u-1|password|v1");
        byte[] wrapped = SealedKeys.wrap(principal, keys.wrapKey(), ad);

        // Whoever copies the database has the verifier: used as a key it opens nothing.
        Aead fromVerifier = SealedKeys.aesGcm(keys.verifier());
        assertThatThrownBy(() -> SealedKeys.unwrap(wrapped, fromVerifier, ad)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aWrapOpensOnlyUnderItsOwnAssociatedDataAndUnchanged() throws GeneralSecurityException {
        PasswordKeys keys = SealedKeys.fromPassword(PASSWORD, SealedKeys.newSalt(), CHEAP);
        KeysetHandle principal = SealedKeys.newKeyPair();
        byte[] wrapped = SealedKeys.wrap(principal, keys.wrapKey(), SealedKeys.utf8("principal:u-1|password|v1"));

        assertThat(Bytes.indexOf(wrapped, privateKeyBytes(principal))).isEqualTo(-1);
        assertThatThrownBy(() -> SealedKeys.unwrap(wrapped, keys.wrapKey(), SealedKeys.utf8("principal:u-2|password|v1")))
                .as("the row copied to another principal").isInstanceOf(GeneralSecurityException.class);
        byte[] tampered = wrapped.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> SealedKeys.unwrap(tampered, keys.wrapKey(), SealedKeys.utf8("principal:u-1|password|v1")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aHighEntropySecretGivesAWrapKeyBoundToItsSaltAndPurposeAndAShortOneIsRefused() throws GeneralSecurityException {
        byte[] tokenSecret = SealedKeys.random(32);
        byte[] salt = SealedKeys.newSalt();
        KeysetHandle principal = SealedKeys.newKeyPair();
        byte[] ad = SealedKeys.utf8("principal:token-7|token|v1");
        byte[] wrapped = SealedKeys.wrap(principal, SealedKeys.fromSecret(tokenSecret, salt, "token:7"), ad);

        assertThat(privateKeyBytes(SealedKeys.unwrap(wrapped, SealedKeys.fromSecret(tokenSecret.clone(), salt, "token:7"), ad)))
                .isEqualTo(privateKeyBytes(principal));
        byte[] otherSecret = tokenSecret.clone();
        otherSecret[0] ^= 1;
        assertThatThrownBy(() -> SealedKeys.unwrap(wrapped, SealedKeys.fromSecret(otherSecret, salt, "token:7"), ad))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> SealedKeys.unwrap(wrapped, SealedKeys.fromSecret(tokenSecret, SealedKeys.newSalt(), "token:7"), ad))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> SealedKeys.unwrap(wrapped, SealedKeys.fromSecret(tokenSecret, salt, "recovery:o-1"), ad))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> SealedKeys.fromSecret(new byte[15], salt, "token:7"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("15 bytes");
    }

    @Test
    void theOwaspMinimumIsTheDefaultCostAndAnImpossibleCostIsRefusedByName() throws GeneralSecurityException {
        assertThat(Argon2Cost.OWASP_MINIMUM).isEqualTo(new Argon2Cost(19_456, 2, 1));
        PasswordKeys keys = SealedKeys.fromPassword(PASSWORD, SealedKeys.newSalt(), Argon2Cost.OWASP_MINIMUM);
        assertThat(keys.verifier()).hasSize(32);

        assertThatThrownBy(() -> new Argon2Cost(4, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m=4 KiB").hasMessageContaining("expected");
        assertThatThrownBy(() -> new Argon2Cost(1024, 0, 1)).hasMessageContaining("t=0");
    }

    @Test
    void passwordKeysPrintNoneOfTheirBytes() throws GeneralSecurityException {
        PasswordKeys keys = SealedKeys.fromPassword(PASSWORD, SealedKeys.newSalt(), CHEAP);
        String printed = keys.toString();
        assertThat(printed).doesNotContain(HexFormat.of().formatHex(keys.verifier()))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(keys.verifier())).isEqualTo("PasswordKeys[…]");
        // the verifier handed out is a copy: changing it changes nothing stored inside
        byte[] copy = keys.verifier();
        copy[0] ^= 1;
        assertThat(keys.verifies(copy)).isFalse();
        assertThat(keys.verifies(keys.verifier())).isTrue();
    }

    static byte[] privateKeyBytes(KeysetHandle keyPair) {
        return ((HpkePrivateKey) keyPair.getPrimary().getKey()).getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    }

    static byte[] aesKeyBytes(KeysetHandle keyset) {
        return ((AesGcmKey) keyset.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    }

    static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }
}
