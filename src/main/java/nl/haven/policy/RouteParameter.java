package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A threshold or term of a migration route that changes over time (a salary criterion, a minimum
 * investment), as dated, sourced values.
 */
public record RouteParameter(String id, String route, Unit unit, Text description, List<DatedValue> values) {

    /** What a parameter's numbers mean. */
    public enum Unit {
        EUR_PER_MONTH, EUR, PERCENT, YEARS, MONTHS
    }

    public RouteParameter {
        values = List.copyOf(values);
    }

    public Optional<DatedValue> on(LocalDate date) {
        for (DatedValue value : values) {
            if (value.validOn(date)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
