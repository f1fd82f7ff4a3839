package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The holiday calendar of the Algemene termijnenwet (art. 3) as encoded in the shipped
 * {@code procedure.yaml}: Easter, every holiday of 2025 and 2026 written out by hand, King's Day's
 * Sunday rule, and the refusal of years the calendar does not cover.
 */
class LegalTermsHolidayTests {

    static final Procedure PROCEDURE = PolicyDataSet.shipped().procedure();
    static final AtwCalendar CALENDAR = new AtwCalendar(PROCEDURE);

    /** Published Easter dates (Gregorian), including the earliest (22 March) and latest (25 April) possible. */
    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({ "1818, 1818-03-22", "1943, 1943-04-25", "2000, 2000-04-23", "2008, 2008-03-23", "2011, 2011-04-24", "2019, 2019-04-21",
            "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2038, 2038-04-25", "2285, 2285-03-22" })
    void computesEasterSunday(int year, LocalDate easter) {
        assertThat(AtwCalendar.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void refusesEasterBeforeTheGregorianCalendar() {
        assertThatThrownBy(() -> AtwCalendar.easterSunday(1582)).isInstanceOf(PolicyInputException.class)
                .hasMessageContaining("1582").hasMessageContaining("1583 and later");
    }

    /** Art. 3(1) and (2) Atw for 2025 (Easter 20 April; 27 April a Sunday), plus the equated day of the 2023-2025 decree. */
    @Test
    void listsEveryHolidayOf2025() {
        assertThat(CALENDAR.holidays(2025)).extracting(AtwCalendar.Holiday::date, AtwCalendar.Holiday::rule).containsExactly(
                tuple("2025-01-01", "atw-new-years-day"),
                tuple("2025-04-18", "atw-good-friday"), // Easter - 2
                tuple("2025-04-21", "atw-easter-monday"), // Easter + 1
                tuple("2025-04-26", "atw-kings-day"), // 27 April is a Sunday: the day before
                tuple("2025-05-05", "atw-fifth-of-may"),
                tuple("2025-05-29", "atw-ascension-day"), // Easter + 39
                tuple("2025-05-30", "atw-equated-2023-2025"), // Friday after Ascension Day, by Royal Decree
                tuple("2025-06-09", "atw-whit-monday"), // Easter + 50
                tuple("2025-12-25", "atw-christmas-day"),
                tuple("2025-12-26", "atw-boxing-day"));
    }

    /** Art. 3(1) and (2) Atw for 2026 (Easter 5 April; 27 April a Monday), plus the equated days of the 2026-2028 decree. */
    @Test
    void listsEveryHolidayOf2026() {
        assertThat(CALENDAR.holidays(2026)).extracting(AtwCalendar.Holiday::date, AtwCalendar.Holiday::rule).containsExactly(
                tuple("2026-01-01", "atw-new-years-day"),
                tuple("2026-01-02", "atw-equated-2026-2028"), // Friday after New Year's Day, by Royal Decree
                tuple("2026-04-03", "atw-good-friday"),
                tuple("2026-04-06", "atw-easter-monday"),
                tuple("2026-04-27", "atw-kings-day"), // a Monday: stays on the 27th
                tuple("2026-05-05", "atw-fifth-of-may"),
                tuple("2026-05-14", "atw-ascension-day"),
                tuple("2026-05-15", "atw-equated-2026-2028"), // Friday after Ascension Day
                tuple("2026-05-25", "atw-whit-monday"),
                tuple("2026-12-25", "atw-christmas-day"),
                tuple("2026-12-26", "atw-boxing-day")); // a Saturday: no replacement day in the Atw
    }

    @Test
    void kingsDayMovesToSaturdayOnlyWhen27AprilIsASunday() {
        HolidayRule kingsDay = PROCEDURE.holidays().stream().filter(h -> h.id().equals("atw-kings-day")).findFirst().orElseThrow();
        assertThat(kingsDay.in(2014)).as("2014: 27 April a Sunday, celebrated on 26 April").isEqualTo(LocalDate.parse("2014-04-26"));
        assertThat(kingsDay.in(2025)).as("2025: 27 April a Sunday").isEqualTo(LocalDate.parse("2025-04-26"));
        assertThat(kingsDay.in(2031)).as("2031: 27 April a Sunday").isEqualTo(LocalDate.parse("2031-04-26"));
        assertThat(kingsDay.in(2027)).as("2027: 27 April a Tuesday").isEqualTo(LocalDate.parse("2027-04-27"));
        assertThat(kingsDay.in(2013)).as("before the 2013 decree took effect on 1 January 2014: no King's Day").isNull();
    }

    @Test
    void fifthOfMayIsAHolidayEveryYearNotOnlyEveryFifth() {
        // Art. 3(1) Atw names "de vijfde mei" without condition; 2027 is not a lustrum year.
        assertThat(CALENDAR.holidaysOn(LocalDate.parse("2027-05-05"))).extracting(AtwCalendar.Holiday::rule).containsExactly("atw-fifth-of-may");
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2027-05-05"))).isFalse();
    }

    @Test
    void weekendsAreNotWorkingDaysAndOrdinaryWeekdaysAre() {
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-14"))).as("a Saturday").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-15"))).as("a Sunday").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-16"))).as("an ordinary Monday").isTrue();
    }

    @Test
    void thePrimaryOnlyCalendarTreatsSecondaryEquatedDaysAsWorkingDays() {
        LocalDate fridayAfterAscension = LocalDate.parse("2026-05-15");
        assertThat(CALENDAR.isWorkingDay(fridayAfterAscension)).as("equated by Royal Decree (SECONDARY)").isFalse();
        assertThat(CALENDAR.primaryOnly().isWorkingDay(fridayAfterAscension)).isTrue();
        assertThat(CALENDAR.primaryOnly().isWorkingDay(LocalDate.parse("2026-05-14"))).as("Ascension Day itself is PRIMARY").isFalse();
    }

    @Test
    void coversExactlyTheYearsOfTheRecordedDecrees() {
        assertThat(CALENDAR.coveredYears()).containsExactly(2023, 2024, 2025, 2026, 2027, 2028);
    }

    @Test
    void refusesAYearWithoutARecordedDecree() {
        assertThatThrownBy(() -> CALENDAR.holidays(2029)).isInstanceOf(PolicyInputException.class)
                .hasMessageContaining("2029").hasMessageContaining("2023-01-01 to 2028-12-31").hasMessageContaining("art. 3(3)");
    }

    static Tuple tuple(String date, String rule) {
        return Tuple.tuple(LocalDate.parse(date), rule);
    }
}
