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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict input for the JSON API (issue #21 point 4): what a client sends is taken as the type it is, never coerced.
 * A number is no date ({@code "dueOn": 12} was 1970-01-13), {@code false} is no text, {@code "1"} is no number, an
 * empty string is no id (an empty {@code assignee} silently unassigned), a number is no enum; a single-valued query
 * parameter given twice is refused. Each refusal is a 400 problem document naming the field and the type expected
 * ({@link #expected}), written by {@link ApiProblemHandler}.
 */
@Configuration(proxyBeanMethods = false)
class StrictInput implements WebMvcConfigurer {

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "1" → 1, "true" → true
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
                    refuseRepeatedSingleValues(request, method);
                }
                return true;
            }
        }).addPathPatterns("/api/**");
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
