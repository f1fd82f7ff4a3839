package nl.haven.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The language registry (issue #20, point 1): ten languages, names and plural rules from CLDR, not typed. */
class LanguagesTests {

    @Test
    void theTenLanguagesOfThePeopleHavenServes() {
        assertThat(Languages.codes()).containsExactly("en", "nl", "ar", "es", "fa", "fr", "ru", "tr", "uk", "ur");
        assertThat(Languages.all().get(0)).isEqualTo(Languages.ENGLISH);
    }

    @Test
    void arabicPersianAndUrduRunRightToLeft() {
        assertThat(Languages.all().stream().filter(Language::rightToLeft).map(Language::code)).containsExactly("ar", "fa", "ur");
        assertThat(Languages.byCode("fa").orElseThrow().direction().attribute()).isEqualTo("rtl");
        assertThat(Languages.ENGLISH.direction().attribute()).isEqualTo("ltr");
    }

    @Test
    void namesComeFromCldrInTheLanguageItself() {
        assertThat(Languages.byCode("nl").orElseThrow().nativeName()).isEqualTo("Nederlands");
        assertThat(Languages.byCode("fa").orElseThrow().nativeName()).isEqualTo("فارسی");
        assertThat(Languages.byCode("uk").orElseThrow().nativeName()).isEqualTo("Українська");
        assertThat(Languages.byCode("tr").orElseThrow().nativeName()).isEqualTo("Türkçe");
        assertThat(Languages.byCode("fa").orElseThrow().nameIn(Locale.forLanguageTag("nl"))).isEqualTo("Perzisch");
        // every language has a real name, not its code echoed back
        Languages.all().forEach(l -> assertThat(l.nativeName()).as(l.code()).isNotEqualTo(l.code()).isNotBlank());
    }

    @Test
    void pluralCategoriesComeFromCldr() {
        assertThat(Languages.ENGLISH.pluralCategories()).containsExactlyInAnyOrder("one", "other");
        assertThat(Languages.byCode("ar").orElseThrow().pluralCategories())
                .containsExactlyInAnyOrder("zero", "one", "two", "few", "many", "other");
        assertThat(Languages.byCode("ru").orElseThrow().pluralCategories()).containsExactlyInAnyOrder("one", "few", "many", "other");
        assertThat(Languages.byCode("tr").orElseThrow().pluralCategories()).contains("other");
    }

    @Test
    void lookUpIsForgivingAboutCaseAndSpaceButNotAboutUnknownCodes() {
        assertThat(Languages.byCode(" AR ")).map(Language::code).hasValue("ar");
        assertThat(Languages.byCode("xx")).isEmpty();
        assertThat(Languages.supported("de")).isFalse();
        assertThat(Languages.of(Locale.GERMAN)).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.expected()).isEqualTo("one of en, nl, ar, es, fa, fr, ru, tr, uk, ur");
        assertThatThrownBy(() -> new Language("eng", Language.Direction.LTR, false, false))
                .hasMessageContaining("'eng'").hasMessageContaining("ISO 639-1");
    }

    @Test
    void staffPagesSpeakAtLeastEnglishAndDutch() {
        assertThat(Languages.staff()).extracting(Language::code).contains("en", "nl");
    }

    @Test
    void dataTextsFallBackToEnglishForLanguagesTheDataSetIsNotWrittenIn() {
        assertThat(Languages.dataText("ru")).isEqualTo("ru");
        assertThat(Languages.dataText("ar")).isEqualTo("en");
        assertThat(Languages.codes()).containsAll(Languages.dataTexts());
    }

    @Test
    void everyLanguageButTheSourceIsSaidToBeUnreviewed() {
        // No native speaker has reviewed any translation yet (README, "Languages"); the page footer says so.
        assertThat(Languages.unreviewed()).extracting(Language::code).containsExactly("nl", "ar", "es", "fa", "fr", "ru", "tr", "uk", "ur");
    }
}
