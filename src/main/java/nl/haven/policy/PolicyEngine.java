package nl.haven.policy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates the policy data set as of a date. The data set is compiled once into per-country
 * arrays with dates as day numbers and groups as bit masks, so one assessment is a map look-up
 * and a scan of that country's few provisions. Immutable and thread-safe.
 *
 * <p>Rules (POLICY-DATA.md): a provision applies when the date is in [validFrom, validTo), one of
 * the applicant's groups is in appliesTo, and the region matches (a country-wide provision applies
 * everywhere but its exceptRegions; a regional one only in its regions); with {@code knownAt}, only
 * provisions published by then count. The most favourable standard among applying provisions wins.
 */
public final class PolicyEngine {
    private static final long OPEN = Long.MAX_VALUE;

    private record Compiled(Provision provision, ProvisionKind kind, long from, long to, long published, int groups, String[] regions,
            String[] exceptRegions, Set<String> facts, int exceptionFor) {
    }

    /**
     * A country (null when the data set has no file for it), its compiled provisions in order of validFrom, and the
     * statements about the safe-country lists that concern it (naming it, or every country).
     */
    private record CountryTable(@Nullable Country country, Compiled[] provisions, CompiledStatement[] statements) {
    }

    /** A statement about the lists with its dates as day numbers, like {@link Compiled}. */
    private record CompiledStatement(ListStatement statement, long from, long to, long published) {
        static CompiledStatement of(ListStatement s) {
            return new CompiledStatement(s, s.validFrom().toEpochDay(), s.validTo() == null ? OPEN : s.validTo().toEpochDay(),
                    s.publishedOn().toEpochDay());
        }
    }

    private final CountryTable unknown;

    private final PolicyDataSet dataSet;
    private final Map<String, CountryTable> byCountry = new HashMap<>();
    /** The safeguards' validFrom as day numbers, ascending (the data set keeps them sorted by validFrom). */
    private final long[] safeguardFrom;
    /** {@code safeguardsInForce.get(n)}: the first n safeguards, the ones in force when n of them started. */
    private final List<List<Safeguard>> safeguardsInForce;

    public PolicyEngine(PolicyDataSet dataSet) {
        this.dataSet = dataSet;
        for (String country : dataSet.countriesWithProvisions()) {
            List<Provision> provisions = dataSet.provisionsOf(country);
            Compiled[] compiled = new Compiled[provisions.size()];
            for (int i = 0; i < compiled.length; i++) {
                Provision p = provisions.get(i);
                compiled[i] = new Compiled(p, p.kind(), p.validFrom().toEpochDay(), p.validTo() == null ? OPEN : p.validTo().toEpochDay(),
                        p.publishedOn().toEpochDay(), Group.bits(p.appliesTo()), p.regions().toArray(String[]::new),
                        p.exceptRegions().toArray(String[]::new), Set.copyOf(p.facts()), Group.bits(p.exceptionFor()));
            }
            byCountry.put(country, new CountryTable(dataSet.countries().get(country), compiled, statementsOf(dataSet, country)));
        }
        for (Country country : dataSet.countries().values()) {
            byCountry.putIfAbsent(country.code(), new CountryTable(country, new Compiled[0], statementsOf(dataSet, country.code())));
        }
        this.unknown = new CountryTable(null, new Compiled[0], dataSet.listStatements().stream().filter(s -> s.countries().isEmpty())
                .map(CompiledStatement::of).toArray(CompiledStatement[]::new));
        List<Safeguard> safeguards = dataSet.safeguards();
        this.safeguardFrom = safeguards.stream().mapToLong(s -> s.validFrom().toEpochDay()).toArray();
        List<List<Safeguard>> prefixes = new ArrayList<>(safeguards.size() + 1);
        for (int n = 0; n <= safeguards.size(); n++) {
            prefixes.add(List.copyOf(safeguards.subList(0, n)));
        }
        this.safeguardsInForce = List.copyOf(prefixes);
    }

    private static CompiledStatement[] statementsOf(PolicyDataSet dataSet, String country) {
        return dataSet.listStatements().stream().filter(s -> s.concerns(country)).map(CompiledStatement::of)
                .toArray(CompiledStatement[]::new);
    }

    public PolicyDataSet dataSet() {
        return dataSet;
    }

    /**
     * Validates raw input (codes as typed by a person or a client) into a query. Every error names
     * the field, the value and what is accepted.
     */
    public AssessmentQuery query(@Nullable String nationality, @Nullable String region, Collection<String> groups, Collection<String> facts,
            @Nullable String date, @Nullable String knownAt) {
        if (nationality == null || nationality.isBlank()) {
            throw new PolicyInputException("nationality", "nationality is required: an ISO 3166-1 alpha-2 code such as RU or US");
        }
        String country = Countries.parse(nationality);
        String regionCode = null;
        if (region != null && !region.isBlank()) {
            regionCode = region.trim().toUpperCase(Locale.ROOT);
            Country known = dataSet.countries().get(country);
            if (known == null || !known.hasRegion(regionCode)) {
                List<String> regions = known == null ? List.of() : known.regions().stream().map(Region::code).toList();
                throw new PolicyInputException("region", "unknown region '" + region + "' for nationality " + country + ": "
                        + (regions.isEmpty() ? "the data set names no regions of " + country + "; leave region out" : "expected one of "
                                + String.join(", ", regions)));
            }
        }
        if (groups.isEmpty()) {
            throw new PolicyInputException("group", "at least one group is required: one or more of " + Group.codes());
        }
        Set<Group> groupSet = EnumSet.noneOf(Group.class);
        for (String group : groups) {
            groupSet.add(Group.parse(group));
        }
        Set<String> factSet = new LinkedHashSet<>();
        for (String fact : facts) {
            String code = fact.trim().toLowerCase(Locale.ROOT);
            if (!dataSet.facts().containsKey(code)) {
                throw new PolicyInputException("fact", "unknown fact '" + fact + "': expected one of "
                        + String.join(", ", new TreeSet<>(dataSet.facts().keySet())));
            }
            factSet.add(code);
        }
        return new AssessmentQuery(country, regionCode, groupSet, factSet, parseDate("date", date, true),
                parseDate("knownAt", knownAt, false));
    }

