package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;
import java.util.Optional;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.OpenedKeys;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.haven.HavenApplication;
import nl.haven.identity.IdentityManagement;
import nl.haven.persistence.PostgresSchema;
import nl.haven.protection.StaffSessionSecrets;
import nl.haven.testing.TotpCodes;
import nl.haven.testing.Cookies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 6: Haven scales out as stateless nodes. Two application instances (A and B, two contexts in
 * this JVM on random ports) share one PostgreSQL schema and one data directory (the master key and
 * the audit keys). A staff member who logs in on A is recognised on B; a log-out on B ends the session
 * on A as well; a session idle past the timeout is deleted by Spring Session's cleanup job. Plain
 * HTTP, with the CSRF token as a browser gets it: the HttpOnly XSRF-TOKEN cookie plus the form's
 * {@code _csrf} field.
 *
 * <p>Runs when a server answers at {@code HAVEN_TEST_DB_URL}; skipped loudly otherwise, and a failure
 * when {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
class SessionSharingPostgresIT {
    static final String PASSWORD = "amber lighthouse orchard forty";
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_it");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path data;

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static JdbcClient db;
    static String email;
    static String secret;

    static ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        POSTGRES.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.add("--haven.data-dir=" + data);
        // A timeout other than the default, to see that it is the configured one that applies.
        args.add("--server.servlet.session.timeout=20m");
        // Spring Session's cleanup every second instead of every minute, so the test need not wait.
        args.add("--spring.session.jdbc.cleanup-cron=* * * * * *");
        return new SpringApplicationBuilder(HavenApplication.class).run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void twoInstancesOnOneDatabase() throws Exception {
        a = start(); // migrates the schema and creates the keys; B finds both
        b = start();
        assertThat(port(a)).isNotEqualTo(port(b));
        db = a.getBean(JdbcClient.class);
        assertThat(b.getBean(JdbcClient.class).sql("select current_schema()").query(String.class).single()).isEqualTo(POSTGRES.name());

        IdentityManagement identity = a.getBean(IdentityManagement.class);
        String slug = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Two Nodes Test Organisation", slug);
        email = "nodes-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        identity.activate(identity.invite(slug, email, "caseworker", "Test Caseworker").token(), PASSWORD);

        // Enrolment across the nodes: password on A, the secret shown by B, the first code confirmed on A.
        Client enrolling = new Client();
        enrolling.logInWithPassword(a);
        HttpResponse<String> enrol = enrolling.get(b, "/mfa/enrol");
        assertThat(enrol.statusCode()).isEqualTo(200);
        Matcher shown = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(enrol.body());
        assertThat(shown.find()).isTrue();
        secret = shown.group(1);
        HttpResponse<String> recovery = enrolling.post(a, "/mfa/enrol", Map.of("code", code(secret), "_csrf", csrf(enrol)));
        assertThat(recovery.statusCode()).isEqualTo(200);
        assertThat(recovery.body()).contains("recovery-codes");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { b, a }) {
            if (context != null) {
                context.close();
            }
        }
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static String code(String secret) throws Exception {
        // A step not used before for this secret: Haven accepts each code once.
        return TotpCodes.fresh(secret);
    }

    static String csrf(HttpResponse<String> page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a form with a CSRF token in %s", page.uri()).isTrue();
        return token.group(1).replace("&#x3d;", "=").replace("&#61;", "=");
    }

    /** A browser without JavaScript: keeps its cookies (for every port of localhost, as browsers do) and never follows redirects. */
    static final class Client {
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        final Map<String, String> cookies = new LinkedHashMap<>();
        final List<String> setCookies = new ArrayList<>();

        HttpResponse<String> get(ConfigurableApplicationContext node, String path) throws Exception {
            return send(node, HttpRequest.newBuilder(uri(node, path)).GET());
        }

        HttpResponse<String> post(ConfigurableApplicationContext node, String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(node, HttpRequest.newBuilder(uri(node, path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private static URI uri(ConfigurableApplicationContext node, String path) {
            return URI.create("http://localhost:" + port(node) + path);
        }

        private HttpResponse<String> send(ConfigurableApplicationContext node, HttpRequest.Builder request) throws Exception {
            request.header("Accept", "text/html");
            if (!cookies.isEmpty()) {
                request.header("Cookie", Cookies.header(cookies));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                setCookies.add(set);
                Cookies.take(cookies, set);
            }
            return response;
        }

        /** The secret in the SESSION cookie (Spring Session writes it Base64-encoded): never stored as it is. */
        String secret() {
            assertThat(cookies).containsKey("SESSION");
            return new String(Base64.getDecoder().decode(cookies.get("SESSION")), StandardCharsets.US_ASCII);
        }

        /** The session's id in the database: the keyed hash of the cookie's secret (issue #15), the same on both nodes. */
        String sessionId() {
            String stored = a.getBean(StaffSessionSecrets.class).storedId(secret());
            assertThat(b.getBean(StaffSessionSecrets.class).storedId(secret())).isEqualTo(stored);
            return stored;
        }

        /** Log-in form, password; returns the response (a redirect to /mfa). */
        HttpResponse<String> logInWithPassword(ConfigurableApplicationContext node) throws Exception {
            HttpResponse<String> form = get(node, "/login");
            assertThat(form.statusCode()).isEqualTo(200);
            HttpResponse<String> login = post(node, "/login", Map.of("username", email, "password", PASSWORD, "_csrf", csrf(form)));
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/mfa"));
            return login;
        }

        /** Password, then the TOTP code, both on one node. */
        void logIn(ConfigurableApplicationContext node) throws Exception {
            logInWithPassword(node);
            HttpResponse<String> challenge = get(node, "/mfa");
            assertThat(challenge.statusCode()).isEqualTo(200);
            HttpResponse<String> done = post(node, "/mfa", Map.of("code", code(secret), "_csrf", csrf(challenge)));
            assertThat(done.statusCode()).isEqualTo(302);
            assertThat(done.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/staff"));
        }
    }

    static void assertSentToLogIn(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s", response.uri()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    long sessionRows(String sessionId) {
        return db.sql("select count(*) from spring_session where session_id = ?").param(sessionId).query(Long.class).single();
    }

    @Test
    void aLogInOnOneNodeIsRecognisedByTheOtherAndALogOutOnEitherEndsItOnBoth() throws Exception {
        Client browser = new Client();
        HttpResponse<String> password = browser.logInWithPassword(a);
        String passwordSession = browser.sessionId();
        assertThat(password.headers().allValues("Set-Cookie")).filteredOn(set -> set.startsWith("SESSION="))
                .singleElement().satisfies(set -> assertThat(set).contains("HttpOnly").contains("SameSite=Strict"));
        // Password only: no staff page on either node yet; back to the second factor (issue #19, point 7).
        HttpResponse<String> notYet = browser.get(b, "/staff");
        assertThat(notYet.statusCode()).isEqualTo(302);
        assertThat(notYet.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/mfa"));

        HttpResponse<String> challenge = browser.get(b, "/mfa"); // the second factor's form from B, answered on A
        assertThat(challenge.statusCode()).isEqualTo(200);
        HttpResponse<String> second = browser.post(a, "/mfa", Map.of("code", code(secret), "_csrf", csrf(challenge)));
        assertThat(second.statusCode()).isEqualTo(302);
        String session = browser.sessionId();
        assertThat(session).as("a new session id after the second factor").isNotEqualTo(passwordSession);
        assertThat(sessionRows(passwordSession)).isZero();

        HttpResponse<String> staffOnB = browser.get(b, "/staff");
        assertThat(staffOnB.statusCode()).isEqualTo(200);
        assertThat(staffOnB.body()).contains(email);
        assertThat(browser.get(a, "/staff").statusCode()).isEqualTo(200);

        // What the database holds: the configured idle timeout, the security context and the organisation's keys wrapped
        // under the cookie's secret (SessionKeys, ADR 0006 C.4) — which node B, given the cookie, opens as well.
        assertThat(db.sql("select max_inactive_interval from spring_session where session_id = ?").param(session).query(Integer.class).single())
                .isEqualTo(20 * 60);
        assertThat(db.sql("select principal_name from spring_session where session_id = ?").param(session).query(String.class).single())
                .isEqualTo(email);
        assertThat(db.sql("select a.attribute_name from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id "
                + "where s.session_id = ?").param(session).query(String.class).list())
                .containsExactlyInAnyOrder("SPRING_SECURITY_CONTEXT", SessionKeys.ATTRIBUTE);
        SessionKeys.Stored keys = SessionKeys.Stored.fromBytes(new ObjectInputStream(new ByteArrayInputStream(db.sql("""
                select a.attribute_bytes from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
                where s.session_id = ? and a.attribute_name = ?""").params(session, SessionKeys.ATTRIBUTE).query(byte[].class).single())).readObject());
        String cookieSecret = new String(Base64.getDecoder().decode(browser.cookies.get("SESSION")), StandardCharsets.UTF_8);
        Optional<OpenedKeys> onB = b.getBean(KeyHolders.class).openSessionKeys(keys.wrapped(), new UserId(keys.user()), new OrgId(keys.org()), cookieSecret);
        assertThat(onB).as("node B opens the session's keys with the cookie").isPresent();
        onB.get().close();
        assertThat(b.getBean(KeyHolders.class).openSessionKeys(keys.wrapped(), new UserId(keys.user()), new OrgId(keys.org()), session))
                .as("the stored id, all the database has, opens nothing").isEmpty();
        byte[] plainSecret = secret.getBytes(StandardCharsets.UTF_8);
        assertThat(db.sql("select attribute_bytes from spring_session_attributes").query(byte[].class).list())
                .noneMatch(bytes -> IdentityIT.contains(bytes, plainSecret));

        // Log out on B.
        HttpResponse<String> staffPage = browser.get(b, "/staff");
        String sessionCookie = browser.cookies.get("SESSION");
        HttpResponse<String> logout = browser.post(b, "/logout", Map.of("_csrf", csrf(staffPage)));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login?logout"));
        assertThat(sessionRows(session)).isZero();

        // The same cookie on A (as a stolen copy would be sent): no longer a log-in.
        Client copy = new Client();
        copy.cookies.put("SESSION", sessionCookie);
        assertSentToLogIn(copy.get(a, "/staff"));
        assertSentToLogIn(copy.get(b, "/staff"));
        assertSentToLogIn(browser.get(a, "/staff"));
    }

    @Test
    void aSessionIdlePastTheTimeoutIsDeletedByTheCleanupJobAndRecognisedNowhere() throws Exception {
        Client browser = new Client();
        browser.logIn(b);
        String session = browser.sessionId();
        String sessionCookie = browser.cookies.get("SESSION");
        assertThat(browser.get(a, "/staff").statusCode()).isEqualTo(200);

        // 21 minutes without a request (the timeout is 20): what the clock would do, done to the row.
        long idle = Duration.ofMinutes(21).toMillis();
        db.sql("update spring_session set last_access_time = last_access_time - ?, expiry_time = expiry_time - ? where session_id = ?")
                .params(idle, idle, session).update();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (sessionRows(session) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sessionRows(session)).as("deleted by Spring Session's cleanup job").isZero();

        Client copy = new Client();
        copy.cookies.put("SESSION", sessionCookie);
        assertSentToLogIn(copy.get(a, "/staff"));
        assertSentToLogIn(copy.get(b, "/staff"));
    }

    /**
     * Issue #15 point 2: whoever copies the session tables (a backup, a stolen disk, a replica) must not be able to
     * take over a log-in. Every value of every column of the copied rows is presented as the session cookie, the way
     * Spring Session writes one (Base64) and as it is: none is a log-in on either node. The real cookie still is.
     */
    @Test
    void aCopyOfTheSessionTablesGivesNoUsableSession() throws Exception {
        Client browser = new Client();
        browser.logIn(a);
        assertThat(browser.get(b, "/staff").statusCode()).isEqualTo(200);

        List<String> copied = new ArrayList<>();
        db.sql("select primary_id, session_id, principal_name from spring_session").query((rs, n) -> {
            for (int i = 1; i <= 3; i++) {
                String value = rs.getString(i);
                if (value != null) {
                    copied.add(value.strip());
                }
            }
            return n;
        }).list();
        db.sql("select session_primary_id, attribute_name from spring_session_attributes").query((rs, n) -> {
            copied.add(rs.getString(1).strip());
            copied.add(rs.getString(2).strip());
            return n;
        }).list();
        assertThat(copied).isNotEmpty();
        for (String value : copied) {
            for (String cookie : new String[] { Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII)), value }) {
                for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { a, b }) {
                    Client thief = new Client();
                    thief.cookies.put("SESSION", cookie);
                    assertSentToLogIn(thief.get(node, "/staff"));
                }
            }
        }
        // The real cookie, on both nodes.
        assertThat(browser.get(a, "/staff").statusCode()).isEqualTo(200);
        assertThat(browser.get(b, "/staff").statusCode()).isEqualTo(200);
        // And the cookie's secret is nowhere in the database.
        assertThat(copied).contains(browser.sessionId()).doesNotContain(browser.secret());
    }

    @Test
    void anonymousVisitorsGetNoSessionOnEitherNode() throws Exception {
        long before = db.sql("select count(*) from spring_session").query(Long.class).single();
        Client anonymous = new Client();
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { a, b }) {
            for (String path : new String[] { "/", "/login", "/policy", "/staff" }) {
                HttpResponse<String> page = anonymous.get(node, path);
                assertThat(page.statusCode()).as(path).isLessThan(500);
            }
        }
        assertThat(anonymous.setCookies).isNotEmpty() // the CSRF cookie of the log-in form, and nothing else
                .allSatisfy(set -> assertThat(set).startsWith("XSRF-TOKEN=").contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(anonymous.cookies).doesNotContainKey("SESSION");
        assertThat(db.sql("select count(*) from spring_session").query(Long.class).single()).isEqualTo(before);
    }
}
