package nl.haven.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.mockmvc.MockMvcRequest;
import com.atlassian.oai.validator.mockmvc.MockMvcResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every MockMvc test checks the OpenAPI document (issue #21, point 2): each exchange under {@code /api/} is validated
 * against the application's own {@code /v3/api-docs} by Atlassian's swagger-request-validator. An answer the document
 * does not describe (status, media type, headers, body) fails the test that sent it; a request the application accepted
 * (an answer below 400) must be one the document allows. A request it refused is not held to the document: refusing
 * what the document does not allow is the point of those tests.
 *
 * <p>Registered as a test auto-configuration ({@code src/test/resources/META-INF/spring/…AutoConfiguration.imports}), so
 * every {@code @AutoConfigureMockMvc} test gets it without a line of its own; the document is read once per application
 * context, from the application itself.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(MockMvc.class)
public class ApiDocumentValidation {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Not checked: the request's credentials against the security schemes (tests log in by request post-processors too),
     * and its {@code Accept} against the error answers' media type (the API answers problem+json to a client that accepts
     * JSON, RFC 9457 §3).
     */
    private static final List<String> NOT_CHECKED = List.of("validation.request.security.missing", "validation.request.security.invalid",
            "validation.request.accept.notAllowed");

    @Bean
    MockMvcBuilderCustomizer apiDocumentValidator(WebApplicationContext context) {
        Validator validator = new Validator(context);
        return builder -> builder.alwaysDo(validator::check);
    }

    /** The document of one application context, read on the first API exchange. */
    static final class Validator {
        private final WebApplicationContext context;
        private volatile OpenApiInteractionValidator validator;

        Validator(WebApplicationContext context) {
            this.context = context;
        }

        void check(MvcResult result) {
            MockHttpServletRequest request = result.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!path.startsWith("/api/")) {
                return;
            }
            MockHttpServletResponse response = result.getResponse();
            ValidationReport report = validator().validate(MockMvcRequest.of(request), MockMvcResponse.of(response));
            boolean accepted = response.getStatus() < 400;
            // Refused by response.sendError (Spring Security's 403, the container's own errors): the servlet container's
            // error page (web.HavenErrorController) writes the body, and MockMvc runs no error page; its body is not here.
            // (A 401 answers its own problem document since issue #21 point 5: it is validated like any answer.)
            boolean containerError = !accepted && response.isCommitted() && response.getContentAsByteArray().length == 0;
            List<ValidationReport.Message> errors = report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .filter(m -> accepted || !m.getKey().startsWith("validation.request."))
                    .filter(m -> !(containerError && m.getKey().equals("validation.response.body.missing")))
                    // A browser session's CSRF token (Spring Security's csrf() puts it in _csrf), a credential like the
                    // session cookie that the security schemes cover, not a parameter of the operation.
                    .filter(m -> !(m.getKey().equals("validation.request.parameter.query.unexpected") && m.getMessage().contains("'_csrf'")))
                    .toList();
            if (!errors.isEmpty()) {
                throw new AssertionError(request.getMethod() + " " + path + " → " + response.getStatus()
                        + " is not as /v3/api-docs describes it:\n"
                        + errors.stream().map(m -> describe(m, "  ")).collect(Collectors.joining("\n")));
            }
        }

        private static String describe(ValidationReport.Message message, String indent) {
            StringBuilder text = new StringBuilder(indent + message.getKey() + ": " + message.getMessage());
            for (ValidationReport.Message nested : message.getNestedMessages()) {
                text.append("\n").append(describe(nested, indent + "  "));
            }
            return text.toString();
        }

        OpenApiInteractionValidator validator() {
            OpenApiInteractionValidator current = validator;
            if (current == null) {
                synchronized (this) {
                    if (validator == null) {
                        validator = OpenApiInteractionValidator.createForInlineApiSpecification(nullableReferencesInlined(document(context)))
                                .withLevelResolver(notChecked())
                                .build();
                    }
                    current = validator;
                }
            }
            return current;
        }

        private static LevelResolver notChecked() {
            LevelResolver.Builder levels = LevelResolver.create();
            NOT_CHECKED.forEach(key -> levels.withLevel(key, ValidationReport.Level.IGNORE));
            return levels.build();
        }
    }

    /**
     * The document as the validator needs it, saying the same: OpenAPI 3.0 writes a nullable reference as
     * {@code {nullable: true, allOf: [{$ref}]}}, which the validator's JSON Schema check (draft 4) does not read as
     * nullable (it checks {@code null} against the referenced object). Here each such property becomes a copy of the
     * referenced schema with {@code nullable: true}, which it reads. Nothing else is changed.
     */
    static String nullableReferencesInlined(String document) {
        ObjectNode root = (ObjectNode) JSON.readTree(document);
        JsonNode schemas = root.path("components").path("schemas");
        inline(root, schemas, 0);
        return JSON.writeValueAsString(root);
    }

    private static JsonNode inline(JsonNode node, JsonNode schemas, int depth) {
        if (depth > 40) {
            throw new IllegalStateException("nullable references nest deeper than 40: a cycle?");
        }
        if (node instanceof ObjectNode object) {
            JsonNode allOf = object.get("allOf");
            if (object.path("nullable").asBoolean(false) && allOf != null && allOf.size() == 1 && allOf.get(0).has("$ref")) {
                String name = allOf.get(0).get("$ref").asString().replace("#/components/schemas/", "");
                ObjectNode copy = ((ObjectNode) schemas.get(name)).deepCopy();
                copy.put("nullable", true);
                return inline(copy, schemas, depth + 1);
            }
            for (String name : List.copyOf(object.propertyNames())) {
                object.set(name, inline(object.get(name), schemas, depth));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inline(array.get(i), schemas, depth));
            }
        }
        return node;
    }

    /** The application's own document, as a client would read it. */
    public static String document(WebApplicationContext context) {
        try {
            MockMvc plain = MockMvcBuilders.webAppContextSetup(context).build();
            return plain.perform(MockMvcRequestBuilders.get("/v3/api-docs")).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("the application's /v3/api-docs could not be read", e);
        }
    }
}
