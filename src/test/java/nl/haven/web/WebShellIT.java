package nl.haven.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The shared web frame: languages, headers, error pages, problem+json, the actuator allow-list. */
// A context of its own: Spring Security Test's csrf() post-processor, used by MockMvc tests that share a cached context,
// swaps the CSRF filter's token repository for a session-backed test one, and this test checks the real server's
// cookie-only behaviour over HTTP.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.test.context=web-shell")
@AutoConfigureMockMvc
class WebShellIT {

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** Through the real server: error pages come from the container's error dispatch, which MockMvc skips. */
    HttpResponse<String> http(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void homePageSpeaksEnglishDutchAndRussian() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"en\"")))
                .andExpect(content().string(containsString("Safety, with sources")));
        mvc.perform(get("/").param("lang", "nl")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<html lang=\"nl\"")))
                .andExpect(content().string(containsString("Veiligheid, met bronnen")));
        mvc.perform(get("/").header("Accept-Language", "ru-RU,ru;q=0.9")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Безопасность, с источниками")));
    }

    @Test
    void languageLinksKeepTheAddressAndChangeOnlyTheLanguage() throws Exception {
        mvc.perform(get("/").param("lang", "nl"))
                .andExpect(content().string(containsString("href=\"/?lang=ru\"")))
                .andExpect(content().string(containsString("href=\"/?lang=en\"")));
    }

    /**
     * Strict-Transport-Security (RFC 6797) on secure requests only: HTTPS to Haven or a trusted proxy's
     * X-Forwarded-Proto (the two-node drill checks that one through nginx); never over plain HTTP, and not because an
     * untrusted client claims HTTPS in a header.
     */
    @Test
    void strictTransportSecurityIsSentOnSecureRequestsOnly() throws Exception {
        mvc.perform(get("/").secure(true)).andExpect(status().isOk())
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000"));
        mvc.perform(get("/no-such-page").secure(true)).andExpect(header().string("Strict-Transport-Security", "max-age=31536000"));
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(header().doesNotExist("Strict-Transport-Security"));
        HttpRequest spoofed = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).header("X-Forwarded-Proto", "https").GET().build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(spoofed, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Strict-Transport-Security")).as("an untrusted client's X-Forwarded-Proto").isEmpty();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] { "/", "/no-such-page", "/api/v1/policy/nothing", "/css/haven.css" }) {
            mvc.perform(get(path))
                    .andExpect(header().string("Content-Security-Policy", containsString("default-src '")))
                    .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "no-referrer"))
                    .andExpect(header().string("Permissions-Policy", containsString("geolocation=()")));
        }
        mvc.perform(get("/")).andExpect(header().string("Cache-Control", "no-store"));
        // Public pages have the strict policy (issue 15, point 15); staff pages and the API the one with 'self'.
        mvc.perform(get("/")).andExpect(header().string("Content-Security-Policy", Matchers.startsWith("default-src 'none'")));
        mvc.perform(get("/api/v1/policy/nothing")).andExpect(header().string("Content-Security-Policy",
                Matchers.startsWith("default-src 'self'")));
    }

    @Test
    void anonymousPagesCreateNoSessionAndSetNoCookie() throws Exception {
        mvc.perform(get("/"))
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(result -> Assertions.assertThat(result.getRequest().getSession(false)).isNull());
        // Through the real server and Spring Session: pages with forms set the CSRF cookie, never a session.
        long sessions = jdbc.sql("select count(*) from spring_session").query(Long.class).single();
        for (String path : new String[] { "/", "/login", "/policy", "/routes", "/staff", "/no-such-page" }) {
            HttpResponse<String> page = http(path, "text/html");
            assertThat(page.statusCode()).as(path).isLessThan(500);
            assertThat(page.headers().allValues("Set-Cookie")).as(path)
                    .noneMatch(cookie -> cookie.startsWith("SESSION=") || cookie.startsWith("JSESSIONID="));
        }
        assertThat(jdbc.sql("select count(*) from spring_session").query(Long.class).single()).isEqualTo(sessions);
    }

    @Test
    void unknownPageIsALocalizedErrorPageWithoutStackTrace() throws Exception {
        // A public address that does not exist (an unknown staff address asks for a log-in first).
        HttpResponse<String> page = http("/policy/countries/QQ?lang=nl", "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Op dit adres staat niets.").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src"));
    }

    @Test
    void unknownApiPathIsProblemJson() throws Exception {
        HttpResponse<String> problem = http("/api/v1/policy/nothing", "application/json");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.body()).contains("\"status\":404").contains("\"title\":\"Not Found\"").contains("\"type\"")
                .contains("\"detail\"").doesNotContain("trace").doesNotContain("Exception");
    }

    @Test
    void unknownLanguageOfTheApiIsBadInput() throws Exception {
        HttpResponse<String> problem = http("/api/v1/policy/assessment?nationality=RU&group=gay&date=2017-01-01&lang=xx", "application/json");
        assertThat(problem.statusCode()).isEqualTo(400);
        assertThat(problem.body()).contains("'xx'").doesNotContain("Exception");
    }

    @Test
    void staffApiWithoutCredentialsIs401() throws Exception {
        mvc.perform(get("/api/v1/cases")).andExpect(status().isUnauthorized());
    }

    @Test
    void actuatorExposesOnlyHealthInfoAndPrometheus() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/info")).andExpect(status().isOk());
        // The metrics exist but answer only the scrape token (issue #15; SessionPlumbingIT): not anonymous visitors.
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops" }) {
            // Even a logged-in administrator: the endpoint does not exist.
            mvc.perform(get(hidden).with(user("admin@example.org").roles("ADMIN")).accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void openApiDocumentAndItsUiAreServedFromTheJar() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andExpect(jsonPath("$.openapi").exists());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("https://"))));
    }
}
