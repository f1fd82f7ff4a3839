package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.haven.identity.IdentityManagement;
import nl.haven.web.browser.BrowserSupport;
import nl.haven.testing.Cookies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #15, points 6, 13, 19 and 20, over real HTTP: the metrics endpoint needs the scrape token; anonymous passkey
 * log-in options create no session; a staff session keeps no client address; a refusal at URL level (an analyst asking
 * for a case) is audited as the case module audits a refusal by scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.metrics.token=" + SessionPlumbingIT.SCRAPE_TOKEN)
class SessionPlumbingIT {
    static final String SCRAPE_TOKEN = "scrape-7f3c9e1a2b4d6f80a1c3e5f7b9d2e4f6";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    LogInFixture fixture() {
        return new LogInFixture(identity, null, jdbc);
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    static String csrf(HttpResponse<String> page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a form with a CSRF token in %s", page.uri()).isTrue();
        return token.group(1).replace("&#x3d;", "=").replace("&#61;", "=");
    }

    /** A browser without JavaScript at one address of this machine: keeps its cookies, never follows redirects. */
    final class Browser {
        final String host;
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        final Map<String, String> cookies = new LinkedHashMap<>();

        Browser(String host) {
            this.host = host;
        }

        HttpResponse<String> get(String path, String... headers) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
        }

        HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
        }

