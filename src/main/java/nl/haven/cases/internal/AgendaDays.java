package nl.haven.cases.internal;

import java.time.LocalDate;

/**
 * Where a due date falls on the agenda of {@code today} (the day in Europe/Amsterdam): before it overdue, on it due
 * today, in the six days after it due this week (a rolling week, so that a Friday still shows next Monday), later not
 * on the agenda.
 */
public enum AgendaDays {
    OVERDUE, TODAY, THIS_WEEK, LATER;

    /** The last day "this week" covers. */
    static LocalDate weekEnd(LocalDate today) {
        return today.plusDays(6);
    }

    static AgendaDays of(LocalDate today, LocalDate due) {
        if (due.isBefore(today)) {
            return OVERDUE;
        }
        if (due.isEqual(today)) {
            return TODAY;
        }
        return due.isAfter(weekEnd(today)) ? LATER : THIS_WEEK;
    }
}
