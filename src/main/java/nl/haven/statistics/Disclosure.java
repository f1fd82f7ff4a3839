package nl.haven.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Disclosure control (SECURITY.md S10): every number Haven publishes about requests passes through here, for the API,
 * the dashboard, the CSV and the PDF alike. Plain Java, no Spring.
 *
 * <ul>
 * <li><b>Primary suppression</b>: a cell with 0 &lt; n &lt; k is published as {@code count: null, range: [1, k−1],
 * suppressed: true}. Zero is published: it discloses nobody.</li>
 * <li><b>Totals</b>: a total that includes a suppressed cell is published as a range, never exactly.</li>
 * <li><b>Linked tables</b>: the breakdowns of one population (the requests of one organisation in one year by month,
 * nationality, group, route, status and stage) share their total. A breakdown without a suppressed cell would give
 * the total away by addition, and the total minus another breakdown's published cells would give its small cell
 * away; so once any breakdown of the population has a suppressed cell, every breakdown has one (its smallest
 * non-zero cell, <i>secondary suppression</i>, published with the range that the rest already implies), every
 * breakdown publishes the same total range, and more cells are suppressed until, given everything published and
 * the rules themselves (a secondarily suppressed cell is at least k), each small cell can still take at least two
 * values. When every non-zero cell of a small population is hidden and its zeros still pin a small cell (one table
 * has two small cells, another one: the total is then exactly 2), zeros are hidden too, as {@code range: [0, k−1]};
 * and a table whose small cells the others' structure still pins is withheld, every cell {@code range: [0, null]}.</li>
 * <li><b>Rounding</b> (optional, {@code roundTo} &gt; 1): exact counts and totals are rounded to the nearest multiple
 * of the base (halves up, never below the base), range ends outwards; suppression is decided on the true counts.</li>
 * </ul>
 *
 * <p>Only one-way breakdowns are published; cross-tabulations (month × nationality) would need a full cell-suppression
 * audit of linked two-way tables and are deliberately not offered.
 */
public final class Disclosure {
    private static final long UNBOUNDED = Long.MAX_VALUE;

    private Disclosure() {
    }

    /** @param k the threshold: counts 0 &lt; n &lt; k are suppressed; @param roundTo 0 or 1 = no rounding */
    public record Rules(int k, int roundTo) {
        public Rules {
            if (k < 2) {
                throw new IllegalArgumentException("k must be at least 2");
            }
            if (roundTo < 0) {
                throw new IllegalArgumentException("roundTo must not be negative");
            }
        }

        public static Rules defaults() {
            return new Rules(5, 0);
        }

        boolean rounds() {
            return roundTo > 1;
        }
    }

    /** A count before disclosure control. */
    public record Raw(String key, long n) {
    }

    /**
     * A published number. Exact: {@code count} set. Suppressed: {@code count} null, {@code range} [low, high] (high
     * null when unbounded) and {@code suppressed} true. A total that is only known as a range has {@code suppressed}
     * null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String key, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Long count, @Nullable List<@Nullable Long> range, @Nullable Boolean suppressed) {
        public boolean exact() {
            return count != null;
        }

        /** For people and CSV: the count, or the range as "1–4" (or "≥ 7"). */
        public String text() {
            if (count != null) {
                return Long.toString(count);
            }
            Long low = range == null ? null : range.get(0);
            Long high = range == null ? null : range.get(1);
            return high == null ? "≥ " + low : low + "–" + high;
        }

