package nl.haven.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import nl.haven.shared.Languages;

/**
 * What an intake request must be, for the form and the API alike. A problem names the field (the API's names) and a
 * message key in {@code messages*.properties}, so each person reads it in their language; no problem ever repeats the
 * value that was sent.
 */
final class IntakeRules {
    static final List<String> LANGUAGES = Languages.codes();
    /** The groups a person may choose (the policy engine's codes), all optional. */
    static final List<String> GROUPS = List.of("lesbian", "gay", "bisexual", "trans", "intersex", "nonbinary", "queer");
    static final List<String> CHANNELS = List.of("none", "email", "signal", "phone");
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final int MAX_MESSAGE = 20_000;
    static final int MAX_SHORT = 200;

    private IntakeRules() {
    }

    /** One thing to correct. */
    record Problem(String field, String key, Object... args) {
        @Override
        public String toString() {
            return "Problem[" + field + ", " + key + "]";
        }
    }

    /** What was sent, as text. {@link #toString()} shows nothing of it. */
    record Draft(@Nullable String language, @Nullable String nationality, @Nullable String countryOfResidence, @Nullable String nameUsed,
            @Nullable String pronouns, List<String> groups, @Nullable String message, @Nullable String contactChannel,
            @Nullable String contactValue) {
        @Override
        public String toString() {
            return "Draft[…]";
        }
    }

    static List<Problem> check(Draft draft) {
        List<Problem> problems = new ArrayList<>();
        if (draft.language() == null || !LANGUAGES.contains(draft.language())) {
            problems.add(new Problem("language", "intake.error.language"));
        }
        country(problems, "nationality", draft.nationality());
        country(problems, "countryOfResidence", draft.countryOfResidence());
        shortText(problems, "nameUsed", draft.nameUsed());
        shortText(problems, "pronouns", draft.pronouns());
        for (String group : draft.groups()) {
            if (!GROUPS.contains(group)) {
                problems.add(new Problem("groups", "intake.error.group"));
                break;
            }
        }
        String message = draft.message();
        if (message == null || message.isBlank()) {
            problems.add(new Problem("message", "intake.error.message.empty"));
        } else if (message.length() > MAX_MESSAGE) {
            problems.add(new Problem("message", "intake.error.message.long", MAX_MESSAGE));
        }
        String channel = draft.contactChannel() == null || draft.contactChannel().isBlank() ? "none" : draft.contactChannel();
        if (!CHANNELS.contains(channel)) {
            problems.add(new Problem("contact.channel", "intake.error.channel"));
        } else if (!channel.equals("none") && (draft.contactValue() == null || draft.contactValue().isBlank())) {
            problems.add(new Problem("contact.value", "intake.error.contact.missing"));
        } else if (draft.contactValue() != null && draft.contactValue().length() <= MAX_SHORT
                && !ContactValues.fits(channel, draft.contactValue())) {
            problems.add(new Problem("contact.value", "intake.error.contact." + channel));
        }
        shortText(problems, "contact.value", draft.contactValue());
        return problems;
    }

    private static void country(List<Problem> problems, String field, @Nullable String code) {
        if (code != null && !code.isBlank() && !COUNTRIES.contains(code)) {
            problems.add(new Problem(field, "intake.error.country"));
        }
    }

    private static void shortText(List<Problem> problems, String field, @Nullable String text) {
        if (text != null && text.length() > MAX_SHORT) {
            problems.add(new Problem(field, "intake.error.tooLong", MAX_SHORT));
        }
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
