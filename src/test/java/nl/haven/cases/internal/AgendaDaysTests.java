package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Where a due date falls on the agenda: the boundaries of today and of the rolling week. */
class AgendaDaysTests {
    static final LocalDate FRIDAY = LocalDate.of(2026, 12, 4);

    @Test
    void beforeTodayIsOverdueTodayIsTodayAndTheSixDaysAfterAreThisWeek() {
        assertThat(AgendaDays.of(FRIDAY, FRIDAY.minusYears(1))).isEqualTo(AgendaDays.OVERDUE);
        assertThat(AgendaDays.of(FRIDAY, FRIDAY.minusDays(1))).isEqualTo(AgendaDays.OVERDUE);
        assertThat(AgendaDays.of(FRIDAY, FRIDAY)).isEqualTo(AgendaDays.TODAY);
        assertThat(AgendaDays.of(FRIDAY, FRIDAY.plusDays(1))).isEqualTo(AgendaDays.THIS_WEEK);
        assertThat(AgendaDays.of(FRIDAY, FRIDAY.plusDays(3))).isEqualTo(AgendaDays.THIS_WEEK); // next Monday
        assertThat(AgendaDays.of(FRIDAY, FRIDAY.plusDays(6))).isEqualTo(AgendaDays.THIS_WEEK);
        assertThat(AgendaDays.of(FRIDAY, FRIDAY.plusDays(7))).isEqualTo(AgendaDays.LATER);
        assertThat(AgendaDays.of(FRIDAY, FRIDAY.plusDays(10))).isEqualTo(AgendaDays.LATER);
    }

    @Test
    void theWeekCrossesTheEndOfTheYear() {
        LocalDate lastDay = LocalDate.of(2026, 12, 31);
        assertThat(AgendaDays.weekEnd(lastDay)).isEqualTo(LocalDate.of(2027, 1, 6));
        assertThat(AgendaDays.of(lastDay, LocalDate.of(2027, 1, 6))).isEqualTo(AgendaDays.THIS_WEEK);
        assertThat(AgendaDays.of(lastDay, LocalDate.of(2027, 1, 7))).isEqualTo(AgendaDays.LATER);
    }
}
