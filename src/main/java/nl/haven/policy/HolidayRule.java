package nl.haven.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A holiday of art. 3(1) or 3(2) of the Algemene termijnenwet: a fixed day of the year (New Year's
 * Day, 5 May, King's Day with its Sunday exception) or a day relative to Easter Sunday (Good Friday,
 * Easter Monday, Ascension Day, Whit Monday).
 *
 * @param date       for {@link Kind#FIXED}: the month and day
 * @param easterOffset for {@link Kind#EASTER}: days after Easter Sunday (negative: before)
 * @param ifSunday   for {@link Kind#FIXED}: days to move the holiday when the date is a Sunday (King's Day: -1); 0 = none
 */
public record HolidayRule(String id, Kind kind, @Nullable MonthDay date, int easterOffset, int ifSunday, String article,
        LocalDate validFrom, @Nullable LocalDate validTo, Confidence confidence, List<String> sources, Text name, String origin) {

    /** How a holiday's date is found. */
    public enum Kind {
        FIXED, EASTER
    }

    public HolidayRule {
        sources = List.copyOf(sources);
    }

    /** The holiday's date in {@code year}, or null when the rule is not in force on that date. */
    public @Nullable LocalDate in(int year) {
        LocalDate day;
        if (kind == Kind.EASTER) {
            day = AtwCalendar.easterSunday(year).plusDays(easterOffset);
        } else {
            day = Objects.requireNonNull(date, "a FIXED holiday has a date").atYear(year);
            if (ifSunday != 0 && day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(ifSunday);
            }
        }
        boolean valid = !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
        return valid ? day : null;
    }
}
