package nl.haven.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.HavenApplication;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost of encryption and of the audit log on a caseworker's write ({@link CaseConversation#addNote}), measured in pairs:
 * four Haven contexts in <em>one</em> JVM — as shipped, without encryption, without the audit log, without both
 * ({@link Ablation}) — each on a PostgreSQL schema of its own, take turns in short batches (rotating which goes first),
 * so that the JIT, the machine's other load and the disk's fsync latency, which drift over minutes on the shared 2-core
 * VM, fall on all four alike. JMH's forks run one after another and saw that drift as a ±15–30 % error on these writes.
 *
 * <p>Reports each side's median µs per write over the rounds and the median over rounds of the per-round ratios:
 * encryption = {@code without audit} / {@code without both}, audit = {@code without encryption} / {@code without both}.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.bench.WriteCostPairs
 * -Djmh.args="--warmup 60 --rounds 30 --batch 200"}.
 */
public final class WriteCostPairs {
    private WriteCostPairs() {
    }

    /** One context and the case its caseworker writes notes to. */
    record Side(Ablation ablation, BenchDatabase db, ConfigurableApplicationContext context, CaseOpening opening, CaseConversation conversation,
            StaffMember caseworker,
            UUID caseId) implements AutoCloseable {
        /** A Haven context on {@code database} (h2 or postgresql) without what {@code ablation} takes out, with its caseworker and case. */
        static Side start(String database, Ablation ablation) throws IOException {
            BenchDatabase db = BenchDatabase.open(database, "write-cost-" + ablation.name().toLowerCase(Locale.ROOT));
            List<String> args = new ArrayList<>(db.args());
            args.add("--logging.level.root=WARN");
            args.add("--spring.jmx.enabled=false");
            ConfigurableApplicationContext context = new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE)
                    .initializers(ablation).run(args.toArray(String[]::new));
            CaseOpening opening = context.getBean(CaseOpening.class);
            CaseConversation conversation = context.getBean(CaseConversation.class);
            IdentityManagement identity = context.getBean(IdentityManagement.class);
            String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            OrgId org = identity.createOrganisation("Benchmark organisation", slug);
            UserId user = identity.invite(slug, "caseworker-" + slug + "@example.org", "CASEWORKER", "Bench caseworker").user();
            StaffMember caseworker = new StaffMember(user, org, Role.CASEWORKER, "Bench caseworker");
            UUID caseId = opening.open(caseworker, newCase()).id();
            return new Side(ablation, db, context, opening, conversation, caseworker, caseId);
        }

        /** The case a caseworker opens in these benchmarks. */
        static NewCase newCase() {
            CaseDetails details = new CaseDetails("Sam", "they/them", null, List.of("trans"), List.of(), false,
                    "I need advice on asking for asylum.", "en", null, Map.of());
            return new NewCase("US", "US", details, "staff");
        }

        /** Mean µs per write over {@code n} writes. */
        double batch(int n) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                conversation.addNote(caseworker, caseId, WriteCostBenchmark.TEXT);
            }
            return (System.nanoTime() - start) / 1000.0 / n;
        }

        @Override
        public void close() throws IOException {
            try {
                context.close();
            } finally {
                db.close();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = BenchArgs.number(args, "--warmup", 60);
        int rounds = BenchArgs.number(args, "--rounds", 30);
        int batch = BenchArgs.number(args, "--batch", 200);
        Ablation[] order = { Ablation.NONE, Ablation.ENCRYPTION, Ablation.AUDIT, Ablation.BOTH };
        Map<Ablation, Side> sides = new EnumMap<>(Ablation.class);
        try {
            for (Ablation ablation : order) {
                sides.put(ablation, Side.start("postgresql", ablation));
            }
            long until = System.nanoTime() + warmup * 1_000_000_000L;
            while (System.nanoTime() < until) {
                for (Ablation ablation : order) {
                    sides.get(ablation).batch(batch / 4);
                }
            }
            Map<Ablation, double[]> micros = new EnumMap<>(Ablation.class);
            for (Ablation ablation : order) {
                micros.put(ablation, new double[rounds]);
            }
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < order.length; k++) {
                    Ablation ablation = order[(round + k) % order.length];
                    micros.get(ablation)[round] = sides.get(ablation).batch(batch);
                }
            }
            double[] encryption = new double[rounds];
            double[] audit = new double[rounds];
            double[] together = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                double both = micros.get(Ablation.BOTH)[round];
                encryption[round] = micros.get(Ablation.AUDIT)[round] / both - 1;
                audit[round] = micros.get(Ablation.ENCRYPTION)[round] / both - 1;
                together[round] = micros.get(Ablation.NONE)[round] / both - 1;
            }
            System.out.printf(Locale.ROOT, "%n[write-cost-pairs] CaseConversation.addNote on PostgreSQL, %d rounds of %d writes per side, %d s warm-up%n",
                    rounds, batch, warmup);
            for (Ablation ablation : order) {
                double[] m = micros.get(ablation);
                System.out.printf(Locale.ROOT, "[write-cost-pairs] without %-10s median %7.1f µs/write (quartiles %.1f–%.1f)%n",
                        ablation.name().toLowerCase(Locale.ROOT), median(m), quantile(m, 0.25), quantile(m, 0.75));
            }
            System.out.printf(Locale.ROOT, "[write-cost-pairs] encryption: median %+.1f %% (quartiles %+.1f %% to %+.1f %%; goal <= 10 %%)%n",
                    100 * median(encryption), 100 * quantile(encryption, 0.25), 100 * quantile(encryption, 0.75));
            System.out.printf(Locale.ROOT, "[write-cost-pairs] audit:      median %+.1f %% (quartiles %+.1f %% to %+.1f %%; goal <= 15 %%)%n",
                    100 * median(audit), 100 * quantile(audit, 0.25), 100 * quantile(audit, 0.75));
            System.out.printf(Locale.ROOT, "[write-cost-pairs] both:       median %+.1f %% (quartiles %+.1f %% to %+.1f %%)%n", 100 * median(together),
                    100 * quantile(together, 0.25), 100 * quantile(together, 0.75));
        } finally {
            for (Side side : sides.values()) {
                side.close();
            }
        }
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