        /** A number to draw: the count, or the middle of the range (its low end when unbounded). */
        public long drawn() {
            if (count != null) {
                return count;
            }
            Long low = range == null ? null : range.get(0);
            Long high = range == null ? null : range.get(1);
            long lo = low == null ? 0 : low;
            return high == null ? lo : (lo + high) / 2;
        }
    }

    /** One published breakdown: its cells in the given order and its total. */
    public record Table(List<Cell> cells, Cell total) {
        public Table {
            cells = List.copyOf(cells);
        }
    }

    /** A single table that shares its total with no other. */
    public static Table protect(List<Raw> table, Rules rules) {
        return protect(Map.of("table", table), rules).get("table");
    }

    /**
     * Protects the breakdowns of one population together. Every table must count the same population (the same
     * total); the result keeps the keys and their order.
     */
    public static Map<String, Table> protect(Map<String, List<Raw>> tables, Rules rules) {
        List<String> names = new ArrayList<>(tables.keySet());
        int t = names.size();
        long[][] n = new long[t][];
        Mark[][] mark = new Mark[t][];
        long total = -1;
        for (int i = 0; i < t; i++) {
            List<Raw> raw = tables.get(names.get(i));
            n[i] = raw.stream().mapToLong(Raw::n).toArray();
            mark[i] = new Mark[n[i].length];
            Arrays.fill(mark[i], Mark.EXACT);
            long sum = 0;
            for (long v : n[i]) {
                if (v < 0) {
                    throw new IllegalArgumentException("a count is negative");
                }
                sum += v;
            }
            if (total >= 0 && sum != total) {
                throw new IllegalArgumentException("the tables of one population must have the same total");
            }
            total = sum;
        }
        int k = rules.k();
        boolean any = false;
        for (int i = 0; i < t; i++) {
            for (int c = 0; c < n[i].length; c++) {
                if (n[i][c] > 0 && n[i][c] < k) {
                    mark[i][c] = Mark.PRIMARY;
                    any = true;
                }
            }
        }
        long[] range = null;
        if (any) {
            for (int i = 0; i < t; i++) {
                if (!hasSuppressed(mark[i])) {
                    suppressSmallest(n[i], mark[i]);
                }
            }
            // Each round hides at least one more cell, so this ends.
            while (true) {
                range = totalRange(n, mark, k);
                int weak = weakTable(n, mark, k, range);
                if (weak < 0) {
                    break;
                }
                if (!widen(n[weak], mark[weak]) && !widenTightest(n, mark, k)) {
                    // Nothing left to hide and the structure still pins a small cell (e.g. two small cells that must
                    // add up to a total another table bounds from below): the table is withheld.
                    Arrays.fill(mark[weak], Mark.WITHHELD);
                }
            }
        }
        Map<String, Table> out = new LinkedHashMap<>();
        for (int i = 0; i < t; i++) {
            List<Raw> raw = tables.get(names.get(i));
            List<Cell> cells = new ArrayList<>();
            Bounds b = bounds(n[i], mark[i], k);
            for (int c = 0; c < n[i].length; c++) {
                String key = raw.get(c).key();
                cells.add(switch (mark[i][c]) {
                    case EXACT -> new Cell(key, round(n[i][c], rules), null, null);
                    case PRIMARY -> new Cell(key, null, List.of(1L, (long) k - 1), true);
                    case ZERO -> new Cell(key, null, List.of(0L, (long) k - 1), true);
                    case WITHHELD -> new Cell(key, null, Arrays.asList(0L, null), true);
                    case SECONDARY -> {
                        // What the rest of the publication already implies for this cell: nothing new.
                        long othersLo = b.lo - b.exact - k;
                        long othersHi = b.unboundedCells > 1 ? UNBOUNDED : b.hi == UNBOUNDED ? b.boundedHi - b.exact : b.hi - b.exact;
                        long lo = othersHi == UNBOUNDED ? k : Math.max(k, range[0] - b.exact - othersHi);
                        long hi = range[1] == UNBOUNDED ? UNBOUNDED : range[1] - b.exact - othersLo;
                        yield new Cell(key, null, rangeOf(lo, hi, rules), true);
                    }
                });
            }
            Cell totalCell = range == null ? new Cell("total", round(total, rules), null, null)
                    : new Cell("total", null, rangeOf(range[0], range[1], rules), null);
            out.put(names.get(i), new Table(cells, totalCell));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * EXACT: published. PRIMARY: 0 &lt; n &lt; k, published as [1, k−1]. SECONDARY: n ≥ k, hidden to protect a small cell,
     * at least k. ZERO: a zero hidden as [0, k−1] when a small population's zeros would give its small cells away.
     * WITHHELD: a table that cannot be protected otherwise says nothing, [0, ∞).
     */
    private enum Mark { EXACT, PRIMARY, SECONDARY, ZERO, WITHHELD }

    private static long cellLo(Mark mark, int k) {
        return switch (mark) {
            case PRIMARY -> 1;
            case SECONDARY -> k;
            case ZERO, EXACT, WITHHELD -> 0;
        };
    }

    private static long cellHi(Mark mark, int k) {
        return mark == Mark.SECONDARY || mark == Mark.WITHHELD ? UNBOUNDED : k - 1;
    }

    /**
     * A table's published exact sum and the bounds its hidden cells put on the total ({@code hi} UNBOUNDED when a
     * hidden cell is; {@code boundedHi} the bound without those cells).
     */
    private record Bounds(long exact, long lo, long hi, long boundedHi, int unboundedCells) {
    }

    private static Bounds bounds(long[] n, Mark[] mark, int k) {
        long exact = 0;
        long lo = 0;
        long hi = 0;
        int unbounded = 0;
        for (int c = 0; c < n.length; c++) {
            if (mark[c] == Mark.EXACT) {
                exact += n[c];
            } else {
                lo += cellLo(mark[c], k);
                if (cellHi(mark[c], k) == UNBOUNDED) {
                    unbounded++;
                } else {
                    hi += cellHi(mark[c], k);
                }
            }
        }
        return new Bounds(exact, exact + lo, unbounded > 0 ? UNBOUNDED : exact + hi, exact + hi, unbounded);
    }

    /** The total as the published tables together bound it: the intersection of every table's bounds. */
    private static long[] totalRange(long[][] n, Mark[][] mark, int k) {
        long lo = 0;
        long hi = UNBOUNDED;
        for (int i = 0; i < n.length; i++) {
            Bounds b = bounds(n[i], mark[i], k);
            lo = Math.max(lo, b.lo);
            hi = Math.min(hi, b.hi);
        }
        return new long[] { lo, hi };
    }

    /** A table with a small cell that the published numbers pin to fewer than two values, or −1. */
    private static int weakTable(long[][] n, Mark[][] mark, int k, long[] range) {
        for (int i = 0; i < n.length; i++) {
            Bounds b = bounds(n[i], mark[i], k);
            for (int c = 0; c < n[i].length; c++) {
                if (mark[i][c] != Mark.PRIMARY) {
                    continue;
                }
                // The table's other hidden cells, as the rules bound them.
                long othersLo = b.lo - b.exact - 1;
                long othersHi = b.hi == UNBOUNDED ? UNBOUNDED : b.hi - b.exact - (k - 1);
                long lo = othersHi == UNBOUNDED ? 1 : Math.max(1, range[0] - b.exact - othersHi);
                long hi = range[1] == UNBOUNDED ? k - 1 : Math.min(k - 1, range[1] - b.exact - othersLo);
                if (hi - lo < 1) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Hides one more cell of the table: its smallest exact non-zero cell, else its zeros. False when nothing is left. */
    private static boolean widen(long[] n, Mark[] mark) {
        if (suppressSmallest(n, mark)) {
            return true;
        }
        boolean any = false;
        for (int c = 0; c < n.length; c++) {
            if (mark[c] == Mark.EXACT) {
                mark[c] = Mark.ZERO;
                any = true;
            }
        }
        return any;
    }

    /** Widens the table whose bounds on the total are tightest (the smallest upper bound) among those that can widen. */
    private static boolean widenTightest(long[][] n, Mark[][] mark, int k) {
        int best = -1;
        long bestHi = Long.MAX_VALUE;
        for (int i = 0; i < n.length; i++) {
            Bounds b = bounds(n[i], mark[i], k);
            boolean canWiden = false;
            for (Mark m : mark[i]) {
                canWiden |= m == Mark.EXACT;
            }
            if (canWiden && (best < 0 || b.hi < bestHi)) {
                bestHi = b.hi;
                best = i;
            }
        }
        return best >= 0 && widen(n[best], mark[best]);
    }

    private static boolean hasSuppressed(Mark[] mark) {
        for (Mark m : mark) {
            if (m != Mark.EXACT) {
                return true;
            }
        }
        return false;
    }

    /** Suppresses the table's smallest exact non-zero cell (the first of equals); false when there is none. */
    private static boolean suppressSmallest(long[] n, Mark[] mark) {
        int smallest = -1;
        for (int c = 0; c < n.length; c++) {
            if (mark[c] == Mark.EXACT && n[c] > 0 && (smallest < 0 || n[c] < n[smallest])) {
                smallest = c;
            }
        }
        if (smallest < 0) {
            return false;
        }
        mark[smallest] = Mark.SECONDARY;
        return true;
    }

    static long round(long n, Rules rules) {
        if (!rules.rounds() || n == 0) {
            return n;
        }
        long b = rules.roundTo();
        return Math.max(b, (n + b / 2) / b * b);
    }

    private static List<@Nullable Long> rangeOf(long lo, long hi, Rules rules) {
        long low = lo;
        Long high = hi == UNBOUNDED ? null : hi;
        if (rules.rounds()) {
            long b = rules.roundTo();
            low = lo / b * b;
            high = high == null ? null : (high + b - 1) / b * b;
        }
        return Arrays.asList(low, high);
    }
}
