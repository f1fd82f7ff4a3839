package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import nl.haven.statistics.Disclosure.Cell;
import nl.haven.statistics.Disclosure.Raw;
import nl.haven.statistics.Disclosure.Rules;
import nl.haven.statistics.Disclosure.Table;
import org.junit.jupiter.api.Test;

/**
 * Disclosure control on hand-made tables, and an attacker that tries to recover suppressed cells by subtracting
 * published numbers. The attacker shares no code with {@link Disclosure}: it enumerates every total and every
 * assignment of the suppressed cells that agrees with what is published (and with the rules: a small cell is 1 to
 * k − 1, a cell suppressed to protect another is at least k).
 */
class DisclosureTests {
    static final Rules K5 = Rules.defaults();

    static List<Raw> raw(long... counts) {
        List<Raw> raw = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            raw.add(new Raw("c" + i, counts[i]));
        }
        return raw;
    }

    @Test
    void suppressesSmallCellsPublishesZeroAndATotalRange() {
        Table t = Disclosure.protect(raw(12, 3, 0, 7), K5);
        assertThat(t.cells()).extracting(Cell::count).containsExactly(12L, null, 0L, 7L);
        assertThat(t.cells().get(1).range()).containsExactly(1L, 4L);
        assertThat(t.cells().get(1).suppressed()).isTrue();
        assertThat(t.cells().get(2).suppressed()).isNull();
        // 12 + 7 published, one cell of 1..4: the total is 20..23, never 22.
        assertThat(t.total().count()).isNull();
        assertThat(t.total().range()).containsExactly(20L, 23L);
    }

    @Test
    void kIsConfigurable() {
        Table t = Disclosure.protect(raw(12, 3, 9), new Rules(10, 0));
        assertThat(t.cells()).extracting(Cell::count).containsExactly(12L, null, null);
        assertThat(t.cells().get(1).range()).containsExactly(1L, 9L);
        assertThat(t.total().range()).containsExactly(14L, 30L);
    }

    @Test
    void aTableWithoutSmallCellsIsExact() {
        Table t = Disclosure.protect(raw(12, 5, 0, 7), K5);
        assertThat(t.cells()).extracting(Cell::count).containsExactly(12L, 5L, 0L, 7L);
        assertThat(t.total().count()).isEqualTo(24L);
        assertThat(t.total().range()).isNull();
    }

    @Test
    void roundsToABaseLikeCbs() {
        Table exact = Disclosure.protect(raw(12, 5, 0, 7, 23), new Rules(5, 5));
        // 12 → 10, 5 → 5, 0 stays 0, 7 → 5, 23 → 25; the total 47 → 45 (rounded on its own, not summed).
        assertThat(exact.cells()).extracting(Cell::count).containsExactly(10L, 5L, 0L, 5L, 25L);
        assertThat(exact.total().count()).isEqualTo(45L);
        Table suppressed = Disclosure.protect(raw(12, 3, 8), new Rules(5, 5));
        assertThat(suppressed.cells()).extracting(Cell::count).containsExactly(10L, null, 10L);
        // Ends rounded outwards: 21..24 becomes 20..25.
        assertThat(suppressed.total().range()).containsExactly(20L, 25L);
        // Never rounded down to nothing: 6 with base 20 is published as 20, not 0.
        assertThat(Disclosure.protect(raw(6), new Rules(5, 20)).cells().get(0).count()).isEqualTo(20L);
    }

    @Test
    void aSmallPopulationIsSuppressedWhole() {
        Map<String, Table> p = Disclosure.protect(population(new long[] { 1, 2, 0 }, new long[] { 3, 0 }), K5);
        p.values().forEach(t -> assertThat(t.cells()).allMatch(c -> c.count() == null || c.count() == 0));
        assertThat(p.get("t0").total().range()).isNotNull();
    }

    static Map<String, List<Raw>> population(long[]... tables) {
        Map<String, List<Raw>> p = new LinkedHashMap<>();
        for (int i = 0; i < tables.length; i++) {
            p.put("t" + i, raw(tables[i]));
        }
        return p;
    }

    /**
     * The attack this module must resist. Requests by month are all at least 5, so a naive publication gives the total
     * (46); requests by group publish 30 trans and 13 LGB and suppress 3 intersex: 46 − 30 − 13 = 3. The attacker
     * recovers the cell from the naive publication, and cannot from Haven's.
     */
    @Test
    void subtractingPublishedNumbersDoesNotRecoverASuppressedCell() {
        long[] months = { 10, 12, 9, 15 };
        long[] groups = { 30, 3, 13, 0 };
        Map<String, List<Raw>> population = population(months, groups);

        // Naive: each table on its own (the month table has nothing to suppress, so its total is exact).
        Map<String, Table> naive = new LinkedHashMap<>();
        naive.put("t0", Disclosure.protect(population.get("t0"), K5));
        naive.put("t1", Disclosure.protect(population.get("t1"), K5));
        assertThat(naive.get("t0").total().count()).isEqualTo(46L);
        assertThat(Attacker.feasible(naive, 5).get("t1").get(1)).as("the attacker works: naive publication gives the cell away")
                .containsExactly(3L);

        Map<String, Table> published = Disclosure.protect(population, K5);
        assertThat(published.get("t0").total().count()).as("no exact total anywhere").isNull();
        assertThat(published.get("t1").total().count()).isNull();
        assertThat(published.get("t0").total().range()).isEqualTo(published.get("t1").total().range());
        Set<Long> intersex = Attacker.feasible(published, 5).get("t1").get(1);
        assertThat(intersex).contains(3L).hasSizeGreaterThanOrEqualTo(2);
    }

    /** Many random populations of two to four linked tables: no small cell is ever pinned, every range holds the truth. */
    @Test
    void randomLinkedTablesNeverGiveASmallCellAway() {
        Random random = new Random(9);
        int withSuppression = 0;
        for (int round = 0; round < 3000; round++) {
            int k = 3 + random.nextInt(4);
            long total = 1 + random.nextInt(40);
            int tableCount = 2 + random.nextInt(3);
            long[][] tables = new long[tableCount][];
            for (int t = 0; t < tableCount; t++) {
                tables[t] = split(total, 2 + random.nextInt(4), random);
            }
            Map<String, List<Raw>> population = population(tables);
            Map<String, Table> published = Disclosure.protect(population, new Rules(k, 0));
            Map<String, Map<Integer, Set<Long>>> feasible = Attacker.feasible(published, k);
            boolean anySmall = false;
            for (int t = 0; t < tableCount; t++) {
                Table table = published.get("t" + t);
                for (int c = 0; c < tables[t].length; c++) {
                    long truth = tables[t][c];
                    Cell cell = table.cells().get(c);
                    if (cell.exact()) {
                        assertThat(cell.count()).isEqualTo(truth);
                        assertThat(truth == 0 || truth >= k).as("a small cell is never published").isTrue();
                        continue;
                    }
                    assertThat(cell.range().get(0)).isLessThanOrEqualTo(truth);
                    assertThat(cell.range().get(1) == null || cell.range().get(1) >= truth).isTrue();
                    Set<Long> values = feasible.get("t" + t).get(c);
                    assertThat(values).as("round %d: the truth is feasible", round).contains(truth);
                    if (truth < k) {
                        anySmall = true;
                        assertThat(values).as("round %d, table %d, cell %d (%s): feasible values", round, t, c, Arrays.deepToString(tables))
                                .hasSizeGreaterThanOrEqualTo(2);
                    }
                }
                Cell totalCell = table.total();
                if (anySmall) {
                    assertThat(totalCell.count()).as("a total with a suppressed cell is never exact").isNull();
                }
                if (totalCell.range() != null) {
                    assertThat(totalCell.range().get(0)).isLessThanOrEqualTo(total);
                    assertThat(totalCell.range().get(1) == null || totalCell.range().get(1) >= total).isTrue();
                }
            }
            withSuppression += anySmall ? 1 : 0;
        }
        assertThat(withSuppression).as("rounds that exercised suppression").isGreaterThan(1500);
    }

    static long[] split(long total, int cells, Random random) {
        long[] out = new long[cells];
        for (long i = 0; i < total; i++) {
            // Skewed: the first cells get most, so both small and large cells occur.
            int c = random.nextInt(random.nextInt(cells) + 1);
            out[c]++;
        }
        return out;
    }

    /** Brute force over every total and every assignment of the suppressed cells consistent with the publication. */
    static final class Attacker {
        static Map<String, Map<Integer, Set<Long>>> feasible(Map<String, Table> published, int k) {
            long maxTotal = 0;
            for (Table t : published.values()) {
                long sum = 0;
                for (Cell c : t.cells()) {
                    sum += c.exact() ? c.count() : c.range().get(1) == null ? 100 : c.range().get(1);
                }
                maxTotal = Math.max(maxTotal, sum);
            }
            Map<String, Map<Integer, Set<Long>>> result = new LinkedHashMap<>();
            published.keySet().forEach(name -> result.put(name, new LinkedHashMap<>()));
            for (long total = 0; total <= maxTotal; total++) {
                if (!consistentTotal(published, total)) {
                    continue;
                }
                Map<String, Map<Integer, Set<Long>>> atThisTotal = new LinkedHashMap<>();
                boolean all = true;
                for (Map.Entry<String, Table> e : published.entrySet()) {
                    Map<Integer, Set<Long>> values = assignments(e.getValue(), total, k);
                    if (values == null) {
                        all = false;
                        break;
                    }
                    atThisTotal.put(e.getKey(), values);
                }
                if (all) {
                    atThisTotal.forEach((name, cells) -> cells.forEach((c, v) -> result.get(name).computeIfAbsent(c, x -> new TreeSet<>()).addAll(v)));
                }
            }
            return result;
        }

        static boolean consistentTotal(Map<String, Table> published, long total) {
            for (Table t : published.values()) {
                Cell c = t.total();
                if (c.exact() ? c.count() != total : total < c.range().get(0) || (c.range().get(1) != null && total > c.range().get(1))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Per hidden cell, the values it takes in some assignment of the table's hidden cells that sums to the total
         * (the achievable sums of the other cells by dynamic programming); null when there is no such assignment.
         */
        static Map<Integer, Set<Long>> assignments(Table t, long total, int k) {
            long exact = 0;
            List<Integer> hidden = new ArrayList<>();
            for (int c = 0; c < t.cells().size(); c++) {
                Cell cell = t.cells().get(c);
                if (cell.exact()) {
                    exact += cell.count();
                } else {
                    hidden.add(c);
                }
            }
            int rest = (int) (total - exact);
            if (rest < 0) {
                return null;
            }
            int[][] bounds = new int[hidden.size()][];
            for (int i = 0; i < hidden.size(); i++) {
                Cell cell = t.cells().get(hidden.get(i));
                long lo = cell.range().get(0);
                long hi = cell.range().get(1) == null ? rest : Math.min(rest, cell.range().get(1));
                bounds[i] = new int[] { (int) lo, (int) hi }; // a hidden cell at or above k is one the rules say is at least k
            }
            if (hidden.isEmpty()) {
                return rest == 0 ? Map.of() : null;
            }
            Map<Integer, Set<Long>> values = new LinkedHashMap<>();
            for (int i = 0; i < hidden.size(); i++) {
                boolean[] others = new boolean[rest + 1];
                others[0] = true;
                for (int j = 0; j < hidden.size(); j++) {
                    if (j == i) {
                        continue;
                    }
                    boolean[] next = new boolean[rest + 1];
                    for (int s = 0; s <= rest; s++) {
                        if (others[s]) {
                            for (int v = bounds[j][0]; v <= bounds[j][1] && s + v <= rest; v++) {
                                next[s + v] = true;
                            }
                        }
                    }
                    others = next;
                }
                Set<Long> feasible = new TreeSet<>();
                for (int v = bounds[i][0]; v <= bounds[i][1]; v++) {
                    if (rest - v >= 0 && others[rest - v]) {
                        feasible.add((long) v);
                    }
                }
                if (feasible.isEmpty()) {
                    return null;
                }
                values.put(hidden.get(i), feasible);
            }
            return values;
        }
    }
}
