package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.haven.shared.Language;
import nl.haven.shared.Languages;
import org.junit.jupiter.api.Test;

/** Codenames (SECURITY.md S7) without Spring: the word list, what a new codename is, and how typed input is read. */
class CodenamesTests {

    final Codenames codenames = new Codenames();

    @Test
    void theWordListIsTheEffLongListOfDistinctWords() {
        List<String> words = codenames.words();

        assertThat(words).hasSize(7776).doesNotHaveDuplicates();
        assertThat(words.get(0)).isEqualTo("abacus");
        assertThat(words).contains("t-shirt", "drop-down").allSatisfy(word -> assertThat(word).matches("[a-z]+(-[a-z]+)?"));
    }

    @Test
    void aCodenameIsSevenWordsOfTheListSeparatedBySingleSpaces() {
        Set<String> list = new HashSet<>(codenames.words());
        for (int i = 0; i < 200; i++) {
            String codename = codenames.generate();
            String[] words = codename.split(" ", -1);

            assertThat(words).hasSize(Codenames.WORDS);
            assertThat(list).contains(words);
            assertThat(Codenames.normalise(codename)).as("a generated codename is already in normal form").isEqualTo(codename);
        }
    }

    @Test
    void codenamesAreDrawnAtRandom() {
        Set<String> codenames = new HashSet<>();
        Set<String> firstWords = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String codename = this.codenames.generate();
            codenames.add(codename);
            firstWords.add(codename.substring(0, codename.indexOf(' ')));
        }
        // 200 draws of 90 bits never repeat; 200 draws from 7,776 first words repeat often but spread wide
        assertThat(codenames).hasSize(200);
        assertThat(firstWords).hasSizeGreaterThan(150);
    }

    @Test
    void typedInputIsReadAsTheCodenameItWouldBe() {
        assertThat(Codenames.normalise("  Abacus   ABDOMEN\tabdominal\n")).isEqualTo("abacus abdomen abdominal");
        assertThat(Codenames.normalise("abacus,abdomen;  abdominal.  zoom")).isEqualTo("abacus abdomen abdominal zoom");
        assertThat(Codenames.normalise("abacus_abdomen/abdominal|zoom:one")).isEqualTo("abacus abdomen abdominal zoom one");
    }

    @Test
    void hyphensStayBecauseSomeWordsHaveOne() {
        assertThat(Codenames.normalise("T-Shirt felt-tip")).isEqualTo("t-shirt felt-tip");
    }

    @Test
    void compatibilityFormsAreFoldedToPlainLetters() {
        // full-width letters (an East Asian keyboard) and the "fi" ligature are the same codename
        assertThat(Codenames.normalise("ＡＢＡＣＵＳ ﬁnch")).isEqualTo("abacus finch");
        assertThat(Codenames.normalise("abacus\u00A0abdomen")).as("a no-break space is a space").isEqualTo("abacus abdomen");
    }

    @Test
    void aLanguageWithoutAWordListGetsTwentyFiveDigitsInGroupsOfFiveOfAtLeastEightyBits() {
        assertThat(Math.log(10) / Math.log(2) * Codenames.DIGITS).as("bits").isGreaterThanOrEqualTo(80);
        assertThat(codenames.hasWords("en")).isTrue();
        Set<String> drawn = new HashSet<>();
        for (Language language : Languages.all()) {
            String codename = codenames.generate(language.code());
            if (codenames.hasWords(language.code())) {
                assertThat(codename.split(" ")).as(language.code()).hasSize(language.code().equals("en") ? Codenames.WORDS : 8);
            } else {
                assertThat(codename).as(language.code()).matches("[0-9]{5}( [0-9]{5}){4}");
                assertThat(Codenames.normalise(codename)).isEqualTo(codename);
                drawn.add(codename);
            }
        }
        assertThat(drawn).as("word lists exist for English, Spanish and French today").hasSize(Languages.all().size() - 3);
    }

    /**
     * Issue #20 point 3: Spanish and French get words of their own language (BIP-0039's lists of 2,048 words, 8 words:
     * 88 bits), which a person can type without the accents; English keeps 7 of the EFF's 7,776 (90.5 bits).
     */
    @Test
    void spanishAndFrenchGetWordsOfTheirOwnOfAtLeastEightyBitsTypableWithoutAccents() {
        assertThat(codenames.hasWords("es")).isTrue();
        assertThat(codenames.hasWords("fr")).isTrue();
        assertThat(Codenames.wordsFor(2048)).isEqualTo(8);
        assertThat(Codenames.wordsFor(7776)).isEqualTo(7);
        assertThat(8 * Math.log(2048) / Math.log(2)).as("bits of a Spanish or French codename").isGreaterThanOrEqualTo(80);
        List<String> spanish = Codenames.load("/intake/bip39_spanish.txt");
        List<String> french = Codenames.load("/intake/bip39_french.txt");
        assertThat(spanish).hasSize(2048).contains("ábaco", "abeja", "zurdo");
        assertThat(french).hasSize(2048).contains("abeille", "élève");
        String codename = codenames.generate("es");
        assertThat(codename.split(" ")).hasSize(8).allSatisfy(word -> assertThat(spanish).contains(word));
        assertThat(Codenames.normalise("ÁBACO Élève  zurdo")).isEqualTo("abaco eleve zurdo");
        assertThat(Codenames.normalise("ábaco élève zurdo")).isEqualTo(Codenames.normalise("abaco eleve zurdo"));
        assertThat(Codenames.normalise("ﺍﻟﻠﻪ")).as("marks of other scripts are not dropped").isEqualTo(java.text.Normalizer.normalize("ﺍﻟﻠﻪ",
                java.text.Normalizer.Form.NFKC));
    }

    @Test
    void digitsAreReadInAnyScriptWithAnySeparators() {
        String codename = "01234 56789 01234 56789 01234";
        assertThat(Codenames.normalise("0123456789012345678901234")).isEqualTo(codename);
        assertThat(Codenames.normalise(" 01234-56789-01234-56789-01234 ")).isEqualTo(codename);
        assertThat(Codenames.normalise("٠١٢٣٤ ٥٦٧٨٩ ٠١٢٣٤ ٥٦٧٨٩ ٠١٢٣٤")).as("Arabic-Indic digits").isEqualTo(codename);
        assertThat(Codenames.normalise("۰۱۲۳۴۵۶۷۸۹ ۰۱۲۳۴۵۶۷۸۹ ۰۱۲۳۴")).as("Persian digits").isEqualTo(codename);
        assertThat(Codenames.normalise("０１２３４ 56789.01234,56789 01234")).as("full-width digits").isEqualTo(codename);
        assertThat(Codenames.normalise("abacus 12345")).as("words with digits stay words").isEqualTo("abacus 12345");
    }

    @Test
    void digitCodenamesAreShownInTheLocalesOwnDigitsWhereItHasThem() {
        String codename = "01234 56789 01234 56789 01234";
        assertThat(Codenames.nativeDigits(codename, Locale.forLanguageTag("ar"))).isEqualTo("٠١٢٣٤ ٥٦٧٨٩ ٠١٢٣٤ ٥٦٧٨٩ ٠١٢٣٤");
        assertThat(Codenames.nativeDigits(codename, Locale.forLanguageTag("fa"))).isEqualTo("۰۱۲۳۴ ۵۶۷۸۹ ۰۱۲۳۴ ۵۶۷۸۹ ۰۱۲۳۴");
        assertThat(Codenames.nativeDigits(codename, Locale.forLanguageTag("ru"))).isNull();
        assertThat(Codenames.nativeDigits("abacus abdomen", Locale.forLanguageTag("ar"))).isNull();
        assertThat(Codenames.normalise(Codenames.nativeDigits(codename, Locale.forLanguageTag("fa")))).isEqualTo(codename);
    }
}
