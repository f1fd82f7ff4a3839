package nl.haven.shared;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.haven.shared.Language.Direction;

/**
 * The one list of languages Haven speaks (issue #20): every module, the CLI and the tests take their languages from
 * here. Adding a language is one entry below plus its bundles ({@code docs/change-a-language.md}); a test fails when a
 * bundle of a listed language lacks a key.
 */
public final class Languages {

    /** English, the default and the language of the bundles without a suffix. */
    public static final Language ENGLISH = new Language("en", Direction.LTR, true, true);

    private static final List<Language> ALL = List.of(
            ENGLISH,
            new Language("nl", Direction.LTR, true, false),
            new Language("ar", Direction.RTL, false, false),
            new Language("es", Direction.LTR, false, false),
            new Language("fa", Direction.RTL, false, false),
            new Language("fr", Direction.LTR, false, false),
            new Language("ru", Direction.LTR, true, false),
            new Language("tr", Direction.LTR, false, false),
            new Language("uk", Direction.LTR, false, false),
            new Language("ur", Direction.RTL, false, false));

    /**
     * The languages the policy data set's own texts (summaries, notes) are written in; the other languages show those
     * texts in English, marked as such, while everything around them is in the reader's language.
     */
    private static final List<String> DATA_TEXTS = List.of("en", "nl", "ru");

    private Languages() {
    }

    /** Every language, English first. */
    public static List<Language> all() {
        return ALL;
    }

    /** The codes of every language, English first. */
    public static List<String> codes() {
        return ALL.stream().map(Language::code).toList();
    }

    /** The languages the staff side is translated into. */
    public static List<Language> staff() {
        return ALL.stream().filter(Language::staffPages).toList();
    }

    public static Optional<Language> byCode(String code) {
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(l -> l.code().equals(wanted)).findFirst();
    }

    public static boolean supported(String code) {
        return byCode(code).isPresent();
    }

    /** The language of a locale, or English when Haven does not speak it. */
    public static Language of(Locale locale) {
        return byCode(locale.getLanguage()).orElse(ENGLISH);
    }

    /** For error messages: "one of en, nl, ar, …". */
    public static String expected() {
        return "one of " + ALL.stream().map(Language::code).collect(Collectors.joining(", "));
    }

    /** The languages the policy data set's texts are written in. */
    public static List<String> dataTexts() {
        return DATA_TEXTS;
    }

    /** The languages every data-set text must have (English, the fallback, and Dutch, the language of the sources). */
    public static List<String> requiredDataTexts() {
        return DATA_TEXTS.subList(0, 2);
    }

    /** The language a data-set text is shown in for a reader of {@code code}: the same, or English. */
    public static String dataText(String code) {
        return DATA_TEXTS.contains(code) ? code : ENGLISH.code();
    }

    /** The languages no native speaker has reviewed yet (the README and each such page say so). */
    public static List<Language> unreviewed() {
        return ALL.stream().filter(l -> !l.nativeReviewed()).toList();
    }
}
