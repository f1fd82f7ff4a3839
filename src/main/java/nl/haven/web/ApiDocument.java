package nl.haven.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import nl.haven.shared.Languages;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs} as the API really is (issue #21, point 1): Haven's name and version,
 * the security of each operation (an API token, a staff session, or public), readable operation ids, the status each
 * operation answers with (201 and {@code Location} for a create, 204 for an action) and the problem documents it can
 * answer ({@code application/problem+json}, {@code docs/problems.md}), nullable and required fields of the records,
 * and {@code lang} as the language registry's codes. The modules add what only they know (the intake's body, their
 * enums). Every API test checks its exchanges against this document, so a wrong word here fails the build.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {
    static final String BEARER = "apiToken";
    static final String SESSION = "staffSession";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String APPLICATION_JSON = "application/json";
    /** The largest page of a list (the cases module's CaseFilter.MAX_SIZE; the web module may not name it). */
    static final int MAX_PAGE_SIZE = 100;

    /** Operations that need no credentials (SecurityConfig's public paths): the policy, routes and intake APIs, the calendar feed. */
    static final List<String> PUBLIC = List.of("/api/v1/policy/", "/api/v1/routes/", "/api/v1/intake/", "/calendar/");

    /** The operations that create something: 201, with the new resource's address in {@code Location} where sent. */
    static final Map<String, Boolean> CREATES = Map.of(
            "POST /api/v1/cases", true,
            "POST /api/v1/cases/{id}/notes", false,
            "POST /api/v1/cases/{id}/messages", false,
            "POST /api/v1/cases/{id}/tasks", false,
            "POST /api/v1/cases/{id}/appointments", true,
            "POST /api/v1/cases/{id}/documents", true,
            "POST /api/v1/cases/{id}/receipts", true,
            "POST /api/v1/cases/{id}/referrals", true,
            "POST /api/v1/intake/{org}", false,
            "POST /api/v1/account/calendar", false);

    /**
     * The answers that carry the resource's version as an {@code ETag} (issue #21 point 6): a single resource read, created
     * or changed; the next change sends it back in {@code If-Match}. Every API test fails on an ETag an operation here does
     * not list ({@code testing.ApiDocumentValidation}), and the validator fails on a listed one that is missing.
     */
    static final Set<String> ETAGS = Set.of("GET /api/v1/cases/{id}", "POST /api/v1/cases", "PUT /api/v1/cases/{id}/details",
            "POST /api/v1/cases/{id}/transitions", "GET /api/v1/cases/{id}/appointments/{appointmentId}",
            "POST /api/v1/cases/{id}/appointments", "PUT /api/v1/cases/{id}/appointments/{appointmentId}",
            "POST /api/v1/cases/{id}/documents", "GET /api/v1/cases/{id}/documents/{docId}", "POST /api/v1/cases/{id}/receipts",
            "GET /api/v1/cases/{id}/receipts/{receiptId}", "POST /api/v1/cases/{id}/referrals", "GET /api/v1/referrals/{referralId}");

    /** Changes the current state may not allow (ConflictException): 409 listing what is allowed. */
    static final Set<String> CONFLICTS = Set.of("POST /api/v1/cases/{id}/transitions", "POST /api/v1/cases/{id}/referrals",
            "POST /api/v1/referrals/{referralId}/withdrawal", "POST /api/v1/cases/{id}/tasks/{taskId}/done",
            "POST /api/v1/cases/{id}/appointments/{appointmentId}/cancellation", "PUT /api/v1/cases/{id}/appointments/{appointmentId}",
            "DELETE /api/v1/cases/{id}/appointments/{appointmentId}", "POST /api/v1/cases/{id}/erasure",
            "POST /api/v1/cases/{id}/assignment", "PUT /api/v1/cases/{id}/details", "POST /api/v1/cases/{id}/identifiers");

    @Bean
    OperationCustomizer havenOperationIds() {
        return (operation, handler) -> {
            operation.operationId(operationId(handler)).tags(List.of(resource(handler)));
            // An operation that answers in the request's language (a Locale parameter) takes ?lang= (ParameterLocaleResolver).
            boolean localised = Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == Locale.class);
            boolean hasLang = operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> "lang".equals(p.getName()));
            if (localised && !hasLang) {
                operation.addParametersItem(new Parameter().in("query").name("lang").required(false)
                        .description("The language of the answer's texts, a code of the language registry; else Accept-Language, else English")
                        .schema(new StringSchema()._enum(new ArrayList<>(Languages.codes()))));
            }
            return operation;
        };
    }

    /** The resource a controller serves, from its name: {@code CaseDocumentApi} → {@code caseDocument}. */
    static String resource(HandlerMethod handler) {
        String type = handler.getBeanType().getSimpleName().replaceAll("(Api|Feed)$", "");
        return Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }

    /**
     * The resource and the method, e.g. {@code caseTimeline} and {@code policyTimeline} (springdoc's own would be
     * {@code timeline} and {@code timeline_1}); a method named after its resource keeps its name ({@code account}).
     */
    static String operationId(HandlerMethod handler) {
        String resource = resource(handler);
        String method = handler.getMethod().getName();
        if (method.toLowerCase(Locale.ROOT).startsWith(resource.toLowerCase(Locale.ROOT))) {
            return method;
        }
        return resource + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }

    @Bean
    OpenApiCustomizer havenDocument(ObjectProvider<BuildProperties> build, ApplicationContext context) {
        return openApi -> {
            info(openApi, build.getIfAvailable());
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("A staff member's API token (Account → API tokens): `Authorization: Bearer <token>`."));
            components.addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE)
                    .name("SESSION").description("A staff member's browser session after the second factor; a request that changes "
                            + "something then also needs the CSRF token (INTERFACES.md §6)."));
            components.addSchemas(PROBLEM, problemSchema());
            records(context).forEach((name, record) -> nullability(components, name, record.type(), record.request()));
            if (components.getSchemas() != null) {
                components.getSchemas().values().forEach(ApiDocument::openMaps);
            }
            Map<String, Map<String, Object>> examples = examples();
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    operation(path, method, operation);
                    examples(operation, examples.getOrDefault(operation.getOperationId(), Map.of()));
                }));
            }
        };
    }

    /** Where the examples of every JSON request and answer are kept, by operation id and then "request" or the status. */
    static final String EXAMPLES = "openapi/examples.json";

    /**
     * The examples, recorded from the tests' real exchanges and then shortened (README, "The OpenAPI document"); every one is
     * checked against its schema by {@code ApiExamplesIT}. Plain maps and lists, which springdoc writes as JSON.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> examples() {
        try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                throw new IllegalStateException(EXAMPLES + " is missing from the class path");
            }
            return JsonMapper.builder().build().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(EXAMPLES + " could not be read", e);
        }
    }

    private static void examples(Operation operation, Map<String, Object> examples) {
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().forEach((type, body) -> {
                // JSON under "request"; a text body (the what-if's YAML) under "request:text"; binary bodies have none
                Object example = APPLICATION_JSON.equals(type) ? examples.get("request")
                        : type.startsWith("text/") || type.contains("yaml") ? examples.get("request:text") : null;
                if (example != null && body.getExamples() == null) { // a module's own named examples (the intake's) stay
                    body.setExample(example);
                }
            });
        }
        if (operation.getResponses() != null) {
            operation.getResponses().forEach((status, answer) -> {
                MediaType json = answer.getContent() == null ? null : answer.getContent().get(APPLICATION_JSON);
                if (json != null && json.getExamples() == null && examples.containsKey(status)) {
                    json.setExample(examples.get(status));
                }
            });
        }
    }

    private static void info(OpenAPI openApi, @Nullable BuildProperties build) {
        String version = build != null && build.getVersion() != null ? build.getVersion()
                : Optional.ofNullable(ApiDocument.class.getPackage().getImplementationVersion()).orElse("development");
        openApi.info(new Info().title("Haven").version(version)
                .description("The JSON API of Haven: case management for staff and partner systems (an API token), and the public "
                        + "policy, route and intake APIs (no account). Errors are RFC 9457 problem documents; each `type` is a page "
                        + "that explains it (`/problems/{slug}`).")
                .contact(new Contact().name("Haven, the organisation that runs this server"))
                .license(new License().name("EUPL-1.2")
                        .url("https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12")));
        openApi.setServers(List.of(new Server().url("/").description("this Haven")));
    }

    /**
     * A {@code Map<String, Object>} (the GDPR export, the countries list) is an object of any members: springdoc says
     * each member is an object, which a string or an array is not.
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static void openMaps(@Nullable Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getAdditionalProperties() instanceof Schema values && values.get$ref() == null && "object".equals(values.getType())
                && (values.getProperties() == null || values.getProperties().isEmpty())) {
            schema.setAdditionalProperties(true);
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(ApiDocument::openMaps);
        }
        if (schema.getItems() != null) {
            openMaps(schema.getItems());
        }
    }

    private static void operation(String path, PathItem.HttpMethod method, Operation operation) {
        String key = method + " " + path;

        boolean isPublic = PUBLIC.stream().anyMatch(path::startsWith);
        operation.setSecurity(isPublic ? List.of(new SecurityRequirement())
                : List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(SESSION)));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.values().stream().filter(r -> r.getContent() != null).forEach(r -> r.getContent().values().forEach(m -> openMaps(m.getSchema())));
        ApiResponse ok = responses.get("200");
        if (ok != null && CREATES.containsKey(key)) {
            responses.remove("200");
            ok.setDescription("Created");
            if (CREATES.get(key)) {
                ok.addHeaderObject("Location", new Header().description("The address of what was created").required(true)
                        .schema(new StringSchema().format("uri-reference")));
            }
            responses.addApiResponse("201", ok);
        } else if (ok != null && (ok.getContent() == null || ok.getContent().isEmpty())) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Done; nothing to answer"));
        }
        if (ETAGS.contains(key)) {
            ApiResponse answer = responses.get(responses.containsKey("201") ? "201" : "200");
            if (answer != null) {
                answer.addHeaderObject("ETag", etag().required(true));
            }
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        for (Parameter parameter : parameters) {
            if ("lang".equals(parameter.getName()) && parameter.getSchema() != null) {
                // A schema of its own: springdoc shares one schema object among the parameters of one type.
                parameter.setSchema(new StringSchema()._enum(new ArrayList<>(Languages.codes())).description("A code of the language registry"));
            }
            // A page of a list: page from 0, size 1–100 (CaseFilter.MAX_SIZE); a value outside is refused (400).
            if ("size".equals(parameter.getName()) && "query".equals(parameter.getIn())) {
                parameter.setSchema(new IntegerSchema().format("int32").minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(MAX_PAGE_SIZE)).example(25));
            }
            if ("page".equals(parameter.getName()) && "query".equals(parameter.getIn())) {
                parameter.setSchema(new IntegerSchema().format("int32").minimum(BigDecimal.ZERO).example(0));
            }
        }
        // A list (page and size): its total and RFC 8288 links to the other pages (issue #21 point 6, web.Paging).
        boolean paged = parameters.stream().anyMatch(p -> "page".equals(p.getName()) && "query".equals(p.getIn()));
        if (paged && responses.get("200") != null) {
            responses.get("200").addHeaderObject("X-Total-Count", new Header().required(true).description("How many items the whole list has")
                    .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO)));
            responses.get("200").addHeaderObject("Link", new Header().required(true)
                    .description("RFC 8288 links to the first, previous, next and last page (relative addresses)").schema(new StringSchema()));
        }
        boolean body = operation.getRequestBody() != null;
        // Any operation: a query parameter it does not take, or one without a name, is refused (web.StrictInput).
        problem(responses, ProblemType.BAD_INPUT, parameters.isEmpty() && !body ? "A query parameter this operation does not take; `field` names it"
                : "A parameter, field or the body is wrong, or a query parameter this operation does not take; `field` names it");
        if (isPublic) {
            // A public operation needs no credentials, but a bearer token that is sent is checked (RFC 6750 §3.1).
            problem(responses, ProblemType.UNAUTHORIZED, "A bearer token was sent and is unknown, expired or revoked (none is needed here)");
        } else {
            problem(responses, ProblemType.UNAUTHORIZED, "No credentials, or a token that is unknown, expired or revoked");
            problem(responses, ProblemType.FORBIDDEN, "The caller's role may not do this");
        }
        if (path.contains("{")) {
            problem(responses, ProblemType.NOT_FOUND, "No such resource, or one of another organisation (the same answer)");
        }
        if (CONFLICTS.contains(key)) {
            problem(responses, ProblemType.CONFLICT, "The current state does not allow this; `allowed` lists what it allows");
        }
        if (body) {
            problem(responses, ProblemType.TOO_LARGE, "The body is over its limit");
            problem(responses, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body is of a type this operation does not read");
        }
        if (path.startsWith("/api/v1/intake/")) {
            problem(responses, ProblemType.TOO_MANY_REQUESTS, "Too many requests from this visitor; wait `Retry-After` seconds");
            responses.get("429").addHeaderObject("Retry-After", new Header().required(true).description("Seconds to wait")
                    .schema(new IntegerSchema()));
            if (body) {
                // A sealed installation (ADR 0006 step 11) makes an organisation's keys for its first key holder: before that,
                // nothing can be sealed to it, and a request is refused rather than stored where nobody could open it.
                problemOfStatus(responses, 503, "Service Unavailable", "service-unavailable",
                        "The organisation's set-up is not finished: it cannot accept requests yet; try again later");
            }
        }
        for (Parameter parameter : parameters) {
            if ("Idempotency-Key".equalsIgnoreCase(parameter.getName())) {
                problem(responses, ProblemType.IDEMPOTENCY_KEY_REUSED, "The Idempotency-Key was used before for another request");
            }
            if ("If-Match".equalsIgnoreCase(parameter.getName())) {
                problemOfStatus(responses, 412, "Precondition Failed", "precondition-failed", "The resource changed since that version");
                responses.get("412").addHeaderObject("ETag", etag().description("The resource's current version"));
                problemOfStatus(responses, 428, "Precondition Required", "precondition-required", "This change needs an If-Match header");
            }
        }
    }

    private static Header etag() {
        return new Header().description("The resource's version (RFC 9110 §8.8.3); send it in `If-Match` to change it")
                .schema(new StringSchema().example("\"3\""));
    }

    private static void problem(ApiResponses responses, ProblemType type, String description) {
        problemOfStatus(responses, type.status().value(), type.title(), type.slug(), description);
    }

    private static void problemOfStatus(ApiResponses responses, int status, String title, String slug, String description) {
        String code = Integer.toString(status);
        if (responses.containsKey(code)) {
            return;
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "/problems/" + slug);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", description + ".");
        MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                .addExamples(slug, new Example().value(example));
        responses.addApiResponse(code, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, problem)));
    }

    /** RFC 9457 with Haven's members ({@code docs/problems.md}); other members may be added, so it stays open. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static Schema<?> problemSchema() {
        Schema problem = new ObjectSchema().description("An RFC 9457 problem document; `type` is a page that explains the problem.")
                .addProperty("type", new StringSchema().format("uri-reference").description("`/problems/{slug}`").example("/problems/bad-input"))
                .addProperty("title", new StringSchema().description("One title per type").example("Bad input"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                        .example(400))
                .addProperty("detail", new StringSchema().description("What is wrong, for the person who sent the request"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("field", new StringSchema().description("The field, parameter or header that is wrong").example("dueOn"))
                .addProperty("expected", new StringSchema().description("What the field expects").example("a date, yyyy-MM-dd"))
                .addProperty("allowed", new ArraySchema().items(new StringSchema()).description("What the current state allows (409)"))
                .addProperty("limitBytes", new IntegerSchema().format("int64"))
                .addProperty("accepted", new ArraySchema().items(new StringSchema()))
                .addProperty("problems", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("detail", new StringSchema())))
                .addProperty("errors", new ArraySchema().items(new StringSchema()));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }

    // --- records: nullable and required fields ------------------------------------------------------------------------

    /** A record of the API, and whether a request body is read into it. */
    record Found(Class<?> type, boolean request) {
    }

    /**
     * The records the API reads and writes, by the name springdoc gives their schema (the simple name, or the name of
     * its {@code @Schema}); two records of one name would share one schema, which {@link #sharedNames} finds.
     */
    static Map<String, Found> records(ApplicationContext context) {
        Map<String, Found> found = new HashMap<>();
        walkAll(context, (type, request) -> {
            Found before = found.get(schemaName(type));
            found.put(schemaName(type), new Found(type, request || before != null && before.request()));
        });
        return found;
    }

    /** Schema names that two records of the API would share (each would be described as the other). */
    static Map<String, Set<String>> sharedNames(ApplicationContext context) {
        Map<String, Set<String>> names = new HashMap<>();
        walkAll(context, (type, request) -> names.computeIfAbsent(schemaName(type), n -> new TreeSet<>()).add(type.getName()));
        names.values().removeIf(classes -> classes.size() < 2);
        return names;
    }

    static String schemaName(Class<?> type) {
        io.swagger.v3.oas.annotations.media.Schema schema = type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
    }

    private static void walkAll(ApplicationContext context, BiConsumer<Class<?>, Boolean> visit) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (HandlerMethod handler : mapping.getHandlerMethods().values()) {
            if (!handler.getBeanType().getPackageName().startsWith("nl.haven")
                    || handler.getBeanType().getAnnotation(RestController.class) == null) {
                continue;
            }
            walk(handler.getReturnType().getGenericParameterType(), false, visit, new HashSet<>());
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    walk(parameter.getGenericParameterType(), true, visit, new HashSet<>());
                }
            }
        }
    }

    private static void walk(Type type, boolean request, BiConsumer<Class<?>, Boolean> visit, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                walk(argument, request, visit, seen);
            }
            return;
        }
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                walk(c.getComponentType(), request, visit, seen);
            }
            if (c.isRecord() && c.getName().startsWith("nl.haven")) {
                visit.accept(c, request);
                for (RecordComponent component : c.getRecordComponents()) {
                    walk(component.getGenericType(), request, visit, seen);
                }
            }
        }
    }

    /**
     * A record component marked {@code @Nullable} is nullable; in an answer any other is required (always there). A
     * record that is also read from a request gets no required fields: Jackson reads a missing field as null or the
     * default, and the service decides what it needs (400 naming the field).
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void nullability(Components components, String name, Class<?> record, boolean request) {
        Schema schema = components.getSchemas() == null ? null : components.getSchemas().get(name);
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        for (RecordComponent component : record.getRecordComponents()) {
            Schema property = properties.get(component.getName());
            if (property == null) {
                continue;
            }
            boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                    || component.isAnnotationPresent(Nullable.class);
            if (nullable) {
                if (property.get$ref() != null) {
                    properties.put(component.getName(), new Schema().nullable(true).allOf(List.of(new Schema().$ref(property.get$ref()))));
                } else {
                    property.setNullable(true);
                }
                required.remove(component.getName());
            } else if (!request && !required.contains(component.getName())) {
                required.add(component.getName());
            }
        }
        schema.setRequired(required.isEmpty() ? null : required);
        if (request) {
            schema.setAdditionalProperties(false); // a field the record does not have is refused (web.StrictInput)
        }
    }
}
