package nl.haven.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What changed from one data-set version to the next (issue #17), per country and per route parameter: provisions,
 * safe-country listings and list statements added, ended, changed or removed, with the old and new value of every
 * field that differs, and the sources behind each change (those of the new version; of the old one for a removal).
 * Items are matched by id. A list statement that names no country is filed under {@link #EVERY_COUNTRY}.
 *
 * @param from the older version's content hash
 * @param to the newer version's content hash
 */
public record PolicyDiff(String from, String to, List<CountryChanges> countries, List<ParameterChanges> routes) {

    /** The country code under which statements about every country of a list are filed. */
    public static final String EVERY_COUNTRY = "*";

    public PolicyDiff {
        countries = List.copyOf(countries);
        routes = List.copyOf(routes);
    }

    /** What happened to an item between the versions. */
    public enum Change {
        /** New id. */
        ADDED,
        /** Same id, which had no end and now has one. */
        ENDED,
        /** Same id, other values. */
        CHANGED,
        /** The id is gone from the newer version. */
        REMOVED
    }

    /** What kind of item changed. */
    public enum Subject {
        PROVISION, SAFE_COUNTRY_LISTING, LIST_STATEMENT
    }

    /** The changes of one country, in order of subject and id. */
    public record CountryChanges(String country, List<Item> items) {
        public CountryChanges {
            items = List.copyOf(items);
        }
    }

    /**
     * One provision, listing or list statement that changed.
     *
     * @param fields every field whose value differs (for ADDED and REMOVED: the item's values, on one side)
     * @param validFrom the newer version's validFrom (the older one's for REMOVED)
     */
    public record Item(Subject subject, String id, Change change, LocalDate validFrom, List<FieldChange> fields, List<Source> sources) {
        public Item {
            fields = List.copyOf(fields);
            sources = List.copyOf(sources);
        }
    }

    /** One field's value before and after, as text; null where the item did not exist or the field was empty. */
    public record FieldChange(String field, @Nullable String before, @Nullable String after) {
    }

    /** The changed values of one route parameter. */
    public record ParameterChanges(String route, String parameter, List<ValueChange> values) {
        public ParameterChanges {
            values = List.copyOf(values);
        }
    }

    /** One dated value of a parameter, matched by validFrom; {@code year} is that of validFrom. */
    public record ValueChange(Change change, int year, LocalDate validFrom, @Nullable String before, @Nullable String after,
            List<FieldChange> fields, List<Source> sources) {
        public ValueChange {
            fields = List.copyOf(fields);
            sources = List.copyOf(sources);
        }
    }

    public boolean isEmpty() {
        return countries.isEmpty() && routes.isEmpty();
    }

    /** Every change of one country (statements about every country included), or none. */
    public List<Item> of(String country) {
        return countries.stream().filter(c -> c.country().equals(country) || c.country().equals(EVERY_COUNTRY))
                .flatMap(c -> c.items().stream()).toList();
    }

    /** The changes from {@code older} to {@code newer}. */
    public static PolicyDiff between(PolicyDataSet older, PolicyDataSet newer) {
        Map<String, List<Item>> byCountry = new TreeMap<>();
        Map<String, Provision> before = byId(older.provisions(), Provision::id);
        Map<String, Provision> after = byId(newer.provisions(), Provision::id);
        for (String id : union(before.keySet(), after.keySet())) {
            Provision old = before.get(id);
            Provision now = after.get(id);
            Item item = item(old, now, old == null ? null : provisionFields(old), now == null ? null : provisionFields(now),
                    older, newer, p -> p.kind() == ProvisionKind.SAFE_COUNTRY ? Subject.SAFE_COUNTRY_LISTING : Subject.PROVISION,
                    Provision::id, Provision::validFrom, Provision::validTo, Provision::sources);
            if (item != null) {
                byCountry.computeIfAbsent((now != null ? now : old).country(), c -> new ArrayList<>()).add(item);
            }
        }
        Map<String, ListStatement> statementsBefore = byId(older.listStatements(), ListStatement::id);
        Map<String, ListStatement> statementsAfter = byId(newer.listStatements(), ListStatement::id);
        for (String id : union(statementsBefore.keySet(), statementsAfter.keySet())) {
            ListStatement old = statementsBefore.get(id);
            ListStatement now = statementsAfter.get(id);
            Item item = item(old, now, old == null ? null : statementFields(old), now == null ? null : statementFields(now), older, newer,
                    s -> Subject.LIST_STATEMENT, ListStatement::id, ListStatement::validFrom, ListStatement::validTo, ListStatement::sources);
            if (item != null) {
                Set<String> concerned = new TreeSet<>();
                for (ListStatement s : new ListStatement[] { old, now }) {
                    if (s != null) {
                        concerned.addAll(s.countries().isEmpty() ? List.of(EVERY_COUNTRY) : s.countries());
                    }
                }
                concerned.forEach(c -> byCountry.computeIfAbsent(c, k -> new ArrayList<>()).add(item));
            }
        }
        List<CountryChanges> countries = new ArrayList<>();
        byCountry.forEach((country, items) -> {
            items.sort(Comparator.comparing(Item::subject).thenComparing(Item::id));
            countries.add(new CountryChanges(country, items));
        });
        return new PolicyDiff(older.version(), newer.version(), countries, routeChanges(older, newer));
    }

    private static List<ParameterChanges> routeChanges(PolicyDataSet older, PolicyDataSet newer) {
        List<ParameterChanges> out = new ArrayList<>();
        for (String route : union(older.routes().keySet(), newer.routes().keySet())) {
            Map<String, RouteParameter> before = older.routes().containsKey(route) ? older.routes().get(route).parameters() : Map.of();
            Map<String, RouteParameter> after = newer.routes().containsKey(route) ? newer.routes().get(route).parameters() : Map.of();
            for (String parameter : union(before.keySet(), after.keySet())) {
                Map<LocalDate, DatedValue> oldValues = before.containsKey(parameter)
                        ? byId(before.get(parameter).values(), DatedValue::validFrom) : Map.of();
                Map<LocalDate, DatedValue> newValues = after.containsKey(parameter)
                        ? byId(after.get(parameter).values(), DatedValue::validFrom) : Map.of();
                List<ValueChange> values = new ArrayList<>();
                for (LocalDate from : union(oldValues.keySet(), newValues.keySet())) {
                    DatedValue old = oldValues.get(from);
                    DatedValue now = newValues.get(from);
                    Map<String, String> oldFields = old == null ? null : valueFields(old);
                    Map<String, String> newFields = now == null ? null : valueFields(now);
                    List<FieldChange> fields = fields(oldFields, newFields);
                    if (fields.isEmpty()) {
                        continue;
                    }
                    Change change = change(old == null, now == null, old == null ? null : old.validTo(), now == null ? null : now.validTo());
                    DatedValue shown = now != null ? now : old;
                    values.add(new ValueChange(change, from.getYear(), from, old == null ? null : plain(old.value()),
                            now == null ? null : plain(now.value()), fields, sources(now != null ? newer : older, shown.sources())));
                }
                if (!values.isEmpty()) {
                    out.add(new ParameterChanges(route, parameter, values));
                }
            }
        }
        return out;
    }

    private static <T> @Nullable Item item(@Nullable T old, @Nullable T now, @Nullable Map<String, String> oldFields,
            @Nullable Map<String, String> newFields, PolicyDataSet older, PolicyDataSet newer, Function<T, Subject> subject,
            Function<T, String> id, Function<T, LocalDate> validFrom,
            Function<T, @Nullable LocalDate> validTo, Function<T, List<String>> sources) {
        List<FieldChange> fields = fields(oldFields, newFields);
        if (fields.isEmpty()) {
            return null;
        }
        T shown = now != null ? now : Objects.requireNonNull(old);
        Change change = change(old == null, now == null, old == null ? null : validTo.apply(old), now == null ? null : validTo.apply(now));
        return new Item(subject.apply(shown), id.apply(shown), change, validFrom.apply(shown), fields,
                sources(now != null ? newer : older, sources.apply(shown)));
    }

    private static Change change(boolean added, boolean removed, @Nullable LocalDate oldTo, @Nullable LocalDate newTo) {
        if (added) {
            return Change.ADDED;
        }
        if (removed) {
            return Change.REMOVED;
        }
        return oldTo == null && newTo != null ? Change.ENDED : Change.CHANGED;
    }

    /** The fields that differ, in the order of the maps; every non-empty field when one side is missing. */
    private static List<FieldChange> fields(@Nullable Map<String, String> before, @Nullable Map<String, String> after) {
        List<FieldChange> out = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        if (before != null) {
            before.keySet().forEach(k -> keys.put(k, k));
        }
        if (after != null) {
            after.keySet().forEach(k -> keys.put(k, k));
        }
        for (String key : keys.keySet()) {
            String b = before == null ? null : before.get(key);
            String a = after == null ? null : after.get(key);
            if (!Objects.equals(b, a)) {
                out.add(new FieldChange(key, b, a));
            }
        }
        return out;
    }

    private static Map<String, String> provisionFields(Provision p) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "kind", p.kind().name());
        put(f, "standard", p.kind().standard() == null ? null : p.kind().standard().name());
        put(f, "level", p.level() == null ? null : p.level().name());
        put(f, "validFrom", p.validFrom().toString());
        put(f, "validTo", p.validTo() == null ? null : p.validTo().toString());
        put(f, "datePrecision", p.datePrecision().name());
        put(f, "publishedOn", p.publishedOn().toString());
        put(f, "appliesTo", groups(p.appliesTo()));
        put(f, "regions", String.join(", ", p.regions()));
        put(f, "exceptRegions", String.join(", ", p.exceptRegions()));
        put(f, "relocationTo", String.join(", ", p.relocationTo()));
        put(f, "facts", String.join(", ", p.facts()));
        if (p.kind() == ProvisionKind.SAFE_COUNTRY) {
            put(f, "exceptionFor", groups(p.exceptionFor()));
            put(f, "exceptionsKnown", String.valueOf(p.exceptionsKnown()));
        }
        put(f, "legalBasis", p.legalBasis());
        put(f, "regime", p.regime());
        put(f, "confidence", p.confidence().name());
        put(f, "sources", String.join(", ", p.sources()));
        put(f, "summary", p.summary().en());
        return f;
    }

    private static Map<String, String> statementFields(ListStatement s) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "kind", s.kind().name());
        put(f, "level", s.level().name());
        put(f, "countries", s.countries().isEmpty() ? EVERY_COUNTRY : String.join(", ", s.countries()));
        put(f, "validFrom", s.validFrom().toString());
        put(f, "validTo", s.validTo() == null ? null : s.validTo().toString());
        put(f, "publishedOn", s.publishedOn().toString());
        put(f, "confidence", s.confidence().name());
        put(f, "sources", String.join(", ", s.sources()));
        put(f, "summary", s.summary().en());
        return f;
    }

    private static Map<String, String> valueFields(DatedValue v) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "value", plain(v.value()));
        put(f, "validTo", v.validTo() == null ? null : v.validTo().toString());
        put(f, "confidence", v.confidence().name());
        put(f, "sources", String.join(", ", v.sources()));
        return f;
    }

    private static void put(Map<String, String> fields, String key, @Nullable String value) {
        fields.put(key, value == null || value.isEmpty() ? null : value);
    }

    /** Groups in the data's own codes, in a fixed order; all of them as {@code lgbti}. */
    static String groups(Set<Group> groups) {
        if (groups.size() == Group.values().length) {
            return Group.ALL;
        }
        return groups.stream().sorted().map(Group::code).collect(Collectors.joining(", "));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static List<Source> sources(PolicyDataSet dataSet, List<String> ids) {
        return ids.stream().map(dataSet::source).flatMap(Optional::stream).toList();
    }

    private static <K extends Comparable<? super K>, V> Map<K, V> byId(Collection<V> values, Function<V, K> key) {
        Map<K, V> out = new TreeMap<>();
        values.forEach(v -> out.put(key.apply(v), v));
        return out;
    }

    private static <K extends Comparable<? super K>> Set<K> union(Set<K> a, Set<K> b) {
        Set<K> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
