package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * The days one Royal Decree equates with holidays for the Algemene termijnenwet (art. 3(3)), for the
 * years it covers. An empty {@code dates} list is a year known to have no equated days.
 */
public record EquatedDays(String id, List<Integer> years, List<LocalDate> dates, String article, Confidence confidence,
        List<String> sources, Text name, String origin) {

    public EquatedDays {
        years = List.copyOf(years);
        dates = List.copyOf(dates);
        sources = List.copyOf(sources);
    }
}
