package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Change files for the what-if, applied on top of the shipped data set through the loader. */
class PolicyChangeTests {
    static final PolicyFiles SHIPPED = PolicyFiles.shipped();
    static final PolicyDataSet CURRENT = PolicyDataSet.load(SHIPPED);

    static Assessment assess(PolicyDataSet dataSet, String date) {
        return new PolicyEngine(dataSet).assess(new AssessmentQuery("US", null, EnumSet.of(Group.TRANS), Set.of(), LocalDate.parse(date), null));
    }

    @Test
    void theExampleChangeMakesTransPeopleFromTheUsARiskGroupFrom2026() throws Exception {
        String text = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml"));
        PolicyChange change = PolicyChange.apply(SHIPPED, CURRENT, "us.yaml", text);
        assertThat(change.added()).extracting(Provision::id).containsExactlyInAnyOrder("us-trans-risk-group-2026", "us-lgbiq-no-group-policy-2026");
        assertThat(change.replaced()).extracting(Provision::id).containsExactlyInAnyOrder("us-trans-no-group-policy", "us-lgbtiq-no-group-policy");
        assertThat(change.from()).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(change.dataSet().version()).isNotEqualTo(CURRENT.version());
        assertThat(change.dataSet().provision("us-trans-risk-group-2026").orElseThrow().origin()).startsWith("us.yaml:");
        // Before the change nothing differs; from its first day the standard does.
        assertThat(assess(change.dataSet(), "2025-12-31").standard()).isEqualTo(EvidentiaryStandard.INDIVIDUAL_ASSESSMENT);
        assertThat(assess(change.dataSet(), "2026-01-01").standard()).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
        assertThat(assess(CURRENT, "2026-01-01").standard()).isEqualTo(EvidentiaryStandard.INDIVIDUAL_ASSESSMENT);
        // The current data set is untouched.
        assertThat(CURRENT.provision("us-trans-risk-group-2026")).isEmpty();
    }

    @Test
    void aChangeThatContradictsAStatementInForceIsRefusedNamingTheChangeFile() throws Exception {
        PolicyDataException e = catchThrowableOfType(PolicyDataException.class, () -> PolicyChange.apply(SHIPPED, CURRENT, "bad.yaml",
                Files.readString(Path.of("docs/examples/what-if-invalid.yaml"))));
        assertThat(e).isNotNull();
        assertThat(e.errors()).anySatisfy(error -> assertThat(error).startsWith("bad.yaml:8: unknown group 'transgender'"));
        assertThat(e.errors()).anySatisfy(error -> assertThat(error).startsWith("bad.yaml:13: unknown source id 'no-such-source'"));
        assertThat(e.errors()).anySatisfy(error -> assertThat(error).startsWith("bad.yaml:17: 'us-trans-risk-group-now' (RISK_GROUP) contradicts "
                + "'us-trans-no-group-policy'"));
    }

    @Test
    void aChangeMayNotTakeOverAnotherCountrysProvisionOrBeEmpty() {
        PolicyDataException other = catchThrowableOfType(PolicyDataException.class, () -> PolicyChange.apply(SHIPPED, CURRENT, "x.yaml", """
                schemaVersion: 1
                country: US
                provisions:
                  - id: ru-lgbt-risk-group
                    kind: RISK_GROUP
                    appliesTo: [lgbti]
                    validFrom: 2026-01-01
                    validTo: null
                    publishedOn: 2026-01-01
                    confidence: SECONDARY
                    sources: [kv-2025z09558]
                    summary: { en: "x", nl: "x" }
                """));
        assertThat(other).isNotNull();
        assertThat(other.errors()).anySatisfy(error -> assertThat(error).startsWith("x.yaml:4: id 'ru-lgbt-risk-group' is a provision of RU"));
        PolicyDataException empty = catchThrowableOfType(PolicyDataException.class,
                () -> PolicyChange.apply(SHIPPED, CURRENT, "e.yaml", "schemaVersion: 1\ncountry: US\nprovisions: []\n"));
        assertThat(empty.errors()).anySatisfy(error -> assertThat(error).contains("e.yaml:1: a change names at least one provision"));
        PolicyDataException yaml = catchThrowableOfType(PolicyDataException.class,
                () -> PolicyChange.apply(SHIPPED, CURRENT, "y.yaml", "schemaVersion: 1\ncountry: [\n"));
        assertThat(yaml.errors()).anySatisfy(error -> assertThat(error).startsWith("y.yaml:").contains("not valid YAML"));
    }
}
