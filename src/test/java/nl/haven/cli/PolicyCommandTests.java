package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven policy …} on the shipped data set and on the test fixtures. */
class PolicyCommandTests {

    static HavenCliTests.Run run(String... args) {
        return HavenCliTests.run(args);
    }

    @Test
    void assessPrintsTheJsonDocument() {
        HavenCliTests.Run run = run("policy", "assess", "--nationality", "ru", "--region", "ru-ce", "--group", "gay", "--date", "2017-09-01",
                "--json");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"nationality\" : \"RU\"").contains("\"region\" : \"RU-CE\"")
                .contains("\"evidentiaryStandard\" : \"GROUP_PERSECUTION\"").contains("\"dataset\"").contains("\"explanation\"")
                .contains("\"safeCountryOfOrigin\"").contains("\"internalRelocation\"");
    }

    @Test
    void assessPrintsForPeopleWithNumberedSources() {
        HavenCliTests.Run run = run("policy", "assess", "--nationality", "RU", "--group", "gay", "--date", "2016-01-01");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Evidentiary standard: MINOR_INDICATIONS").contains("Reasoning:").contains("Sources:").contains("[1]");
    }

    @Test
    void unknownNationalityIsExitTwoNamingTheValue() {
        HavenCliTests.Run run = run("policy", "assess", "--nationality", "XX", "--group", "gay", "--date", "2017-09-01");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("'XX'").contains("ISO 3166-1 alpha-2");
    }

    @Test
    void malformedDateUnknownGroupFactAndRegionAreExitTwo() {
        assertThat(run("policy", "assess", "--nationality", "RU", "--group", "gay", "--date", "1.9.2017").err()).contains("'1.9.2017'")
                .contains("YYYY-MM-DD");
        assertThat(run("policy", "assess", "--nationality", "RU", "--group", "straight", "--date", "2017-09-01").exit()).isEqualTo(2);
        HavenCliTests.Run fact = run("policy", "assess", "--nationality", "US", "--group", "trans", "--fact", "nope", "--date", "2025-08-01");
        assertThat(fact.exit()).isEqualTo(2);
        assertThat(fact.err()).contains("'nope'").contains("military-dismissal");
        HavenCliTests.Run region = run("policy", "assess", "--nationality", "RU", "--region", "RU-XX", "--group", "gay", "--date", "2017-09-01");
        assertThat(region.exit()).isEqualTo(2);
        assertThat(region.err()).contains("RU-CE");
    }

    @Test
    void checkPassesOnTheShippedDataSet() {
        HavenCliTests.Run run = run("policy", "check");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("OK: ").contains("sha256:");
    }

    @Test
    void checkListsEveryErrorWithFileAndLineAndExitsOne() {
        HavenCliTests.Run run = run("policy", "check", "--dir", "src/test/resources/policy-fixtures/invalid");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines()).hasSizeGreaterThanOrEqualTo(10).allMatch(line -> line.matches("[a-zA-Z/.-]+\\.yaml:\\d+: .+"));
    }

    @Test
    void checkOfAMissingDirectoryIsExitTwo(@TempDir Path tmp) {
        HavenCliTests.Run run = run("policy", "check", "--dir", tmp.resolve("absent").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("absent");
    }

    @Test
    void timelineListsTheProvisionsInOrder(@TempDir Path tmp) throws Exception {
        HavenCliTests.Run run = run("policy", "timeline", "--nationality", "IR", "--json");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"country\" : \"IR\"").contains("SPECIFIC_GROUP").contains("RISK_GROUP");
        Files.writeString(tmp.resolve("out.json"), run.out());
        assertThat(run.out().indexOf("SPECIFIC_GROUP")).isLessThan(run.out().indexOf("RISK_GROUP"));
    }

    /** The valid fixture in {@code tmp}, with RU's reviewedOn set to {@code reviewedOn}. */
    static Path fixtureReviewedOn(Path tmp, String reviewedOn) throws Exception {
        Path source = Path.of("src/test/resources/policy-fixtures/valid");
        try (var files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = tmp.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path ru = tmp.resolve("countries/RU.yaml");
        Files.writeString(ru, Files.readString(ru).replace("reviewedOn: 2026-11-23", "reviewedOn: " + reviewedOn));
        return tmp;
    }

    @Test
    void checkListsTheFilesReviewedMoreThan180DaysBeforeTodayAsAWarningAndExitsZero(@TempDir Path tmp) throws Exception {
        Path dir = fixtureReviewedOn(tmp, "2020-01-01");
        HavenCliTests.Run run = run("policy", "check", "--dir", dir.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("OK: ").contains("Warnings: 1 file(s) not checked against their sources in the 180 days before")
                .contains("  ! countries/RU.yaml: last reviewed on 2020-01-01, ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkWarnsFromDay181AfterTheReview(@TempDir Path tmp) throws Exception {
        // The valid fixture's RU.yaml and procedure.yaml were reviewed on 2026-11-23: day 180 is 2027-05-22.
        Path dir = fixtureReviewedOn(tmp, "2026-11-23");
        HavenCliTests.Run day180 = run("policy", "check", "--dir", dir.toString(), "--as-of", "2027-05-22");
        assertThat(day180.exit()).isZero();
        assertThat(day180.out()).startsWith("OK: ").doesNotContain("Warnings");
        HavenCliTests.Run day181 = run("policy", "check", "--dir", dir.toString(), "--as-of", "2027-05-23");
        assertThat(day181.exit()).isZero();
        assertThat(day181.out()).contains("Warnings: 2 file(s) not checked against their sources in the 180 days before 2027-05-23")
                .contains("  ! countries/RU.yaml: last reviewed on 2026-11-23, 181 days ago")
                .contains("  ! procedure.yaml: last reviewed on 2026-11-23, 181 days ago");
        HavenCliTests.Run before = run("policy", "check", "--dir", dir.toString(), "--as-of", "2026-11-22");
        assertThat(before.exit()).isZero();
        assertThat(before.out()).contains("  ! countries/RU.yaml: reviewedOn 2026-11-23 is after 2026-11-22: a review cannot be in the future");
        HavenCliTests.Run bad = run("policy", "check", "--dir", dir.toString(), "--as-of", "23.5.2027");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'23.5.2027'").contains("YYYY-MM-DD");
    }

    // policy deadline (issue 16, point 7). Hand-computed: a decision in the general procedure sent on Thursday
    // 2025-12-18; one week (art. 69(2)(a) Vw) ends on Thursday 2025-12-25, Christmas Day; 26 December is Boxing Day,
    // then Saturday and Sunday: the end moves to Monday 2025-12-29 (art. 1(1) Atw).

    @Test
    void deadlinePrintsTheDueDateTheRulesThatMovedItAndTheSources() {
        HavenCliTests.Run run = run("policy", "deadline", "--term", "appeal-term", "--event-date", "2025-12-18", "--track", "general-procedure");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Last day to act: 2025-12-29").contains("art. 69(2)(a) Vw")
                .contains("2025-12-25 is not a working day: Christmas Day (art. 3(1) Atw)")
                .contains("2025-12-26 is not a working day: Boxing Day").contains("2025-12-27 is not a working day: Saturday")
                .contains("The end moves to the next working day, 2025-12-29 (art. 1(1) Atw)").contains("Confidence: PRIMARY")
                .contains("Sources:").contains("https://wetten.overheid.nl/BWBR0002448");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void deadlineJsonIsTheDocumentOfTheApi() {
        HavenCliTests.Run run = run("policy", "deadline", "--term", "appeal-term", "--event-date", "2025-12-18", "--track", "general-procedure",
                "--json", "--lang", "nl");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"term\" : \"appeal-term\"").contains("\"track\" : \"general-procedure\"")
                .contains("\"eventDate\" : \"2025-12-18\"").contains("\"end\" : \"2025-12-29\"").contains("\"safeEnd\" : \"2025-12-29\"")
                .contains("\"plainEnd\" : \"2025-12-25\"").contains("\"rule\" : \"atw-christmas-day\"").contains("\"kind\" : \"NEXT_WORKING_DAY\"")
                .contains("\"confidence\" : \"PRIMARY\"").contains("\"warnings\" : [ ]").contains("\"regime\"")
                .contains("Eerste Kerstdag").contains("\"language\" : \"nl\"").contains("\"dataset\"");
    }

    @Test
    void deadlineForAnUnknownTermIsExitTwoListingTheKnownTerms() {
        HavenCliTests.Run run = run("policy", "deadline", "--term", "appeal-trem", "--event-date", "2025-12-18");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("'appeal-trem'").contains("appeal-term").contains("response-to-intended-decision");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void deadlineForAnUnknownOrMissingTrackIsExitTwoListingTheTracksOnThatDate() {
        HavenCliTests.Run unknown = run("policy", "deadline", "--term", "appeal-term", "--event-date", "2025-12-18", "--track", "fast");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("'fast'").contains("general-procedure").contains("2025-12-18");
        HavenCliTests.Run missing = run("policy", "deadline", "--term", "appeal-term", "--event-date", "2025-12-18");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("needs a track").contains("general-procedure");
    }

    @Test
    void deadlineForABadDateOrADateNoVersionCoversIsExitTwo() {
        HavenCliTests.Run bad = run("policy", "deadline", "--term", "appeal-term", "--event-date", "18-12-2025", "--track", "general-procedure");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'18-12-2025'").contains("YYYY-MM-DD");
        HavenCliTests.Run uncovered = run("policy", "deadline", "--term", "appeal-term", "--event-date", "1999-01-04", "--track",
                "general-procedure");
        assertThat(uncovered.exit()).isEqualTo(2);
        assertThat(uncovered.err()).contains("no version of legal term 'appeal-term' is in force on 1999-01-04").doesNotContain("Exception");
    }

    @Test
    void deadlineOnAnOlderApplicationAfterThePactTakesTheApplicationDateAndNamesTheLaw() {
        // Tue 2026-12-01 + 4 weeks = Tue 2026-12-29, a working day: the rule kept for applications lodged before 12 June 2026.
        HavenCliTests.Run older = run("policy", "deadline", "--term", "response-to-intended-decision", "--event-date", "2026-12-01",
                "--application-date", "2026-03-02", "--json");
        assertThat(older.exit()).as(older.err()).isZero();
        assertThat(older.out()).contains("\"end\" : \"2026-12-29\"").contains("\"regime\" : \"vw2000-before-pact\"")
                .contains("\"law\" : \"Aliens Act 2000 (Vreemdelingenwet 2000) before 12 June 2026\"");
        HavenCliTests.Run without = run("policy", "deadline", "--term", "response-to-intended-decision", "--event-date", "2026-12-01");
        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.err()).contains("needs the application date").contains("--application-date").doesNotContain("Exception");
        HavenCliTests.Run bad = run("policy", "deadline", "--term", "response-to-intended-decision", "--event-date", "2026-12-01",
                "--application-date", "2 March 2026");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'2 March 2026'").contains("YYYY-MM-DD");
    }
}
