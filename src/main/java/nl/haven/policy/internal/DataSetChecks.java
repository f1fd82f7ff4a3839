package nl.haven.policy.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.haven.policy.Fact;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Regime;
import nl.haven.policy.Source;

/** The checks that need every file read: unknown references and contradicting provisions. */
final class DataSetChecks {
    private final List<String> errors;
    private final Map<String, Source> sources;
    private final Map<String, Fact> facts;
    private final Map<String, Regime> regimes;
    private final List<Provision> provisions;
    private final List<String[]> references;

    DataSetChecks(DataSetReader reader) {
        this.errors = reader.errors;
        this.sources = reader.sources;
        this.facts = reader.facts;
        this.regimes = reader.regimes;
        this.provisions = reader.provisions;
        this.references = reader.references;
    }

    void checkReferences() {
        for (String[] reference : references) {
            boolean known = switch (reference[1]) {
                case "source" -> sources.containsKey(reference[2]);
                case "regime" -> regimes.containsKey(reference[2]);
                default -> facts.containsKey(reference[2]);
            };
            if (!known) {
                String what = switch (reference[1]) {
                    case "source" -> "source id '" + reference[2] + "': not in sources.yaml";
                    case "regime" -> "regime '" + reference[2] + "': not in regimes.yaml (known: "
                            + (regimes.isEmpty() ? "none" : String.join(", ", regimes.keySet())) + ")";
                    default -> "fact '" + reference[2] + "': not in facts.yaml (known: " + String.join(", ", new TreeSet<>(facts.keySet())) + ")";
                };
                errors.add(reference[0] + ": unknown " + what);
            }
        }
    }

    /**
     * Issue #22: every source a country file's provision cites has an address ({@code url}), so that a caseworker can
     * read it. The sources of the safe-country lists and of a what-if change file (a hypothetical statement) are not
     * held to this.
     */
    void checkCountrySourcesHaveAddresses() {
        for (Provision p : provisions) {
            if (!p.origin().startsWith("countries/")) {
                continue;
            }
            for (String id : p.sources()) {
                Source source = sources.get(id);
                if (source != null && source.url().isBlank()) {
                    errors.add(p.origin() + ": provision '" + p.id() + "' cites source '" + id
                            + "', which has no url: every source of a country file needs an address where it can be read");
                }
            }
        }
    }

    /**
     * Two provisions contradict when they set different standards (or one says there is an internal
     * relocation alternative and the other that there is none, or both list the same country as safe)
     * on a shared day, for a shared group, over the same region scope.
     */
    void checkContradictions() {
        Map<String, List<Provision>> byCountry = new TreeMap<>();
        provisions.forEach(p -> byCountry.computeIfAbsent(p.country(), c -> new ArrayList<>()).add(p));
        for (List<Provision> list : byCountry.values()) {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Provision a = list.get(i);
                    Provision b = list.get(j);
                    if (contradict(a, b) && a.overlaps(b) && !Collections.disjoint(a.appliesTo(), b.appliesTo())
                            && new TreeSet<>(a.regions()).equals(new TreeSet<>(b.regions()))) {
                        errors.add(b.origin() + ": '" + b.id() + "' (" + b.kind() + ") contradicts '" + a.id() + "' (" + a.kind() + ", "
                                + a.origin() + "): their validity overlaps for the same group and region");
                    }
                }
            }
        }
    }

    private static boolean contradict(Provision a, Provision b) {
        if (a.kind().setsStandard() && b.kind().setsStandard()) {
            return a.kind() != b.kind();
        }
        Set<ProvisionKind> pair = EnumSet.of(a.kind(), b.kind());
        return pair.equals(EnumSet.of(ProvisionKind.INTERNAL_RELOCATION, ProvisionKind.NO_INTERNAL_RELOCATION))
                || a.kind() == ProvisionKind.SAFE_COUNTRY && b.kind() == ProvisionKind.SAFE_COUNTRY;
    }
}
