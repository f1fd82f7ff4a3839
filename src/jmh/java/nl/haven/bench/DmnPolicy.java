package nl.haven.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.EvidentiaryStandard;
import nl.haven.policy.Group;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The shipped policy data set as a DMN 1.5 model ({@code haven-policy.dmn} next to this class), evaluated by Drools DMN
 * (org.kie:kie-dmn-core) with its default configuration (interpreted FEEL, no alpha-network compilation).
 *
 * <p>The model has three decisions: {@code Applying}, a COLLECT decision table with one rule per provision (inputs
 * nationality, region, date, knownAt, groups, facts; outputs id, kind, rank of the standard it sets, safe-country
 * exception, regional, listing level), {@code Statements}, a COLLECT decision table with one rule per statement about
 * the safe-country lists (inputs nationality, date, knownAt; outputs id, kind, level, whether it stops a listing), and
 * {@code Assessment}, a FEEL literal expression that applies the evaluation rules to the collected rules: the most
 * favourable (highest-ranked) standard wins, listing and exception, the first statement of the listing's level that
 * stops it, whether the presumption of safety applies, the statements shown, relocation.
 */
public final class DmnPolicy {

    /** A query as DMN input data: codes as strings, dates as FEEL dates. Built once per query, outside the timing. */
    public record Input(String nationality, @Nullable String region, List<String> groups, List<String> facts, LocalDate onDate,
            @Nullable LocalDate knownAt) {

        public static Input of(AssessmentQuery q) {
            return new Input(q.nationality(), q.region(), q.groups().stream().map(Group::code).sorted().toList(),
                    q.facts().stream().sorted().toList(), q.date(), q.knownAt());
        }
    }

    private final DMNRuntime runtime;
    private final DMNModel model;

    public DmnPolicy() {
        this.runtime = DMNRuntimeBuilder.fromDefaults().buildConfiguration()
                .fromClasspathResource("nl/haven/bench/haven-policy.dmn", DmnPolicy.class)
                .getOrElseThrow(e -> new IllegalStateException("haven-policy.dmn does not build", e));
        this.model = runtime.getModel("https://haven.nl/dmn/policy", "haven-policy");
        if (model == null) {
            throw new IllegalStateException("haven-policy.dmn: model not found");
        }
        if (model.hasErrors()) {
            throw new IllegalStateException("haven-policy.dmn has errors: " + model.getMessages());
        }
    }

    /** One evaluation, as the benchmark times it: a fresh DMN context with the six inputs, then every decision. */
    public DMNResult evaluate(Input in) {
        DMNContext context = runtime.newContext();
        context.set("nationality", in.nationality());
        context.set("region", in.region());
        context.set("groups", in.groups());
        context.set("facts", in.facts());
        context.set("onDate", in.onDate());
        context.set("knownAt", in.knownAt());
        return runtime.evaluateAll(model, context);
    }

    /** The decision {@code Assessment} as the common result; fails on any DMN error message. */
    public static HandWrittenPolicy.Result toResult(DMNResult result) {
        if (result.hasErrors()) {
            throw new IllegalStateException("DMN evaluation errors: " + result.getMessages());
        }
        DMNDecisionResult decision = result.getDecisionResultByName("Assessment");
        if (decision.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
            throw new IllegalStateException("DMN decision Assessment: " + decision.getEvaluationStatus() + " " + decision.getMessages());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) decision.getResult();
        return new HandWrittenPolicy.Result(EvidentiaryStandard.valueOf((String) a.get("standard")), (Boolean) a.get("riskGroup"),
                (Boolean) a.get("safeCountryListed"), (Boolean) a.get("safeCountryException"), (Boolean) a.get("safeCountryApplied"),
                (String) a.get("listingStoppedBy"), (Boolean) a.get("relocationConsidered"), strings(a.get("provisions")),
                strings(a.get("listStatements")));
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        for (Object s : (List<?>) list) {
            strings.add((String) s);
        }
        return List.copyOf(strings);
    }
}
