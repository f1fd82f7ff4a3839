package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.haven.testing.PdfPages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 20, point 9: the case summary sets Arabic, Persian and Urdu shaped and right to left. Read back with PDFBox,
 * each sentence comes out in logical order (PDFBox maps presentation forms back to letters and puts right-to-left runs
 * in reading order), and the glyphs on the page are the contextual forms, drawn right to left: a renderer without
 * bidi and shaping draws the bare letters in logical order, which reads back reversed and unjoined. Latin and
 * Cyrillic come out as before beside them.
 */
@SpringBootTest
class SummaryPdfScriptsIT {
    static final String ARABIC = "يطلب الشخص الحماية في هولندا";
    static final String PERSIAN = "این شخص در هلند پناه می\u200Cخواهد";
    static final String URDU = "یہ شخص نیدرلینڈ میں پناہ کی درخواست کرتا ہے";

    @Autowired
    SummaryPdf pdf;

    static CaseSummaryExport.Summary summary(String nameUsed) {
        List<CaseSummaryExport.Note> notes = List.of(new CaseSummaryExport.Note("2026-12-01 10:00", "A. Caseworker", ARABIC),
                new CaseSummaryExport.Note("2026-12-01 10:05", "A. Caseworker", PERSIAN),
                new CaseSummaryExport.Note("2026-12-01 10:10", "A. Caseworker", URDU),
                new CaseSummaryExport.Note("2026-12-01 10:15", "А. Соцработник", "Позвонили адвокату; interview on Monday."));
        return new CaseSummaryExport.Summary("HV-SCRIPTS1", nameUsed, null, null, "Syria (SY)", "ACCEPTED", "APPLIED", null, null,
                "2026-12-01 09:00", List.of(new CaseSummaryExport.Task(LocalDate.of(2026, 12, 10), "طلب التقرير الطبي", false)), List.of(),
                notes, "A. Caseworker", "2026-12-06 10:00");
    }

    /** The drawn glyphs of {@code word}: its contextual forms, right to left, as the page has them from left to right. */
    static String drawn(String... forms) {
        return new StringBuilder(String.join("", forms)).reverse().toString();
    }

    @Test
    void arabicPersianAndUrduNotesReadInLogicalOrderAndAreDrawnShaped() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("ar"))) {
            byte[] rendered = pdf.render(summary("سارة"), UUID.randomUUID(), locale);
            String text = String.join("\n", PdfPages.texts(rendered));
            assertThat(text).as("text in %s", locale).contains(ARABIC, PERSIAN.replace("\u200C", ""), URDU, "طلب التقرير الطبي", "سارة")
                    .contains("Позвонили адвокату; interview on Monday.", "HV-SCRIPTS1");
            String glyphs = PdfPages.glyphs(rendered);
            // يطلب: yāʾ initial, ṭāʾ medial, lām medial, bāʾ final
            assertThat(glyphs).as("Arabic glyphs in %s", locale).contains(drawn("\uFEF3", "\uFEC4", "\uFEE0", "\uFE90"));
            // Persian هلند: he initial, lām medial, nūn medial, dāl final; می: mīm initial, Persian yeh final; پ initial
            assertThat(glyphs).as("Persian glyphs in %s", locale).contains(drawn("\uFEEB", "\uFEE0", "\uFEE8", "\uFEAA"),
                    drawn("\uFEE3", "\uFBFD"), "\uFB58");
            // Urdu ہے: heh goal initial, yeh barree final; کی: kāf initial, Persian/Urdu yeh final
            assertThat(glyphs).as("Urdu glyphs in %s", locale).contains(drawn("\uFBA8", "\uFBAF"), drawn("\uFB90", "\uFBFD"));
        }
    }
}
