package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.testing.ApiDocumentValidation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #21 point 1, "examples for every request and answer": in the committed OpenAPI document (which
 * {@code OpenApiSnapshotIT} holds equal to {@code /v3/api-docs}), every JSON request body and every JSON answer of an
 * accepted request (2xx) has an example, and each example is valid against its own schema — checked by the same
 * validator (Atlassian's swagger-request-validator) that checks every API test's exchanges, so an example that says
 * something the schema does not allow fails here. Problem answers have their examples too (one per problem type).
 * A text request body (the what-if's YAML) has a text example too; binary bodies (PDF, images, uploads) have none.
 */
class ApiExamplesTests {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static JsonNode document;
    static OpenApiInteractionValidator validator;

    @BeforeAll
    static void read() throws IOException {
        String text = Files.readString(OpenApiSnapshotIT.SNAPSHOT);
        document = JSON.readTree(text);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(ApiDocumentValidation.nullableReferencesInlined(text)).build();
    }

    @Test
    void everyJsonRequestAndAnswerHasAnExampleThatItsSchemaAllows() {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                String name = method + " " + path.getKey();
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000001");
                JsonNode request = operation.getValue().path("requestBody").path("content").path("application/json");
                if (!request.isMissingNode()) {
                    if (examples(request).isEmpty()) {
                        missing.add(name + " request");
                    }
                    for (JsonNode example : examples(request)) {
                        checked++;
                        Request sent = new SimpleRequest.Builder(method, concrete).withContentType("application/json")
                                .withBody(JSON.writeValueAsString(example)).build();
                        bodyMessages(validator.validateRequest(sent), "validation.request.body").forEach(m -> invalid.add(name + " request: " + m));
                    }
                }
                for (Map.Entry<String, JsonNode> text : operation.getValue().path("requestBody").path("content").properties()) {
                    if ((text.getKey().startsWith("text/") || text.getKey().contains("yaml")) && examples(text.getValue()).isEmpty()) {
                        missing.add(name + " request " + text.getKey());
                    }
                }
                for (Map.Entry<String, JsonNode> answer : operation.getValue().path("responses").properties()) {
                    JsonNode json = answer.getValue().path("content").path("application/json");
                    if (json.isMissingNode() || !answer.getKey().startsWith("2")) {
                        continue;
                    }
                    if (examples(json).isEmpty()) {
                        missing.add(name + " " + answer.getKey());
                    }
                    for (JsonNode example : examples(json)) {
                        checked++;
                        SimpleResponse sent = new SimpleResponse.Builder(Integer.parseInt(answer.getKey())).withContentType("application/json")
                                .withBody(JSON.writeValueAsString(example)).build();
                        bodyMessages(validator.validateResponse(concrete, Request.Method.valueOf(method), sent), "validation.response.body")
                                .forEach(m -> invalid.add(name + " " + answer.getKey() + ": " + m));
                    }
                }
            }
        }
        assertThat(missing).as("JSON requests and answers without an example (src/main/resources/%s)", ApiDocument.EXAMPLES).isEmpty();
        assertThat(invalid).as("examples that their schema does not allow").isEmpty();
        assertThat(checked).as("examples checked").isGreaterThanOrEqualTo(50);
    }

    @Test
    void anExampleThatItsSchemaDoesNotAllowIsFound() {
        // the check above can fail: a case without its required fields is not a CaseView
        SimpleResponse wrong = new SimpleResponse.Builder(200).withContentType("application/json").withBody("{\"id\":\"not a case\"}").build();
        assertThat(bodyMessages(validator.validateResponse("/api/v1/cases/00000000-0000-4000-8000-000000000001", Request.Method.GET, wrong),
                "validation.response.body")).isNotEmpty();
    }

    @Test
    void everyExampleBelongsToAnOperationAndStatusOfTheDocument() throws IOException {
        JsonNode examples = JSON.readTree(Path.of("src/main/resources", ApiDocument.EXAMPLES).toFile());
        List<String> operations = new ArrayList<>();
        document.path("paths").forEach(item -> item.forEach(op -> operations.add(op.path("operationId").asString())));
        List<String> stray = new ArrayList<>();
        for (Map.Entry<String, JsonNode> example : examples.properties()) {
            if (!operations.contains(example.getKey())) {
                stray.add(example.getKey());
            }
        }
        assertThat(stray).as("examples of operations the document does not have").isEmpty();
        // the what-if's example is the change file of docs/examples, which the what-if's own tests load
        assertThat(examples.path("statisticsWhatIf").path("request:text").asString())
                .isEqualTo(Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml")));
    }

    /** A media type's example, or the values of its named examples. */
    private static List<JsonNode> examples(JsonNode mediaType) {
        List<JsonNode> found = new ArrayList<>();
        if (mediaType.has("example")) {
            found.add(mediaType.get("example"));
        }
        mediaType.path("examples").forEach(named -> found.add(named.path("value")));
        return found;
    }

    private static List<String> bodyMessages(ValidationReport report, String prefix) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> m.getKey().startsWith(prefix) || m.getKey().startsWith("validation.schema"))
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }
}
