package nl.haven.policy;

import java.time.LocalDate;

/**
 * The unit a legal term is written in. It matters twice: for adding the term to a date, and for
 * art. 4(a) of the Algemene termijnenwet, which exempts terms of more than 90 days, twelve weeks or
 * three months, and terms in years.
 */
public enum TermUnit {
    DAYS(90), WEEKS(12), MONTHS(3), YEARS(0);

    private final int atwMaximum;

    TermUnit(int atwMaximum) {
        this.atwMaximum = atwMaximum;
    }

    /**
     * The date {@code amount} units after {@code date}. A term in months or years ends on the day with
     * the same number as the starting event; when that month has no such day, on its last day
     * (31 August + 6 months = 28 or 29 February).
     */
    public LocalDate addTo(LocalDate date, int amount) {
        return switch (this) {
            case DAYS -> date.plusDays(amount);
            case WEEKS -> date.plusWeeks(amount);
            case MONTHS -> date.plusMonths(amount);
            case YEARS -> date.plusYears(amount);
        };
    }

    /** Whether the Algemene termijnenwet applies to a term of {@code amount} of this unit (its art. 4(a)). */
    public boolean withinTermsAct(int amount) {
        return amount <= atwMaximum;
    }
}
