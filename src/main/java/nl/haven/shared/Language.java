package nl.haven.shared;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.List;
import java.util.Locale;

/**
 * A language Haven speaks to people: its BCP 47 code, the direction its script runs, whether staff pages speak it too,
 * and whether a native speaker has reviewed its texts. Its name in itself and its plural categories are not typed here
 * but come from CLDR (the JDK's CLDR locale data and ICU4J's plural rules), so they cannot drift from the standard.
 *
 * @param code the ISO 639-1 code, as in {@code ?lang=} and in the bundles' file names ({@code messages_fa.properties})
 * @param direction the direction of its script
 * @param staffPages whether the staff side is translated too (the public pages always are)
 * @param nativeReviewed whether a native speaker has reviewed the translation (said on every page of a language that
 *     is not)
 */
public record Language(String code, Direction direction, boolean staffPages, boolean nativeReviewed) {

    /** The direction a script runs in, as HTML's {@code dir} attribute names it. */
    public enum Direction {
        LTR, RTL;

        /** The value of HTML's {@code dir} attribute. */
        public String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Language {
        if (!code.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("language code '" + code + "': expected two lower-case letters (ISO 639-1)");
        }
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** The language's name in itself (CLDR), capitalised as that language does at the start of a list item. */
    public String nativeName() {
        Locale locale = locale();
        String name = locale.getDisplayLanguage(locale);
        return name.isEmpty() ? code : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    /** The language's name in another language (CLDR), e.g. "Perzisch" for {@code fa} in Dutch. */
    public String nameIn(Locale reader) {
        return locale().getDisplayLanguage(reader);
    }

    /** The CLDR plural categories the language distinguishes ({@code one, other} for English; six for Arabic). */
    public List<String> pluralCategories() {
        return List.copyOf(PluralRules.forLocale(ULocale.forLocale(locale())).getKeywords());
    }

    public boolean rightToLeft() {
        return direction == Direction.RTL;
    }
}
