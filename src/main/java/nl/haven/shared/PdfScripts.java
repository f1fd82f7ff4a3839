package nl.haven.shared;

import com.ibm.icu.text.Bidi;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.bidi.support.ICUBreakers;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import nl.haven.shared.Language.Direction;

/**
 * What every Haven PDF needs to set text in every script of the language registry: the Unicode bidi algorithm, line
 * and character breaking (ICU4J, through openhtmltopdf-rtl-support), Arabic-script shaping ({@link ArabicScript}), the
 * document's direction from its language, and Noto Naskh Arabic (from the jar, under its licence in
 * {@code fonts/NotoNaskhArabic-LICENSE.txt}) for the letters of the Arabic script. openhtmltopdf takes each character
 * from the first font of the {@code font-family} list that has it, so {@link #family(Locale, String)} puts the
 * Arabic-script font first in a right-to-left document and after the Latin/Cyrillic font in the others (whose Latin
 * text, digits and punctuation stay as they were).
 */
public final class PdfScripts {
    /** The family name the Arabic-script font is registered under. */
    public static final String ARABIC = "Noto Naskh Arabic";
    private static final byte[] REGULAR = font("NotoNaskhArabic-Regular.ttf");
    private static final byte[] BOLD = font("NotoNaskhArabic-Bold.ttf");

    private PdfScripts() {
    }

    private static byte[] font(String file) {
        try (InputStream in = PdfScripts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the font fonts/" + file + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the language of {@code locale} is written right to left (Arabic, Persian, Urdu). */
    public static boolean rightToLeft(Locale locale) {
        return Languages.of(locale).direction() == Direction.RTL;
    }

    /** "rtl" or "ltr", for the {@code dir} attribute of the document's {@code <html>}. */
    public static String dir(Locale locale) {
        return rightToLeft(locale) ? "rtl" : "ltr";
    }

    /** "rtl" when {@code text} starts (in its first strong character) right to left, else "ltr": a person's own words. */
    public static String dirOf(String text) {
        return Bidi.getBaseDirection(text) == Bidi.RTL ? "rtl" : "ltr";
    }

    /** The CSS {@code font-family} value for a document in {@code locale} whose Latin/Cyrillic font is {@code latin}. */
    public static String family(Locale locale, String latin) {
        return rightToLeft(locale) ? "'" + ARABIC + "', '" + latin + "'" : "'" + latin + "', '" + ARABIC + "'";
    }

    /** Registers the bidi algorithm, the breakers, the shaper, the direction of {@code locale} and the Arabic-script font. */
    public static PdfRendererBuilder apply(PdfRendererBuilder builder, Locale locale) {
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ArabicScript());
        builder.useUnicodeLineBreaker(new ICUBreakers.ICULineBreaker(locale));
        builder.useUnicodeCharacterBreaker(new ICUBreakers.ICUCharacterBreaker(locale));
        builder.defaultTextDirection(rightToLeft(locale) ? TextDirection.RTL : TextDirection.LTR);
        builder.useFont(() -> new ByteArrayInputStream(REGULAR), ARABIC, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(BOLD), ARABIC, 700, FontStyle.NORMAL, true);
        return builder;
    }
}
