package nl.haven.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ratio haven / handWritten of {@link PolicyBenchmark} measured so that both see the same competing load: after a
 * warm-up, short slices of each method alternate (A B B A …) in one JVM and one thread, on the benchmark's inputs,
 * each slice timed in wall time and in the thread's CPU time ({@link ThreadMXBean}). On a shared machine JMH runs the
 * methods one after another, so a neighbour's build can land on one and not the other; here it lands on both, and CPU
 * time leaves out the time the thread waited for a core. Results go to a JMH {@link Blackhole}, as in the benchmark.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.bench.PolicyRatio -Djmh.args="40"}
 * (the argument: rounds; each round is one slice of 100 ms per method, twice, in alternating order).
 */
public final class PolicyRatio {
    private static final int MASK = BenchmarkInputs.COUNT - 1;
    private static final long SLICE_NANOS = 100_000_000L;

    private PolicyRatio() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        PolicyEngine engine = new PolicyEngine(PolicyDataSet.shipped());
        List<AssessmentQuery> list = BenchmarkInputs.standard(engine);
        System.out.println("cross-check passed: " + CrossCheck.check(engine, new DmnPolicy(), list));
        AssessmentQuery[] queries = list.toArray(AssessmentQuery[]::new);
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        // warm-up: 50 slices (5 s) of each, alternating, so both are compiled before measuring
        for (int i = 0; i < 50; i++) {
            slice(true, engine, queries, bh, threads);
            slice(false, engine, queries, bh, threads);
        }
        double[] wallHaven = new double[rounds];
        double[] wallHand = new double[rounds];
        double[] cpuHaven = new double[rounds];
        double[] cpuHand = new double[rounds];
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean havenFirst = r % 2 == 0;
            long[] a = slice(havenFirst, engine, queries, bh, threads);
            long[] b = slice(!havenFirst, engine, queries, bh, threads);
            long[] c = slice(!havenFirst, engine, queries, bh, threads);
            long[] d = slice(havenFirst, engine, queries, bh, threads);
            long[] haven = havenFirst ? sum(a, d) : sum(b, c);
            long[] hand = havenFirst ? sum(b, c) : sum(a, d);
            wallHaven[r] = haven[0] * 1e9 / haven[1];
            wallHand[r] = hand[0] * 1e9 / hand[1];
            cpuHaven[r] = haven[0] * 1e9 / haven[2];
            cpuHand[r] = hand[0] * 1e9 / hand[2];
            lines.add(String.format("round %2d: wall haven %,.0f hw %,.0f ops/s (%.1f %%); cpu haven %,.0f hw %,.0f ops/cpu-s (%.1f %%)", r,
                    wallHaven[r], wallHand[r], 100 * wallHaven[r] / wallHand[r], cpuHaven[r], cpuHand[r], 100 * cpuHaven[r] / cpuHand[r]));
        }
        lines.forEach(System.out::println);
        double[] wallRatio = new double[rounds];
        double[] cpuRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            wallRatio[r] = wallHaven[r] / wallHand[r];
            cpuRatio[r] = cpuHaven[r] / cpuHand[r];
        }
        System.out.printf("%d rounds, median [min, max]:%n", rounds);
        System.out.printf("  wall: haven %s, handWritten %s ops/s, ratio %s%n", summary(wallHaven, false), summary(wallHand, false),
                summary(wallRatio, true));
        System.out.printf("  cpu:  haven %s, handWritten %s ops/cpu-s, ratio %s%n", summary(cpuHaven, false), summary(cpuHand, false),
                summary(cpuRatio, true));
    }

    /** One slice of one method: {ops, wall ns, thread cpu ns}. */
    private static long[] slice(boolean haven, PolicyEngine engine, AssessmentQuery[] queries, Blackhole bh, ThreadMXBean threads) {
        long ops = 0;
        int next = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long end = wall0 + SLICE_NANOS;
        long now;
        do {
            if (haven) {
                for (int i = 0; i < 1024; i++) {
                    bh.consume(engine.assess(queries[next++ & MASK]));
                }
            } else {
                for (int i = 0; i < 1024; i++) {
                    bh.consume(HandWrittenPolicy.assess(queries[next++ & MASK]));
                }
            }
            ops += 1024;
            now = System.nanoTime();
        } while (now < end);
        return new long[] { ops, now - wall0, threads.getCurrentThreadCpuTime() - cpu0 };
    }

    private static long[] sum(long[] x, long[] y) {
        return new long[] { x[0] + y[0], x[1] + y[1], x[2] + y[2] };
    }

    private static String summary(double[] values, boolean percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return percent ? String.format("%.1f %% [%.1f, %.1f]", 100 * median, 100 * sorted[0], 100 * sorted[sorted.length - 1])
                : String.format("%,.0f [%,.0f, %,.0f]", median, sorted[0], sorted[sorted.length - 1]);
    }
}
