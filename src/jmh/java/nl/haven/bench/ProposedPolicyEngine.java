package nl.haven.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.haven.policy.Assessment;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.Country;
import nl.haven.policy.EvidentiaryStandard;
import nl.haven.policy.Group;
import nl.haven.policy.ListStatement;
import nl.haven.policy.ListStatementKind;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Safeguard;
import org.jspecify.annotations.Nullable;

/**
 * NOT part of Haven: a copy of {@code PolicyEngine.assess} with the changes proposed in benchmarks/policy-engine.md, so
 * their effect can be measured without touching src/main. Same rules, same {@link Assessment}: the cross-check asserts
 * {@code proposed.assess(q).equals(engine.assess(q))} for every input. The changes, cumulative, each marked "CHANGE n":
 * <ol>
 * <li>the safeguards in force are a prefix of the list sorted by validFrom: precompute every prefix once and return the
 * shared immutable list, instead of filling a new ArrayList of up to 12 and copying it ({@code List.copyOf}) per call;
 * <li>one map look-up per call: the country's {@link Country} is stored with its compiled provisions, instead of a second
 * look-up in the data set's TreeMap ({@code dataSet.countries().get});
 * <li>no allocation when nothing applies (the common case): the provision lists are created only when needed and wrapped
 * ({@code Collections.unmodifiableList}) instead of copied ({@code List.copyOf}); no {@code new Compiled[0]} per call;
 * <li>the applicant's group bit mask ({@code Group.bits}, an iteration over the query's immutable set) is computed only
 * once a provision is in force on the date;
 * <li>the scan over a country's provisions stops at the first one whose validFrom lies after the date (they are sorted by
 * validFrom);
 * <li>the safeguard prefix is found by first testing whether all are in force (true for every date from 2018-07-04).
 * </ol>
 * System property {@code haven.proposed.changes} (default 6) applies only changes 1..n, for measuring each one's share;
 * 0 is the engine's code as it is. A static final, so the JIT folds the tests away.
 */
public final class ProposedPolicyEngine {
    static final int CHANGES = Integer.getInteger("haven.proposed.changes", 6);
    private static final long OPEN = Long.MAX_VALUE;

    private record Compiled(Provision provision, ProvisionKind kind, long from, long to, long published, int groups, String[] regions,
            String[] exceptRegions, Set<String> facts, int exceptionFor) {
    }

    /** With the statements about the safe-country lists that concern the country (as in the engine since issue 16). */
    private record CountryTable(@Nullable Country country, Compiled[] provisions, ListStatement[] statements) {
    }

    private final CountryTable none;

    private final PolicyDataSet dataSet;
    private final Map<String, CountryTable> byCountry = new HashMap<>();
    private final Safeguard[] safeguards;
    private final long[] safeguardFrom;
    private final List<List<Safeguard>> safeguardsInForce;

    public ProposedPolicyEngine(PolicyDataSet dataSet) {
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
        if (CHANGES >= 2) {
            for (Country country : dataSet.countries().values()) {
                byCountry.putIfAbsent(country.code(), new CountryTable(country, new Compiled[0], statementsOf(dataSet, country.code())));
            }
        }
        this.none = new CountryTable(null, new Compiled[0], dataSet.listStatements().stream().filter(s -> s.countries().isEmpty())
                .toArray(ListStatement[]::new));
        // PolicyDataSet keeps safeguards sorted by validFrom, so "from <= day && from <= known" holds for a prefix.
        this.safeguards = dataSet.safeguards().toArray(Safeguard[]::new);
        this.safeguardFrom = dataSet.safeguards().stream().mapToLong(s -> s.validFrom().toEpochDay()).toArray();
        List<List<Safeguard>> prefixes = new ArrayList<>(safeguards.length + 1);
        for (int n = 0; n <= safeguards.length; n++) {
            prefixes.add(List.copyOf(dataSet.safeguards().subList(0, n)));
        }
        this.safeguardsInForce = List.copyOf(prefixes);
    }

