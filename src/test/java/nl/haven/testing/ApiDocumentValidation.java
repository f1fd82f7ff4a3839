package nl.haven.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.mockmvc.MockMvcRequest;
import com.atlassian.oai.validator.mockmvc.MockMvcResponse;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
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
    Validator apiDocumentValidatorOfThisContext(WebApplicationContext context) {
        return new Validator(context);
    }

    @Bean
    MockMvcBuilderCustomizer apiDocumentValidator(Validator validator) {
        return builder -> builder.alwaysDo(validator::check);
    }

    /**
     * The same check for tests that talk to a real server over HTTP (their own client, not MockMvc): a filter in front of
     * the application's checks each {@code /api/} exchange as the client gets it, and {@link ApiExchangeCheck} fails the test
     * that sent it.
     */
    @Bean
    FilterRegistrationBean<ServerExchanges> apiDocumentValidatorOfTheServer(Validator validator) {
        FilterRegistrationBean<ServerExchanges> registration = new FilterRegistrationBean<>(new ServerExchanges(validator));
        // Inside web.RequestLimitFilter (HIGHEST_PRECEDENCE + 10): the request it refuses before any operation (an
        // unreadable query, a form over its limit) it answers by a forward to the error page, which closes the response
        // for good — an answer buffered here would then be lost on its way to the client.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** The document of one application context, read on the first API exchange. */
    public static final class Validator {
        private final WebApplicationContext context;
        private volatile OpenApiInteractionValidator validator;
        private volatile @Nullable String document;

        public Validator(WebApplicationContext context) {
            this.context = context;
        }

        void check(MvcResult result) {
            MockHttpServletRequest request = result.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!path.startsWith("/api/")) {
                return;
            }
            MockHttpServletResponse response = result.getResponse();
            // Refused by response.sendError (Spring Security's 403, the container's own errors): the servlet container's
            // error page (web.HavenErrorController) writes the body, and MockMvc runs no error page; its body is not here.
            // (A 401 answers its own problem document since issue #21 point 5: it is validated like any answer.)
            boolean containerError = response.getStatus() >= 400 && response.isCommitted() && response.getContentAsByteArray().length == 0;
            String failure = failure(request.getMethod(), path, MockMvcRequest.of(request), MockMvcResponse.of(response), response.getStatus(),
                    containerError);
            if (failure != null) {
                throw new AssertionError(failure);
            }
            ApiExamples.capture(document(), request.getMethod(), path, request.getContentType(), request.getContentAsByteArray(),
                    response.getStatus(), response.getContentType(), response.getContentAsByteArray());
        }

        /** What is wrong with one exchange, or null when the document describes it. */
        public @Nullable String failure(String method, String path, Request request, Response response, int status, boolean containerError) {
            ValidationReport report = validator().validate(request, response);
            boolean accepted = status < 400;
            List<ValidationReport.Message> errors = report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .filter(m -> accepted || !m.getKey().startsWith("validation.request."))
                    .filter(m -> !(containerError && m.getKey().equals("validation.response.body.missing")))
                    // A browser session's CSRF token (Spring Security's csrf() puts it in _csrf), a credential like the
                    // session cookie that the security schemes cover, not a parameter of the operation.
                    .filter(m -> !(m.getKey().equals("validation.request.parameter.query.unexpected") && m.getMessage().contains("'_csrf'")))
                    .toList();
            List<String> found = new ArrayList<>(errors.stream().map(m -> describe(m, "  ")).toList());
            // The validator lets an answer carry headers the document does not name; an ETag must be named (the next
            // change sends it back in If-Match, so a client must know which answers have one).
            if (response.getHeaderValue("ETag").isPresent() && status < 400) {
                JsonNode operation = ApiExamples.operation(document(), method, path);
                if (operation != null && operation.path("responses").path(Integer.toString(status)).path("headers").path("ETag").isMissingNode()) {
                    found.add("  an ETag that the document does not list for " + status);
                }
            }
            if (found.isEmpty()) {
                return null;
            }
            return method + " " + path + " → " + status + " is not as /v3/api-docs describes it:\n" + String.join("\n", found);
        }

        String document() {
            String current = document;
            if (current == null) {
                current = ApiDocumentValidation.document(context);
                document = current;
            }
            return current;
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
                        validator = OpenApiInteractionValidator.createForInlineApiSpecification(nullableReferencesInlined(document()))
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

    /** What the server-side check found and no test has reported yet ({@link ApiExchangeCheck} reports and empties it). */
    static final Queue<String> FAILURES = new ConcurrentLinkedQueue<>();

    /**
     * Checks each {@code /api/} exchange of a real server against the document: the request as the application read it
     * and the answer as the client will get it (buffered here, then sent). MockMvc's own exchanges are checked by
     * {@link Validator#check} and skipped here.
     */
    static final class ServerExchanges extends OncePerRequestFilter {
        private static final int CACHED_BODY = 1 << 20;
        private final Validator validator;

        ServerExchanges(Validator validator) {
            this.validator = validator;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request instanceof MockHttpServletRequest) {
                chain.doFilter(request, response);
                return;
            }
            if (Arrays.stream(Request.Method.values()).noneMatch(m -> m.name().equals(request.getMethod()))) {
                chain.doFilter(request, response); // a method no operation can have (BREW: 501, ApiAnswersIT)
                return;
            }
            ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request, CACHED_BODY);
            ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
            boolean answered = false;
            try {
                chain.doFilter(cachedRequest, cachedResponse);
                answered = true;
            } finally {
                if (answered) {
                    check(request, cachedRequest, cachedResponse);
                }
                cachedResponse.copyBodyToResponse();
            }
        }

        private void check(HttpServletRequest request, ContentCachingRequestWrapper cachedRequest, ContentCachingResponseWrapper cachedResponse) {
            try {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                byte[] body = cachedResponse.getContentAsByteArray();
                int status = cachedResponse.getStatus();
                String failure = validator.failure(request.getMethod(), path, request(cachedRequest, path), response(cachedResponse, body),
                        status, status >= 400 && body.length == 0);
                if (failure != null) {
                    FAILURES.add(failure);
                }
                ApiExamples.capture(validator.document(), request.getMethod(), path, request.getContentType(),
                        cachedRequest.getContentAsByteArray(), status, cachedResponse.getContentType(), body);
            } catch (RuntimeException e) {
                FAILURES.add(request.getMethod() + " " + request.getRequestURI() + ": the check itself failed: " + e);
            }
        }

        private static Request request(ContentCachingRequestWrapper request, String path) {
            SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod(), path);
            for (String name : Collections.list(request.getHeaderNames())) {
                builder.withHeader(name, Collections.list(request.getHeaders(name)));
            }
            String query = request.getQueryString();
            if (query != null) {
                Map<String, List<String>> parameters = new LinkedHashMap<>();
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
                parameters.forEach(builder::withQueryParam);
            }
            byte[] body = request.getContentAsByteArray();
            if (body.length > 0) {
                builder.withBody(body);
            }
            return builder.build();
        }

        private static String decode(String value) {
            try {
                return URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                return value; // as sent (%zz): the application refuses or disregards it, and the check says which
            }
        }

        private static Response response(ContentCachingResponseWrapper response, byte[] body) {
            SimpleResponse.Builder builder = new SimpleResponse.Builder(response.getStatus());
            for (String name : response.getHeaderNames()) {
                builder.withHeader(name, List.copyOf(response.getHeaders(name)));
            }
            if (response.getContentType() != null) {
                builder.withContentType(response.getContentType());
            }
            if (body.length > 0) {
                builder.withBody(body);
            }
            return builder.build();
        }
    }

    /**
     * The document as the validator needs it, saying the same: OpenAPI 3.0 writes a nullable reference as
     * {@code {nullable: true, allOf: [{$ref}]}}, which the validator's JSON Schema check (draft 4) does not read as
     * nullable (it checks {@code null} against the referenced object). Here each such property becomes a copy of the
     * referenced schema with {@code nullable: true}, which it reads. Nothing else is changed.
     */
    public static String nullableReferencesInlined(String document) {
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
