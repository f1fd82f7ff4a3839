package nl.haven.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.HavenApplication;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.OrgId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Intake throughput (issue 8): sustained submissions per second through {@code POST /api/v1/intake/{org}} (JSON, an
 * {@code Idempotency-Key} each) on PostgreSQL, against
 * <ol>
 *   <li>the same Haven with encryption and the audit log taken out ({@link Ablation#BOTH}), and</li>
 *   <li>pgbench sending the SQL of one submission — recorded from Haven itself ({@link SqlCapture}), turned into a script
 *       by {@link PgbenchScript} — to the same database, in the same run, with as many clients.</li>
 * </ol>
 * The JIT keeps making the JVM faster for minutes (measured: a side run after 2 minutes of load was 40 % faster than
 * the same side after 1 minute), so a throwaway load of {@code --jvm-warmup} seconds comes first and the sides take turns,
 * in reversed order every other round.
 * Each side: {@code --clients} closed-loop clients (each sends its next request when the last is answered), a warm-up,
 * then a measured interval; a submission counts when it is answered 2xx. The load comes from wrk, a load generator in C in
 * a process of its own, as pgbench is for PostgreSQL; the 2-core machine holds everything (server, database, both load
 * generators), as it would in a small deployment.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.bench.IntakeThroughput
 * -Djmh.args="--clients 8 --jvm-warmup 120 --warmup 15 --seconds 30 --rounds 3"}; {@code -Dhaven.bench.postgres=jdbc:postgresql://…}
 * names another server. Results and method: benchmarks/RESULTS.md, "Intake throughput".
 */
public final class IntakeThroughput {
    static final String BODY = """
            {"language": "ru", "nationality": "RU", "countryOfResidence": "RU", "groups": ["gay"],
             "message": "Я гей из Чечни, мне нужна помощь. Моя семья узнала, и мне угрожают.",
             "contact": {"channel": "signal", "value": "+7 900 000 00 00"}}""";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern WRK_TOTAL = Pattern.compile("([0-9]+) requests in ([0-9.]+)(s|m),");
    /**
     * wrk's script: a POST of {@link #BODY} with a key of its own per request — the run's id (wrk's argument), the
     * thread and a counter — so no request of a run, or of another run, replays an earlier one.
     */
    static final String WRK_SCRIPT = """
            wrk.method = "POST"
            wrk.body = [[BODY]]
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Accept"] = "application/json"
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("thread_number", threads)
            end
            local run = "run"
            local sent = 0
            function init(args)
              run = args[1]
            end
            function request()
              sent = sent + 1
              wrk.headers["Idempotency-Key"] = run .. "-" .. thread_number .. "-" .. sent
              return wrk.format()
            end
            """;

    private IntakeThroughput() {
    }

    /**
     * A side's result. {@code jvmMillis} and {@code machineMillis}: CPU time per submission of this JVM and of the whole
     * machine during the measured interval ({@link CpuMeter}).
     */
    record Rate(String what, long submissions, double seconds, long failures, long p50Micros, long p99Micros, double jvmMillis,
            double machineMillis) {
        double perSecond() {
            return submissions / seconds;
        }

        Rate named(String name) {
            return new Rate(name, submissions, seconds, failures, p50Micros, p99Micros, jvmMillis, machineMillis);
        }

        Rate measured(CpuMeter start, CpuMeter end) {
            double[] millis = end.millisPer(start, submissions);
            return new Rate(what, submissions, seconds, failures, p50Micros, p99Micros, millis[0], millis[1]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%-34s %8.1f /s  (%d in %.1f s, %d failed, p50 %.1f ms, p99 %.1f ms; CPU per submission: JVM %.2f ms, machine %.2f ms)",
                    what, perSecond(), submissions, seconds, failures, p50Micros / 1000.0, p99Micros / 1000.0, jvmMillis, machineMillis);
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = BenchArgs.number(args, "--clients", 8);
        int warmup = BenchArgs.number(args, "--warmup", 15);
        int seconds = BenchArgs.number(args, "--seconds", 60);
        int rounds = BenchArgs.number(args, "--rounds", 1);
        String sides = BenchArgs.text(args, "--sides", "none,both");
        int jvmWarmup = BenchArgs.number(args, "--jvm-warmup", 120);
        String server = System.getProperty("haven.bench.postgres", BenchDatabase.DEFAULT_SERVER);
        System.out.printf(Locale.ROOT, "[intake-throughput] %d clients, %d s warm-up, %d s measured, %d round(s), %s, %d processors%n", clients,
                warmup, seconds, rounds, server, Runtime.getRuntime().availableProcessors());

        try (BenchDatabase db = BenchDatabase.open("postgresql", "intake-throughput")) {
            // The first context of this JVM runs on code the JIT has not compiled yet: a throwaway load first.
            System.out.println("[intake-throughput] JVM warm-up (not counted): " + haven(db, Ablation.NONE, "warm-up", clients, 0, jvmWarmup));
            if (!"none,both".equals(sides)) {
                diagnose(db, sides, clients, warmup, seconds, rounds);
                return;
            }
            Path script = capture(db);
            List<Rate> on = new ArrayList<>();
            List<Rate> off = new ArrayList<>();
            List<Rate> pgbench = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // Every side adds rows to the same tables: odd rounds run on, off, pgbench; even rounds the other way round.
                if (round % 2 == 1) {
                    on.add(haven(db, Ablation.NONE, "Haven, encryption and audit on", clients, warmup, seconds));
                    off.add(haven(db, Ablation.BOTH, "Haven, encryption and audit off", clients, warmup, seconds));
                    pgbench.add(pgbench(db, server, script, clients, warmup, seconds));
                } else {
                    pgbench.add(pgbench(db, server, script, clients, warmup, seconds));
                    off.add(haven(db, Ablation.BOTH, "Haven, encryption and audit off", clients, warmup, seconds));
                    on.add(haven(db, Ablation.NONE, "Haven, encryption and audit on", clients, warmup, seconds));
                }
                System.out.println("[intake-throughput] round " + round + ":\n  " + on.get(round - 1) + "\n  " + off.get(round - 1) + "\n  "
                        + pgbench.get(round - 1));
            }
            double onRate = on.stream().mapToDouble(Rate::perSecond).average().orElseThrow();
            double offRate = off.stream().mapToDouble(Rate::perSecond).average().orElseThrow();
            double pgRate = pgbench.stream().mapToDouble(Rate::perSecond).average().orElseThrow();
            System.out.printf(Locale.ROOT, "%n[intake-throughput] mean over %d round(s): on %.1f/s, off %.1f/s, pgbench %.1f/s%n", rounds, onRate,
                    offRate, pgRate);
            System.out.printf(Locale.ROOT, "[intake-throughput] Haven / pgbench = %.1f %% (same %d clients)%n", 100 * onRate / pgRate, clients);
            // pgbench with 8 clients meets lock contention on the statistics counters that fewer clients do not: the
            // denominator that counts is the best rate pgbench reaches at any of these client counts.
            double best = 0;
            for (int n : new int[] { 1, 2, 4, 8 }) {
                Rate rate = pgbench(db, server, script, n, warmup, seconds);
                System.out.println("[intake-throughput] pgbench with " + n + " client(s): " + rate);
                best = Math.max(best, rate.perSecond());
            }
            System.out.printf(Locale.ROOT, "[intake-throughput] Haven / best pgbench (%.1f/s) = %.1f %% (goal >= 40 %%)%n", best, 100 * onRate / best);
            System.out.printf(Locale.ROOT, "[intake-throughput] on / off       = %.1f %% (goal >= 85 %%)%n", 100 * onRate / offRate);
        }
    }

    /** {@code --sides none,encryption,audit,both}: Haven with each of these taken out, in turn, for finding where the cost is. */
    static void diagnose(BenchDatabase db, String sides, int clients, int warmup, int seconds, int rounds) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(List.of(sides.split(",")));
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (String side : order) {
                System.out.println("[intake-throughput] round " + round + ": "
                        + haven(db, Ablation.parse(side), "Haven without " + side, clients, warmup, seconds));
            }
        }
    }

    /** Starts Haven once with the statement recorder, sends two submissions and keeps the SQL of the second as a pgbench script. */
    static Path capture(BenchDatabase db) throws Exception {
        SqlCapture capture = new SqlCapture();
        try (ConfigurableApplicationContext context = start(db, Ablation.NONE, capture)) {
            String org = organisation(context);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = intakeUri(context, org);
            send(http, uri); // the first one makes the organisation's keys
            capture.start();
            int status = send(http, uri);
            List<SqlCapture.Step> steps = capture.stop();
            if (status != 201) {
                throw new IllegalStateException("the captured submission was answered " + status);
            }
            OrgId orgId = new OrgId(context.getBean(JdbcClient.class).sql("select id from organisation where slug = ?").param(org).query(UUID.class)
                    .single());
            String text = PgbenchScript.of(steps, Set.of(orgId.value()));
            Path script = db.dataDir.resolve("intake.pgbench");
            Files.writeString(script, text);
            System.out.println("[intake-throughput] one submission sent " + steps.stream().filter(s -> !s.boundary()).count()
                    + " statements; pgbench script (" + script + "):\n" + text);
            return script;
        }
    }

    static Rate haven(BenchDatabase db, Ablation ablation, String what, int clients, int warmup, int seconds) throws Exception {
        vacuum(db, System.getProperty("haven.bench.postgres", BenchDatabase.DEFAULT_SERVER));
        try (ConfigurableApplicationContext context = start(db, ablation, null)) {
            String org = organisation(context);
            URI uri = intakeUri(context, org);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            if (send(http, uri) != 201) {
                throw new IllegalStateException("the first submission of \"" + what + "\" was not answered 201");
            }
            if (warmup > 0) {
                load(uri, db.dataDir, clients, warmup);
            }
            long before = cases(context, org);
            CpuMeter start = CpuMeter.now();
            Rate rate = load(uri, db.dataDir, clients, seconds);
            CpuMeter end = CpuMeter.now();
            // wrk counts 2xx answers; each must have opened a case of its own (a replayed key would answer without one).
            // Requests in flight when wrk stops are not counted but may still open their case: at most one per
            // connection at each end of the interval.
            long opened = cases(context, org) - before;
            if (opened < rate.submissions() || opened > rate.submissions() + 2L * clients) {
                throw new IllegalStateException(what + ": " + rate.submissions() + " answers counted, " + opened + " cases opened");
            }
            return rate.measured(start, end).named(what);
        }
    }

    /** Every side starts from tables vacuumed and analysed: the dead row versions of the side before do not count against it. */
    static void vacuum(BenchDatabase db, String server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = '" + db.schema() + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                st.execute("vacuum analyze " + db.schema() + "." + table);
            }
        }
    }

    static Rate pgbench(BenchDatabase db, String server, Path script, int clients, int warmup, int seconds) throws Exception {
        vacuum(db, server);
        URI uri = URI.create(server.substring("jdbc:".length()));
        String user = query(uri, "user", "postgres");
        String database = uri.getPath().substring(1);
        runPgbench(db, uri, user, database, script, clients, warmup);
        CpuMeter start = CpuMeter.now();
        String out = runPgbench(db, uri, user, database, script, clients, seconds);
        CpuMeter end = CpuMeter.now();
        Matcher tps = TPS.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + out);
        }
        Matcher processed = Pattern.compile("number of transactions actually processed: ([0-9]+)").matcher(out);
        Matcher failed = Pattern.compile("number of failed transactions: ([0-9]+)").matcher(out);
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
        long n = processed.find() ? Long.parseLong(processed.group(1)) : 0;
        double rate = Double.parseDouble(tps.group(1));
        long averageMicros = latency.find() ? (long) (Double.parseDouble(latency.group(1)) * 1000) : 0;
        return new Rate("pgbench, the same SQL (avg latency)", n, n / rate, failed.find() ? Long.parseLong(failed.group(1)) : 0, averageMicros,
                averageMicros, 0, 0).measured(start, end);
    }

    private static String runPgbench(BenchDatabase db, URI uri, String user, String database, Path script, int clients, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("pgbench", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", user, "-n", "-M", "prepared", "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)), "-T",
                String.valueOf(seconds), "-f", script.toString(), database).redirectErrorStream(true);
        builder.environment().put("PGOPTIONS", "-c search_path=" + db.schema());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || out.contains("error")) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        return out;
    }

    private static ConfigurableApplicationContext start(BenchDatabase db, Ablation ablation, SqlCapture capture) {
        List<String> args = new ArrayList<>(db.args());
        args.addAll(List.of("--server.port=0", "--logging.level.root=WARN", "--haven.intake.submissions-per-hour=0"));
        return new SpringApplicationBuilder(HavenApplication.class).initializers(ablation, context -> {
            if (capture != null) {
                ((GenericApplicationContext) context).registerBean("sqlCapture", SqlCapture.class, () -> capture);
            }
        }).run(args.toArray(String[]::new));
    }

    private static String organisation(ConfigurableApplicationContext context) {
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        context.getBean(IdentityManagement.class).createOrganisation("Benchmark organisation " + slug, slug);
        return slug;
    }

    private static long cases(ConfigurableApplicationContext context, String org) {
        return context.getBean(JdbcClient.class).sql("select count(*) from case_file where org_id = (select id from organisation where slug = ?)")
                .param(org).query(Long.class).single();
    }

    private static URI intakeUri(ConfigurableApplicationContext context, String org) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/api/v1/intake/" + org);
    }

    static int send(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * {@code clients} closed loops for {@code seconds}, driven by wrk (Debian's {@code wrk}): like pgbench, a load generator
     * in C in a process of its own, so that the server's rate is not lowered by a Java client sharing its JVM and cores.
     * Each of wrk's connections sends its next request when the last is answered; every request carries a fresh
     * Idempotency-Key ({@link #WRK_SCRIPT}). The rate counts 2xx answers; anything else, and wrk's socket errors, are
     * failures.
     */
    static Rate load(URI uri, Path dataDir, int clients, int seconds) throws IOException, InterruptedException {
        Path script = dataDir.resolve("intake.lua");
        if (!Files.exists(script)) {
            // A Lua long string takes the body as it is (the body holds no "]]").
            Files.writeString(script, WRK_SCRIPT.replace("[[BODY]]", "[[" + BODY + "]]"), StandardCharsets.UTF_8);
        }
        Process process;
        try {
            process = new ProcessBuilder("wrk", "-t", String.valueOf(Math.min(clients, 2)), "-c", String.valueOf(clients), "-d", seconds + "s",
                    "--timeout", "30s", "--latency", "-s", script.toString(), uri.toString(), "--", UUID.randomUUID().toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is needed for the load (Debian: apt-get install wrk): " + e.getMessage(), e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher total = WRK_TOTAL.matcher(out);
        if (process.waitFor() != 0 || !total.find()) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        long requests = Long.parseLong(total.group(1));
        double elapsed = Double.parseDouble(total.group(2)) * ("m".equals(total.group(3)) ? 60 : 1);
        long failures = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)").matcher(out);
        if (non2xx.find()) {
            failures += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)").matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                failures += Long.parseLong(socket.group(g));
            }
        }
        return new Rate("load", Math.max(0, requests - failures), elapsed, failures, wrkPercentile(out, "50%"), wrkPercentile(out, "99%"), 0, 0);
    }

    /** A percentile of wrk's latency distribution, in microseconds. */
    private static long wrkPercentile(String out, String percentile) {
        Matcher m = Pattern.compile("^\\s*" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE).matcher(out);
        if (!m.find()) {
            return 0;
        }
        double value = Double.parseDouble(m.group(1));
        return (long) switch (m.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1_000;
            case "s" -> value * 1_000_000;
            default -> value * 60_000_000;
        };
    }

    private static String query(URI uri, String key, String fallback) {
        for (String pair : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(key) && kv.length == 2) {
                return kv[1];
            }
        }
        return fallback;
    }
}
