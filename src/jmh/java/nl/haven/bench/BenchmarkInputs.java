package nl.haven.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.Country;
import nl.haven.policy.Group;
import nl.haven.policy.ListStatement;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.Provision;
import nl.haven.policy.Region;

/**
 * The inputs of the benchmark and of the cross-check, as validated queries (built with {@link PolicyEngine#query}).
 * Drawn from the data set's vocabulary (its countries, regions, groups and facts), so they follow the data set; the
 * hand-written method and the DMN model do not.
 */
public final class BenchmarkInputs {
    /**
     * Countries with no provision at all: the engine answers "ordinary individual assessment". NG and PK were here until
     * issue 22 gave them country files; {@link #withoutProvisions} now fails when one of these gets provisions.
     */
    static final List<String> WITHOUT_PROVISIONS = List.of("CN", "DE", "ER", "SO");
    static final LocalDate FIRST = LocalDate.of(2005, 1, 1);
    static final LocalDate LAST = LocalDate.of(2026, 12, 31);
    /** The national list's non-application (5 August 2025): from here on the safe-country answers changed most (issue 16). */
    static final LocalDate RECENT = LocalDate.of(2025, 8, 5);
    static final long SEED = 20261123L;
    /** A power of two, so the benchmark's cursor wraps with a mask. */
    static final int COUNT = 2048;

    private BenchmarkInputs() {
    }

    /** The benchmark's fixed list: {@link #COUNT} queries from {@link #SEED}. */
    public static List<AssessmentQuery> standard(PolicyEngine engine) {
        return random(engine, SEED, COUNT);
    }

