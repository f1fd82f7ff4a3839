package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import nl.haven.identity.CurrentStaff;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import nl.haven.testing.Bundles;

/**
 * Dates people enter on the staff pages (issue #19, point 6): what a date field sends (ISO) and what a Dutch
 * colleague types (day-month-year) are both read; anything else is named as not a date; the day something happened
 * is neither in the future (in Dutch time) nor before 1990, and the refusal names the field in the page's language.
 */
class PageDatesTests {
    /** 23:30 UTC on 31 December 2026 is already 1 January 2027 in the Netherlands. */
    static final Clock NEW_YEAR_IN_AMSTERDAM = Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC);

    static PageSupport support(Clock clock) {
                return new PageSupport(Mockito.mock(CurrentStaff.class), Bundles.messageSource(), clock);
    }

    @Test
    void isoAndDutchDatesAreRead() {
        assertThat(PageSupport.date("2026-12-31")).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(PageSupport.date("31-12-2026")).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(PageSupport.date(" 02-03-2026 ")).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(PageSupport.date("2-3-2026")).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(PageSupport.date("29-02-2024")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void emptyIsNoDate() {
        assertThat(PageSupport.date(null)).isNull();
        assertThat(PageSupport.date("")).isNull();
        assertThat(PageSupport.date("   ")).isNull();
    }

    @Test
    void whatIsNotADateIsRefusedWithTheValueAsTyped() {
        for (String typed : new String[] { "2 March", "31-02-2026", "29-02-2026", "2026-02-30", "12/31/2026", "31.12.2026", "2026-1-2",
                "31-12-26", "00-01-2026", "2026-13-01", "31-12-2026x" }) {
            assertThatThrownBy(() -> PageSupport.date(typed)).as(typed).isInstanceOf(PageSupport.BadDate.class).hasMessage(typed);
        }
        assertThatThrownBy(() -> PageSupport.date(" 2 March ")).isInstanceOf(PageSupport.BadDate.class).hasMessage("2 March");
    }

    @Test
    void theDaySomethingHappenedIsNotInTheFutureInDutchTime() {
        PageSupport support = support(NEW_YEAR_IN_AMSTERDAM);
        assertThat(support.today()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(support.eventDate("f", "cases.steps.date", LocalDate.of(2027, 1, 1), Locale.ENGLISH).any()).as("today").isFalse();
        assertThat(support.eventDate("f", "cases.steps.date", LocalDate.of(1990, 1, 1), Locale.ENGLISH).any()).as("1 January 1990").isFalse();

        PageSupport.Problem future = support.eventDate("transition-APPLIED-date", "cases.steps.date", LocalDate.of(2027, 1, 2), Locale.ENGLISH);
        assertThat(future.field()).isEqualTo("transition-APPLIED-date");
        assertThat(future.text()).isEqualTo("The day it happened: 2027-01-02 is in the future (today is 2027-01-01). Enter the day it happened.");
        assertThat(support.eventDate("f", "cases.steps.date", LocalDate.of(2030, 1, 1), Locale.forLanguageTag("nl")).text())
                .startsWith("De dag waarop het gebeurde: 2030-01-01 ligt in de toekomst");
        assertThat(support.eventDate("f", "cases.steps.date", LocalDate.of(2030, 1, 1), Locale.forLanguageTag("ru")).text())
                .startsWith("День, когда это произошло: 2030-01-01 — это дата в будущем");
    }

    @Test
    void theDaySomethingHappenedIsNotBefore1990() {
        PageSupport.Problem early = support(NEW_YEAR_IN_AMSTERDAM).eventDate("d", "cases.steps.date", LocalDate.of(1989, 12, 31), Locale.ENGLISH);
        assertThat(early.on("d")).isTrue();
        assertThat(early.text()).isEqualTo("The day it happened: 1989-12-31 is before 1990-01-01. Check the year.");
        assertThat(support(NEW_YEAR_IN_AMSTERDAM).eventDate("d", "cases.steps.date", LocalDate.of(1026, 3, 2), Locale.forLanguageTag("nl")).text())
                .isEqualTo("De dag waarop het gebeurde: 1026-03-02 ligt voor 1990-01-01. Controleer het jaar.");
    }
}
