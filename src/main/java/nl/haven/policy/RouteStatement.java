package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A sourced statement about how a route works, e.g. "the threshold of the year of application applies". */
public record RouteStatement(String id, String route, LocalDate validFrom, @Nullable LocalDate validTo, Confidence confidence,
        List<String> sources, Text text) {
    public RouteStatement {
        sources = List.copyOf(sources);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }
}
