package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import nl.haven.shared.Languages;

/**
 * {@code reviewedOn} (issue 16, point 5): required in country files and procedure.yaml, optional in route files, and
 * the warning on answers for a date more than 180 days after it. The boundary: day 180 after the review is still
 * current (no warning), day 181 is not (warning).
 */
class PolicyReviewTests {

    static List<String> errorsOf(PolicyFiles files) {
        PolicyDataException e = catchThrowableOfType(PolicyDataException.class, () -> PolicyDataSet.load(files));
        assertThat(e).as("the data set is refused").isNotNull();
        return e.errors();
    }

    static String fixture(String path) {
        return PolicyFixtures.valid().byPath().get(path);
    }

    @Test
    void aCountryFileWithoutReviewedOnIsRefusedNamingFileAndLine() {
        String ru = fixture("countries/RU.yaml").replace("reviewedOn: 2026-11-23\n", "");
        assertThat(errorsOf(PolicyFixtures.validWith("countries/RU.yaml", ru))).containsExactly(
                "countries/RU.yaml:1: missing 'reviewedOn': the day this file was last checked against its sources (YYYY-MM-DD), "
                        + "on the line after schemaVersion");
    }

    @Test
    void aMalformedReviewedOnIsRefusedOnItsLine() {
        String ru = fixture("countries/RU.yaml").replace("reviewedOn: 2026-11-23", "reviewedOn: 2026-02-30");
        assertThat(errorsOf(PolicyFixtures.validWith("countries/RU.yaml", ru)))
                .containsExactly("countries/RU.yaml:2: 'reviewedOn' is '2026-02-30', not a date: expected YYYY-MM-DD");
        String empty = fixture("countries/RU.yaml").replace("reviewedOn: 2026-11-23", "reviewedOn:");
        assertThat(errorsOf(PolicyFixtures.validWith("countries/RU.yaml", empty)))
                .containsExactly("countries/RU.yaml:2: 'reviewedOn' must be a date YYYY-MM-DD, not empty");
    }

    @Test
    void procedureYamlWithoutReviewedOnIsRefused() {
        String procedure = fixture("procedure.yaml").replace("reviewedOn: 2026-11-23\n", "");
        assertThat(errorsOf(PolicyFixtures.validWith("procedure.yaml", procedure)))
                .containsExactly("procedure.yaml:1: missing 'reviewedOn': the day this file was last checked against its sources (YYYY-MM-DD), "
                        + "on the line after schemaVersion");
    }

    @Test
    void routeFilesMayOmitReviewedOnAndEveryReviewIsListed() {
        Map<String, String> files = new TreeMap<>(PolicyFiles.shipped().byPath());
        files.put("routes/daft.yaml", files.get("routes/daft.yaml").replaceFirst("reviewedOn: \\d{4}-\\d{2}-\\d{2}\n", ""));
        PolicyDataSet dataSet = PolicyDataSet.load(PolicyFiles.of(files));
        assertThat(dataSet.routes().get("DAFT").review()).isEqualTo(new Review("routes/daft.yaml", null));
        assertThat(dataSet.reviews()).extracting(Review::file).contains("countries/RU.yaml", "procedure.yaml", "routes/daft.yaml",
                "routes/partner.yaml");
        assertThat(dataSet.reviews()).filteredOn(r -> r.reviewedOn() == null).extracting(Review::file).containsExactly("routes/daft.yaml");
    }

    @Test
    void everyShippedCountryProcedureAndRouteFileHasReviewedOnOnTheLineAfterSchemaVersion() {
        Map<String, String> files = PolicyFiles.shipped().byPath();
        List<String> reviewed = files.keySet().stream()
                .filter(p -> p.startsWith("countries/") || p.startsWith("routes/") || p.equals("procedure.yaml")).toList();
        assertThat(reviewed).contains("countries/RU.yaml", "procedure.yaml", "routes/daft.yaml");
        for (String path : reviewed) {
            List<String> lines = files.get(path).lines().toList();
            int schema = lines.indexOf("schemaVersion: 1");
            assertThat(schema).as(path).isNotNegative();
            assertThat(lines.get(schema + 1)).as("the line after schemaVersion in " + path).matches("reviewedOn: \\d{4}-\\d{2}-\\d{2}");
        }
    }

