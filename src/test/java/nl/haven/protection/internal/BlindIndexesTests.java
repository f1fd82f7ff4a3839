package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the bundle's blind-index keys give a value (ADR 0006 step 9). */
class BlindIndexesTests {
    private static final byte[] VALUE = "v123456789".getBytes(StandardCharsets.UTF_8);

    @Test
    void anIndexWithAKeyOfItsOwnKeepsItsValuesAndEveryOtherIndexTakesDistinctValuesFromTheRoot() throws Exception {
        KeysetHandle own = Tink.newHmacKeyset();
        KeysetHandle root = Tink.newHmacKeyset();
        KeyBundle bundle = new KeyBundle(Map.of(BlindIndexes.PART + "case.v-number", own, BlindIndexes.ROOT, root));

        assertThat(BlindIndexes.compute(bundle, "case.v-number", VALUE)).isEqualTo(Tink.mac(own).computeMac(VALUE));
        byte[] phone = BlindIndexes.compute(bundle, "case.phone", VALUE);
        byte[] email = BlindIndexes.compute(bundle, "case.email", VALUE);
        assertThat(phone).isNotEqualTo(email).isNotEqualTo(Tink.mac(root).computeMac(VALUE));
        assertThat(BlindIndexes.compute(bundle, "case.phone", VALUE)).as("deterministic").isEqualTo(phone);
        // the name and the value are length-prefixed: moving a character from one to the other changes the value
        assertThat(BlindIndexes.compute(bundle, "case.phonev", "123456789".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(phone);
        assertThat(BlindIndexes.compute(new KeyBundle(Map.of(BlindIndexes.ROOT, Tink.newHmacKeyset())), "case.phone", VALUE))
                .as("another organisation's root").isNotEqualTo(phone);
    }

    @Test
    void aBundleWithoutBlindIndexKeysGivesNoValueAndANameOutsideTheAlphabetIsRefused() throws Exception {
        assertThat(BlindIndexes.compute(new KeyBundle(Map.of(OrgGrants.KEK, Tink.newAeadKeyset())), "case.phone", VALUE)).isNull();
        assertThat(BlindIndexes.checkName("case.v-number")).isEqualTo("case.v-number");
        for (String bad : new String[] {BlindIndexes.ROOT_ROW, "", "case*", "case phone", "x".repeat(49), ".case"}) {
            assertThatThrownBy(() -> BlindIndexes.checkName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
