package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** {@code keys rotate}: every case key re-wrapped by the new organisation key; an interrupted rotation resumes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class RotationIT {

    @Autowired
    Protection protection;

    record Protected(OrgId org, CaseId caseId, byte[] ciphertext) {
    }

    List<Protected> cases(int organisations, int perOrganisation) {
        List<Protected> all = new ArrayList<>();
        for (int o = 0; o < organisations; o++) {
            OrgId org = OrgId.random();
            for (int c = 0; c < perOrganisation; c++) {
                CaseId caseId = CaseId.random();
                protection.newCase(org, caseId);
                all.add(new Protected(org, caseId, protection.encryptText(new FieldRef(org, caseId, "t", "c"), "text " + caseId)));
            }
        }
        return all;
    }

    void allDecryptAndAreWrappedByTheirOrganisationsPrimary(List<Protected> all) {
        for (Protected p : all) {
            assertThat(protection.decryptText(new FieldRef(p.org(), p.caseId(), "t", "c"), p.ciphertext())).isEqualTo("text " + p.caseId());
            assertThat(protection.caseKeyWrappedBy(p.org(), p.caseId())).isEqualTo(protection.organisationPrimaryKey(p.org()));
        }
    }

    @Test
    void rotationRewrapsEveryCaseKeyAndAnInterruptedOneResumes() {
        List<Protected> all = cases(3, 25);
        Map<OrgId, Long> before = new LinkedHashMap<>();
        all.forEach(p -> before.put(p.org(), protection.organisationPrimaryKey(p.org())));

        AtomicLong total = new AtomicLong();
        KeyRotation first = protection.rotateOrganisationKeys(10, total::set, done -> { });
        assertThat(first.resumed()).isFalse();
        assertThat(first.caseKeys()).isGreaterThanOrEqualTo(75);
        assertThat(total.get()).isEqualTo(first.caseKeys());
        before.forEach((org, old) -> assertThat(protection.organisationPrimaryKey(org)).isNotEqualTo(old));
        allDecryptAndAreWrappedByTheirOrganisationsPrimary(all);

        // The next rotation is killed after its second batch.
        assertThatThrownBy(() -> protection.rotateOrganisationKeys(10, t -> { }, done -> {
            if (done >= 20) {
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");
        long stale = all.stream().filter(p -> protection.caseKeyWrappedBy(p.org(), p.caseId()) != protection.organisationPrimaryKey(p.org()))
                .count();
        assertThat(stale).as("case keys still wrapped by the old key").isPositive();
        for (Protected p : all) { // midway, everything still decrypts: old keys stay in the keyset
            assertThat(protection.decryptText(new FieldRef(p.org(), p.caseId(), "t", "c"), p.ciphertext())).isEqualTo("text " + p.caseId());
        }

        KeyRotation resumed = protection.rotateOrganisationKeys(10, t -> { }, done -> { });
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.caseKeys()).isEqualTo(stale);
        allDecryptAndAreWrappedByTheirOrganisationsPrimary(all);
    }
}
