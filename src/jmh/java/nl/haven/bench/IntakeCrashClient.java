package nl.haven.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of the crash test (SECURITY.md S9, {@code benchmarks/intake-crash.sh}): workers submit intake requests with
 * idempotency keys while the script kills the server with SIGKILL and restarts it. Every operation is recorded as a
 * Jepsen-style history ({@code invoke}, {@code ok} with the reference, {@code info} for an answer that never came or a
 * 5xx, when the outcome is unknown); an operation whose outcome is unknown is retried with the same key until it is
 * acknowledged. At the end the history is checked against the database: every acknowledged reference is there exactly
 * once (0 lost), every case of the run is whole (its codename, key, timeline event, retry answer and audit event: 0
 * partial), and there are exactly as many cases as operations (0 duplicates).
 *
 * <pre>java -cp target/benchmarks/test-classes:postgresql.jar nl.haven.bench.IntakeCrashClient BASE_URL ORG JDBC_URL WORKERS SECONDS HISTORY</pre>
 */
public final class IntakeCrashClient {
    static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    record Op(String key, long started, List<String> references) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String org = args[1];
        String jdbc = args[2];
        int workers = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        Path historyFile = Path.of(args[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, Op> ops = new ConcurrentHashMap<>();
        AtomicLong unknown = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long giveUp = deadline + Duration.ofSeconds(300).toNanos();
        String filler = "Ik zoek veiligheid. ".repeat(50);
        try (PrintWriter history = new PrintWriter(Files.newBufferedWriter(historyFile, StandardCharsets.UTF_8), true)) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Thread thread = new Thread(() -> {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        String key = "crash-" + worker + "-" + n + "-" + UUID.randomUUID();
                        Op op = new Op(key, System.currentTimeMillis(), Collections.synchronizedList(new ArrayList<>()));
                        ops.put(key, op);
                        String body = "{\"language\": \"nl\", \"nationality\": \"IR\", \"groups\": [\"gay\"], \"message\": \"" + key + " " + filler + "\"}";
                        boolean acknowledged = false;
                        while (!acknowledged && System.nanoTime() < giveUp) {
                            record(history, "invoke", worker, key, null);
                            try {
                                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/intake/" + org))
                                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Idempotency-Key", key)
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() == 201) {
                                    Matcher m = REFERENCE.matcher(response.body());
                                    String reference = m.find() ? m.group(1) : "?";
                                    op.references().add(reference);
                                    record(history, "ok", worker, key, reference);
                                    acknowledged = true;
                                } else {
                                    record(history, "info", worker, key, "status " + response.statusCode());
                                    unknown.incrementAndGet();
                                    pause(200);
                                }
                            } catch (IOException e) {
                                record(history, "info", worker, key, e.getClass().getSimpleName());
                                unknown.incrementAndGet();
                                pause(200);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        if (!acknowledged) {
                            record(history, "fail", worker, key, "never acknowledged");
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        System.exit(check(jdbc, org, ops, unknown.get()) ? 0 : 1);
    }

    static boolean check(String jdbc, String org, Map<String, Op> ops, long unknown) throws SQLException {
        long acknowledged = ops.values().stream().filter(op -> !op.references().isEmpty()).count();
        long inconsistent = ops.values().stream().filter(op -> op.references().stream().distinct().count() > 1).count();
        long lost = 0;
        long partial = 0;
        long cases;
        try (Connection c = DriverManager.getConnection(jdbc)) {
            String orgId = one(c, "select id::text from organisation where slug = ?", org);
            for (Op op : ops.values()) {
                for (String reference : op.references().stream().distinct().toList()) {
                    if (!"1".equals(one(c, "select count(*)::text from case_file where reference = ? and org_id = '" + orgId + "'::uuid", reference))) {
                        lost++;
                    }
                }
            }
            cases = Long.parseLong(one(c, "select count(*)::text from case_file where source = 'INTAKE' and org_id = ?::uuid", orgId));
            partial = Long.parseLong(one(c, """
                    select count(*)::text from case_file f where f.org_id = ?::uuid and f.source = 'INTAKE' and (
                      not exists (select 1 from intake_codename n where n.case_id = f.id)
                      or not exists (select 1 from case_key k where k.case_id = f.id)
                      or not exists (select 1 from case_event e where e.case_id = f.id)
                      or not exists (select 1 from audit_event a where a.action = 'intake.case-opened' and a.subject_id = f.id::text))""", orgId));
            long answers = Long.parseLong(one(c, "select count(*)::text from intake_idempotency where org_id = ?::uuid", orgId));
            if (answers != cases) {
                partial += Math.abs(answers - cases);
            }
        }
        long duplicates = Math.max(0, cases - ops.size()) + inconsistent;
        long notAcknowledged = ops.size() - acknowledged;
        System.out.printf("operations %d, acknowledged %d, not acknowledged %d, unknown outcomes retried %d, cases %d%n", ops.size(), acknowledged,
                notAcknowledged, unknown, cases);
        System.out.printf("RESULT lost=%d partial=%d duplicates=%d%n", lost, partial, duplicates);
        return lost == 0 && partial == 0 && duplicates == 0 && notAcknowledged == 0;
    }

    static String one(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static synchronized void record(PrintWriter history, String type, int worker, String key, String value) {
        history.printf("{\"t\": %d, \"worker\": %d, \"type\": \"%s\", \"key\": \"%s\"%s}%n", System.currentTimeMillis(), worker, type, key,
                value == null ? "" : ", \"value\": \"" + value + "\"");
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
