package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Password guessing through the real log-in page (issue #15, point 11): one client spraying a password over many
 * accounts is stopped whoever the accounts are, and one client guessing a colleague's password cannot lock the
 * colleague out for long. Each test is a client of its own (a loopback address of its own), in a context of its own
 * (a small budget of free failures per client), so that no other test's client is slowed down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.identity.login.client-free-failures=6")
class LoginThrottleIT {
    static final String PASSWORD = "amber quarry nightingale forty";

    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    String user(String slug) {
        String email = "u-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        identity.activate(identity.invite(slug, email, "CASEWORKER", null).token(), PASSWORD);
        return email;
    }

    String org() {
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Test Organisation " + slug, slug);
        return slug;
    }

    static LogInHttp.Response logIn(LogInHttp client, String email, String password) throws Exception {
        return client.post("/login", "/login", Map.of("username", email, "password", password));
    }

    @Test
    void aClientSprayingAPasswordOverManyAccountsIsStoppedAndOtherClientsAreNot() throws Exception {
        String slug = org();
        LogInHttp sprayer = new LogInHttp(port, "127.0.0.21");
        for (int i = 0; i < 6; i++) {
            // One common password against one account after another (each account fails once: no account lock helps).
            assertThat(logIn(sprayer, user(slug), "Summer2024!Summer2024!").location()).contains("/login?error");
        }
        // Even the right password of a real account is not checked now: the client must wait.
        String victim = user(slug);
        LogInHttp.Response throttled = logIn(sprayer, victim, PASSWORD);
        assertThat(throttled.location()).contains("/login?throttled").doesNotContain("/mfa");
        assertThat(sprayer.get("/login?throttled").body()).contains("Too many failed log-ins came from your connection.");
        // Another client (another address) logs in as usual.
        assertThat(logIn(new LogInHttp(port, "127.0.0.22"), victim, PASSWORD).location()).endsWith("/mfa");
    }

    @Test
    void oneClientGuessingAColleaguesPasswordCannotLockThemOutForLong() throws Exception {
        String colleague = user(org());
        LogInHttp attacker = new LogInHttp(port, "127.0.0.23");
        for (int i = 0; i < 6; i++) {
            logIn(attacker, colleague, "guess number " + i + " of many");
        }
        assertThat(logIn(attacker, colleague, "guess number seven of many").location()).contains("/login?throttled");
        OffsetDateTime lockedUntil = jdbc.sql("select locked_until from app_user where email = ?").param(colleague).query(OffsetDateTime.class)
                .single();
        // The colleague waits minutes at most (growing delays), not the quarter of an hour a hard lock imposed.
        assertThat(lockedUntil).isNotNull();
        assertThat(lockedUntil.toInstant()).isBefore(Instant.now().plus(Duration.ofMinutes(5)));
        // The refused attempts did not reach the account.
        int failures = jdbc.sql("select failed_attempts from app_user where email = ?").param(colleague).query(Integer.class).single();
        logIn(attacker, colleague, "guess number eight of many");
        assertThat(jdbc.sql("select failed_attempts from app_user where email = ?").param(colleague).query(Integer.class).single()).isEqualTo(failures);
    }
}
