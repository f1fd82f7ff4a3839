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
 * values.</li>
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
    public record Cell(String key, @Nullable Long count, @Nullable List<@Nullable Long> range, @Nullable Boolean suppressed) {
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
                if (!hasSuppressed(mark[i], n[i])) {
                    suppressSmallest(n[i], mark[i]);
                }
            }
            // Each round suppresses one more cell, so this ends; a round that can suppress nothing more ends it too.
            while (true) {
                range = totalRange(n, mark, k);
                int weak = weakTable(n, mark, k, range);
                if (weak < 0) {
                    break;
                }
                if (!suppressSmallest(n[weak], mark[weak]) && !suppressSmallest(n[tightest(n, mark, k, range)], mark[tightest(n, mark, k, range)])) {
                    break;
                }
            }
        }
        Map<String, Table> out = new LinkedHashMap<>();
        for (int i = 0; i < t; i++) {
            List<Raw> raw = tables.get(names.get(i));
            List<Cell> cells = new ArrayList<>();
            Bounds b = any ? bounds(n[i], mark[i], k) : null;
            for (int c = 0; c < n[i].length; c++) {
                String key = raw.get(c).key();
                cells.add(switch (mark[i][c]) {
                    case EXACT -> new Cell(key, round(n[i][c], rules), null, null);
                    case PRIMARY -> new Cell(key, null, List.of(1L, (long) k - 1), true);
                    case SECONDARY -> {
                        // What the rest of the publication already implies for this cell: nothing new.
                        long othersLo = b.primary + (long) (b.secondary - 1) * k;
                        long othersHi = b.secondary > 1 ? UNBOUNDED : (long) b.primary * (k - 1);
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

    private enum Mark { EXACT, PRIMARY, SECONDARY }

    /** A table's published exact sum and the bounds its suppressed cells put on the total. */
    private record Bounds(long exact, long lo, long hi, int primary, int secondary) {
    }

    private static Bounds bounds(long[] n, Mark[] mark, int k) {
        long exact = 0;
        int p = 0;
        int s = 0;
        for (int c = 0; c < n.length; c++) {
            switch (mark[c]) {
                case EXACT -> exact += n[c];
                case PRIMARY -> p++;
                case SECONDARY -> s++;
            }
        }
        long lo = exact + p + (long) s * k;
        long hi = s > 0 ? UNBOUNDED : exact + (long) p * (k - 1);
        return new Bounds(exact, lo, hi, p, s);
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
            if (b.primary == 0) {
                continue;
            }
            // The other suppressed cells of the table: primaries in [1, k−1], secondaries in [k, ∞).
            long othersLo = (b.primary - 1) + (long) b.secondary * k;
            long othersHi = b.secondary > 0 ? UNBOUNDED : (long) (b.primary - 1) * (k - 1);
            long lo = othersHi == UNBOUNDED ? 1 : Math.max(1, range[0] - b.exact - othersHi);
            long hi = range[1] == UNBOUNDED ? k - 1 : Math.min(k - 1, range[1] - b.exact - othersLo);
            if (hi - lo < 1) {
                return i;
            }
        }
        return -1;
    }

    /** The table whose bounds are tightest on the total (the smallest upper bound), to widen when another cannot. */
    private static int tightest(long[][] n, Mark[][] mark, int k, long[] range) {
        int best = 0;
        long bestHi = UNBOUNDED;
        for (int i = 0; i < n.length; i++) {
            Bounds b = bounds(n[i], mark[i], k);
            if (b.hi < bestHi && hasExactNonZero(n[i], mark[i])) {
                bestHi = b.hi;
                best = i;
            }
        }
        return best;
    }

    private static boolean hasSuppressed(Mark[] mark, long[] n) {
        for (int c = 0; c < n.length; c++) {
            if (mark[c] != Mark.EXACT) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasExactNonZero(long[] n, Mark[] mark) {
        for (int c = 0; c < n.length; c++) {
            if (mark[c] == Mark.EXACT && n[c] > 0) {
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
