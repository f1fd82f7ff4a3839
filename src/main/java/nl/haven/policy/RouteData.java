package nl.haven.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the data set says about one regular migration route: its dated parameters and statements. */
public record RouteData(String route, Text name, Map<String, RouteParameter> parameters, List<RouteStatement> statements) {
    public RouteData {
        parameters = Map.copyOf(parameters);
        statements = List.copyOf(statements);
    }

    public Optional<RouteParameter> parameter(String id) {
        return Optional.ofNullable(parameters.get(id));
    }
}
