package nl.haven.routes.web;

import com.ibm.icu.text.DecimalFormatSymbols;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.ULocale;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.haven.shared.Languages;

/**
 * Numbers and dates as a person types them in their language: "1.934,40" in Dutch, "1,934.40" in English,
 * "١٬٩٣٤٫٤٠" in Arabic, Persian digits, "5 688" with spaces; dates from {@code <input type="date">} (YYYY-MM-DD) or
 * typed as DD-MM-YYYY (also with / or .), in any script's digits. The separators come from ICU4J's CLDR data for the
 * registry's language ({@link Languages}), never from a list kept here. Nothing here keeps or logs what it reads.
 */
final class LocalInput {
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

    private LocalInput() {
    }

    /** The registry's language of a locale, as an ICU locale (Haven's own languages only; English otherwise). */
    static ULocale of(Locale locale) {
        return ULocale.forLanguageTag(Languages.of(locale).code());
    }

    /** An amount or other decimal number, or empty when the text is not one in this language's form. */
    static Optional<BigDecimal> decimal(String text, Locale locale) {
        String plain = ascii(text).replaceAll("[\\s\u00a0\u202f\u2009€]|EUR", "");
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        if (plain.indexOf('\u066b') >= 0 || plain.indexOf('\u066c') >= 0) {
            // The Arabic decimal and thousands separators mean one thing whatever the language's own default.
            return withSeparators(plain, '\u066b', '\u066c');
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(of(locale));
        char decimal = ascii(String.valueOf(symbols.getDecimalSeparator())).charAt(0);
        char grouping = ascii(String.valueOf(symbols.getGroupingSeparator())).charAt(0);
        Optional<BigDecimal> asWritten = withSeparators(plain, decimal, grouping);
        if (asWritten.isPresent()) {
            return asWritten;
        }
        // A separator no keyboard has (Arabic, Persian, French narrow space): the Latin form of the same language.
        if (decimal == ',' && grouping != '.') {
            return withSeparators(plain, ',', '.');
        }
        if (decimal != '.' && decimal != ',') {
            return withSeparators(plain, '.', ',');
        }
        // Cents after the other mark and nothing else ("5688.50" in Dutch, "5688,50" in English): no doubt what is meant.
        if (plain.matches("-?\\d+[.,]\\d{1,2}")) {
            return Optional.of(new BigDecimal(plain.replace(',', '.')));
        }
        return Optional.empty();
    }

    /** A whole number, or empty. */
    static Optional<Integer> whole(String text) {
        String plain = ascii(text).strip();
        if (!plain.matches("-?\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(plain));
    }

    /** A date as YYYY-MM-DD or DD-MM-YYYY, or empty when it is neither or no such day exists. */
    static Optional<LocalDate> date(String text) {
        String plain = ascii(text).strip();
        try {
            var iso = ISO.matcher(plain);
            if (iso.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3))));
            }
            var dayFirst = DAY_FIRST.matcher(plain);
            if (dayFirst.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(dayFirst.group(3)), Integer.parseInt(dayFirst.group(2)),
                        Integer.parseInt(dayFirst.group(1))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A number written the way this language writes it, for examples in messages. */
    static String format(BigDecimal number, Locale locale) {
        NumberFormat format = NumberFormat.getInstance(of(locale));
        format.setMinimumFractionDigits(number.scale() > 0 ? number.scale() : 0);
        return format.format(number);
    }

    /**
     * Every decimal digit (Arabic-Indic, Persian, Devanagari…) as ASCII; the Unicode minus sign as '-'; bidirectional
     * marks removed. Separators stay as typed: which is which depends on the language.
     */
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isDigit(c)) {
                out.append((char) ('0' + Character.digit(c, 10)));
            } else if (c == '\u2212') {
                out.append('-');
            } else if (c != '\u200e' && c != '\u200f' && c != '\u061c') {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static Optional<BigDecimal> withSeparators(String plain, char decimal, char grouping) {
        String d = Pattern.quote(String.valueOf(decimal));
        String g = Pattern.quote(String.valueOf(grouping));
        if (!plain.matches("-?(\\d{1,3}(" + g + "\\d{3})+|\\d+)(" + d + "\\d+)?")) {
            return Optional.empty();
        }
        String canonical = plain.replace(String.valueOf(grouping), "").replace(decimal, '.');
        try {
            return Optional.of(new BigDecimal(canonical));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
