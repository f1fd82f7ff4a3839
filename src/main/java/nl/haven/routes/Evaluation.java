package nl.haven.routes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.Confidence;
import nl.haven.policy.DatedValue;
import nl.haven.policy.RouteStatement;
import org.jspecify.annotations.Nullable;

final class Evaluation {
    final Route route;
    final RouteTexts texts;
    final List<RouteAdvice.Reason> reasons = new ArrayList<>();
    final Set<String> missing = new LinkedHashSet<>();
    final Set<String> sources = new LinkedHashSet<>();
    final List<RouteAdvice.Change> changes = new ArrayList<>();
    final Set<String> warnings = new LinkedHashSet<>();
    boolean failed;
    boolean notApplicable;
    boolean impossible;
    @Nullable AssessmentDocument assessment;

    Evaluation(Route route, RouteTexts texts) {
        this.route = route;
        this.texts = texts;
    }

    void reason(String code, List<String> sourceIds, Object... args) {
        reasons.add(new RouteAdvice.Reason(code, texts.text(code, args), sourceIds));
        sources.addAll(sourceIds);
    }

    void fail(String code, List<String> sourceIds, Object... args) {
        failed = true;
        reason(code, sourceIds, args);
    }

    void notApplicable(String code, List<String> sourceIds) {
        notApplicable = true;
        impossible = true;
        reason(code, sourceIds);
    }

    void impossible() {
        impossible = true;
    }

    /** A parameter value this answer rests on: its sources, and a warning when it is below primary. */
    List<String> use(String parameter, DatedValue value) {
        if (value.confidence() != Confidence.PRIMARY) {
            warnings.add(texts.text("warn-value", parameter, value.validFrom().toString()));
        }
        return value.sources();
    }

    /** A statement this answer rests on (none: no sources). */
    List<String> use(@Nullable RouteStatement statement) {
        if (statement == null) {
            return List.of();
        }
        if (statement.confidence() != Confidence.PRIMARY) {
            warnings.add(texts.text("warn-statement", statement.id()));
        }
        return statement.sources();
    }

    void missing(String field) {
        missing.add(field);
    }

    void change(String field, @Nullable String value, String code, List<String> sourceIds, Object... args) {
        changes.add(new RouteAdvice.Change(field, value, texts.text(code, args), sourceIds));
        sources.addAll(sourceIds);
    }

    RouteAdvice.Answer answer() {
        Outcome outcome = notApplicable ? Outcome.NOT_APPLICABLE
                : failed ? Outcome.NOT_ELIGIBLE : !missing.isEmpty() ? Outcome.NEEDS_INFORMATION : Outcome.ELIGIBLE;
        RouteAdvice.Counterfactual counterfactual = null;
        if (outcome != Outcome.ELIGIBLE && !impossible && !changes.isEmpty()) {
            counterfactual = new RouteAdvice.Counterfactual(List.copyOf(changes), String.join(" ",
                    changes.stream().map(RouteAdvice.Change::text).toList()));
        }
        if (outcome != Outcome.NEEDS_INFORMATION) {
            // No answer to a further question changes an outcome that is already settled: only what can
            // change it is asked (issue #16). whatWouldChange says what would open the route.
            missing.clear();
        }
        return new RouteAdvice.Answer(route, outcome, List.copyOf(reasons), List.copyOf(missing), List.copyOf(sources), counterfactual,
                List.copyOf(warnings), List.of(), assessment);
    }
}
