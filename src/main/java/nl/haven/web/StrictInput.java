package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.haven.shared.BadInputException;
import nl.haven.shared.Languages;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict input for the JSON API (issue #21 point 4): what a client sends is taken as the type it is, never coerced.
 * A number is no date ({@code "dueOn": 12} was 1970-01-13), {@code false} is no text, {@code "1"} is no number, an
 * empty string is no id (an empty {@code assignee} silently unassigned), a number is no enum; a single-valued query
 * parameter given twice is refused, and so is a field or a query parameter the operation does not have. Each refusal is a 400 problem document naming the field and the type expected
 * ({@link #expected}), written by {@link ApiProblemHandler}.
 */
@Configuration(proxyBeanMethods = false)
class StrictInput implements WebMvcConfigurer {

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "1" → 1, "true" → true
                // a field the body's type does not have is refused (400 naming it), not dropped without a word; stored
                // JSON is read by the modules' own mappers, which stay lenient for what an older version wrote
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .defaultLeniency(false) // 12 → a date
                .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfigDefaults(all -> all.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method) {
                    refuseUnknownParameters(request, method);
                    refuseRepeatedSingleValues(request, method);
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    /** Query parameters every operation takes: a browser session's CSRF token (Spring Security reads it). */
    static final Set<String> ALWAYS = Set.of("_csrf");

    /**
     * A query parameter the operation does not take — a typo ({@code ?szie=10}) or one of another operation — is 400
     * naming it and listing those it takes, rather than silently disregarded (the document lists each operation's
     * parameters; an accepted request must be one it allows). {@code lang} is taken where the answer is localised (a
     * {@link Locale} parameter, as {@code ApiDocument} documents it), and must then be a code of the language registry
     * (an unknown or empty one was answered in English without a word). An operation that binds parameters to an object or
     * a map takes any, and is not checked.
     */
    static void refuseUnknownParameters(HttpServletRequest request, HandlerMethod method) {
        Map<String, String[]> given = parameters(request);
        if (given.isEmpty()) {
            return;
        }
        Set<String> known = new TreeSet<>(ALWAYS);
        for (MethodParameter parameter : method.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                if (Map.class.isAssignableFrom(type)) {
                    return;
                }
                String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName();
                if (name != null) {
                    known.add(name);
                }
            } else if (type == Locale.class) {
                known.add("lang");
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
                return;
            }
        }
        for (Map.Entry<String, String[]> parameter : given.entrySet()) {
            String name = parameter.getKey();
            if (!known.contains(name)) {
                String takes = known.size() == ALWAYS.size() ? "no query parameters: this operation takes none"
                        : "one of " + known.stream().filter(n -> !ALWAYS.contains(n)).collect(Collectors.joining(", "));
                throw new BadInputException(name.isEmpty() ? "(no name)" : name,
                        (name.isEmpty() ? "a query parameter without a name" : "the query parameter '" + name + "' is not one of this operation")
                                + ": expected " + takes + ".", takes);
            }
            for (String value : parameter.getValue()) {
                // An empty value is no number, date, id or choice (Spring would take it as the default: ?page= was page
                // 0, ?by= the months); only the free-text search may be empty.
                if (value.isEmpty() && !FREE_TEXT.contains(name) && !ALWAYS.contains(name)) {
                    throw new BadInputException(name, "'" + name + "' is empty: leave it out for its default, or give a value.",
                            "a value, or no parameter");
                }
                // the answer's language: a code of the registry, as the document's enum says (never a silent English)
                if ("lang".equals(name) && !Languages.codes().contains(value)) {
                    throw new BadInputException("lang", "unknown language '" + value + "': expected " + Languages.expected(), Languages.expected());
                }
            }
        }
    }

    /** Query parameters that are free text, for which an empty value means "no filter". */
    static final Set<String> FREE_TEXT = Set.of("q");

    /**
     * The request's query parameters: for a multipart request from the query string alone, parsed as Tomcat parses it
     * ({@link RequestLimitFilter#parseQuery}; asking the container would parse the whole upload here, and that filter
     * has refused an unreadable query already), else the container's parameter map (an API body is JSON, never a form,
     * so these are the query's).
     */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return request.getParameterMap();
        }
        return RequestLimitFilter.parseQuery(request.getQueryString());
    }

    /** A query parameter bound to one value (not a list or array) that the request gives more than once: 400. */
    static void refuseRepeatedSingleValues(HttpServletRequest request, HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param == null || type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
                continue;
            }
            String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName();
            String[] values = name == null ? null : request.getParameterValues(name);
            if (values != null && values.length > 1) {
                throw new BadInputException(name, "'" + name + "' is given " + values.length + " times: give it once ("
                        + expected(type) + ").", "given once: " + expected(type));
            }
        }
    }

    /** The type a field or parameter expects, in words a client's developer reads. */
    static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class || type == Short.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date, YYYY-MM-DD";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "a date and time, RFC 3339 (e.g. 2026-12-07T09:30:00Z)";
        }
        if (type == UUID.class) {
            return "an id (UUID)";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
