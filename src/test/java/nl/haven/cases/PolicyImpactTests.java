package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicySource;
import org.junit.jupiter.api.Test;

/** Which nationalities a policy change can touch: the impact run decrypts only their open cases. */
class PolicyImpactTests {

    @Test
    void theExampleChangeTouchesTheUnitedStatesOnly() throws Exception {
        PolicyDataSet shipped = PolicyDataSet.shipped();
        String change = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml"));
        PolicyDataSet changed = new PolicySource(PolicyFiles.shipped(), "change.yaml", change).load();
        assertThat(PolicyImpact.changedCountries(shipped, changed)).containsExactly("US");
        assertThat(PolicyImpact.changedCountries(shipped, shipped)).isEmpty();
    }

    @Test
    void aDayOnWhichAProvisionStartsConcernsItsCountry() throws Exception {
        String change = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml")).replace("2026-01-01", "2026-12-07");
        PolicyDataSet changed = new PolicySource(PolicyFiles.shipped(), "change.yaml", change).load();
        assertThat(PolicyImpact.boundaries(changed)).contains(LocalDate.of(2026, 12, 7));
        assertThat(PolicyImpact.countriesChangingOn(changed, LocalDate.of(2026, 12, 7))).containsExactly("US");
        assertThat(PolicyImpact.countriesChangingOn(changed, LocalDate.of(2026, 12, 8))).isEmpty();
    }
}
