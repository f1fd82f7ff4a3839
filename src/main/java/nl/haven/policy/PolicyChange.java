package nl.haven.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.haven.policy.internal.DataSetReader;

/**
 * A hypothetical policy change applied on top of a data set, for the what-if ("trans people from the US become a risk
 * group from 2026-01-01"). A change file is YAML in the data set's own format:
 *
 * <pre>
 * schemaVersion: 1
 * sources: [ … ]        # optional: sources.yaml entries, e.g. the draft letter the change comes from
 * country: US
 * provisions: [ … ]     # as in countries/US.yaml; an existing id replaces that provision (to end or narrow it)
 * </pre>
 *
 * The result is validated by the same loader as the data set itself, so a change that leaves a provision without a
 * source, names an unknown group, or contradicts a provision still in force is refused with {@code FILE:LINE} errors
 * ({@link PolicyDataException}).
 *
 * @param dataSet the data set with the change applied
 * @param added provisions the change adds (their ids were not in the base)
 * @param replaced the change's versions of provisions the base already had
 * @param from the earliest validFrom among the added and replaced provisions (and of the replaced base provisions'
 *     validTo, where the change ends one)
 */
public record PolicyChange(PolicyDataSet dataSet, List<Provision> added, List<Provision> replaced, LocalDate from) {

    public PolicyChange {
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
    }

    /** Applies the change file {@code name} (its text) to the data set of {@code base}. */
    public static PolicyChange apply(PolicyFiles base, PolicyDataSet current, String name, String text) {
        PolicyDataSet changed = DataSetReader.read(base, name, text);
        List<Provision> added = new ArrayList<>();
        List<Provision> replaced = new ArrayList<>();
        LocalDate from = null;
        for (Provision p : changed.provisions()) {
            Provision before = current.provision(p.id()).orElse(null);
            if (before != null && before.origin().equals(p.origin())) {
                continue;
            }
            (before == null ? added : replaced).add(p);
            LocalDate start = p.validFrom();
            if (before != null && !before.validFrom().equals(p.validFrom())) {
                start = before.validFrom().isBefore(p.validFrom()) ? before.validFrom() : p.validFrom();
            } else if (before != null && !Objects.equals(before.validTo(), p.validTo())) {
                // The change ends the provision at another day: the two differ from the earlier of the two ends.
                start = before.validTo() == null ? p.validTo() : p.validTo() == null || before.validTo().isBefore(p.validTo())
                        ? before.validTo() : p.validTo();
            }
            from = from == null || start.isBefore(from) ? start : from;
        }
        return new PolicyChange(changed, added, replaced, from == null ? LocalDate.now() : from);
    }
}
