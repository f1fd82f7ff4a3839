package nl.haven.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.haven.HavenApplication;
import nl.haven.cases.internal.CaseFilter;
import nl.haven.cases.internal.CaseScope;
import nl.haven.cases.internal.CaseStore;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.shared.OrgId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The queue benchmark of the case-management issue: with 1,000,000 generated cases in PostgreSQL, the queue page (first
 * page, filtered by status and assignee) must have p99 ≤ 50 ms and at most 2 × the p99 of the bare SQL it runs,
 * measured side by side with a constant-rate load generator.
 *
 * <p>Method: a real Haven (embedded Tomcat, PostgreSQL in a fresh schema) and 1,000,000 cases generated with SQL
 * (800,000 in the measured organisation, 200,000 in another; 50 assignees; every state; an open task on every third
 * case). The HTTP side is {@code GET /api/v1/cases?status=ACCEPTED&assignee=…} with a coordinator's API token: token
 * check, security chain, the two queue statements, JSON. The SQL side runs the very statements CaseStore builds
 * ({@link CaseStore#queueQuery}) over plain JDBC on one connection. Each side is driven at the same constant rate: a
 * request is due every 1/rate seconds whether or not the previous one finished, and its latency runs from when it was
 * due (so a stall is not hidden: no coordinated omission). Phases alternate HTTP, SQL, HTTP, SQL after a warm-up.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.bench.QueueLoad -Djmh.args="RATE SECONDS"}
 * (defaults 40 requests/s, 30 s per phase); {@code -Dhaven.bench.postgres=jdbc:postgresql://…} picks the server.
 */
public final class QueueLoad {
    static final int CASES = 1_000_000;
    static final int MEASURED_ORG_CASES = 800_000;
    static final int ASSIGNEES = 50;

    private QueueLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String server = System.getProperty("haven.bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "bench_queue_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(server); Statement st = admin.createStatement()) {
            st.execute("create schema " + schema);
        }
        Path data = Files.createTempDirectory("haven-queue");
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        ConfigurableApplicationContext app = new SpringApplicationBuilder(HavenApplication.class).run("--server.port=0",
                "--haven.data-dir=" + data, "--spring.datasource.url=" + url, "--logging.level.root=WARN",
                "--spring.datasource.hikari.maximum-pool-size=10");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "0"));
            IdentityManagement identity = app.getBean(IdentityManagement.class);
            OrgId measured = identity.createOrganisation("Queue benchmark", "bench-queue");
            OrgId other = identity.createOrganisation("Other organisation", "bench-other");
            List<UUID> assignees = new ArrayList<>();
            for (int i = 0; i < ASSIGNEES; i++) {
                String email = "cw" + i + "@bench.example";
                IdentityManagement.Invitation invitation = identity.invite("bench-queue", email, "CASEWORKER", "Caseworker " + i);
                assignees.add(invitation.user().value());
            }
            UUID otherUser = identity.invite("bench-other", "cw@other.example", "CASEWORKER", null).user().value();
            IdentityManagement.Invitation coordinator = identity.invite("bench-queue", "coord@bench.example", "COORDINATOR", null);
            identity.activate(coordinator.token(), "violet harbour lantern seventeen");
            String token = identity.createApiToken("coord@bench.example", 1);

            try (Connection c = DriverManager.getConnection(url)) {
                long t0 = System.nanoTime();
                generate(c, measured.value(), assignees, 1, MEASURED_ORG_CASES);
                generate(c, other.value(), List.of(otherUser), MEASURED_ORG_CASES + 1, CASES);
                try (Statement st = c.createStatement()) {
                    st.execute("analyze case_file");
                    st.execute("analyze case_task");
                }
                System.out.printf(Locale.ROOT, "[queue] generated %,d cases in %.1f s%n", CASES, (System.nanoTime() - t0) / 1e9);
            }

            UUID assignee = assignees.get(7);
            CaseFilter filter = new CaseFilter("ACCEPTED", null, assignee, null, null, null, 0, 25);
            CaseStore.QueueQuery query = CaseStore.queueQuery(new CaseScope(measured.value(), coordinator.user().value(), Role.COORDINATOR),
                    filter, null);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases?status=ACCEPTED&assignee="
                    + assignee + "&size=25")).header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
            String first = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            System.out.println("[queue] first page: " + first.substring(0, Math.min(160, first.length())) + " …");
            try (Connection sql = DriverManager.getConnection(url)) {
                long total = count(sql, query);
                System.out.printf(Locale.ROOT, "[queue] matching cases: %,d (the page shows 25)%n", total);
                Call httpCall = () -> {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                };
                Call sqlCall = () -> {
                    synchronized (sql) {
                        count(sql, query);
                        page(sql, query);
                    }
                };
                run("warm-up http", httpCall, rate, Math.max(10, seconds / 2));
                run("warm-up sql", sqlCall, rate, Math.max(5, seconds / 4));
                List<Long> httpLatencies = new ArrayList<>();
                List<Long> sqlLatencies = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    httpLatencies.addAll(run("http", httpCall, rate, seconds));
                    sqlLatencies.addAll(run("sql", sqlCall, rate, seconds));
                }
                double httpP99 = report("HTTP queue page", httpLatencies);
                double sqlP99 = report("bare SQL (count + page)", sqlLatencies);
                System.out.printf(Locale.ROOT, "[queue] rate %d/s; p99 HTTP %.2f ms, p99 SQL %.2f ms, ratio %.2f (goals: p99 ≤ 50 ms, ratio ≤ 2)%n",
                        rate, httpP99, sqlP99, httpP99 / sqlP99);
            }
        } finally {
            app.close();
            try (Connection admin = DriverManager.getConnection(server); Statement st = admin.createStatement()) {
                st.execute("drop schema " + schema + " cascade");
            }
        }
    }

    interface Call {
        void call() throws Exception;
    }

    /** Issues calls at a constant rate for the given time; latency is measured from each call's due time. */
    static List<Long> run(String name, Call call, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        long period = 1_000_000_000L / rate;
        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            workers.execute(() -> {
                try {
                    call.call();
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
                latencies[index] = System.nanoTime() - due;
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + ": calls did not finish");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(name + ": " + failures.get() + " calls failed");
        }
        List<Long> out = new ArrayList<>(total);
        for (long l : latencies) {
            out.add(l);
        }
        System.out.printf(Locale.ROOT, "[queue] %-12s %d calls at %d/s, p99 %.2f ms%n", name, total, rate, percentile(sorted(out), 0.99));
        return out;
    }

    static long[] sorted(List<Long> latencies) {
        long[] a = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** The value below which the fraction q of the latencies lie (nearest rank), in milliseconds. */
    static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    static double report(String name, List<Long> latencies) {
        long[] s = sorted(latencies);
        System.out.printf(Locale.ROOT, "[queue] %-26s n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", name, s.length,
                percentile(s, 0.5), percentile(s, 0.9), percentile(s, 0.99), percentile(s, 0.999), s[s.length - 1] / 1e6);
        return percentile(s, 0.99);
    }

    static long count(Connection c, CaseStore.QueueQuery query) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query.countSql())) {
            bind(ps, query.countParams());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static int page(Connection c, CaseStore.QueueQuery query) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query.pageSql())) {
            bind(ps, query.pageParams());
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                    rs.getString(2);
                    rows++;
                }
            }
            return rows;
        }
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** Cases {@code from..to} (inclusive) of the organisation, generated in the database: every state, spread over assignees. */
    static void generate(Connection c, UUID org, List<UUID> assignees, int from, int to) throws SQLException {
        String array = "array[" + String.join(",", assignees.stream().map(u -> "'" + u + "'::uuid").toList()) + "]";
        try (Statement st = c.createStatement()) {
            st.execute("""
                    insert into case_file (id, org_id, reference, handling, stage, track, priority, assignee_id, nationality, residence, source,
                        application_date, opened_at, updated_at, version, details)
                    select gen_random_uuid(), '%s'::uuid, 'HV-B' || lpad(g::text, 7, '0'),
                        (array['NEW','TRIAGE','ACCEPTED','ACCEPTED','ACCEPTED','DECLINED','CLOSED'])[1 + g %% 7],
                        case when g %% 7 between 2 and 4 then (array['PREPARING','APPLIED','GENERAL_PROCEDURE','EXTENDED_PROCEDURE','APPEAL'])[1 + g %% 5]
                             else 'NONE' end,
                        null, 1 + g %% 3, (%s)[1 + g %% %d],
                        (array['US','RU','IR','IQ','UG','AF','SY','EG'])[1 + g %% 8], 'NL', 'STAFF', null,
                        now() - (g %% 20000) * interval '1 hour', now(), 0, '\\x00'::bytea
                    from generate_series(%d, %d) g""".formatted(org, array, assignees.size(), from, to));
            st.execute("""
                    insert into case_task (id, case_id, org_id, kind, term_id, title, due_on, assignee_id, created_at)
                    select gen_random_uuid(), id, org_id, 'DEADLINE', 'appeal-term', null, current_date + (abs(hashtext(reference)) %% 90), null, now()
                    from case_file where org_id = '%s'::uuid and abs(hashtext(reference)) %% 3 = 0""".formatted(org));
        }
    }
}
