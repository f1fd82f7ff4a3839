package nl.haven.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.HavenApplication;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.internal.PolicyImpact;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #17: the impact run over N open cases in PostgreSQL (default 1,000,000), including the review tasks for the
 * affected ones (5 %), end to end: {@link PolicyImpact#runDue()} on a node started with the changed data set (the example
 * change file: trans people from the US a risk group from 2026-01-01), timed from the call to its return.
 *
 * <p>Seeding: a first node with the shipped data set records it (no cases yet). Then, in 10 organisations, 10 % of the
 * cases are from the US with real case keys and encrypted details (half of them trans: the affected 5 %, half gay: not
 * affected), written through Haven's {@link Protection} in batches; the other 90 % are generated in SQL with other
 * nationalities and a placeholder instead of encrypted details (as {@code QueueLoad} does). The run reads only the
 * nationalities whose rules changed; the placeholders would fail to decrypt, so a run that read them would stop.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.bench.ImpactRun -Djmh.args="1000000"}
 */
public final class ImpactRun {
    static final int ORGS = 10;

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Path change = Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml").toAbsolutePath();
        try (BenchDatabase db = BenchDatabase.open("postgresql", "impact")) {
            List<String> base = new ArrayList<>(db.args());
            List<UUID> orgs = new ArrayList<>();
            long t0 = System.nanoTime();
            try (ConfigurableApplicationContext first = new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE)
                    .run(base.toArray(String[]::new))) {
                IdentityManagement identity = first.getBean(IdentityManagement.class);
                for (int i = 0; i < ORGS; i++) {
                    orgs.add(identity.createOrganisation("Impact bench " + i, "impact-bench-" + i).value());
                }
                seedUs(first, orgs, cases / 10);
                long t1 = System.nanoTime();
                System.out.printf(Locale.ROOT, "[impact] %,d US cases with keys and encrypted details in %.1f s%n", cases / 10, (t1 - t0) / 1e9);
                seedOthers(db, orgs, cases - cases / 10);
                System.out.printf(Locale.ROOT, "[impact] %,d other cases in SQL in %.1f s%n", cases - cases / 10, (System.nanoTime() - t1) / 1e9);
            }
            List<String> changed = new ArrayList<>(base);
            changed.add("--haven.policy.change=" + change);
            changed.add("--haven.policy.impact-at-start=false");
            long s0 = System.nanoTime();
            try (ConfigurableApplicationContext node = new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE)
                    .run(changed.toArray(String[]::new))) {
                System.out.printf(Locale.ROOT, "[impact] node with the changed data set started in %.1f s%n", (System.nanoTime() - s0) / 1e9);
                JdbcClient jdbc = node.getBean(JdbcClient.class);
                long open = jdbc.sql("select count(*) from case_file").query(Long.class).single();
                long r0 = System.nanoTime();
                List<PolicyImpact.Run> runs = node.getBean(PolicyImpact.class).runDue();
                double seconds = (System.nanoTime() - r0) / 1e9;
                long tasks = jdbc.sql("select count(*) from case_task where kind = 'POLICY'").query(Long.class).single();
                long events = jdbc.sql("select count(*) from case_event where type = 'case.policy-changed'").query(Long.class).single();
                long audits = jdbc.sql("select count(*) from audit_event where action = 'case.policy-review-added'").query(Long.class).single();
                System.out.printf(Locale.ROOT, "[impact] runs %s%n", runs);
                System.out.printf(Locale.ROOT, "[impact] %,d open cases, %,d review tasks, %,d timeline entries, %,d audit events: %.2f s end to end%n",
                        open, tasks, events, audits, seconds);
                long again = System.nanoTime();
                node.getBean(PolicyImpact.class).runDue();
                System.out.printf(Locale.ROOT, "[impact] second call (nothing to do): %.3f s; tasks still %,d%n", (System.nanoTime() - again) / 1e9,
                        jdbc.sql("select count(*) from case_task where kind = 'POLICY'").query(Long.class).single());
            }
        }
    }

    /** US cases through Haven's protection: a case key each, the details encrypted as CaseAccess does. */
    static void seedUs(ConfigurableApplicationContext context, List<UUID> orgs, int count) {
        Protection protection = context.getBean(Protection.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        JsonMapper json = JsonMapper.builder().build();
        byte[] trans = json.writeValueAsBytes(new CaseDetails("Bench", null, null, List.of("trans"), List.of(), false, "r", "en", null, Map.of()));
        byte[] gay = json.writeValueAsBytes(new CaseDetails("Bench", null, null, List.of("gay"), List.of(), false, "r", "en", null, Map.of()));
        int batch = 1000;
        for (int from = 0; from < count; from += batch) {
            int start = from;
            int end = Math.min(count, from + batch);
            tx.executeWithoutResult(s -> {
                List<Object[]> rows = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    UUID org = orgs.get(i % orgs.size());
                    UUID id = UUID.randomUUID();
                    protection.newCase(new OrgId(org), new CaseId(id));
                    byte[] details = protection.encrypt(new FieldRef(new OrgId(org), new CaseId(id), "case_file", "details"), i % 2 == 0 ? trans : gay);
                    rows.add(new Object[] { id, org, String.format(Locale.ROOT, "HV-U%09d", i), details });
                }
                context.getBean(JdbcTemplate.class).batchUpdate(
                        "insert into case_file (id, org_id, reference, handling, stage, nationality, residence, source, opened_at, updated_at, version, details) "
                                + "values (?, ?, ?, 'ACCEPTED', 'PREPARING', 'US', 'NL', 'STAFF', now(), now(), 0, ?)", rows);
            });
        }
    }

    /** The other nationalities, generated in the database; their details are never read by the run. */
    static void seedOthers(BenchDatabase db, List<UUID> orgs, int count) throws Exception {
        String server = System.getProperty("haven.bench.postgres", BenchDatabase.DEFAULT_SERVER);
        try (Connection c = DriverManager.getConnection(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + db.schema());
                Statement st = c.createStatement()) {
            String array = "array[" + String.join(",", orgs.stream().map(u -> "'" + u + "'::uuid").toList()) + "]";
            st.execute("""
                    insert into case_file (id, org_id, reference, handling, stage, nationality, residence, source, opened_at, updated_at, version, details)
                    select gen_random_uuid(), (%s)[1 + g %% %d], 'HV-O' || lpad(g::text, 9, '0'), 'ACCEPTED', 'PREPARING',
                        (array['RU','IR','IQ','UG','AF','SY','EG','NG','PK'])[1 + g %% 9], 'NL', 'STAFF', now(), now(), 0, '\\x00'::bytea
                    from generate_series(1, %d) g""".formatted(array, orgs.size(), count));
            // The audit log such a caseload comes with (every case's opening, reads and steps are audited). Without it the
            // audit table is tiny when the node's pooled connections first plan the append statement, and that cached plan
            // then scans the whole table at every append as it grows: a quadratic slowdown that a real deployment of this size
            // does not have (see RESULTS.md). One row per case, chained by sequence number after the rows Haven wrote; the
            // macs are placeholders (nothing in the benchmark verifies the chain).
            st.execute("""
                    insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)
                    select m.seq + g, now(), null, 'system', 'bench.filler', null, null, repeat('0', 64), repeat('0', 64)
                    from (select coalesce(max(seq), 0) as seq from audit_event) m, generate_series(1, %d) g""".formatted(count + count / 9));
            st.execute("analyze");
        }
    }
}
