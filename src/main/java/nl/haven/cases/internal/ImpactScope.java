package nl.haven.cases.internal;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import nl.haven.policy.DatedValue;
import nl.haven.policy.ListStatement;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.Provision;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.policy.RouteStatement;
import org.jspecify.annotations.Nullable;

/**
 * Which open cases a policy change can touch, and on which days something changes: the nationalities whose answers can
 * differ (a run decrypts only their cases), the days a provision, list statement or route value starts or ends, and the
 * run keys. Pure functions of the data sets (issue #17; {@link PolicyImpact} runs them).
 */
final class ImpactScope {
    private ImpactScope() {
    }

    /**
     * The nationalities whose answers can differ between two data sets, or null for every nationality. An answer (the
     * standard, the safe-country presumption, internal relocation) depends only on the provisions of the nationality's
     * country and the list statements that concern it, so a case of another nationality cannot change and is not
     * decrypted. Over-inclusive where in doubt (a provision moved to another line counts as changed).
     */
    static @Nullable Set<String> changedCountries(PolicyDataSet before, PolicyDataSet after) {
        if (!before.routes().equals(after.routes())) {
            return null; // a route's threshold, term or statement: any nationality's route outcome may change
        }
        if (!before.listStatements().stream().filter(st -> st.countries().isEmpty()).toList()
                .equals(after.listStatements().stream().filter(st -> st.countries().isEmpty()).toList())) {
            return null;
        }
        Set<String> all = new TreeSet<>(before.countries().keySet());
        all.addAll(after.countries().keySet());
        all.addAll(before.countriesWithProvisions());
        all.addAll(after.countriesWithProvisions());
        for (ListStatement st : before.listStatements()) {
            all.addAll(st.countries());
        }
        for (ListStatement st : after.listStatements()) {
            all.addAll(st.countries());
        }
        Set<String> changed = new TreeSet<>();
        for (String country : all) {
            if (!before.provisionsOf(country).equals(after.provisionsOf(country))
                    || !before.listStatements().stream().filter(st -> st.concerns(country)).toList()
                            .equals(after.listStatements().stream().filter(st -> st.concerns(country)).toList())) {
                changed.add(country);
            }
        }
        return changed;
    }

    /**
     * The nationalities with a provision or list statement starting or ending on the day, or null for every one (also
     * when a route's parameter value or statement starts or ends on it: route outcomes do not depend on a country).
     */
    static @Nullable Set<String> countriesChangingOn(PolicyDataSet dataSet, LocalDate day) {
        if (routeDays(dataSet).contains(day)) {
            return null;
        }
        Set<String> changed = new TreeSet<>();
        for (Provision p : dataSet.provisions()) {
            if (p.validFrom().equals(day) || day.equals(p.validTo())) {
                changed.add(p.country());
            }
        }
        for (ListStatement st : dataSet.listStatements()) {
            if (st.validFrom().equals(day) || day.equals(st.validTo())) {
                if (st.countries().isEmpty()) {
                    return null;
                }
                changed.addAll(st.countries());
            }
        }
        return changed;
    }

    static String versionKey(String version) {
        String hex = version.startsWith("sha256:") ? version.substring(7) : version;
        return "version:" + hex.substring(0, Math.min(24, hex.length()));
    }

    /** The days on which something in the data set starts or ends. */
    static TreeSet<LocalDate> boundaries(PolicyDataSet dataSet) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Provision p : dataSet.provisions()) {
            days.add(p.validFrom());
            if (p.validTo() != null) {
                days.add(p.validTo());
            }
        }
        for (ListStatement s : dataSet.listStatements()) {
            days.add(s.validFrom());
            if (s.validTo() != null) {
                days.add(s.validTo());
            }
        }
        days.addAll(routeDays(dataSet));
        return days;
    }

    /** The days on which a route's parameter value or statement starts or ends. */
    static TreeSet<LocalDate> routeDays(PolicyDataSet dataSet) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (RouteData route : dataSet.routes().values()) {
            for (RouteParameter parameter : route.parameters().values()) {
                for (DatedValue value : parameter.values()) {
                    days.add(value.validFrom());
                    if (value.validTo() != null) {
                        days.add(value.validTo());
                    }
                }
            }
            for (RouteStatement statement : route.statements()) {
                days.add(statement.validFrom());
                if (statement.validTo() != null) {
                    days.add(statement.validTo());
                }
            }
        }
        return days;
    }
}
