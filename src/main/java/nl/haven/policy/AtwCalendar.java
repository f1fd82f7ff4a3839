package nl.haven.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The days on which a term under the Algemene termijnenwet cannot end: Saturdays, Sundays, the
 * holidays of art. 3(1) and 3(2), and the days equated with them by Royal Decree (art. 3(3)).
 *
 * <p>The calendar covers only the years for which the equated days are recorded in
 * {@code procedure.yaml} ({@link #coveredYears()}); asking about another year is a
 * {@link PolicyInputException}, because a list without that year's decree could be wrong.
 */
public final class AtwCalendar {
    private final List<HolidayRule> rules;
    private final List<EquatedDays> equated;
    private final SortedSet<Integer> covered;

    /** The calendar of every holiday rule and equated day in {@code procedure}. */
    public AtwCalendar(Procedure procedure) {
        this(procedure.holidays(), procedure.equatedDays());
    }

    private AtwCalendar(List<HolidayRule> rules, List<EquatedDays> equated) {
        this.rules = List.copyOf(rules);
        this.equated = List.copyOf(equated);
        SortedSet<Integer> years = new TreeSet<>();
        equated.forEach(e -> years.addAll(e.years()));
        this.covered = Collections.unmodifiableSortedSet(years);
    }

    /**
     * The same calendar with only the rules and equated days of confidence PRIMARY: the days it
     * counts as working days include every day the full calendar is unsure about. The covered years
     * stay the same.
     */
    public AtwCalendar primaryOnly() {
        Predicate<Confidence> primary = c -> c == Confidence.PRIMARY;
        List<EquatedDays> primaryEquated = equated.stream()
                .map(e -> primary.test(e.confidence()) ? e
                        : new EquatedDays(e.id(), e.years(), List.of(), e.article(), e.confidence(), e.sources(), e.name(), e.origin()))
                .toList();
        return new AtwCalendar(rules.stream().filter(r -> primary.test(r.confidence())).toList(), primaryEquated);
    }

    /**
     * Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus, Jones,
     * Butcher). Valid for every year from 1583.
     */
    public static LocalDate easterSunday(int year) {
        if (year < 1583) {
            throw new PolicyInputException("year", "year " + year + " is before the Gregorian calendar: Easter is computed for 1583 and later");
        }
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** The years for which every non-working day is known (those with a recorded equated-days decree). */
    public SortedSet<Integer> coveredYears() {
        return covered;
    }

    public boolean covers(int year) {
        return covered.contains(year);
    }

    /** Every holiday and equated day of {@code year}, in date order. */
    public List<Holiday> holidays(int year) {
        requireCovered(year);
        List<Holiday> days = new ArrayList<>();
        for (HolidayRule rule : rules) {
            LocalDate date = rule.in(year);
            if (date != null) {
                days.add(new Holiday(date, rule.id(), rule.name(), rule.article(), rule.confidence(), rule.sources()));
            }
        }
        for (EquatedDays decree : equated) {
            for (LocalDate date : decree.dates()) {
                if (date.getYear() == year) {
                    days.add(new Holiday(date, decree.id(), decree.name(), decree.article(), decree.confidence(), decree.sources()));
                }
            }
        }
        days.sort(Comparator.comparing(Holiday::date).thenComparing(Holiday::rule));
        return List.copyOf(days);
    }

    /** The holidays (usually none, rarely two, e.g. Ascension Day on 5 May) on {@code date}. */
    public List<Holiday> holidaysOn(LocalDate date) {
        return holidays(date.getYear()).stream().filter(h -> h.date().equals(date)).toList();
    }

    /** Whether a term may end on {@code date}: not a Saturday, Sunday, holiday or equated day. */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && holidaysOn(date).isEmpty();
    }

    private void requireCovered(int year) {
        if (!covers(year)) {
            throw new PolicyInputException("date", "the year " + year + " is outside the supported range " + describe(covered)
                    + ": the days equated with holidays by Royal Decree (art. 3(3) Algemene termijnenwet) are recorded for those years only");
        }
    }

    static String describe(SortedSet<Integer> years) {
        if (years.isEmpty()) {
            return "(no year: procedure.yaml records no equated days)";
        }
        boolean contiguous = years.last() - years.first() + 1 == years.size();
        return contiguous ? years.first() + "-01-01 to " + years.last() + "-12-31" : "of the years " + years;
    }

    /** A day a term cannot end on, with the rule that makes it one. */
    public record Holiday(LocalDate date, String rule, Text name, String article, Confidence confidence, List<String> sources) {
        public Holiday {
            sources = List.copyOf(sources);
        }
    }
}