        HttpResponse<String> postJson(String path, String json, String... headers) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)),
                    headers);
        }

        private URI uri(String path) {
            return URI.create("http://" + host + ":" + port + path);
        }

        private HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
            if (headers.length > 0) {
                request.headers(headers);
            }
            if (!cookies.isEmpty()) {
                request.header("Cookie", Cookies.header(cookies));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                Cookies.take(cookies, set);
            }
            return response;
        }

        HttpResponse<String> logInWithPassword(LogInFixture.Staff staff) throws Exception {
            HttpResponse<String> form = get("/login");
            assertThat(form.statusCode()).isEqualTo(200);
            HttpResponse<String> login = post("/login", Map.of("username", staff.email(), "password", LogInFixture.PASSWORD, "_csrf", csrf(form)));
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/mfa"));
            return login;
        }

        void logIn(LogInFixture.Staff staff) throws Exception {
            logInWithPassword(staff);
            HttpResponse<String> challenge = get("/mfa");
            assertThat(challenge.statusCode()).isEqualTo(200);
            HttpResponse<String> done = post("/mfa", Map.of("code", LogInFixture.code(staff.secret()), "_csrf", csrf(challenge)));
            assertThat(done.statusCode()).isEqualTo(302);
            assertThat(done.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/staff"));
        }
    }

    // --- point 6: metrics only with the scrape token ---------------------------------------------------------------

    @Test
    void metricsNeedTheScrapeToken() throws Exception {
        Browser anyone = new Browser("localhost");
        assertThat(anyone.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(anyone.get("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(anyone.get("/actuator/prometheus", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(anyone.get("/actuator/prometheus", "Authorization", "Basic " + SCRAPE_TOKEN).statusCode()).isEqualTo(401);

        HttpResponse<String> scraped = anyone.get("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        assertThat(scraped.headers().allValues("Set-Cookie")).as("a scrape opens no session").isEmpty();
        // Health stays public (load balancers), and says only UP.
        assertThat(anyone.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aStaffLogInIsNotAScrapeToken() throws Exception {
        LogInFixture.Staff admin = fixture().staff(fixture().newOrg(), "admin");
        Browser browser = new Browser("localhost");
        browser.logIn(admin);
        assertThat(browser.get("/staff").statusCode()).isEqualTo(200);
        assertThat(browser.get("/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    // --- point 13: anonymous passkey log-in options create no session ---------------------------------------------

    @Test
    void anonymousPasskeyLogInOptionsCreateNoSession() throws Exception {
        long before = count("select count(*) from spring_session");
        for (int i = 0; i < 200; i++) {
            Browser visitor = new Browser("localhost"); // a new visitor each time, as a flood would be
            String token = csrf(visitor.get("/login"));
            HttpResponse<String> options = visitor.postJson("/webauthn/authenticate/options", "", "X-XSRF-TOKEN", token);
            assertThat(options.statusCode()).isEqualTo(200);
            assertThat(options.body()).contains("\"challenge\"");
            assertThat(visitor.cookies).doesNotContainKey("SESSION");
        }
        assertThat(count("select count(*) from spring_session")).isEqualTo(before);
    }

    @Test
    void theOptionsCookieIsHttpOnlyStrictAndAForgedOrAlteredOneIsAClearRefusal() throws Exception {
        Browser visitor = new Browser("localhost");
        String token = csrf(visitor.get("/login"));
        HttpResponse<String> options = visitor.postJson("/webauthn/authenticate/options", "", "X-XSRF-TOKEN", token);
        assertThat(options.headers().allValues("Set-Cookie")).filteredOn(set -> set.startsWith(SealedRequestOptions.COOKIE + "="))
                .singleElement().satisfies(set -> assertThat(set).contains("HttpOnly", "SameSite=Strict", "Path=/login/webauthn", "Max-Age="));
        String sealed = visitor.cookies.get(SealedRequestOptions.COOKIE);
        char last = sealed.charAt(sealed.length() - 1);
        String altered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String cookie : new String[] { altered, "bm90IHNlYWxlZA", "%%%" }) {
            visitor.cookies.put(SealedRequestOptions.COOKIE, cookie);
            HttpResponse<String> logIn = visitor.postJson("/login/webauthn", "{}", "X-XSRF-TOKEN", token);
            assertThat(logIn.statusCode()).as("a log-in with options cookie %s", cookie).isBetween(400, 499);
            assertThat(logIn.body()).doesNotContain("Exception");
            assertThat(visitor.cookies).doesNotContainKey("SESSION");
        }
    }

    // --- point 19: no client address in the session --------------------------------------------------------------

    @Test
    void aStaffSessionKeepsNoClientAddress() throws Exception {
        // 127.0.0.2: an address of this machine that no other test connects from, so finding it means this log-in stored it.
        String address = "127.0.0.2";
        LogInFixture.Staff staff = fixture().staff(fixture().newOrg(), "caseworker");
        Browser browser = new Browser(address);
        browser.logInWithPassword(staff); // the password step: Spring Security's form log-in
        assertThat(browser.cookies).containsKey("SESSION");
        List<byte[]> stored = jdbc.sql("select attribute_bytes from spring_session_attributes").query(byte[].class).list();
        assertThat(stored).isNotEmpty();
        assertThat(stored).noneMatch(bytes -> IdentityIT.contains(bytes, address.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).noneMatch(bytes -> IdentityIT.contains(bytes, "WebAuthenticationDetails".getBytes(StandardCharsets.UTF_8)));

        browser.logIn(staff);
        assertThat(browser.get("/staff").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select attribute_bytes from spring_session_attributes").query(byte[].class).list())
                .noneMatch(bytes -> IdentityIT.contains(bytes, address.getBytes(StandardCharsets.UTF_8)));
    }

    // --- point 20: a refusal at URL level is audited like a refusal by scope ----------------------------------------

    @Test
    void anAnalystAskingForACaseIsAuditedAsACaseAccessDenied() throws Exception {
        LogInFixture fixture = fixture();
        LogInFixture.Staff analyst = fixture.staff(fixture.newOrg(), "analyst");
        Browser browser = new Browser("localhost");
        browser.logIn(analyst);
        UUID caseId = UUID.randomUUID();

        long before = fixture.lastEvent();
        assertThat(browser.get("/api/v1/cases/" + caseId, "Accept", "application/json").statusCode()).isEqualTo(403);
        assertThat(browser.get("/cases/" + caseId + "/notes").statusCode()).isEqualTo(403);
        assertThat(browser.get("/cases").statusCode()).isEqualTo(403);
        String actor = analyst.uuid().toString();
        assertThat(fixture.eventsSince(before)).containsExactly(
                new LogInFixture.Event("case.access-denied", actor, caseId.toString()),
                new LogInFixture.Event("case.access-denied", actor, caseId.toString()),
                new LogInFixture.Event("case.access-denied", actor, null));
        assertThat(count("select count(*) from audit_event where seq > ? and org_id = ?", before, analyst.org().value())).isEqualTo(3);
        assertThat(jdbc.sql("select subject_type from audit_event where seq > ? order by seq").param(before).query(String.class).list())
                .containsExactly("case", "case", null);
    }
}