    public static @Nullable LocalDate parseDate(String field, @Nullable String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new PolicyInputException(field, field + " is required: a date YYYY-MM-DD");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new PolicyInputException(field, "malformed " + field + " '" + value + "': expected a date YYYY-MM-DD, e.g. 2017-09-01");
        }
    }

    /** The framework for a validated query. */
    public Assessment assess(AssessmentQuery query) {
        long day = query.date().toEpochDay();
        long known = query.knownAt() == null ? OPEN : query.knownAt().toEpochDay();
        int groups = 0; // computed when a provision is in force on the date
        String region = query.region();
        CountryTable table = byCountry.getOrDefault(query.nationality(), unknown);

        List<Provision> applying = null; // created when something applies
        List<Provision> notes = null;
        EvidentiaryStandard standard = EvidentiaryStandard.INDIVIDUAL_ASSESSMENT;
        Provision decisive = null;
        boolean riskGroup = false;
        Provision listing = null;
        boolean exception = false;
        Provision relocation = null;
        for (Compiled c : table.provisions) {
            if (day < c.from) {
                break; // sorted by validFrom: none of the rest is in force yet
            }
            if (day >= c.to || c.published > known) {
                continue;
            }
            if (groups == 0) {
                groups = Group.bits(query.groups());
            }
            if ((c.groups & groups) == 0 || !regionMatches(c, region)) {
                continue;
            }
            if (c.kind == ProvisionKind.NOTE && !c.facts.isEmpty() && !anyOf(c.facts, query.facts())) {
                continue;
            }
            Provision p = c.provision;
            if (applying == null) {
                applying = new ArrayList<>(4);
            }
            applying.add(p);
            switch (c.kind) {
                case NOTE -> {
                    if (notes == null) {
                        notes = new ArrayList<>(2);
                    }
                    notes.add(p);
                }
                case SAFE_COUNTRY -> {
                    listing = p;
                    exception = (c.exceptionFor & groups) != 0;
                }
                case INTERNAL_RELOCATION, NO_INTERNAL_RELOCATION -> {
                    // A regional statement is more specific than a country-wide one.
                    if (relocation == null || c.regions.length > 0) {
                        relocation = p;
                    }
                }
                case RISK_GROUP, VULNERABLE_MINORITY, GROUP_PERSECUTION, SPECIFIC_GROUP, NO_GROUP_POLICY -> {
                    riskGroup |= c.kind == ProvisionKind.RISK_GROUP;
                    EvidentiaryStandard s = c.kind.standard();
                    if (decisive == null || s.moreFavourableThan(standard)) {
                        standard = s;
                        decisive = p;
                    }
                }
                case PROCEDURAL, COUNTRY_LAW -> {
                    // listed among the provisions only
                }
            }
        }
        ListStatement stoppedBy = null;
        List<ListStatement> statements = null;
        for (CompiledStatement c : table.statements) {
            if (day < c.from || day >= c.to || c.published > known) {
                continue;
            }
            ListStatement s = c.statement;
            boolean stops = listing != null && s.stops(listing);
            if (stops && stoppedBy == null) {
                stoppedBy = s;
            }
            if (stops || s.kind() == ListStatementKind.NOTE) {
                if (statements == null) {
                    statements = new ArrayList<>(2);
                }
                statements.add(s);
            }
        }
        // Safeguards in force: those with validFrom <= min(day, known), a prefix of the sorted list; usually all of them.
        long until = Math.min(day, known);
        int inForce = safeguardFrom.length;
        if (inForce > 0 && until < safeguardFrom[inForce - 1]) {
            inForce = 0;
            while (safeguardFrom[inForce] <= until) {
                inForce++;
            }
        }
        return new Assessment(query, dataSet.version(), table.country, standard, decisive, riskGroup, listing, exception, relocation,
                applying == null ? List.of() : Collections.unmodifiableList(applying),
                notes == null ? List.of() : Collections.unmodifiableList(notes), safeguardsInForce.get(inForce), stoppedBy,
                statements == null ? List.of() : Collections.unmodifiableList(statements));
    }

    private static boolean regionMatches(Compiled c, @Nullable String region) {
        if (c.regions.length == 0) {
            if (region != null) {
                for (String except : c.exceptRegions) {
                    if (except.equals(region)) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (region == null) {
            return false;
        }
        for (String r : c.regions) {
            if (r.equals(region)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyOf(Set<String> wanted, Set<String> given) {
        for (String fact : given) {
            if (wanted.contains(fact)) {
                return true;
            }
        }
        return false;
    }

    /** Every provision of a country in order of validFrom, safe-country listings included. */
    public List<Provision> timeline(String nationality) {
        return dataSet.provisionsOf(Countries.parse(nationality));
    }
}
