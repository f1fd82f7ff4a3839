package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicySource;
import nl.haven.routes.Outcome;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.Route;
import nl.haven.routes.RouteAdvisor;
import org.junit.jupiter.api.Test;

/** Which nationalities a policy change can touch: the impact run decrypts only their open cases. */
public class PolicyImpactTests {

    @Test
    void theExampleChangeTouchesTheUnitedStatesOnly() throws Exception {
        PolicyDataSet shipped = PolicyDataSet.shipped();
        String change = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml"));
        PolicyDataSet changed = new PolicySource(PolicyFiles.shipped(), "change.yaml", change).load();
        assertThat(ImpactScope.changedCountries(shipped, changed)).containsExactly("US");
        assertThat(ImpactScope.changedCountries(shipped, shipped)).isEmpty();
    }

    @Test
    void aDayOnWhichAProvisionStartsConcernsItsCountry() throws Exception {
        // A day on which nothing of the shipped data starts or ends (the data grows: 2026-12-07 now starts entries of
        // four countries added with issue #22), so that the change's own country is the only one.
        String change = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml")).replace("2026-01-01", "2031-03-03");
        PolicyDataSet changed = new PolicySource(PolicyFiles.shipped(), "change.yaml", change).load();
        assertThat(ImpactScope.boundaries(PolicyDataSet.shipped())).doesNotContain(LocalDate.of(2031, 3, 3), LocalDate.of(2031, 3, 4));
        assertThat(ImpactScope.boundaries(changed)).contains(LocalDate.of(2031, 3, 3));
        assertThat(ImpactScope.countriesChangingOn(changed, LocalDate.of(2031, 3, 3))).containsExactly("US");
        assertThat(ImpactScope.countriesChangingOn(changed, LocalDate.of(2031, 3, 4))).isEmpty();
    }

    /** The shipped data set with the 2026 salary criterion for highly skilled migrants of 30 and over raised from 5942 to 6500. */
    public static PolicyFiles withHigherHsmCriterion() {
        Map<String, String> files = new TreeMap<>(PolicyFiles.shipped().byPath());
        String hsm = files.get("routes/highly-skilled-migrant.yaml");
        String raised = hsm.replace("{ validFrom: 2026-01-01, validTo: 2027-01-01, value: 5942,", "{ validFrom: 2026-01-01, validTo: 2027-01-01, value: 6500,");
        assertThat(raised).as("the fixture finds the 2026 criterion it raises").isNotEqualTo(hsm);
        files.put("routes/highly-skilled-migrant.yaml", raised);
        return PolicyFiles.of(files);
    }

    @Test
    void aChangedRouteThresholdConcernsEveryNationality() {
        PolicyDataSet shipped = PolicyDataSet.shipped();
        PolicyDataSet raised = PolicyDataSet.load(withHigherHsmCriterion());
        assertThat(ImpactScope.changedCountries(shipped, raised)).as("null: every nationality's route outcome may change").isNull();
        // A route threshold's first and last day are days on which every open case is evaluated again.
        assertThat(ImpactScope.boundaries(shipped)).contains(LocalDate.of(2027, 1, 1));
        assertThat(ImpactScope.routeDays(shipped)).contains(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));
        assertThat(ImpactScope.countriesChangingOn(shipped, LocalDate.of(2027, 1, 1))).isNull();
        // The profile the integration test uses is open under the shipped criterion and not under the raised one.
        String profile = "{\"nationality\": \"US\", \"date\": \"2026-12-06\", \"dateOfBirth\": \"1980-05-01\", "
                + "\"jobOffer\": {\"grossMonthlySalaryEur\": 6000, \"recognisedSponsor\": true}}";
        ProfileParser parser = new ProfileParser(Clock.systemUTC());
        assertThat(new RouteAdvisor(new PolicyEngine(shipped)).advise(parser.parse(profile), "en").route(Route.HIGHLY_SKILLED_MIGRANT).outcome())
                .isEqualTo(Outcome.ELIGIBLE);
        assertThat(new RouteAdvisor(new PolicyEngine(raised)).advise(parser.parse(profile), "en").route(Route.HIGHLY_SKILLED_MIGRANT).outcome())
                .isEqualTo(Outcome.NOT_ELIGIBLE);
    }

    @Test
    void answersDifferInTheirRoutesOnlyWhereBothWereEvaluated() {
        FrameworkAnswer hsmOpen = new FrameworkAnswer("INDIVIDUAL_ASSESSMENT", false, null, List.of(), List.of(),
                Map.of("HIGHLY_SKILLED_MIGRANT", "ELIGIBLE", "PARTNER", "NEEDS_INFORMATION"));
        FrameworkAnswer hsmClosed = hsmOpen.withRoutes(Map.of("HIGHLY_SKILLED_MIGRANT", "NOT_ELIGIBLE", "PARTNER", "NEEDS_INFORMATION"));
        FrameworkAnswer recorded = hsmOpen.withRoutes(Map.of());
        assertThat(hsmOpen.sameAs(hsmClosed)).isFalse();
        assertThat(hsmOpen.routesChangedFrom(hsmClosed)).containsExactly("HIGHLY_SKILLED_MIGRANT");
        assertThat(hsmOpen.sameAs(recorded)).as("a recorded framework holds no routes: only the assessment is compared").isTrue();
        assertThat(recorded.routesChangedFrom(hsmOpen)).isEmpty();
    }
}
