package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.OpenedKeys;
import nl.haven.protection.StaffSessionSecrets;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ADR 0006 step 7 for staff sessions (C.4), with the legacy opener off — as it will be for good from the cut-over: a
 * browser session reads cases only with the organisation's keys it opened at log-in from the staff member's own grant
 * and password, kept in the session under the cookie's secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.protection.legacy-opener=false")
class SessionKeysIT {
    private static final String PASSWORD = "amber quarry nightingale forty";
    private static final String NAME = "Алексей Session-Canary";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Autowired
    IdentityManagement identity;
    @Autowired
    KeyHolders keyHolders;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffSessionSecrets secrets;
    @LocalServerPort
    int port;

    record Coordinator(UserId id, OrgId org, String email, String totpSecret) {
    }

    private Coordinator coordinator() {
        String slug = "session-keys-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("Session keys " + slug, slug);
        String email = "coordinator-" + slug + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "COORDINATOR", "Coordinator");
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        return new Coordinator(invitation.user(), org, email, enrolment.secret());
    }

    /** A case opened through the API with the coordinator's token (its own grant opens the keys for that request). */
    private String openCase(Coordinator coordinator) throws Exception {
        String token = identity.createApiToken(coordinator.email(), 1);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"nationality": "ru", "countryOfResidence": "RU", "details": {"nameUsed": "%s", "groups": ["gay"], "facts": [],
                         "request": "I need advice about asylum.", "language": "en"}}""".formatted(NAME))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private LogInHttp logIn(Coordinator coordinator) throws Exception {
        LogInHttp client = new LogInHttp(port);
        assertThat(client.post("/login", "/login", Map.of("username", coordinator.email(), "password", PASSWORD)).location()).endsWith("/mfa");
        assertThat(client.post("/mfa", "/mfa", Map.of("code", TotpCodes.fresh(coordinator.totpSecret()))).location()).endsWith("/staff");
        return client;
    }

    /** The cookie's secret (Spring Session writes it Base64-encoded). */
    private static String secret(LogInHttp client) {
        return new String(Base64.getDecoder().decode(client.cookie("SESSION")), StandardCharsets.UTF_8);
    }

    /** What the database keeps for this client's session: its row's id and the keys attribute. */
    private SessionKeys.Stored storedKeys(String storedId) throws Exception {
        byte[] bytes = jdbc.sql("""
                select a.attribute_bytes from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id
                where s.session_id = ? and a.attribute_name = ?""").params(storedId, SessionKeys.ATTRIBUTE).query(byte[].class).single();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return SessionKeys.Stored.fromBytes(in.readObject());
        }
    }

    @Test
    void aLoggedInCoordinatorReadsACaseWithTheKeysTheirSessionOpenedAndWithoutThemIsNotServedIt() throws Exception {
        Coordinator coordinator = coordinator();
        String id = openCase(coordinator);

        LogInHttp client = logIn(coordinator);
        LogInHttp.Response page = client.get("/cases/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(NAME);

        // The same log-in without the keys its session carries (as a passkey log-in without a password has none): not the
        // case, but the way to unlock it (step 7c, the next test).
        jdbc.sql("delete from spring_session_attributes where attribute_name = ?").param(SessionKeys.ATTRIBUTE).update();
        LogInHttp.Response without = client.get("/cases/" + id);
        assertThat(without.status()).isEqualTo(302);
        assertThat(without.location()).contains("/account/unlock");
        assertThat(without.body()).doesNotContain(NAME);
    }

    @Test
    void whatTheSessionKeepsDoesNotOpenWithWhatTheDatabaseHolds() throws Exception {
        Coordinator coordinator = coordinator();
        LogInHttp client = logIn(coordinator);
        String storedId = secrets.storedId(secret(client));
        SessionKeys.Stored stored = storedKeys(storedId);
        assertThat(stored.ready()).isTrue();
        // The database has the session's stored id (an HMAC of the cookie's secret), never the secret: the id opens nothing.
        assertThat(keyHolders.openSessionKeys(stored.wrapped(), coordinator.id(), coordinator.org(), storedId)).isEmpty();
        // The cookie's secret does (as every node given the cookie does), and only for its own staff member.
        assertThat(keyHolders.openSessionKeys(stored.wrapped(), coordinator.id(), OrgId.random(), secret(client))).isEmpty();
        Optional<OpenedKeys> opened = keyHolders.openSessionKeys(stored.wrapped(), coordinator.id(), coordinator.org(), secret(client));
        assertThat(opened).isPresent();
        opened.get().close();
    }

    /**
     * ADR 0006 step 7c: a session without keys — as a passkey log-in leaves it, since no secret of the staff member comes
     * with it — is sent to "Unlock cases" when it asks for a case page; a wrong password opens nothing and counts, the
     * right one opens the grant's keys for the session and leads back to the case.
     */
    @Test
    void aSessionWithoutKeysIsSentToUnlockCasesAndThePasswordOpensThem() throws Exception {
        Coordinator coordinator = coordinator();
        String id = openCase(coordinator);
        LogInHttp client = logIn(coordinator);
        jdbc.sql("delete from spring_session_attributes where attribute_name = ?").param(SessionKeys.ATTRIBUTE).update();

        LogInHttp.Response asked = client.get("/cases/" + id);
        assertThat(asked.status()).isEqualTo(302);
        assertThat(asked.location()).contains("/account/unlock?next=%2Fcases%2F" + id);
        assertThat(asked.body()).doesNotContain(NAME);
        LogInHttp.Response form = client.get("/account/unlock?next=/cases/" + id);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"password\"").contains("value=\"/cases/" + id + "\"");

        LogInHttp.Response wrong = client.post("/account/unlock", "/account/unlock", Map.of("password", "not the password", "next", "/cases/" + id));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'auth.password-failed' and subject_id = ?").param(coordinator.id().value().toString())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(client.get("/cases/" + id).status()).isEqualTo(302);

        LogInHttp.Response unlocked = client.post("/account/unlock", "/account/unlock", Map.of("password", PASSWORD, "next", "/cases/" + id));
        assertThat(unlocked.status()).isEqualTo(302);
        assertThat(unlocked.location()).contains("/cases/" + id);
        LogInHttp.Response page = client.get("/cases/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(NAME);

        // Back only to a path of this site.
        assertThat(UnlockPages.local("//evil.example/cases")).isEqualTo("/staff");
        assertThat(UnlockPages.local("https://evil.example/")).isEqualTo("/staff");
        assertThat(UnlockPages.local("/cases/" + id)).isEqualTo("/cases/" + id);
    }
}
