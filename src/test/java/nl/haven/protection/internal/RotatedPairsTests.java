package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ADR 0006 C.10: a rotation on a sealed installation gives the organisation a new key pair; the one it replaces stays in
 * the bundle (the newest {@value OrgGrants#PREVIOUS_PAIRS_KEPT}) so that case keys sealed to it — before the rotation, or
 * by a node that still had the old public key — open, and the current pair is tried first.
 */
class RotatedPairsTests {

    @Test
    void aCaseKeySealedToAReplacedPairStillOpensAndOnlyTheNewestReplacedPairsAreKept() throws GeneralSecurityException {
        UUID org = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        KeysetHandle first = SealedKeys.newKeyPair();
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        parts.put(OrgGrants.PAIR, first);
        parts.put(OrgGrants.KEK, Tink.newAeadKeyset());
        KeyBundle bundle = new KeyBundle(parts);
        Map<String, KeysetHandle> caseKeys = new LinkedHashMap<>();
        caseKeys.put(KeyManagement.AEAD, Tink.newAeadKeyset());
        byte[] sealedToFirst = new KeyBundle(caseKeys).sealTo(SealedKeys.publicKeyset(first), KeyManagement.caseBinding(org, caseId));

        List<KeysetHandle> made = new ArrayList<>(List.of(first));
        for (int rotation = 1; rotation <= 6; rotation++) {
            KeysetHandle next = SealedKeys.newKeyPair();
            bundle = OrgGrants.withNewPair(bundle, next);
            made.add(next);
            List<KeysetHandle> pairs = OrgGrants.pairs(bundle);
            assertThat(pairs.get(0)).as("the current pair first").isSameAs(next);
            assertThat(pairs).hasSize(1 + Math.min(rotation, OrgGrants.PREVIOUS_PAIRS_KEPT));
            // newest first among the replaced ones
            for (int i = 1; i < pairs.size(); i++) {
                assertThat(pairs.get(i)).isSameAs(made.get(made.size() - 1 - i));
            }
            assertThat(bundle.names()).contains(OrgGrants.KEK);
            if (rotation <= OrgGrants.PREVIOUS_PAIRS_KEPT) {
                assertThat(KeyManagement.openSealedCaseKeys(pairs, org, caseId, sealedToFirst).names()).containsExactly(KeyManagement.AEAD);
            } else {
                List<KeysetHandle> kept = pairs;
                assertThatThrownBy(() -> KeyManagement.openSealedCaseKeys(kept, org, caseId, sealedToFirst))
                        .isInstanceOf(GeneralSecurityException.class);
            }
        }
        // Bound to its case: the right pair does not open it for another.
        assertThatThrownBy(() -> KeyManagement.openSealedCaseKeys(List.of(first), org, UUID.randomUUID(), sealedToFirst))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
