package nl.haven.cases.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.internal.PolicyImpact.Change;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.routes.Profile;
import nl.haven.routes.ProfileException;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvice;
import nl.haven.routes.RouteAdvisor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One case's answer under the old and the new policy, as the what-if computes it: the evidentiary standard, the
 * safe-country presumption, internal relocation and each route's outcome (issue #17, point 3).
 */
final class ImpactEvaluation {
    private final PolicyEngine engine;
    private final Clock clock;
    private final JsonMapper json;

    ImpactEvaluation(PolicyEngine engine, Clock clock, JsonMapper json) {
        this.engine = engine;
        this.clock = clock;
        this.json = json;
    }

    /**
     * The change for the case's nationality, groups, facts and route profile, or null when the answer stays the same.
     * The route outcomes are compared when the case's route profile can be read and both data sets have every route
     * parameter the advisor needs. On a day run both answers are for the case as it is; a birthday on the very day a
     * route's threshold changes is counted as a change too (over-inclusive: one review more, never one less).
     */
    @Nullable Change evaluate(PolicyImpact.Candidate k, byte[] plain, String key, LocalDate onDate, PolicyEngine oldEngine, LocalDate oldDate, String oldVersion,
            String newVersion, Map<String, Change> evaluated) {
        if (k.nationality() == null) {
            return null;
        }
        // stored details, perhaps written by an older version: a field it no longer has is disregarded here
        CaseDetails details = json.readerFor(CaseDetails.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(plain);
        Set<Group> groups = EnumSet.noneOf(Group.class);
        for (String code : details.groups()) {
            for (Group g : Group.values()) {
                if (g.code().equals(code)) {
                    groups.add(g);
                }
            }
        }
        Set<String> facts = new TreeSet<>(details.facts());
        facts.retainAll(engine.dataSet().facts().keySet());
        facts.retainAll(oldEngine.dataSet().facts().keySet());
        String combination = k.nationality() + "|" + groups + "|" + facts + "|" + json.writeValueAsString(details.routeProfile());
        if (evaluated.containsKey(combination)) {
            return evaluated.get(combination);
        }
        Change change;
        try {
            FrameworkAnswer before = groups.isEmpty() ? FrameworkAnswer.notAssessed()
                    : FrameworkAnswer.of(oldEngine.assess(new AssessmentQuery(k.nationality(), null, groups, facts, oldDate, null)));
            FrameworkAnswer now = groups.isEmpty() ? FrameworkAnswer.notAssessed()
                    : FrameworkAnswer.of(engine.assess(new AssessmentQuery(k.nationality(), null, groups, facts, onDate, null)));
            Map<String, String> routesBefore = routeOutcomes(oldEngine, k.nationality(), groups, facts, details, oldDate);
            Map<String, String> routesNow = routeOutcomes(engine, k.nationality(), groups, facts, details, onDate);
            if (!routesBefore.isEmpty() && !routesNow.isEmpty()) {
                before = before.withRoutes(routesBefore);
                now = now.withRoutes(routesNow);
            }
            change = before.sameAs(now) ? null : new Change(key, onDate, oldVersion, newVersion, before, now);
        } catch (PolicyInputException e) {
            change = null;
        }
        evaluated.put(combination, change);
        return change;
    }

    /** One route advisor per engine the runs compare; empty when the data set lacks a parameter the advisor needs. */
    private final Map<PolicyEngine, Optional<RouteAdvisor>> advisors = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The route advice's outcome per route for the case on the day, as the case's route page computes it (nationality,
     * groups, facts and the recorded route profile); empty when the profile cannot be read or the data set has no
     * route advisor.
     */
    private Map<String, String> routeOutcomes(PolicyEngine on, String nationality, Set<Group> groups, Set<String> facts, CaseDetails details,
            LocalDate day) {
        Optional<RouteAdvisor> advisor = advisors.computeIfAbsent(on, e -> {
            try {
                return Optional.of(new RouteAdvisor(e));
            } catch (IllegalStateException missing) {
                return Optional.empty();
            }
        });
        if (advisor.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> profile = new LinkedHashMap<>(details.routeProfile());
        profile.put("nationality", nationality);
        profile.put("date", day.toString());
        profile.put("protection", Map.of("groups", groups.stream().map(Group::code).toList(), "facts", List.copyOf(facts)));
        Map<String, String> outcomes = new TreeMap<>();
        try {
            Profile parsed = new ProfileParser(clock).parse(json.<JsonNode>valueToTree(profile));
            for (RouteAdvice.Answer answer : advisor.get().advise(parsed, "en").routes()) {
                outcomes.put(answer.route().name(), answer.outcome().name());
            }
        } catch (ProfileException | PolicyInputException e) {
            return Map.of(); // a route profile the advice cannot read: the case's route page says why; nothing to compare
        }
        return outcomes;
    }
}
