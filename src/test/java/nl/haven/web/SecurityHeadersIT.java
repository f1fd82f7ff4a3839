package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15, point 15: every response carries the headers of SECURITY.md S6, also the servlet container's own error
 * responses that no filter of the application sees (a request line or address Tomcat refuses, a method it refuses
 * itself), and public pages have the strict {@code default-src 'none'} policy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHeadersIT {

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;

    static void hasTheHeaders(String what, RawHttp.Response response) {
        assertThat(response.header("Content-Security-Policy")).as(what + ": CSP").isNotNull().contains("default-src")
                .contains("frame-ancestors 'none'");
        assertThat(response.header("X-Content-Type-Options")).as(what + ": nosniff").isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).as(what + ": X-Frame-Options").isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).as(what + ": Referrer-Policy").isEqualTo("no-referrer");
        assertThat(response.header("Permissions-Policy")).as(what + ": Permissions-Policy").isNotNull().contains("geolocation=()");
        assertThat(response.header("Cache-Control")).as(what + ": Cache-Control").isEqualTo("no-store");
        assertThat(response.body()).as(what + ": body").doesNotContain("Apache Tomcat").doesNotContain("Exception");
    }

    @Test
    void theContainersOwnErrorResponsesCarryTheHeaders() throws Exception {
        String[] requests = {
                "GET /% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /a%2fb/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /<script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHo st: localhost\r\nConnection: close\r\n\r\n",
                "TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "DELETE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "POST /policy HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" };
        for (String request : requests) {
            String what = request.substring(0, Math.min(40, request.indexOf("\r\n")));
            RawHttp.Response response = RawHttp.exchange(port, request);
            assertThat(response.status()).as(what).isBetween(400, 499);
            hasTheHeaders(what, response);
        }
    }

    @Test
    void publicPagesHaveTheStrictPolicy() throws Exception {
        String slug = "headers-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Test " + slug, slug);
        for (String path : new String[] { "/", "/?lang=nl", "/policy", "/policy/countries", "/policy/countries/RU", "/routes", "/intake/" + slug,
                "/follow-up", "/setup/0123456789abcdefghijklmnopqrstuv", "/activate/0123456789abcdefghijklmnopqrstuv", "/policy/countries/QQ", "/error" }) {
            RawHttp.Response page = RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
            assertThat(page.status()).as(path).isLessThan(500);
            hasTheHeaders(path, page);
            assertThat(page.header("Content-Security-Policy")).as(path).startsWith("default-src 'none'");
        }
    }
}
