package nl.haven.policy.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.haven.policy.Confidence;
import nl.haven.policy.DatedValue;
import nl.haven.policy.Review;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.policy.RouteStatement;
import nl.haven.policy.Text;
import nl.haven.policy.internal.DataSetReader.Validity;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the route files ({@code routes/NAME.yaml}) into the {@link DataSetReader}'s state. */
final class RouteFileReader {
    private final DataSetReader reader;
    private final List<String> errors;
    private final Map<String, RouteData> routes;
    private final List<Review> reviews;

    RouteFileReader(DataSetReader reader) {
        this.reader = reader;
        this.errors = reader.errors;
        this.routes = reader.routes;
        this.reviews = reader.reviews;
    }

    void route(String path, Node root) {
        YamlMap top = reader.top(root, path);
        if (top == null) {
            return;
        }
        String route = top.string("route");
        if (!route.isEmpty() && !DataSetReader.ROUTES.contains(route)) {
            errors.add(path + ":" + top.lineOf("route") + ": unknown route '" + route + "': expected one of " + String.join(", ", DataSetReader.ROUTES));
        } else if (routes.containsKey(route)) {
            errors.add(path + ":" + top.lineOf("route") + ": route " + route + " is described in two files");
        }
        Review review = new Review(path, reader.reviewedOn(top, false));
        reviews.add(review);
        Text name = top.text("name");
        Map<String, RouteParameter> parameters = new LinkedHashMap<>();
        for (YamlMap entry : top.maps("parameters")) {
            String id = entry.string("id");
            RouteParameter.Unit unit = entry.enumValue("unit", RouteParameter.Unit.class, null);
            Text description = entry.text("description");
            List<DatedValue> values = new ArrayList<>();
            for (YamlMap v : entry.maps("values")) {
                Validity validity = reader.validity(v, "a value");
                LocalDate validFrom = validity == null ? null : validity.from();
                LocalDate validTo = validity == null ? null : validity.to();
                BigDecimal value = number(v, "value");
                Confidence confidence = v.enumValue("confidence", Confidence.class, null);
                List<String> sourceIds = reader.sourcesOf(v);
                v.rejectUnknownKeys();
                if (validFrom != null && value != null && confidence != null) {
                    DatedValue dated = new DatedValue(validFrom, validTo, value, confidence, sourceIds, v.where());
                    for (DatedValue other : values) {
                        boolean overlap = (other.validTo() == null || validFrom.isBefore(other.validTo()))
                                && (validTo == null || other.validFrom().isBefore(validTo));
                        if (overlap) {
                            v.error("the value of '" + id + "' from " + validFrom + " overlaps the one from " + other.validFrom() + " ("
                                    + other.origin() + ")");
                        }
                    }
                    values.add(dated);
                }
            }
            if (values.isEmpty()) {
                entry.error("parameter '" + id + "' has no values");
            }
            entry.rejectUnknownKeys();
            if (!id.isEmpty() && reader.claimId(entry, id) && unit != null) {
                values.sort(Comparator.comparing(DatedValue::validFrom));
                parameters.put(id, new RouteParameter(id, route, unit, description, values));
            }
        }
        List<RouteStatement> statements = new ArrayList<>();
        for (YamlMap entry : top.maps("statements")) {
            String id = entry.string("id");
            LocalDate validFrom = entry.date("validFrom");
            LocalDate validTo = entry.optionalDate("validTo");
            Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
            List<String> sourceIds = reader.sourcesOf(entry);
            Text text = entry.text("text");
            entry.rejectUnknownKeys();
            if (!id.isEmpty() && reader.claimId(entry, id) && validFrom != null && confidence != null) {
                statements.add(new RouteStatement(id, route, validFrom, validTo, confidence, sourceIds, text));
            }
        }
        top.rejectUnknownKeys();
        if (DataSetReader.ROUTES.contains(route) && !routes.containsKey(route)) {
            routes.put(route, new RouteData(route, name, parameters, statements, review));
        }
    }

    private static @Nullable BigDecimal number(YamlMap entry, String key) {
        String text = entry.optionalString(key);
        if (text == null) {
            entry.error("missing '" + key + "': a number");
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            entry.error("'" + key + "' is '" + text + "', not a number");
            return null;
        }
    }
}
