package nl.haven.bench;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.haven.HavenApplication;
import nl.haven.identity.IdentityManagement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a staff log-in costs (issue #23's acceptance: the key opening adds at most 100 ms at the p50): a real Haven
 * (embedded Tomcat, PostgreSQL in a fresh schema) with {@code --users} coordinators, each activated with a password and
 * enrolled with TOTP, each logging in once through HTTP as a browser does — the log-in page, the password form, the
 * second-factor page, the code — one after another (a TOTP code is accepted once per user and time step, so every
 * log-in is another user's). Measured: the password step's POST (Argon2id; from ADR 0006 step 7 also the opening of
 * the organisation's keys into the session) and the second factor's POST (the new session id; from step 7 the keys
 * re-wrapped for it), and their sum. The first {@code --warmup} log-ins are not counted. Then one coordinator's session
 * reads one case's page {@code --page-calls} times after as many to warm up.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.bench.LogInLatency -Djmh.args="--users 240
 * --warmup 40"}. Before/after: build the older commit in a worktree of its own with this file copied in, and alternate.
 */
public final class LogInLatency {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final String PASSWORD = "violet harbour lantern seventeen";

    private LogInLatency() {
    }

    public static void main(String[] args) throws Exception {
        int users = BenchArgs.number(args, "--users", 240);
        int warmup = BenchArgs.number(args, "--warmup", 40);
        int pageCalls = BenchArgs.number(args, "--page-calls", 500);
        try (BenchDatabase db = BenchDatabase.open(BenchArgs.text(args, "--database", "postgresql"), "login-latency")) {
            List<String> springArgs = new ArrayList<>(db.args());
            springArgs.addAll(List.of("--server.port=0", "--logging.level.root=WARN"));
            ConfigurableApplicationContext app = new SpringApplicationBuilder(HavenApplication.class).run(springArgs.toArray(String[]::new));
            try {
                run(app, users, warmup, pageCalls);
            } finally {
                app.close();
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, int users, int warmup, int pageCalls) throws Exception {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        IdentityManagement identity = app.getBean(IdentityManagement.class);
        identity.createOrganisation("Log-in benchmark", "bench-login");
        List<String[]> accounts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < users; i++) {
            String email = "coordinator" + i + "@login.example";
            IdentityManagement.Invitation invitation = identity.invite("bench-login", email, "COORDINATOR", null);
            identity.activate(invitation.token(), PASSWORD);
            IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
            identity.confirmEnrolment(invitation.user(), code(enrolment.secret(), -1));
            accounts.add(new String[] { email, enrolment.secret() });
        }
        System.out.printf(Locale.ROOT, "[login] %d coordinators activated and enrolled in %.1f s%n", users, (System.nanoTime() - t0) / 1e9);

        List<Long> passwordStep = new ArrayList<>();
        List<Long> secondStep = new ArrayList<>();
        List<Long> both = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).version(HttpClient.Version.HTTP_1_1).build();
            String loginPage = get(browser, base + "/login");
            long p0 = System.nanoTime();
            HttpResponse<String> password = post(browser, base + "/login",
                    Map.of("username", accounts.get(i)[0], "password", PASSWORD, "_csrf", csrf(loginPage)));
            long p1 = System.nanoTime();
            check(password, "/mfa");
            String mfaPage = get(browser, base + "/mfa");
            long s0 = System.nanoTime();
            HttpResponse<String> second = post(browser, base + "/mfa", Map.of("code", code(accounts.get(i)[1], 0), "_csrf", csrf(mfaPage)));
            long s1 = System.nanoTime();
            check(second, "/staff");
            if (i >= warmup) {
                passwordStep.add(p1 - p0);
                secondStep.add(s1 - s0);
                both.add(p1 - p0 + s1 - s0);
            }
        }
        QueueLoad.report("password step (POST /login)", passwordStep);
        QueueLoad.report("second factor (POST /mfa)", secondStep);
        QueueLoad.report("both steps", both);
        if (pageCalls > 0) {
            casePage(identity, base, accounts.get(accounts.size() - 1), pageCalls);
        }
    }

    /**
     * The case page of one case in a logged-in session, {@code calls} times one after another after as many to warm up
     * (ADR 0006's "case page ≤ 1.2 ×": from step 7 every request opens the session's keys and unwraps the case key with them).
     */
    private static void casePage(IdentityManagement identity, String base, String[] account, int calls) throws Exception {
        String token = identity.createApiToken(account[0], 1);
        HttpClient api = HttpClient.newHttpClient();
        HttpResponse<String> created = api.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"nationality": "ru", "countryOfResidence": "RU", "details": {"nameUsed": "Bench", "groups": ["gay"], "facts": [],
                         "request": "A request to read.", "language": "en"}}""")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("the case was not created: " + created.statusCode());
        }
        // A new log-in of this coordinator needs the next time step's code: wait for it.
        Thread.sleep((30 - Instant.now().getEpochSecond() % 30) * 1000L + 500);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).version(HttpClient.Version.HTTP_1_1).build();
        check(post(browser, base + "/login", Map.of("username", account[0], "password", PASSWORD, "_csrf", csrf(get(browser, base + "/login")))), "/mfa");
        check(post(browser, base + "/mfa", Map.of("code", code(account[1], 0), "_csrf", csrf(get(browser, base + "/mfa")))), "/staff");
        String page = base + "/cases/" + id.group(1);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 2 * calls; i++) {
            long t0 = System.nanoTime();
            get(browser, page);
            if (i >= calls) {
                latencies.add(System.nanoTime() - t0);
            }
        }
        QueueLoad.report("case page (GET /cases/{id})", latencies);
    }

    private static String code(String secret, int offset) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, Instant.now().getEpochSecond() / 30 + offset);
    }

    private static String get(HttpClient browser, String url) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + page.statusCode());
        }
        return page.body();
    }

    private static HttpResponse<String> post(HttpClient browser, String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static void check(HttpResponse<String> answer, String to) {
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || !location.contains(to)) {
            throw new IllegalStateException("expected a redirect to " + to + ", got " + answer.statusCode() + " " + location);
        }
    }
}