    @Test
    void day180AfterTheReviewIsCurrentAndDay181IsStale() {
        Review review = new Review("countries/RU.yaml", LocalDate.parse("2026-11-23"));
        // 2026-11-23 + 180 days = 2027-05-22 (7 days of November, 31 + 31 + 28 + 31 + 30 + 22).
        assertThat(review.ageOn(LocalDate.parse("2027-05-22"))).isEqualTo(180);
        assertThat(review.staleOn(LocalDate.parse("2027-05-22"))).isFalse();
        assertThat(review.staleOn(LocalDate.parse("2027-05-23"))).isTrue();
        assertThat(review.staleOn(LocalDate.parse("2017-09-01"))).as("a date before the review").isFalse();
        assertThat(new Review("routes/daft.yaml", null).staleOn(LocalDate.parse("2099-01-01"))).as("no review recorded").isFalse();
        assertThat(review.warning(LocalDate.parse("2027-05-23"), "en")).isEqualTo("countries/RU.yaml was last checked against its sources on "
                + "2026-11-23, 181 days before 2027-05-23: more than 180 days. Check that this answer is still current.");
        assertThat(review.warning(LocalDate.parse("2027-05-23"), "nl")).startsWith("countries/RU.yaml is op 2026-11-23 voor het laatst");
        assertThat(review.warning(LocalDate.parse("2027-05-23")).byLanguage()).containsOnlyKeys(Languages.codes());
    }

    @Test
    void anAssessmentMoreThan180DaysAfterTheCountryReviewCarriesTheWarning() {
        PolicyEngine engine = new PolicyEngine(PolicyDataSet.load(PolicyFixtures.valid()));
        AssessmentDocument current = AssessmentDocument.of(engine.assess(engine.query("RU", null, List.of("gay"), List.of(), "2027-05-22", null)),
                engine.dataSet(), "en");
        assertThat(current.review()).isEqualTo(new AssessmentDocument.ReviewView("2026-11-23", false));
        assertThat(current.warnings()).noneMatch(w -> w.contains("last checked"));
        AssessmentDocument stale = AssessmentDocument.of(engine.assess(engine.query("RU", null, List.of("gay"), List.of(), "2027-05-23", null)),
                engine.dataSet(), "nl");
        assertThat(stale.review()).isEqualTo(new AssessmentDocument.ReviewView("2026-11-23", true));
        assertThat(stale.warnings()).contains("countries/RU.yaml is op 2026-11-23 voor het laatst aan de bronnen getoetst, 181 dagen vóór "
                + "2027-05-23: meer dan 180 dagen. Controleer of dit antwoord nog actueel is.");
        AssessmentDocument noFile = AssessmentDocument.of(engine.assess(engine.query("MA", null, List.of("gay"), List.of(), "2030-01-01", null)),
                engine.dataSet(), "en");
        assertThat(noFile.review()).as("a country without a file of its own").isEqualTo(new AssessmentDocument.ReviewView(null, false));
    }

    @Test
    void aDeadlineForAnEventMoreThan180DaysAfterTheProcedureReviewCarriesTheWarning() {
        // procedure.yaml reviewed on 2025-12-01: day 180 is 2026-05-30, day 181 is 2026-05-31 (the fixture's calendar covers 2026).
        String procedure = fixture("procedure.yaml").replace("reviewedOn: 2026-11-23", "reviewedOn: 2025-12-01");
        LegalTerms terms = LegalTerms.of(PolicyDataSet.load(PolicyFixtures.validWith("procedure.yaml", procedure)));
        assertThat(terms.due("fixture-appeal-term", LocalDate.parse("2026-05-30"), "short").warnings()).isEmpty();
        Deadline stale = terms.due("fixture-appeal-term", LocalDate.parse("2026-05-31"), "short");
        assertThat(stale.warnings()).hasSize(1);
        assertThat(stale.warnings().get(0).en()).isEqualTo("procedure.yaml was last checked against its sources on 2025-12-01, 181 days before "
                + "2026-05-31: more than 180 days. Check that this answer is still current.");
        assertThat(stale.warnings().get(0).in("nl")).startsWith("procedure.yaml is op 2025-12-01 voor het laatst aan de bronnen getoetst");
    }
}
