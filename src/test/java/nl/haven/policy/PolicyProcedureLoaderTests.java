package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code procedure.yaml} through the strict loader: the paired fixtures, the shipped file, and one
 * broken variation per rule, each reported as {@code procedure.yaml:LINE: message}.
 */
class PolicyProcedureLoaderTests {

    static final String VALID = PolicyFixtures.valid().byPath().get("procedure.yaml");

    /** The 1-based line of the first line of {@code text} that contains {@code snippet}. */
    static int line(String text, String snippet) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(snippet)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + snippet);
    }

    static List<String> errorsOf(String procedure) {
        PolicyDataException e = catchThrowableOfType(PolicyDataException.class,
                () -> PolicyDataSet.load(PolicyFixtures.validWith("procedure.yaml", procedure)));
        assertThat(e).as("the loader refuses the file").isNotNull();
        return e.errors();
    }

    /** {@code VALID} with the first occurrence of {@code from} replaced. */
    static String validWith(String from, String to) {
        assertThat(VALID).contains(from);
        return VALID.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    @Test
    void loadsTheValidFixture() {
        Procedure procedure = PolicyDataSet.load(PolicyFixtures.valid()).procedure();
        assertThat(procedure.terms()).containsOnlyKeys("fixture-appeal-term", "fixture-decision-time-limit");
        LegalTerm appeal = procedure.term("fixture-appeal-term").orElseThrow();
        assertThat(appeal.tracked()).isTrue();
        assertThat(appeal.versions()).extracting(LegalTerm.Version::validFrom).containsExactly(LocalDate.parse("2020-01-01"),
                LocalDate.parse("2026-06-12"));
        assertThat(appeal.versionOn(LocalDate.parse("2026-06-11")).orElseThrow().tracks()).containsExactly("short", "other");
        assertThat(procedure.term("fixture-decision-time-limit").orElseThrow().versions().get(0).length(null).orElseThrow())
                .isEqualTo(new TermLength(null, 6, TermUnit.MONTHS, "art. 42(1)"));
        assertThat(procedure.holidays()).extracting(HolidayRule::id).containsExactly("fixture-christmas", "fixture-easter-monday");
        assertThat(procedure.equatedDays()).singleElement().satisfies(e -> {
            assertThat(e.years()).containsExactly(2026);
            assertThat(e.confidence()).isEqualTo(Confidence.SECONDARY);
            assertThat(e.origin()).isEqualTo("procedure.yaml:" + line(VALID, "id: fixture-equated-2026"));
        });
        assertThat(procedure.stagesOn(LocalDate.parse("2026-01-01"))).extracting(ProcedureStage::id).containsExactly("fixture-stage-appeal");
        assertThat(procedure.termsAct()).isEqualTo(new TermsAct(LocalDate.parse("2010-10-10"), Confidence.PRIMARY, List.of("letter-a")));
    }

    @Test
    void theFixtureDrivesTheCalculator() {
        // Fixture: 1 week on track 'short'; Fri 2026-05-08 + 1 week = Fri 2026-05-15, the fixture's equated day;
        // Sat 16, Sun 17 -> art. 1(1) Atw: Mon 2026-05-18.
        LegalTerms terms = LegalTerms.of(PolicyDataSet.load(PolicyFixtures.valid()));
        assertThat(terms.due("fixture-appeal-term", LocalDate.parse("2026-05-08"), "short").due()).isEqualTo(LocalDate.parse("2026-05-18"));
    }

    @Test
    void loadsTheShippedFile() {
        Procedure procedure = PolicyDataSet.shipped().procedure();
        assertThat(procedure.terms()).containsOnlyKeys("decision-time-limit", "response-to-intended-decision", "response-to-intended-revocation",
                "appeal-term", "further-appeal-term", "interim-measure-request", "permit-validity");
        assertThat(procedure.stagesOn(LocalDate.parse("2026-06-11"))).extracting(ProcedureStage::id).containsExactly("stage-registration",
                "stage-rest-and-preparation", "stage-general-procedure", "stage-extended-procedure", "stage-decision", "stage-appeal",
                "stage-further-appeal");
        assertThat(procedure.stagesOn(LocalDate.parse("2026-06-11"))).extracting(ProcedureStage::regime).containsOnly("vw2000-before-pact");
        assertThat(procedure.stagesOn(LocalDate.parse("2026-06-12"))).extracting(ProcedureStage::id).containsExactly("stage-pact-admissibility",
                "stage-pact-border-procedure", "stage-pact-accelerated-procedure", "stage-pact-regular-procedure", "stage-pact-decision",
                "stage-pact-appeal");
        assertThat(procedure.stagesOn(LocalDate.parse("2026-12-06"))).extracting(ProcedureStage::regime).containsOnly("apr-2024-1348",
                "vw2000-pact");
        assertThat(procedure.holidays()).hasSize(9).allSatisfy(h -> assertThat(h.confidence()).isEqualTo(Confidence.PRIMARY));
        assertThat(procedure.equatedDays()).allSatisfy(e -> assertThat(e.confidence()).isEqualTo(Confidence.SECONDARY));
    }

    @Test
    void theDataSetVersionCoversTheProcedureFile() {
        PolicyDataSet original = PolicyDataSet.load(PolicyFixtures.valid());
        PolicyDataSet changed = PolicyDataSet.load(PolicyFixtures.validWith("procedure.yaml", validWith("Verlengbaar.", "Verlengbaar!")));
        assertThat(changed.version()).isNotEqualTo(original.version());
    }

    @Test
    void anUnknownKeyIsAnErrorWithItsLine() {
        String text = validWith("article: \"art. 42(1)\" }", "article: \"art. 42(1)\", colour: red }");
        assertThat(errorsOf(text)).singleElement().satisfies(error -> assertThat(error)
                .startsWith("procedure.yaml:" + line(text, "colour: red") + ": unknown key 'colour'"));
    }

    @Test
    void anUnknownTopLevelKeyIsAnError() {
        String text = VALID + "deadlines: []\n";
        assertThat(errorsOf(text)).singleElement().satisfies(error -> assertThat(error)
                .startsWith("procedure.yaml:" + line(text, "deadlines:") + ": unknown key 'deadlines'"));
    }

    @Test
    void aBadDateIsAnErrorWithItsLine() {
        String text = validWith("      - validFrom: 2026-06-12", "      - validFrom: 2026-02-30");
        assertThat(errorsOf(text)).anySatisfy(error -> assertThat(error)
                .isEqualTo("procedure.yaml:" + line(text, "2026-02-30") + ": 'validFrom' is '2026-02-30', not a date: expected YYYY-MM-DD"));
    }

    @Test
    void anUnknownSourceIdIsAnErrorWithItsLine() {
        String text = validWith("sources: [news-b]", "sources: [news-z]");
        assertThat(errorsOf(text)).containsExactly(
                "procedure.yaml:" + line(text, "news-z") + ": unknown source id 'news-z': not in sources.yaml");
    }

    @Test
    void anUnknownUnitListsTheUnits() {
        String text = validWith("amount: 6, unit: MONTHS", "amount: 6, unit: MOONS");
        assertThat(errorsOf(text)).containsExactly(
                "procedure.yaml:" + line(text, "MOONS") + ": 'unit' is 'MOONS': expected one of DAYS, WEEKS, MONTHS, YEARS");
    }

    @Test
    void overlappingVersionsOfATermAreAnError() {
        String text = validWith("        validTo: 2026-06-12", "        validTo: 2026-07-01");
        assertThat(errorsOf(text)).singleElement().satisfies(error -> assertThat(error)
                .startsWith("procedure.yaml:" + line(text, "- validFrom: 2026-06-12") + ": this version of 'fixture-appeal-term' from 2026-06-12 overlaps"));
    }

    @Test
    void aVersionForOlderApplicationsMayShareItsDatesAndIsChosenByTheApplicationDate() {
        String text = validWith("""
                      - validFrom: 2026-06-12
                        validTo: null
                        confidence: PRIMARY
                        sources: [letter-a]
                        tracks:
                          - { track: other, amount: 4, unit: WEEKS, article: "art. 69(1)" }
                """.stripTrailing(), """
                      - validFrom: 2026-06-12
                        validTo: null
                        regime: fixture-new-law
                        confidence: PRIMARY
                        sources: [letter-a]
                        tracks:
                          - { track: other, amount: 4, unit: WEEKS, article: "art. 69(1)" }
                      - validFrom: 2026-06-12
                        validTo: null
                        applicationsBefore: 2026-06-12
                        regime: fixture-old-law
                        confidence: SECONDARY
                        sources: [letter-a]
                        defaultTrack: other
                        tracks:
                          - { track: other, amount: 1, unit: WEEKS, article: "art. 69(1) old" }
                """.stripTrailing());
        LegalTerms terms = LegalTerms.of(PolicyDataSet.load(PolicyFixtures.validWith("procedure.yaml", text)));
        // Mon 2026-07-06: + 1 week (old rule) = Mon 2026-07-13; + 4 weeks (new) = Mon 2026-08-03.
        Deadline old = terms.due("fixture-appeal-term", LocalDate.parse("2026-07-06"), null, LocalDate.parse("2026-06-11"));
        assertThat(old.due()).isEqualTo(LocalDate.parse("2026-07-13"));
        assertThat(old.regime()).isEqualTo("fixture-old-law");
        Deadline current = terms.due("fixture-appeal-term", LocalDate.parse("2026-07-06"), "other", LocalDate.parse("2026-06-12"));
        assertThat(current.due()).isEqualTo(LocalDate.parse("2026-08-03"));
        assertThat(current.regime()).isEqualTo("fixture-new-law");
    }

    @Test
    void badRegimeDefaultTrackAndTermsActAreErrors() {
        String from = "        validTo: null\n        confidence: PRIMARY\n        sources: [letter-a]\n        tracks:";
        String text = validWith(from, from.replace("        confidence:",
                "        regime: Vw 2000\n        termsAct: maybe\n        defaultTrack: long\n        confidence:"));
        assertThat(errorsOf(text)).containsExactlyInAnyOrder(
                "procedure.yaml:" + line(text, "regime: Vw 2000") + ": regime 'Vw 2000' must be kebab-case, e.g. vw2000-pact",
                "procedure.yaml:" + line(text, "termsAct: maybe") + ": 'termsAct' is 'maybe': expected true or false (false for a time limit of an EU regulation)",
                "procedure.yaml:" + line(text, "defaultTrack: long") + ": defaultTrack 'long' is not one of this version's tracks");
    }

    @Test
    void aDuplicateTrackIsAnError() {
        String text = validWith("{ track: short,", "{ track: other,");
        assertThat(errorsOf(text)).singleElement().satisfies(error -> assertThat(error)
                .startsWith("procedure.yaml:" + line(text, "article: \"art. 69(1)\"") + ": duplicate track 'other'"));
    }

    @Test
    void anEquatedDayOutsideItsDecreesYearsIsAnError() {
        String text = validWith("dates: [2026-05-15]", "dates: [2027-05-07]");
        assertThat(errorsOf(text)).containsExactly("procedure.yaml:" + line(text, "2027-05-07")
                + ": the date 2027-05-07 is not in the years the decree covers [2026]");
    }

    @Test
    void aYearCoveredByTwoDecreesIsAnError() {
        String second = """
                  - id: fixture-equated-2026-again
                    years: [2026]
                    dates: []
                    article: "art. 3(3) Atw"
                    confidence: SECONDARY
                    sources: [news-b]
                    name: { en: "Equated day", nl: "Gelijkgestelde dag" }
                stages:""";
        String text = validWith("stages:", second);
        assertThat(errorsOf(text)).singleElement().satisfies(error -> assertThat(error)
                .startsWith("procedure.yaml:" + line(text, "years: [2026]", 2) + ": the year 2026 is already covered by the equated days at procedure.yaml:"
                        + line(text, "id: fixture-equated-2026")));
    }

    @Test
    void aBadMonthDayIsAnError() {
        String text = validWith("date: \"12-25\"", "date: \"02-30\"");
        assertThat(errorsOf(text)).containsExactly(
                "procedure.yaml:" + line(text, "02-30") + ": 'date' is '02-30', not a month and day: expected MM-DD, e.g. 12-25");
    }

    @Test
    void anEasterOffsetOnAFixedHolidayIsOneError() {
        String text = validWith("    date: \"12-25\"\n", "    date: \"12-25\"\n    offset: 1\n");
        assertThat(errorsOf(text)).containsExactly(
                "procedure.yaml:" + line(text, "offset: 1") + ": 'offset' belongs only to EASTER holidays");
    }

    @Test
    void aTermNeedsALengthOrTracksNotBoth() {
        String text = validWith("        length: { amount: 6",
                "        tracks: [{ track: a, amount: 1, unit: DAYS, article: x }]\n        length: { amount: 6");
        assertThat(errorsOf(text)).containsExactly(
                "procedure.yaml:" + line(text, "- validFrom: 2020-01-01", 2) + ": give 'length' (a term without tracks) or 'tracks', not both");
    }

    @Test
    void anUnknownSchemaVersionIsRefused() {
        String text = validWith("schemaVersion: 1", "schemaVersion: 2");
        assertThat(errorsOf(text)).containsExactly("procedure.yaml:1: unknown schemaVersion '2': this Haven reads version 1");
    }

    /** The 1-based line of the {@code nth} line that contains {@code snippet}. */
    static int line(String text, String snippet, int nth) {
        List<String> lines = text.lines().toList();
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(snippet) && ++seen == nth) {
                return i + 1;
            }
        }
        throw new AssertionError("fewer than " + nth + " lines contain " + snippet);
    }
}