    private static ListStatement[] statementsOf(PolicyDataSet dataSet, String country) {
        return dataSet.listStatements().stream().filter(s -> s.concerns(country)).toArray(ListStatement[]::new);
    }

    public Assessment assess(AssessmentQuery query) {
        long day = query.date().toEpochDay();
        long known = query.knownAt() == null ? OPEN : query.knownAt().toEpochDay();
        // CHANGE 4: computed on the first candidate in force on the date
        int groups = CHANGES >= 4 ? 0 : Group.bits(query.groups());
        String region = query.region();
        Compiled[] candidates;
        CountryTable table = null;
        if (CHANGES >= 3) {
            table = byCountry.get(query.nationality());
            if (table == null) {
                table = none; // a country the data set does not know: no file, no provisions
            }
            candidates = table.provisions;
        } else {
            Compiled[] empty = new Compiled[0]; // as getOrDefault(nationality, new Compiled[0]) in the engine
            table = byCountry.get(query.nationality());
            candidates = table == null ? empty : table.provisions;
        }

        List<Provision> applying = CHANGES >= 3 ? null : new ArrayList<>(4);
        List<Provision> notes = CHANGES >= 3 ? null : List.of();
        EvidentiaryStandard standard = EvidentiaryStandard.INDIVIDUAL_ASSESSMENT;
        Provision decisive = null;
        boolean riskGroup = false;
        Provision listing = null;
        boolean exception = false;
        Provision relocation = null;
        for (Compiled c : candidates) {
            if (CHANGES >= 5 && day < c.from) {
                break; // CHANGE 5: the provisions are sorted by validFrom, so none of the rest is in force yet
            }
            if (day < c.from || day >= c.to || c.published > known) {
                continue;
            }
            if (CHANGES >= 4 && groups == 0) {
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
                    if (notes == null || notes.isEmpty()) {
                        notes = new ArrayList<>(2);
                    }
                    notes.add(p);
                }
                case SAFE_COUNTRY -> {
                    listing = p;
                    exception = (c.exceptionFor & groups) != 0;
                }
                case INTERNAL_RELOCATION, NO_INTERNAL_RELOCATION -> {
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
                case PROCEDURAL -> {
                    // listed among the provisions only
                }
            }
        }
        // The statements about the lists, as in the engine (issue 16); not part of the ablation.
        ListStatement stoppedBy = null;
        List<ListStatement> statements = null;
        for (ListStatement s : (table == null ? none : table).statements) {
            if (!s.validOn(query.date()) || s.publishedOn().toEpochDay() > known) {
                continue;
            }
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
        List<Safeguard> inForce;
        if (CHANGES >= 1) {
            // CHANGE 1: a shared, precomputed prefix
            long until = Math.min(day, known);
            int n = safeguardFrom.length;
            if (CHANGES < 6 || n > 0 && until < safeguardFrom[n - 1]) { // CHANGE 6: usually all are in force
                n = 0;
                while (n < safeguardFrom.length && safeguardFrom[n] <= until) {
                    n++;
                }
            }
            inForce = safeguardsInForce.get(n);
        } else {
            List<Safeguard> list = new ArrayList<>(safeguards.length);
            for (int i = 0; i < safeguards.length; i++) {
                if (safeguardFrom[i] <= day && safeguardFrom[i] <= known) {
                    list.add(safeguards[i]);
                }
            }
            inForce = List.copyOf(list);
        }
        // CHANGE 2: the country from the same look-up
        Country country = CHANGES >= 2 ? (table == null ? null : table.country) : dataSet.countries().get(query.nationality());
        List<Provision> provisionList;
        List<Provision> noteList;
        if (CHANGES >= 3) {
            provisionList = applying == null ? List.of() : Collections.unmodifiableList(applying);
            noteList = notes == null ? List.of() : Collections.unmodifiableList(notes);
        } else {
            provisionList = List.copyOf(applying);
            noteList = List.copyOf(notes);
        }
        return new Assessment(query, dataSet.version(), country, standard, decisive, riskGroup, listing, exception, relocation,
                provisionList, noteList, inForce, stoppedBy, statements == null ? List.of() : Collections.unmodifiableList(statements));
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
}
