package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nl.haven.testing.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Issue #23, step 1: an organisation's keys as one bundle, sealed to a key holder and kept in a session under a key
 * from the cookie (docs/adr/0006-sealed-at-rest.md, C.1 and C.4). Round trips, seals that only their principal opens,
 * and malformed bytes that are refused as such, never with another exception.
 */
class KeyBundleTests {

    static KeyBundle bundle() throws GeneralSecurityException {
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        parts.put("hpke", SealedKeys.newKeyPair());
        parts.put("kek", KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        parts.put("blind-index", Tink.newHmacKeyset());
        return new KeyBundle(parts);
    }

    @Test
    void everyPartComesBackThroughItsBytesAsTheSameKey() throws GeneralSecurityException {
        KeyBundle bundle = bundle();
        KeyBundle again = KeyBundle.fromBytes(bundle.toBytes());

        assertThat(again.names()).containsExactly("hpke", "kek", "blind-index");
        byte[] ad = SealedKeys.utf8("field");
        byte[] encrypted = aead(bundle.part("kek")).encrypt(SealedKeys.utf8("Чечня"), ad);
        assertThat(new String(aead(again.part("kek")).decrypt(encrypted, ad), StandardCharsets.UTF_8)).isEqualTo("Чечня");
        byte[] data = SealedKeys.utf8("V1234567890");
        assertThat(mac(again.part("blind-index")).computeMac(data)).isEqualTo(mac(bundle.part("blind-index")).computeMac(data));
        byte[] binding = SealedKeys.utf8("case:c-1|org:o-1");
        byte[] sealed = SealedKeys.seal(SealedKeys.publicKeyset(bundle.part("hpke")), data, binding);
        assertThat(SealedKeys.open(again.part("hpke"), sealed, binding)).isEqualTo(data);
        assertThatThrownBy(() -> again.part("missing")).isInstanceOf(GeneralSecurityException.class).hasMessageContaining("'missing'");
    }

    @Test
    void aBundleSealedToAColleagueOpensWithTheirKeyPairAndBindingOnly() throws GeneralSecurityException {
        KeyBundle bundle = bundle();
        KeysetHandle colleague = SealedKeys.newKeyPair();
        KeysetHandle stranger = SealedKeys.newKeyPair();
        byte[] binding = SealedKeys.utf8("grant:o-1|principal:u-2");

        byte[] grant = bundle.sealTo(SealedKeys.publicKeyset(colleague), binding);
        assertThat(Bytes.indexOf(grant, SealedKeysTests.privateKeyBytes(bundle.part("hpke")))).isEqualTo(-1);
        KeyBundle opened = KeyBundle.openWith(colleague, grant, binding);
        assertThat(SealedKeysTests.privateKeyBytes(opened.part("hpke"))).isEqualTo(SealedKeysTests.privateKeyBytes(bundle.part("hpke")));

        assertThatThrownBy(() -> KeyBundle.openWith(stranger, grant, binding)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> KeyBundle.openWith(colleague, grant, SealedKeys.utf8("grant:o-1|principal:u-3")))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theSessionsCopyOpensWithTheKeyFromTheCookieSecretAndNotWithAnotherKey() throws GeneralSecurityException {
        KeyBundle bundle = bundle();
        byte[] cookieSecret = SealedKeys.random(32);
        byte[] ad = SealedKeys.utf8("session-bundle|org:o-1");
        byte[] attribute = bundle.wrap(SealedKeys.fromSecret(cookieSecret, new byte[0], "session"), ad);

        assertThat(Bytes.indexOf(attribute, SealedKeysTests.privateKeyBytes(bundle.part("hpke")))).isEqualTo(-1);
        assertThat(KeyBundle.unwrap(attribute, SealedKeys.fromSecret(cookieSecret, new byte[0], "session"), ad).names())
                .containsExactly("hpke", "kek", "blind-index");
        assertThatThrownBy(() -> KeyBundle.unwrap(attribute, SealedKeys.fromSecret(SealedKeys.random(32), new byte[0], "session"), ad))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void malformedBundlesAreRefusedSayingWhatIsWrong() throws Exception {
        byte[] good = bundle().toBytes();
        byte[] wrongFormat = good.clone();
        wrongFormat[0] = 9;
        assertThatThrownBy(() -> KeyBundle.fromBytes(wrongFormat)).isInstanceOf(GeneralSecurityException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> KeyBundle.fromBytes(java.util.Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("cut short");
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> KeyBundle.fromBytes(trailing)).isInstanceOf(GeneralSecurityException.class).hasMessageContaining("after its last part");

        byte[] keyset = TinkProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                InsecureSecretKeyAccess.get());
        assertThatThrownBy(() -> KeyBundle.fromBytes(encoded(2, new String[] { "kek", "kek" }, keyset)))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("'kek' twice");
        assertThatThrownBy(() -> KeyBundle.fromBytes(encoded(0, new String[0], keyset))).hasMessageContaining("0 parts");
        assertThatThrownBy(() -> KeyBundle.fromBytes(encoded(Integer.MAX_VALUE, new String[0], keyset))).hasMessageContaining("parts");
        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(huge)) {
            out.writeByte(KeyBundle.FORMAT);
            out.writeInt(1);
            out.writeInt(3);
            out.write(SealedKeys.utf8("kek"));
            out.writeInt(Integer.MAX_VALUE); // a length that would ask for 2 GB
        }
        assertThatThrownBy(() -> KeyBundle.fromBytes(huge.toByteArray())).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("expected 0 to");
        byte[] negative = huge.toByteArray();
        java.nio.ByteBuffer.wrap(negative).putInt(negative.length - 4, -1);
        assertThatThrownBy(() -> KeyBundle.fromBytes(negative)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("-1 bytes");
        assertThatThrownBy(() -> new KeyBundle(Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
    }

    @Property(tries = 300)
    void anyBytesAreEitherABundleOrRefusedAsMalformed(@ForAll("bundleLikeBytes") byte[] bytes) {
        try {
            KeyBundle.fromBytes(bytes);
        } catch (GeneralSecurityException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> bundleLikeBytes() throws GeneralSecurityException {
        byte[] good = bundle().toBytes();
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, good.length - 1).list().ofMaxSize(8).map(positions -> {
            byte[] copy = good.clone();
            for (int position : positions) {
                copy[position] ^= (byte) (1 + position % 255);
            }
            return copy;
        });
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, good.length).map(length -> java.util.Arrays.copyOf(good, length));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        // Any whole number where a count or a length is read: negative, zero, huge.
        Arbitrary<byte[]> lengths = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1, 9), Arbitraries.integers())
                .as((position, value) -> {
                    byte[] copy = good.clone();
                    int at = position == 1 ? 1 : position == 2 ? 5 : position == 3 ? 12 : Math.min(good.length - 4, position * 7);
                    java.nio.ByteBuffer.wrap(copy).putInt(at, value);
                    return copy;
                });
        return Arbitraries.oneOf(mutated, cut, random, lengths);
    }

    @Test
    void aBundlePrintsItsPartsNamesAndNoKey() throws GeneralSecurityException {
        KeyBundle bundle = bundle();
        String printed = bundle.toString();
        assertThat(printed).isEqualTo("KeyBundle[hpke, kek, blind-index]");
        assertThat(printed).doesNotContain(Base64.getEncoder().encodeToString(SealedKeysTests.privateKeyBytes(bundle.part("hpke"))));
    }

    private static byte[] encoded(int count, String[] names, byte[] keyset) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(KeyBundle.FORMAT);
            out.writeInt(count);
            for (String name : names) {
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
                out.writeInt(keyset.length);
                out.write(keyset);
            }
        }
        return buffer.toByteArray();
    }

    static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static Mac mac(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Mac.class);
    }
}
