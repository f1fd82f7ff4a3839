package nl.haven.routes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.haven.policy.DatedValue;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.policy.RouteStatement;
import org.jspecify.annotations.Nullable;

/**
 * What every route's rules read: the data set's dated route parameters and statements, and the common
 * threshold check. The routes themselves are in {@link RouteAdvisor}, {@link WorkRoutes} and {@link FamilyReunificationRoute}.
 */
abstract class RouteRules {
    final PolicyEngine engine;

    RouteRules(PolicyEngine engine) {
        this.engine = engine;
    }

    /**
     * value ≥ the parameter on the date; {@code money} formats it as euros. Missing value: the field is
     * missing; no value of the parameter on the date: the date is outside what the data set covers.
     */
    void atLeast(Evaluation e, String field, @Nullable BigDecimal value, String parameter, LocalDate date, String code,
            boolean money) {
        DatedValue minimum = value(parameter, date);
        if (minimum == null) {
            e.missing("date");
            e.reason("no-value-for-date", List.of(), field);
            return;
        }
        List<String> sources = e.use(parameter, minimum);
        String shown = money ? e.texts.euro(minimum.value()) : minimum.value().stripTrailingZeros().toPlainString();
        if (value == null) {
            e.missing(field);
            e.change(field, minimum.value().toPlainString(), code + "-change", sources, shown, minimum.validFrom().getYear());
        } else if (value.compareTo(minimum.value()) < 0) {
            e.fail(code + "-below", sources, shown, minimum.validFrom().getYear());
            e.change(field, minimum.value().toPlainString(), code + "-change", sources, shown, minimum.validFrom().getYear());
        } else {
            e.reason(code + "-ok", sources, shown, minimum.validFrom().getYear());
        }
    }

    @Nullable RouteParameter parameter(String id) {
        for (RouteData route : engine.dataSet().routes().values()) {
            RouteParameter parameter = route.parameters().get(id);
            if (parameter != null) {
                return parameter;
            }
        }
        return null;
    }

    @Nullable DatedValue value(String id, LocalDate date) {
        RouteParameter parameter = parameter(id);
        return parameter == null ? null : parameter.on(date).orElse(null);
    }

    @Nullable RouteStatement statement(String route, String id, LocalDate date) {
        RouteData data = engine.dataSet().routes().get(route);
        if (data == null) {
            return null;
        }
        for (RouteStatement statement : data.statements()) {
            if (statement.id().equals(id) && statement.validOn(date)) {
                return statement;
            }
        }
        return null;
    }

    List<String> statementSources(Evaluation e, String route, LocalDate date) {
        RouteData data = engine.dataSet().routes().get(route);
        Set<String> sources = new LinkedHashSet<>();
        if (data != null) {
            data.statements().stream().filter(s -> s.validOn(date) && s.id().endsWith("-basis")).forEach(s -> sources.addAll(e.use(s)));
        }
        return List.copyOf(sources);
    }

    static @Nullable Boolean and(@Nullable Boolean a, @Nullable Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }
}
