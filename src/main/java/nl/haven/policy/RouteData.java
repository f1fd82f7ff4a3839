package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the data set says about one regular migration route: its dated parameters and statements, and
 * the review of its file ({@code reviewedOn} is optional in route files).
 */
public record RouteData(String route, Text name, Map<String, RouteParameter> parameters, List<RouteStatement> statements, Review review) {
    public RouteData {
        parameters = Map.copyOf(parameters);
        statements = List.copyOf(statements);
    }

    public RouteData(String route, Text name, Map<String, RouteParameter> parameters, List<RouteStatement> statements) {
        this(route, name, parameters, statements, new Review("routes/" + route.toLowerCase(Locale.ROOT).replace('_', '-') + ".yaml", null));
    }

    public Optional<RouteParameter> parameter(String id) {
        return Optional.ofNullable(parameters.get(id));
    }
}
