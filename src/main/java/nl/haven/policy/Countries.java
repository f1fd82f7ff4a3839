package nl.haven.policy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import nl.haven.shared.Languages;
import org.jspecify.annotations.Nullable;

/** ISO 3166-1 alpha-2 codes: every code Java knows, plus XK (Kosovo, a user-assigned code in common use). */
public final class Countries {
    private static final Set<String> CODES;

    static {
        TreeSet<String> codes = new TreeSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XK");
        CODES = Set.copyOf(codes);
    }

    private Countries() {
    }

    public static boolean known(String code) {
        return CODES.contains(code);
    }

    /** Normalises a nationality code from user input, or says what is expected. */
    public static String parse(String input) {
        String code = input == null ? "" : input.trim().toUpperCase(Locale.ROOT);
        if (!known(code)) {
            throw new PolicyInputException("nationality", "unknown nationality '" + input
                    + "': expected an ISO 3166-1 alpha-2 country code such as NL, RU or US");
        }
        return code;
    }

    /** The English name of a code, for countries the data set has no file for. */
    public static String englishName(String code) {
        return "XK".equals(code) ? "Kosovo" : new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    }

    /** A country's name in a language, from CLDR (the JDK's locale data); Kosovo's user-assigned code XK included. */
    public static String name(String code, String language) {
        String name = new Locale("", code).getDisplayCountry(Locale.forLanguageTag(language));
        return "XK".equals(code) && name.equals(code) ? "Kosovo" : name;
    }

    /**
     * A country's name for a reader: the data set's own name where the data set is written in the reader's language
     * (it may name the country as Dutch policy does), CLDR's name otherwise, never an English name on an Arabic page.
     */
    public static String name(@Nullable Country country, String code, String language) {
        return country != null && Languages.dataTexts().contains(language) ? country.name().in(language) : name(code, language);
    }
}
