package nl.haven.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The entries of the public change log (issue #17), newest first: the dated changes inside the current data set (a
 * provision or listing that starts or ends on a day, a list statement such as the suspension of 23 September 2025),
 * and what each recorded version changed compared with the one before ({@link PolicyDiff}).
 *
 * <p>A provision that is followed on its last day by one of the same country, kind and level is a continuation, not
 * an end: only the successor is an entry, and only when it says something else (other groups, regions or exceptions).
 * {@link ProvisionKind#NOTE} provisions are not entries: they tell how a fact is weighed, not a change in the law; nor
 * are {@link ProvisionKind#COUNTRY_LAW} provisions: they tell the law of the country of origin, not Dutch policy.
 */
public final class ChangeLog {
    private ChangeLog() {
    }

    /** The dated changes inside one data set, newest first. */
    public static List<ChangeEntry> dated(PolicyDataSet dataSet) {
        List<ChangeEntry> entries = new ArrayList<>();
        for (String country : dataSet.countriesWithProvisions()) {
            List<Provision> provisions = dataSet.provisionsOf(country).stream().filter(p -> p.kind() != ProvisionKind.NOTE
                    && p.kind() != ProvisionKind.COUNTRY_LAW).toList();
            for (Provision p : provisions) {
                Provision predecessor = provisions.stream().filter(o -> o != p && sameLine(o, p) && p.validFrom().equals(o.validTo()))
                        .findFirst().orElse(null);
                if (predecessor == null || !sameContent(predecessor, p)) {
                    boolean listing = p.kind() == ProvisionKind.SAFE_COUNTRY;
                    entries.add(provision(dataSet, p, listing ? ChangeEntry.Type.LISTED : ChangeEntry.Type.STARTS, p.validFrom(),
                            "provision/" + p.id() + "/from/" + p.validFrom()));
                }
                LocalDate end = p.validTo();
                if (end != null && provisions.stream().noneMatch(o -> o != p && sameLine(o, p) && o.validFrom().equals(end))) {
                    boolean listing = p.kind() == ProvisionKind.SAFE_COUNTRY;
                    entries.add(provision(dataSet, p, listing ? ChangeEntry.Type.DELISTED : ChangeEntry.Type.ENDS, end,
                            "provision/" + p.id() + "/to/" + end));
                }
            }
        }
        for (ListStatement s : dataSet.listStatements()) {
            entries.add(statement(dataSet, s, ChangeEntry.Type.STATEMENT_STARTS, s.validFrom(), "statement/" + s.id() + "/from/" + s.validFrom()));
            if (s.validTo() != null) {
                entries.add(statement(dataSet, s, ChangeEntry.Type.STATEMENT_ENDS, s.validTo(), "statement/" + s.id() + "/to/" + s.validTo()));
            }
        }
        entries.sort(NEWEST_FIRST);
        return entries;
    }

    /** The entries of a version change: one per item of the diff, dated the day the newer version was first loaded. */
    public static List<ChangeEntry> of(PolicyDiff diff, PolicyDataSet newer, String newerLabel, LocalDate firstLoaded) {
        List<ChangeEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PolicyDiff.CountryChanges country : diff.countries()) {
            for (PolicyDiff.Item item : country.items()) {
                String key = "version/" + diff.to() + "/" + item.subject() + "/" + item.id();
                if (!seen.add(key)) {
                    continue; // a statement about several countries is one entry
                }
                Provision p = item.subject() == PolicyDiff.Subject.LIST_STATEMENT ? null : newer.provision(item.id()).orElse(null);
                ListStatement s = item.subject() == PolicyDiff.Subject.LIST_STATEMENT
                        ? newer.listStatements().stream().filter(x -> x.id().equals(item.id())).findFirst().orElse(null) : null;
                List<String> countries = p != null ? List.of(p.country()) : s != null ? s.countries()
                        : country.country().equals(PolicyDiff.EVERY_COUNTRY) ? List.of() : List.of(country.country());
                Text summary = p != null ? p.summary() : s != null ? s.summary() : new Text(Map.of("en", "", "nl", ""));
                entries.add(new ChangeEntry(key, ChangeEntry.Type.VERSION_CHANGE, firstLoaded, firstLoaded, countries, item.id(),
                        p == null ? null : p.kind(), s == null ? null : s.kind(), p != null ? p.level() : s != null ? s.level() : null,
                        p == null ? Set.of() : p.appliesTo(), p == null ? Set.of() : p.exceptionFor(), p == null || p.exceptionsKnown(),
                        item.change(), newerLabel, summary, item.sources()));
            }
        }
        for (PolicyDiff.ParameterChanges parameter : diff.routes()) {
            for (PolicyDiff.ValueChange value : parameter.values()) {
                String key = "version/" + diff.to() + "/route/" + parameter.route() + "/" + parameter.parameter() + "/" + value.validFrom();
                String text = parameter.parameter() + " " + value.validFrom() + ": " + (value.before() == null ? "—" : value.before()) + " → "
                        + (value.after() == null ? "—" : value.after());
                entries.add(new ChangeEntry(key, ChangeEntry.Type.VERSION_CHANGE, firstLoaded, firstLoaded, List.of(), parameter.route(), null,
                        null, null, Set.of(), Set.of(), true, value.change(), newerLabel, new Text(Map.of("en", text, "nl", text)),
                        value.sources()));
            }
        }
        entries.sort(NEWEST_FIRST);
        return entries;
    }

    /** Newest first by the day it takes effect, then by key, so that the order is the same on every node. */
    public static final Comparator<ChangeEntry> NEWEST_FIRST = Comparator.comparing(ChangeEntry::effective).reversed()
            .thenComparing(ChangeEntry::key);

    private static boolean sameLine(Provision a, Provision b) {
        return a.kind() == b.kind() && Objects.equals(a.level(), b.level()) && a.country().equals(b.country());
    }

    private static boolean sameContent(Provision a, Provision b) {
        return a.appliesTo().equals(b.appliesTo()) && a.regions().equals(b.regions()) && a.exceptRegions().equals(b.exceptRegions())
                && a.exceptionFor().equals(b.exceptionFor()) && a.relocationTo().equals(b.relocationTo())
                && a.exceptionsKnown() == b.exceptionsKnown();
    }

    private static ChangeEntry provision(PolicyDataSet dataSet, Provision p, ChangeEntry.Type type, LocalDate effective, String key) {
        return new ChangeEntry(key, type, effective, p.publishedOn(), List.of(p.country()), p.id(), p.kind(), null, p.level(), p.appliesTo(),
                p.exceptionFor(), p.exceptionsKnown(), null, null, p.summary(), sources(dataSet, p.sources()));
    }

    private static ChangeEntry statement(PolicyDataSet dataSet, ListStatement s, ChangeEntry.Type type, LocalDate effective, String key) {
        return new ChangeEntry(key, type, effective, s.publishedOn(), s.countries(), s.id(), null, s.kind(), s.level(), Set.of(), Set.of(),
                true, null, null, s.summary(), sources(dataSet, s.sources()));
    }

    private static List<Source> sources(PolicyDataSet dataSet, List<String> ids) {
        return ids.stream().map(dataSet::source).flatMap(Optional::stream).toList();
    }
}