    /**
     * Random queries: 45 % from countries with a country file, 45 % from countries only on the safe-country list, 10 % from
     * countries without provisions; a region half the time where the country has regions; one to three groups; up to two
     * facts; dates: one in five on a provision's or a list statement's validFrom, validTo or publishedOn (or the day
     * before), one in five uniform over 5 August 2025 – 31 December 2026 (the non-application, the suspension, the EU
     * list from 12 June 2026 and today), the rest uniform over 2005–2026; knownAt absent in 70 %, else uniform or on such
     * a boundary.
     */
    public static List<AssessmentQuery> random(PolicyEngine engine, long seed, int count) {
        Random random = new Random(seed);
        List<String> withFile = new ArrayList<>(engine.dataSet().countries().keySet());
        List<String> listedOnly = new ArrayList<>(engine.dataSet().countriesWithProvisions());
        listedOnly.removeAll(withFile);
        List<String> without = withoutProvisions(engine);
        List<String> facts = new ArrayList<>(engine.dataSet().facts().keySet());
        TreeSet<LocalDate> boundarySet = boundaries(engine.dataSet().provisions());
        boundarySet.addAll(statementBoundaries(engine.dataSet().listStatements()));
        List<LocalDate> boundaries = new ArrayList<>(boundarySet);
        Group[] groups = Group.values();
        int span = (int) (LAST.toEpochDay() - FIRST.toEpochDay() + 1);
        int recentSpan = (int) (LAST.toEpochDay() - RECENT.toEpochDay() + 1);

        List<AssessmentQuery> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(100);
            String nationality = c < 45 ? pick(random, withFile) : c < 90 ? pick(random, listedOnly) : pick(random, without);
            Country country = engine.dataSet().countries().get(nationality);
            String region = null;
            if (country != null && !country.regions().isEmpty() && random.nextBoolean()) {
                region = pick(random, country.regions()).code();
            }
            int g = random.nextInt(10);
            int groupCount = g < 7 ? 1 : g < 9 ? 2 : 3;
            List<String> groupCodes = new ArrayList<>();
            while (groupCodes.size() < groupCount) {
                String code = groups[random.nextInt(groups.length)].code();
                if (!groupCodes.contains(code)) {
                    groupCodes.add(code);
                }
            }
            int f = random.nextInt(10);
            int factCount = f < 6 ? 0 : f < 9 ? 1 : 2;
            List<String> factCodes = new ArrayList<>();
            while (factCodes.size() < factCount) {
                String code = pick(random, facts);
                if (!factCodes.contains(code)) {
                    factCodes.add(code);
                }
            }
            int d = random.nextInt(5);
            LocalDate date = d == 0 ? pick(random, boundaries).minusDays(random.nextInt(2))
                    : d == 1 ? RECENT.plusDays(random.nextInt(recentSpan)) : FIRST.plusDays(random.nextInt(span));
            int k = random.nextInt(100);
            LocalDate knownAt = k < 70 ? null : k < 85 ? FIRST.plusDays(random.nextInt(span)) : pick(random, boundaries).minusDays(random.nextInt(2));
            queries.add(engine.query(nationality, region, groupCodes, factCodes, date.toString(), knownAt == null ? null : knownAt.toString()));
        }
        return Collections.unmodifiableList(queries);
    }

    /**
     * Every country with provisions (and those of {@link #WITHOUT_PROVISIONS}) × every region or none × each group alone
     * and gay+trans × no fact, military-dismissal, late-disclosure × every date on or the day before one of the
     * country's validFrom, validTo and publishedOn, or those of a statement about the lists that concerns it (plus
     * 2005-01-01 and 2026-12-31) × knownAt absent or on or the day before one of those publishedOn dates.
     */
    public static List<AssessmentQuery> boundaryGrid(PolicyEngine engine) {
        List<String> countries = new ArrayList<>(engine.dataSet().countriesWithProvisions());
        countries.addAll(withoutProvisions(engine));
        List<List<String>> groupSets = new ArrayList<>();
        for (Group group : Group.values()) {
            groupSets.add(List.of(group.code()));
        }
        groupSets.add(List.of("gay", "trans"));
        List<List<String>> factSets = List.of(List.of(), List.of("military-dismissal"), List.of("late-disclosure"));
        List<AssessmentQuery> queries = new ArrayList<>();
        for (String nationality : countries) {
            List<Provision> provisions = engine.dataSet().provisionsOf(nationality);
            List<ListStatement> statements = engine.dataSet().listStatements().stream().filter(s -> s.concerns(nationality)).toList();
            TreeSet<LocalDate> edges = boundaries(provisions);
            edges.addAll(statementBoundaries(statements));
            TreeSet<LocalDate> dates = new TreeSet<>();
            for (LocalDate d : edges) {
                dates.add(d);
                dates.add(d.minusDays(1));
            }
            dates.add(FIRST);
            dates.add(LAST);
            List<String> knownAts = new ArrayList<>();
            knownAts.add(null);
            TreeSet<LocalDate> publishedDates = new TreeSet<>(provisions.stream().map(Provision::publishedOn).toList());
            statements.forEach(s -> publishedDates.add(s.publishedOn()));
            for (LocalDate published : publishedDates) {
                knownAts.add(published.minusDays(1).toString());
                knownAts.add(published.toString());
            }
            List<String> regions = new ArrayList<>();
            regions.add(null);
            Country country = engine.dataSet().countries().get(nationality);
            if (country != null) {
                country.regions().stream().map(Region::code).forEach(regions::add);
            }
            for (String region : regions) {
                for (List<String> groupSet : groupSets) {
                    for (List<String> factSet : factSets) {
                        for (LocalDate date : dates) {
                            for (String knownAt : knownAts) {
                                queries.add(engine.query(nationality, region, groupSet, factSet, date.toString(), knownAt));
                            }
                        }
                    }
                }
            }
        }
        return queries;
    }

    /** {@link #WITHOUT_PROVISIONS}, after checking that the data set has still no provision for any of them. */
    private static List<String> withoutProvisions(PolicyEngine engine) {
        for (String country : WITHOUT_PROVISIONS) {
            if (!engine.dataSet().provisionsOf(country).isEmpty()) {
                throw new IllegalStateException(country + " now has provisions: replace it in BenchmarkInputs.WITHOUT_PROVISIONS");
            }
        }
        return WITHOUT_PROVISIONS;
    }

    private static TreeSet<LocalDate> boundaries(Iterable<Provision> provisions) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Provision p : provisions) {
            dates.add(p.validFrom());
            dates.add(p.publishedOn());
            if (p.validTo() != null) {
                dates.add(p.validTo());
            }
        }
        return dates;
    }

    private static TreeSet<LocalDate> statementBoundaries(Iterable<ListStatement> statements) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (ListStatement s : statements) {
            dates.add(s.validFrom());
            dates.add(s.publishedOn());
            if (s.validTo() != null) {
                dates.add(s.validTo());
            }
        }
        return dates;
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
