package nl.haven.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records real exchanges as the OpenAPI document's examples (issue #21, point 1), only when asked:
 * {@code -Dhaven.openapi.examples.capture=<directory>} writes the first accepted request body and answer of each
 * operation there ({@code <operationId>.request.json}, {@code <operationId>.<status>.json}); the README says how they
 * become {@code src/main/resources/openapi/examples.json}. Without the property it does nothing.
 */
final class ApiExamples {
    private static final @Nullable String CAPTURE = System.getProperty("haven.openapi.examples.capture");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, List<Route>> ROUTES = new ConcurrentHashMap<>();

    private record Route(String method, Pattern path, String operationId, JsonNode operation) {
    }

    private ApiExamples() {
    }

    static void capture(String document, String method, String path, @Nullable String requestType, byte @Nullable [] requestBody, int status,
            @Nullable String responseType, byte @Nullable [] responseBody) {
        if (CAPTURE == null || status >= 300) {
            return;
        }
        String operation = operationId(document, method, path);
        if (operation == null) {
            return;
        }
        if (requestBody != null && requestBody.length > 0 && requestType != null && requestType.contains("json")) {
            write(operation + ".request.json", requestBody);
        }
        if (responseBody != null && responseBody.length > 0 && responseType != null && responseType.contains("json")) {
            write(operation + "." + status + ".json", responseBody);
        }
    }

    private static void write(String name, byte[] body) {
        try {
            Path dir = Files.createDirectories(Path.of(CAPTURE));
            Files.write(dir.resolve(name), body, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException first) {
            // the first exchange of an operation is its example
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable String operationId(String document, String method, String path) {
        Route route = route(document, method, path);
        return route == null ? null : route.operationId();
    }

    /** The document's operation that serves this method and path, or null. */
    static @Nullable JsonNode operation(String document, String method, String path) {
        Route route = route(document, method, path);
        return route == null ? null : route.operation();
    }

    private static @Nullable Route route(String document, String method, String path) {
        List<Route> routes = ROUTES.computeIfAbsent(document, ApiExamples::routes);
        // the route with the fewest templated segments first: …/receipts/status before …/receipts/{receiptId}
        return routes.stream().filter(r -> r.method().equals(method) && r.path().matcher(path).matches())
                .min(Comparator.comparingInt(r -> r.path().pattern().split("\\[\\^/]\\+", -1).length)).orElse(null);
    }


    private static List<Route> routes(String document) {
        List<Route> routes = new ArrayList<>();
        JsonNode paths = JSON.readTree(document).path("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String id = operation.getValue().path("operationId").asString("");
                if (!id.isEmpty()) {
                    routes.add(new Route(operation.getKey().toUpperCase(Locale.ROOT), Pattern.compile(regex), id, operation.getValue()));
                }
            }
        }
        return routes;
    }
}
