package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15, point 1: every request body is limited on the bytes actually read, not on what the client declares. A
 * chunked body (no {@code Content-Length}) far above the limit, generated on the fly, is answered with 413 while the
 * client is still sending it: the server stopped reading early instead of buffering it whole.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsIT {
    /** Far above every limit, and far more than the socket buffers on both sides can hold. */
    static final long HUGE = 64L * 1024 * 1024;

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;

    StaffFixture staff;
    UUID caseId;

    @BeforeAll
    void fixtures() {
        staff = StaffFixture.create(identity, "limits");
        caseId = caseOpening.open(staff.member(Role.COORDINATOR), new NewCase("US", "US", CaseDetails.empty(), "STAFF")).id();
    }

    String head(String method, String path, String contentType, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    static void refusedEarly(RawHttp.Streamed streamed) {
        assertThat(streamed.response().status()).as("status").isEqualTo(413);
        assertThat(streamed.sentBeforeAnswer()).as("bytes sent when the 413 arrived, of " + streamed.total())
                .isLessThan(streamed.total());
    }

    static void problemJson(RawHttp.Response response) {
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":413").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void chunkedJsonToThePublicIntakeApiIsRefusedWhileItIsStillBeingSent() throws Exception {
        RawHttp.Streamed streamed = RawHttp.chunked(port, head("POST", "/api/v1/intake/" + staff.slug(), "application/json",
                "Accept: application/json", "Idempotency-Key: limits-" + UUID.randomUUID()),
                "{\"message\":\"".getBytes(StandardCharsets.US_ASCII), (byte) 'a', HUGE);
        refusedEarly(streamed);
        problemJson(streamed.response());
    }

    /**
     * A client that does not stop at the 413 (a flood) must not make the server read on: Tomcat would otherwise read and
     * discard the rest of a refused body up to server.tomcat.max-swallow-size (100 MB), at the cost of CPU that the
     * staff side needs (benchmarks/RESULTS.md, "Resilience").
     */
    @Test
    void theRestOfARefusedBodyIsNotReadWhenTheClientGoesOnSending() throws Exception {
        long written = RawHttp.writtenUntilClosed(port, head("POST", "/api/v1/intake/" + staff.slug(), "application/json",
                "Accept: application/json", "Idempotency-Key: limits-" + UUID.randomUUID()),
                "{\"message\":\"".getBytes(StandardCharsets.US_ASCII), (byte) 'a', HUGE);
        assertThat(written).as("body bytes the server took before it closed the connection, of " + HUGE).isLessThan(HUGE / 4);
    }

    @Test
    void chunkedJsonToAStaffApiIsRefusedWhileItIsStillBeingSent() throws Exception {
        RawHttp.Streamed streamed = RawHttp.chunked(port, head("PUT", "/api/v1/cases/" + caseId + "/details", "application/json",
                "Accept: application/json", "Authorization: " + staff.bearer(Role.COORDINATOR)),
                "{\"nameUsed\":\"".getBytes(StandardCharsets.US_ASCII), (byte) 'a', HUGE);
        refusedEarly(streamed);
        problemJson(streamed.response());
    }

    @Test
    void chunkedBodyOfAnotherTypeIsLimitedToo() throws Exception {
        // The intake API reads its body as bytes whatever the declared type.
        RawHttp.Streamed streamed = RawHttp.chunked(port, head("POST", "/api/v1/intake/" + staff.slug(), "text/plain",
                "Accept: application/json", "Idempotency-Key: limits-" + UUID.randomUUID()), new byte[0], (byte) 'a', HUGE);
        refusedEarly(streamed);
        problemJson(streamed.response());
    }

    @Test
    void chunkedFormPostIsRefusedWithTheLocalisedPage() throws Exception {
        RawHttp.Streamed streamed = RawHttp.chunked(port, head("POST", "/routes?lang=nl", "application/x-www-form-urlencoded",
                "Accept: text/html"), "nationality=".getBytes(StandardCharsets.US_ASCII), (byte) 'a', HUGE);
        refusedEarly(streamed);
        assertThat(streamed.response().header("Content-Type")).startsWith("text/html");
        assertThat(streamed.response().body()).contains("<html lang=\"nl\"").doesNotContain("Exception");
    }

    @Test
    void chunkedFormSentWithPutIsLimitedToo() throws Exception {
        // Spring's FormContentFilter reads a PUT form itself, whatever the route: Tomcat's form limit does not apply.
        RawHttp.Streamed streamed = RawHttp.chunked(port, head("PUT", "/api/v1/cases/" + caseId + "/details", "application/x-www-form-urlencoded",
                "Accept: application/json", "Authorization: " + staff.bearer(Role.COORDINATOR)),
                "nameUsed=".getBytes(StandardCharsets.US_ASCII), (byte) 'a', HUGE);
        refusedEarly(streamed);
        problemJson(streamed.response());
    }

    @Test
    void chunkedMultipartAboveTheUploadLimitIsRefusedWhileItIsStillBeingSent() throws Exception {
        String boundary = "limits" + UUID.randomUUID().toString().replace("-", "");
        byte[] prefix = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Streamed streamed = RawHttp.chunked(port, head("POST", "/intake/" + staff.slug(), "multipart/form-data; boundary=" + boundary,
                "Accept: text/html"), prefix, (byte) 'a', HUGE);
        refusedEarly(streamed);
    }

    @Test
    void jsonWithADeclaredLengthAboveTheJsonLimitIsRefusedBelowTheUploadLimits() throws Exception {
        byte[] body = ("{\"nameUsed\":\"" + "a".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        String head = "PUT /api/v1/cases/" + caseId + "/details HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Accept: application/json\r\nAuthorization: " + staff.bearer(Role.COORDINATOR) + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] request = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(body, 0, request, head.length(), body.length);
        RawHttp.Response response = RawHttp.exchange(port, request);
        assertThat(response.status()).isEqualTo(413);
        problemJson(response);
    }
}
