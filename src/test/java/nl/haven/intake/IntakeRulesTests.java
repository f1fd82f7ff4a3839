package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.haven.intake.IntakeRules.Draft;
import nl.haven.intake.IntakeRules.Problem;
import org.junit.jupiter.api.Test;

/** The intake's rules as plain Java: which field each problem names and with which message key. */
class IntakeRulesTests {

    static Draft valid() {
        return new Draft("en", "UG", "NL", "Sam", "they/them", List.of("gay", "trans"), "I need help with my asylum claim.", "email",
                "sam@example.org");
    }

    static Draft with(String language, String nationality, String residence, List<String> groups, String message, String channel,
            String contact) {
        return new Draft(language, nationality, residence, null, null, groups, message, channel, contact);
    }

    static List<String> fields(Draft draft) {
        return IntakeRules.check(draft).stream().map(problem -> problem.field() + ":" + problem.key()).toList();
    }

    @Test
    void aCompleteRequestHasNoProblem() {
        assertThat(IntakeRules.check(valid())).isEmpty();
    }

    @Test
    void onlyTheMessageAndTheLanguageAreRequired() {
        assertThat(IntakeRules.check(new Draft("nl", null, null, null, null, List.of(), "Hallo", null, null))).isEmpty();
        assertThat(IntakeRules.check(new Draft("ru", "", " ", null, null, List.of(), "привет", "", null))).isEmpty();
    }

    @Test
    void theLanguageIsOneOfThree() {
        assertThat(fields(with(null, null, null, List.of(), "text", null, null))).containsExactly("language:intake.error.language");
        assertThat(fields(with("de", null, null, List.of(), "text", null, null))).containsExactly("language:intake.error.language");
        assertThat(fields(with("EN", null, null, List.of(), "text", null, null))).containsExactly("language:intake.error.language");
    }

    @Test
    void countriesAreIsoCodes() {
        assertThat(fields(with("en", "XX", "nl", List.of(), "text", null, null)))
                .containsExactly("nationality:intake.error.country", "countryOfResidence:intake.error.country");
        assertThat(fields(with("en", "IR", "NL", List.of(), "text", null, null))).isEmpty();
    }

    @Test
    void groupsComeFromTheListAndOneUnknownGroupIsOneProblem() {
        assertThat(fields(with("en", null, null, List.of("queer", "intersex", "nonbinary", "lesbian", "bisexual"), "text", null, null)))
                .isEmpty();
        assertThat(fields(with("en", null, null, List.of("gay", "straight", "other"), "text", null, null)))
                .containsExactly("groups:intake.error.group");
    }

    @Test
    void theMessageIsNotBlankAndAtMostTwentyThousandCharacters() {
        assertThat(fields(with("en", null, null, List.of(), null, null, null))).containsExactly("message:intake.error.message.empty");
        assertThat(fields(with("en", null, null, List.of(), " \n\t", null, null))).containsExactly("message:intake.error.message.empty");
        assertThat(fields(with("en", null, null, List.of(), "a".repeat(IntakeRules.MAX_MESSAGE), null, null))).isEmpty();

        List<Problem> tooLong = IntakeRules.check(with("en", null, null, List.of(), "a".repeat(IntakeRules.MAX_MESSAGE + 1), null, null));
        assertThat(tooLong).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("intake.error.message.long");
            assertThat(problem.args()).containsExactly(20_000);
        });
    }

    @Test
    void aChannelOtherThanNoneNeedsAnAddress() {
        assertThat(fields(with("en", null, null, List.of(), "text", "signal", null))).containsExactly("contact.value:intake.error.contact.missing");
        assertThat(fields(with("en", null, null, List.of(), "text", "phone", "  "))).containsExactly("contact.value:intake.error.contact.missing");
        assertThat(fields(with("en", null, null, List.of(), "text", "none", null))).isEmpty();
        assertThat(fields(with("en", null, null, List.of(), "text", "pigeon", "roof"))).containsExactly("contact.channel:intake.error.channel");
    }

    @Test
    void shortTextsHaveAtMostTwoHundredCharacters() {
        // An e-mail address of exactly 200 characters (a 64-character local part, labels of at most 63), so only the length counts.
        String limit = "x".repeat(64) + "@" + "x".repeat(63) + "." + "x".repeat(63) + ".xxx.org";
        assertThat(limit).hasSize(IntakeRules.MAX_SHORT);
        String over = limit + "x";
        assertThat(IntakeRules.check(new Draft("en", null, null, limit, limit, List.of(), "text", "email", limit))).isEmpty();

        List<Problem> problems = IntakeRules.check(new Draft("en", null, null, over, over, List.of(), "text", "email", over));
        assertThat(problems).extracting(Problem::field).containsExactly("nameUsed", "pronouns", "contact.value");
        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem.key()).isEqualTo("intake.error.tooLong");
            assertThat(problem.args()).containsExactly(200);
        });
    }

    @Test
    void everyProblemOfOneRequestIsReportedInFormOrder() {
        Draft bad = new Draft("xx", "ZZ", null, null, null, List.of("none"), "", "email", null);
        assertThat(fields(bad)).containsExactly("language:intake.error.language", "nationality:intake.error.country",
                "groups:intake.error.group", "message:intake.error.message.empty", "contact.value:intake.error.contact.missing");
    }

    @Test
    void neitherADraftNorAProblemShowsWhatWasSent() {
        Draft draft = valid();
        assertThat(draft.toString()).doesNotContain("Sam", "UG", "asylum", "sam@example.org");
        assertThat(new Problem("message", "intake.error.message.long", "secret words").toString())
                .isEqualTo("Problem[message, intake.error.message.long]");
    }

    @Test
    void blankToNullStripsAndEmptiesBlanks() {
        assertThat(IntakeRules.blankToNull(null)).isNull();
        assertThat(IntakeRules.blankToNull(" \t ")).isNull();
        assertThat(IntakeRules.blankToNull("  Sam ")).isEqualTo("Sam");
    }
}
