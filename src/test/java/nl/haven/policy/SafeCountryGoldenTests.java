package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Golden cases for the safe-country lists at their 2025-2026 boundaries ({@code src/test/resources/policy/safe-countries-golden.yaml}),
 * worked out by hand: which listing is in force, at which level, whether a statement stops it, whether the presumption
 * applies, which statements are shown, and under which law the answer is given.
 */
class SafeCountryGoldenTests {

    static final PolicyEngine ENGINE = PolicyGoldenTests.ENGINE;
    static final Path GOLDEN = Path.of("src/test/resources/policy/safe-countries-golden.yaml");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() throws IOException {
        try (InputStream in = Files.newInputStream(GOLDEN)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (List<Map<String, Object>>) root.get("cases");
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("country") + " on " + PolicyGoldenTests.string(c.get("date"))
                + (c.get("knownAt") == null ? "" : " known at " + PolicyGoldenTests.string(c.get("knownAt"))), () -> check(c)));
    }

    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> c) {
        Assessment a = ENGINE.assess(ENGINE.query(String.valueOf(c.get("country")), null, List.of("gay"), List.of(),
                PolicyGoldenTests.string(c.get("date")), PolicyGoldenTests.string(c.get("knownAt"))));
        assertThat(a.listing() == null ? null : a.listing().id()).as("listing").isEqualTo(c.get("listing"));
        assertThat(a.listing() == null ? null : a.listing().level().name()).as("level").isEqualTo(c.get("level"));
        assertThat(a.safeCountryException()).as("exception").isEqualTo(c.get("exception"));
        assertThat(a.listingStoppedBy() == null ? null : a.listingStoppedBy().id()).as("stoppedBy").isEqualTo(c.get("stoppedBy"));
        assertThat(a.safeCountryApplied()).as("applied").isEqualTo(c.get("applied"));
        assertThat(a.listStatements()).extracting(ListStatement::id).as("statements")
                .containsExactlyInAnyOrderElementsOf((List<String>) c.get("statements"));
        assertThat(ENGINE.dataSet().regimesOn(a.date())).extracting(Regime::id).as("law").containsExactlyElementsOf((List<String>) c.get("law"));
        // The document says the same as the engine.
        AssessmentDocument doc = AssessmentDocument.of(a, ENGINE.dataSet(), "en");
        assertThat(doc.safeCountryOfOrigin().applied()).isEqualTo(c.get("applied"));
        assertThat(doc.safeCountryOfOrigin().stoppedBy()).isEqualTo(c.get("stoppedBy"));
        assertThat(doc.law()).extracting(AssessmentDocument.RegimeView::id).containsExactlyElementsOf((List<String>) c.get("law"));
    }

    /** The issue's minimum: the three boundaries for at least these countries. */
    @Test
    void coversEveryBoundaryForTheCountriesTheIssueNames() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Map<String, Object> c : cases()) {
            seen.add(c.get("country") + "@" + PolicyGoldenTests.string(c.get("date")));
        }
        for (String country : List.of("MA", "SN", "GH", "JM", "TN", "EG", "BD", "IN", "CO", "XK", "US", "GE", "RS")) {
            for (String date : List.of("2025-08-04", "2025-08-05", "2025-09-22", "2025-09-23", "2026-06-11", "2026-06-12")) {
                assertThat(seen).as("golden cases").contains(country + "@" + date);
            }
        }
    }

    @Test
    void theEuListingOfMoroccoSaysItsExceptionsWereNotRead() {
        Assessment a = ENGINE.assess(ENGINE.query("MA", null, List.of("gay"), List.of(), "2026-12-06", null));
        AssessmentDocument doc = AssessmentDocument.of(a, ENGINE.dataSet(), "en");
        assertThat(doc.safeCountryOfOrigin().exceptionsKnown()).isFalse();
        assertThat(doc.warnings()).anyMatch(w -> w.contains("eu-safe-ma") && w.contains("not read"));
        assertThat(doc.explanation()).anyMatch(w -> w.contains("EU list") && w.contains("was not confirmed"));
        assertThat(doc.explanation()).anyMatch(w -> w.startsWith("Law in force on this date: Aliens Act 2000 as amended"));
    }

    @Test
    void aSuspendedListingIsExplainedWithTheStatement() {
        Assessment a = ENGINE.assess(ENGINE.query("US", null, List.of("trans"), List.of(), "2025-10-01", null));
        AssessmentDocument doc = AssessmentDocument.of(a, ENGINE.dataSet(), "nl");
        assertThat(doc.explanation()).anyMatch(l -> l.contains("opgeschort") && l.contains("nl-suspension-2025-09-23"));
        assertThat(doc.listStatements()).extracting(AssessmentDocument.StatementView::id).containsExactly("nl-suspension-2025-09-23");
    }
}
