package nl.haven.routes.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Numbers and dates as people write them in each language (issue #20, point 7). */
class LocalInputTests {
    static final Locale EN = Locale.forLanguageTag("en");
    static final Locale NL = Locale.forLanguageTag("nl");
    static final Locale AR = Locale.forLanguageTag("ar");
    static final Locale FA = Locale.forLanguageTag("fa");
    static final Locale FR = Locale.forLanguageTag("fr");
    static final Locale RU = Locale.forLanguageTag("ru");
    static final BigDecimal SALARY = new BigDecimal("1934.40");

    @Test
    void eachLanguageReadsItsOwnSeparators() {
        assertThat(LocalInput.decimal("1.934,40", NL)).contains(SALARY);
        assertThat(LocalInput.decimal("1,934.40", EN)).contains(SALARY);
        assertThat(LocalInput.decimal("1 934,40", FR)).contains(SALARY);
        assertThat(LocalInput.decimal("1\u202f934,40", FR)).contains(SALARY);
        assertThat(LocalInput.decimal("1 934,40", RU)).contains(SALARY);
        assertThat(LocalInput.decimal("€ 5.688", NL)).contains(new BigDecimal("5688"));
        assertThat(LocalInput.decimal("5,688", EN)).contains(new BigDecimal("5688"));
    }

    @Test
    void arabicIndicAndPersianDigitsAreNumbers() {
        assertThat(LocalInput.decimal("١٬٩٣٤٫٤٠", AR)).contains(SALARY);
        assertThat(LocalInput.decimal("١٩٣٤٫٤٠", AR)).contains(SALARY);
        assertThat(LocalInput.decimal("۱٬۹۳۴٫۴۰", FA)).contains(SALARY);
        assertThat(LocalInput.decimal("۵۶۸۸", FA)).contains(new BigDecimal("5688"));
        // An Arabic speaker on a Latin keyboard.
        assertThat(LocalInput.decimal("1,934.40", AR)).contains(SALARY);
        assertThat(LocalInput.whole("١٢")).contains(12);
    }

    @Test
    void centsAfterTheOtherMarkAreStillCents() {
        assertThat(LocalInput.decimal("1934.40", NL)).contains(SALARY);
        assertThat(LocalInput.decimal("1934,40", EN)).contains(SALARY);
    }

    @Test
    void wordsAndMixedUpSeparatorsAreNotNumbers() {
        assertThat(LocalInput.decimal("lots", EN)).isEmpty();
        assertThat(LocalInput.decimal("veel", NL)).isEmpty();
        assertThat(LocalInput.decimal("1,934,40", NL)).isEmpty();
        assertThat(LocalInput.decimal("1.93.4", EN)).isEmpty();
        assertThat(LocalInput.decimal("12e3", EN)).isEmpty();
        assertThat(LocalInput.whole("12.5")).isEmpty();
        assertThat(LocalInput.whole("twelve")).isEmpty();
    }

    @Test
    void datesFromTheDateFieldOrTypedDayFirst() {
        LocalDate day = LocalDate.of(1990, 12, 31);
        assertThat(LocalInput.date("1990-12-31")).contains(day);
        assertThat(LocalInput.date("31-12-1990")).contains(day);
        assertThat(LocalInput.date("31/12/1990")).contains(day);
        assertThat(LocalInput.date("31.12.1990")).contains(day);
        assertThat(LocalInput.date("٣١-١٢-١٩٩٠")).contains(day);
        assertThat(LocalInput.date("۳۱-۱۲-۱۹۹۰")).contains(day);
        assertThat(LocalInput.date("31-02-1990")).isEmpty();
        assertThat(LocalInput.date("12/31/1990")).isEmpty();
        assertThat(LocalInput.date("yesterday")).isEmpty();
    }

    @Test
    void examplesAreWrittenTheLanguagesWay() {
        assertThat(LocalInput.format(SALARY, NL)).isEqualTo("1.934,40");
        assertThat(LocalInput.format(SALARY, EN)).isEqualTo("1,934.40");
        assertThat(LocalInput.format(SALARY, FA)).isEqualTo("۱٬۹۳۴٫۴۰");
    }
}
