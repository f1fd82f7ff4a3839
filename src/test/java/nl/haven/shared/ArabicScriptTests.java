package nl.haven.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 20, point 9: the letters of the Arabic script take the form their neighbours ask for, Persian and Urdu letters
 * included (ICU's own shaper leaves those alone), so a PDF that draws one glyph per character shows joined words.
 */
class ArabicScriptTests {

    @Test
    void arabicLettersTakeTheirInitialMedialFinalAndIsolatedForms() {
        // حماية: ḥāʾ initial, mīm medial, alif final (alif never joins the next), yāʾ initial, tāʾ marbūṭa final
        assertThat(ArabicScript.shape("حماية")).isEqualTo("\uFEA3\uFEE4\uFE8E\uFEF3\uFE94");
        // لا: lām + alif become their ligature; after a joining letter its final form (ظلال: ẓāʾ initial, lām-alif final,
        // then lām alone, because alif never joins what follows)
        assertThat(ArabicScript.shape("لا")).isEqualTo("\uFEFB");
        assertThat(ArabicScript.shape("ظلال")).isEqualTo("\uFEC7\uFEFC\uFEDD");
    }

    @Test
    void persianAndUrduLettersAreShapedToo() {
        // Persian پناه: pe initial (Forms-A), nūn medial, alif final, he isolated
        assertThat(ArabicScript.shape("پناه")).isEqualTo("\uFB58\uFEE8\uFE8E\uFEE9");
        // Persian گاه and یک: gāf initial, kāf final, Persian yeh initial
        assertThat(ArabicScript.shape("گاه")).isEqualTo("\uFB94\uFE8E\uFEE9");
        assertThat(ArabicScript.shape("یک")).isEqualTo("\uFBFE\uFB8F");
        // Urdu ہے: heh goal initial, yeh barree final; ٹ ڈ ڑ ں keep their Urdu forms
        assertThat(ArabicScript.shape("ہے")).isEqualTo("\uFBA8\uFBAF");
        assertThat(ArabicScript.shape("ٹٹ")).isEqualTo("\uFB68\uFB67");
    }

    @Test
    void aZeroWidthNonJoinerMarksAndOtherScriptsAreRespected() {
        // می‌خواهم: the ZWNJ after yeh ends the join, so yeh is final and khe starts anew; the ZWNJ itself is not drawn
        assertThat(ArabicScript.shape("می\u200Cخواهم")).isEqualTo("\uFEE3\uFBFD\uFEA7\uFEEE\uFE8D\uFEEB\uFEE2");
        // a mark (fatha) between two letters does not break their join
        assertThat(ArabicScript.shape("بَب")).isEqualTo("\uFE91\u064E\uFE90");
        assertThat(ArabicScript.shape("Robin, Робин 12")).isEqualTo("Robin, Робин 12");
    }

    @Test
    void unshapingGivesTheLettersBack() {
        for (String text : new String[] {"حماية لا ظلال", "پناه گاه یک میخواهم", "پناہ کی درخواست ہے"}) {
            assertThat(ArabicScript.unshape(ArabicScript.shape(text))).isEqualTo(text);
        }
    }

    @Test
    void rightToLeftRunsAreReversedForDrawingWithTheirMarksAfterTheirLetters() {
        ArabicScript script = new ArabicScript();
        assertThat(script.reorderRTLTextToLTR("ab(c)")).isEqualTo("(c)ba");
        assertThat(script.reorderRTLTextToLTR("بَت")).isEqualTo("تبَ");
    }
}
