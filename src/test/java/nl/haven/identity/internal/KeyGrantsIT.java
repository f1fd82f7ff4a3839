package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.OrganisationAdministration;
import nl.haven.identity.Role;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #23 point 3, ADR 0006 C.7, with the legacy opener off (as from the cut-over): the server gives an
 * organisation's keys only to its first key holder. A key pair or token made later — an activation, {@code ./haven
 * tokens create} — reads no case until a key holder grants it the keys their own log-in opened: on the roles page, or
 * at the server with their password. Without keys at hand nothing is granted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.protection.legacy-opener=false")
class KeyGrantsIT {
    private static final String PASSWORD = "copper meadow lantern ninety";
    private static final String NAME = "Алексей Grant-Canary";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Autowired
    IdentityManagement identity;
    @Autowired
    OrganisationAdministration administration;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    record Member(UserId id, OrgId org, String slug, String email, String totpSecret) {
    }

    private Member member(OrgId org, String slug, Role role) {
        String email = role.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6) + "-" + slug + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role.name(), "Test " + role);
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        return new Member(invitation.user(), org, slug, email, enrolment.secret());
    }

    /** A browser session of the staff member, past the second factor. */
    private LogInHttp logIn(Member member) throws Exception {
        LogInHttp client = new LogInHttp(port);
        assertThat(client.post("/login", "/login", Map.of("username", member.email(), "password", PASSWORD)).location()).endsWith("/mfa");
        assertThat(client.post("/mfa", "/mfa", Map.of("code", TotpCodes.fresh(member.totpSecret()))).location()).endsWith("/staff");
        return client;
    }

    private HttpResponse<String> api(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        request = body == null ? request.GET() : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKeyPairOrTokenMadeWithoutAKeyHolderWaitsUntilALoggedInCoordinatorGivesItTheKeys() throws Exception {
        String slug = "key-grants-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("Key grants " + slug, slug);
        Member coordinator = member(org, slug, Role.COORDINATOR); // the organisation's first key holder: the server gives it the keys
        Member lawyer = member(org, slug, Role.LAWYER); // activated later: waits
        IdentityManagement.NewApiToken first = identity.createServerApiToken(coordinator.email(), 1); // as ./haven tokens create
        assertThat(first.waitsForKeys()).isTrue();
        assertThat(identity.waitingForKeys(org)).extracting(OrganisationAdministration.WaitingForKeys::user, OrganisationAdministration.WaitingForKeys::ownKeys,
                OrganisationAdministration.WaitingForKeys::tokens).containsExactlyInAnyOrder(
                        tuple(lawyer.id(), true, 0), tuple(coordinator.id(), false, 1));
        // Nothing is granted without keys at hand, not even by a coordinator.
        assertThatThrownBy(() -> administration.grantKeys(coordinator.id(), lawyer.id())).isInstanceOf(KeyNotOpenException.class);
        assertThatThrownBy(() -> identity.newRecoveryKey(slug)).hasMessageContaining("key holder");
        // Opening a case needs no key (its keys are sealed to the organisation's public key), reading it back does.
        HttpResponse<String> created = api(first.token(), "POST", "/api/v1/cases", """
                {"nationality": "ru", "countryOfResidence": "RU", "details": {"nameUsed": "%s", "groups": ["gay"], "facts": [],
                 "request": "I need advice about asylum.", "language": "en"}}""".formatted(NAME));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).isTrue();
        String caseId = id.group(1);
        HttpResponse<String> waiting = api(first.token(), "GET", "/api/v1/cases/" + caseId, null);
        assertThat(waiting.statusCode()).as("a waiting token").isEqualTo(403);
        assertThat(waiting.body()).doesNotContain(NAME);

        // A key holder at the server, with their password: their own token gets the keys, and the lawyer.
        assertThat(identity.grantWaitingKeys(coordinator.id(), PASSWORD)).isEqualTo(2);
        assertThat(identity.waitingForKeys(org)).isEmpty();
        assertThat(api(first.token(), "GET", "/api/v1/cases/" + caseId, null).body()).contains(NAME);

        // A second server-made token waits again (403, naming nothing of the case) ...
        IdentityManagement.NewApiToken second = identity.createServerApiToken(coordinator.email(), 1);
        HttpResponse<String> refused = api(second.token(), "GET", "/api/v1/cases/" + caseId, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(NAME);

        // ... until the coordinator, logged in (their session holds the keys), gives it the keys on the roles page.
        LogInHttp client = logIn(coordinator);
        LogInHttp.Response page = client.get("/grants");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"keys-" + coordinator.id().value() + "\"").contains("/grants/keys/" + coordinator.id().value());
        LogInHttp.Response given = client.post("/grants/keys/" + coordinator.id().value(), "/grants", Map.of());
        assertThat(given.status()).isEqualTo(302);
        assertThat(given.location()).contains("/grants");
        HttpResponse<String> read = api(second.token(), "GET", "/api/v1/cases/" + caseId, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(NAME);
        assertThat(client.get("/grants").body()).doesNotContain("/grants/keys/");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'user.keys-granted' and org_id = ?").param(org.value()).query(Long.class)
                .single()).as("each grant recorded").isEqualTo(3);
    }

    /**
     * ADR 0006 C.7 (6b): an organisation without a recovery key — one made before this version — is asked for one on its
     * coordinators' staff home, and a coordinator makes it on a page from the keys their session holds; it is shown once,
     * never cached, and gives the keys back when every key holder's grant is lost. A session without keys makes none.
     */
    @Test
    void aCoordinatorMakesTheRecoveryKeyOnAPageFromTheKeysTheirSessionHolds() throws Exception {
        String slug = "recovery-page-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("Recovery page " + slug, slug); // as an organisation made before recovery keys
        Member coordinator = member(org, slug, Role.COORDINATOR);
        LogInHttp client = logIn(coordinator);
        assertThat(client.get("/staff").body()).contains("id=\"no-recovery-key\"").contains("/grants/recovery-key");
        assertThat(client.get("/grants/recovery-key").status()).isEqualTo(200);

        LogInHttp.Response made = client.post("/grants/recovery-key", "/grants/recovery-key", Map.of());
        assertThat(made.status()).isEqualTo(200);
        assertThat(made.headers().entrySet()).filteredOn(header -> header.getKey().equalsIgnoreCase("Cache-Control"))
                .flatExtracting(Map.Entry::getValue).anySatisfy(value -> assertThat(value).contains("no-store"));
        Matcher shown = Pattern.compile("id=\"recovery-key\"[^>]*>([^<]+)<").matcher(made.body());
        assertThat(shown.find()).isTrue();
        String recoveryKey = shown.group(1);
        assertThat(recoveryKey.replaceAll("[^A-Z2-7]", "")).hasSize(52);
        assertThat(client.get("/staff").body()).doesNotContain("no-recovery-key");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'organisation.recovery-key-made' and actor = ?")
                .param(coordinator.id().value().toString()).query(Long.class).single()).isEqualTo(1);

        // Every key holder's grant lost: the key shown once gives the coordinator the keys again.
        jdbc.sql("delete from org_grant where org_id = ? and principal_id in (select id from principal where user_id = ?)")
                .params(org.value(), coordinator.id().value()).update();
        assertThatThrownBy(() -> identity.grantWaitingKeys(coordinator.id(), PASSWORD)).hasMessageContaining("password");
        identity.recover(slug, recoveryKey, coordinator.email());
        assertThat(identity.grantWaitingKeys(coordinator.id(), PASSWORD)).as("their keys open again (nothing else waits)").isZero();

        // A session that holds no keys (as a passkey log-in before "Unlock cases") makes no recovery key.
        jdbc.sql("delete from spring_session_attributes where attribute_name = ?").param(SessionKeys.ATTRIBUTE).update();
        LogInHttp.Response refused = client.post("/grants/recovery-key", "/grants/recovery-key", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("id=\"recovery-key\"");
    }

    /**
     * ADR 0006 C.7: the first coordinator of an organisation whose keys only its recovery key holds (made at its set-up)
     * waits for them, and nobody can give them; typing the recovery key on the coordinators' page grants them, and the
     * password then unlocks them for the session. A wrong key changes nothing.
     */
    @Test
    void theFirstCoordinatorOpensTheKeysThatOnlyTheRecoveryKeyHoldsOnAPage() throws Exception {
        String slug = "recover-page-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("Recover page " + slug, slug);
        String recoveryKey = identity.newRecoveryKey(slug); // as the set-up page and ./haven orgs create make it
        Member coordinator = member(org, slug, Role.COORDINATOR);
        assertThat(identity.waitingForKeys(org)).extracting(OrganisationAdministration.WaitingForKeys::user).containsExactly(coordinator.id());

        LogInHttp client = logIn(coordinator);
        assertThat(client.get("/grants/recover").status()).isEqualTo(200);
        identity.createOrganisation("Other " + slug, "other-" + slug);
        String other = identity.newRecoveryKey("other-" + slug); // a real recovery key, of another organisation
        LogInHttp.Response wrong = client.post("/grants/recover", "/grants/recover", Map.of("recoveryKey", other));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("not your organisation");
        assertThat(identity.waitingForKeys(org)).hasSize(1);

        LogInHttp.Response opened = client.post("/grants/recover", "/grants/recover", Map.of("recoveryKey", recoveryKey.toLowerCase(java.util.Locale.ROOT).replace('-', ' ')));
        assertThat(opened.status()).isEqualTo(302);
        assertThat(opened.location()).contains("/account/unlock");
        assertThat(identity.waitingForKeys(org)).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'organisation.recovered' and actor = ?").param(coordinator.id().value().toString())
                .query(Long.class).single()).isEqualTo(1);
        // The password unlocks the keys for this session: it can now make a recovery key, which needs them.
        assertThat(client.post("/account/unlock", "/account/unlock", Map.of("password", PASSWORD, "next", "/grants")).status()).isEqualTo(302);
        assertThat(client.post("/grants/recovery-key", "/grants/recovery-key", Map.of()).status()).isEqualTo(200);
    }
}
