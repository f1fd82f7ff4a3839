package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Issue #21 point 5, as the outside fuzzer found it: a 401 without {@code WWW-Authenticate} (and without a body when no
 * token was sent), {@code bearer} in lower case refused, a bad token's problem document labelled ISO-8859-1,
 * {@code Accept: text/html} turning a 400/404 of {@code /api/**} into HTML or a 406, an unknown method answered 400.
 * Each answer here must be RFC-conformant: RFC 9110 §11.6.1 and RFC 6750 §3 (WWW-Authenticate), §15.5.6 (405 with
 * Allow), §15.6.2 (501 for a method the server does not recognise), RFC 9457 (problem+json, UTF-8). Against a real
 * server (the container's error dispatch is part of the answer, which MockMvc does not run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAnswersIT {
    @LocalServerPort
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    IdentityManagement identity;
    StaffFixture staff;

    @BeforeAll
    void staff() {
        staff = StaffFixture.create(identity, "answers");
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{\"nationality\": \"XX\"}")
                        : HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void withoutATokenA401SaysBearerAndHasAProblemDocument() throws Exception {
        HttpResponse<byte[]> r = send("GET", "/api/v1/cases");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE)).hasValue("Bearer");
        assertProblem(r, "/problems/unauthorized");
    }

    @Test
    void aBadTokenGetsInvalidTokenInUtf8() throws Exception {
        HttpResponse<byte[]> r = send("GET", "/api/v1/cases", HttpHeaders.AUTHORIZATION, "Bearer hvn_not-a-token");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE).orElseThrow()).startsWith("Bearer ").contains("error=\"invalid_token\"");
        assertProblem(r, "/problems/unauthorized");
    }

    @Test
    void theSchemeIsCaseInsensitive() throws Exception {
        for (String scheme : new String[] { "bearer", "BEARER", "Bearer" }) {
            HttpResponse<byte[]> r = send("GET", "/api/v1/cases", HttpHeaders.AUTHORIZATION, scheme + " " + staff.tokens().get(Role.CASEWORKER));
            assertThat(r.statusCode()).as(scheme).isEqualTo(200);
        }
    }

    @Test
    void anHtmlAcceptHeaderStillGetsProblemJsonOnTheApi() throws Exception {
        HttpResponse<byte[]> notFound = send("GET", "/api/v1/no-such-thing", HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE,
                HttpHeaders.AUTHORIZATION, staff.bearer(Role.CASEWORKER));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertProblem(notFound, "/problems/not-found");
        HttpResponse<byte[]> bad = send("POST", "/api/v1/routes/advice", HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE, HttpHeaders.CONTENT_TYPE,
                MediaType.APPLICATION_JSON_VALUE);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertProblem(bad, "/problems/bad-input");
        HttpResponse<byte[]> unauthorised = send("GET", "/api/v1/cases", HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE);
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertProblem(unauthorised, "/problems/unauthorized");
    }

    @Test
    void aMethodThePathDoesNotTakeIs405WithAllow() throws Exception {
        HttpResponse<byte[]> r = send("DELETE", "/api/v1/policy/assessment");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue(HttpHeaders.ALLOW).orElseThrow()).contains("GET").doesNotContain("DELETE");
        assertProblem(r, "/problems/method-not-allowed");
    }

    @Test
    void anUnknownMethodIs501() throws Exception {
        HttpResponse<byte[]> r = send("BREW", "/api/v1/policy/assessment");
        assertThat(r.statusCode()).isEqualTo(501);
        assertProblem(r, "/problems/not-implemented");
    }

    static void assertProblem(HttpResponse<byte[]> r, String type) {
        assertThat(r.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow()).as("content type")
                .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE).doesNotContainIgnoringCase("8859");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).as("body").contains("\"type\":\"" + type + "\"").contains("\"status\":" + r.statusCode());
    }
}
