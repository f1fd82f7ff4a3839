package nl.haven.cases.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.haven.policy.Assessment;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.Provision;
import org.jspecify.annotations.Nullable;

/**
 * The answer the review compares: the standard, the safe-country presumption, internal relocation, with sources,
 * and the route advice's outcome per route ({@code routes}: route name to outcome; empty where routes were not
 * evaluated, as for a recorded framework, which holds the assessment only). The standard is {@link #NOT_ASSESSED}
 * for a case without a recorded group: only its routes are compared.
 */
public record FrameworkAnswer(String standard, boolean safeCountryApplied, @Nullable String listingStoppedBy, List<String> relocation,
        List<String> sources, Map<String, String> routes) {
    public static final String NOT_ASSESSED = "NOT_ASSESSED";

    public FrameworkAnswer {
        relocation = List.copyOf(relocation);
        sources = List.copyOf(sources);
        routes = routes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(routes)); // entries stored before routes were compared have none
    }

    boolean sameAs(FrameworkAnswer other) {
        return standard.equals(other.standard) && safeCountryApplied == other.safeCountryApplied
                && Objects.equals(listingStoppedBy, other.listingStoppedBy) && relocation.equals(other.relocation)
                && (routes.isEmpty() || other.routes.isEmpty() || routes.equals(other.routes));
    }

    /** The routes whose outcome differs from {@code other}'s (both evaluated), by name. */
    public List<String> routesChangedFrom(FrameworkAnswer other) {
        List<String> changed = new ArrayList<>();
        if (routes.isEmpty() || other.routes.isEmpty()) {
            return changed;
        }
        for (Map.Entry<String, String> e : routes.entrySet()) {
            if (!e.getValue().equals(other.routes.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    FrameworkAnswer withRoutes(Map<String, String> outcomes) {
        return new FrameworkAnswer(standard, safeCountryApplied, listingStoppedBy, relocation, sources, outcomes);
    }

    static FrameworkAnswer notAssessed() {
        return new FrameworkAnswer(NOT_ASSESSED, false, null, List.of(), List.of(), Map.of());
    }

    static FrameworkAnswer of(AssessmentDocument d) {
        Set<String> sources = new TreeSet<>();
        for (AssessmentDocument.ProvisionView p : d.provisions()) {
            sources.addAll(p.sources());
        }
        return new FrameworkAnswer(d.evidentiaryStandard().name(), d.safeCountryOfOrigin().applied(), d.safeCountryOfOrigin().stoppedBy(),
                d.internalRelocation().considered() ? List.copyOf(d.internalRelocation().regions()) : List.of(), List.copyOf(sources), Map.of());
    }

    static FrameworkAnswer of(Assessment a) {
        Set<String> sources = new TreeSet<>();
        for (Provision p : a.provisions()) {
            sources.addAll(p.sources());
        }
        if (a.listingStoppedBy() != null) {
            sources.addAll(a.listingStoppedBy().sources());
        }
        return new FrameworkAnswer(a.standard().name(), a.safeCountryApplied(), a.listingStoppedBy() == null ? null : a.listingStoppedBy().id(),
                a.relocationConsidered() ? List.copyOf(a.relocationRegions()) : List.of(), List.copyOf(sources), Map.of());
    }
}
