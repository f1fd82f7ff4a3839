package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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
 * Issue #15, point 11, with the default configuration: no proxy is trusted, so forwarding headers that anyone on the
 * internet can send change nothing: neither the bucket (a new forged X-Forwarded-For per request does not escape the
 * limit) nor the scheme (X-Forwarded-Proto does not make a cookie Secure). The loopback client here is such a peer.
 * (Spring Boot's own default, were forwarding switched on without Haven's setting, would trust loopback and private
 * networks: this test would then fail.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.intake.submissions-per-hour=2")
class IntakeUntrustedProxyIT {
    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;

    @Test
    void forgedForwardingHeadersFromAnUntrustedPeerChangeNeitherTheBucketNorTheScheme() {
        String org = IntakeFixture.organisation(identity, "untrusted");
        List<Integer> statuses = new ArrayList<>();
        for (String forged : List.of("192.0.2.70", "192.0.2.71", "192.0.2.72")) {
            IntakeHttp visitor = new IntakeHttp(port).header("X-Forwarded-For", forged).header("X-Forwarded-Proto", "https");
            HttpResponse<String> page = visitor.get("/intake/" + org);
            assertThat(page.headers().allValues("Set-Cookie")).singleElement().asString().startsWith("XSRF-TOKEN=").doesNotContain("Secure");
            statuses.add(visitor.postMultipart("/intake/" + org, IntakeAbuseIT.form(visitor.csrf(page), "Request " + UUID.randomUUID())).statusCode());
        }
        assertThat(statuses).as("three requests of one peer, whatever X-Forwarded-For says").containsExactly(200, 200, 429);
    }
}
