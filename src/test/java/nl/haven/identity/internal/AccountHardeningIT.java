package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Attacks on staff accounts (issue #15, accounts), each through the real HTTP server: a TOTP code used twice, an
 * ADMIN making a case-reading account for an address of their own, links built from a forged Host header, a
 * deactivated user's calendar address, passwords built on the organisation or the address, a self-service password
 * change, password hashes below OWASP's Argon2id minimum.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountHardeningIT {
    static final String PASSWORD = "amber quarry nightingale forty";
    static final Pattern LINK = Pattern.compile("id=\"activation-link\"[^>]*>([^<]+)<");

    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    record Staff(UserId id, String email, String secret) {
    }

    String newOrg(String name) {
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation(name == null ? "Test Organisation " + slug : name, slug);
        return slug;
    }

    /** A user created on the server's command line (no four eyes there), enrolled with the code of the previous time step. */
    Staff staff(String slug, String role) throws Exception {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role, "Test " + role);
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), code(enrolment.secret(), -1));
        return new Staff(invitation.user(), email, enrolment.secret());
    }

    /** The TOTP code of the time step {@code offset} steps from now (the server accepts ±1). */
    static String code(String secret, int offset) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, Instant.now().getEpochSecond() / 30 + offset);
    }

    LogInHttp.Response password(LogInHttp client, String email, String password) throws Exception {
        return client.post("/login", "/login", Map.of("username", email, "password", password));
    }

    /** Password and the code of {@code step} (offset from now): the full log-in. */
    LogInHttp logIn(Staff staff, int step) throws Exception {
        LogInHttp client = new LogInHttp(port);
        assertThat(password(client, staff.email(), PASSWORD).location()).endsWith("/mfa");
        assertThat(client.post("/mfa", "/mfa", Map.of("code", code(staff.secret(), step))).location()).endsWith("/staff");
        return client;
    }

    // --- issue #23, ADR 0006 step 5: a key pair for an account from before it existed, made at its next log-in ------

    @Test
    void aPasswordLogInGivesAnAccountWithoutAKeyPairOneAndAWrongPasswordDoesNot() throws Exception {
        Staff staff = staff(newOrg(null), "CASEWORKER");
        // As an account activated before this version: no key pair.
        jdbc.sql("delete from principal_wrap where principal_id in (select id from principal where owner_id = ?)").param(staff.id().value()).update();
        jdbc.sql("delete from principal where owner_id = ?").param(staff.id().value()).update();

        assertThat(password(new LogInHttp(port), staff.email(), "amber quarry nightingale forty-one").location()).contains("/login?error");
        assertThat(principalOf(staff)).as("after a wrong password").isEmpty();

        assertThat(password(new LogInHttp(port), staff.email(), PASSWORD).location()).endsWith("/mfa");
        String made = principalOf(staff).orElseThrow();
        assertThat(jdbc.sql("select count(*) from principal_wrap w join principal p on p.id = w.principal_id where p.owner_id = ? and w.kind = 'PASSWORD'")
                .param(staff.id().value()).query(Long.class).single()).isOne();

        // The next log-in keeps it (it is opened at log-in from a later step on, not made again).
        logIn(staff, 0);
        assertThat(principalOf(staff)).contains(made);
    }

    Optional<String> principalOf(Staff staff) {
        return jdbc.sql("select id from principal where owner_id = ?").param(staff.id().value()).query(String.class).optional();
    }

    // --- 5: a TOTP code works once --------------------------------------------------------------------------------

    @Test
    void aTotpCodeThatLoggedInOnceIsRefusedTheSecondTime() throws Exception {
        Staff staff = staff(newOrg(null), "CASEWORKER");
        String code = code(staff.secret(), 0);
        LogInHttp first = new LogInHttp(port);
        assertThat(password(first, staff.email(), PASSWORD).location()).endsWith("/mfa");
        assertThat(first.post("/mfa", "/mfa", Map.of("code", code)).location()).endsWith("/staff");

        // Someone who saw the code (and knows the password) replays it within its 90 seconds: refused.
        LogInHttp replay = new LogInHttp(port);
        assertThat(password(replay, staff.email(), PASSWORD).location()).endsWith("/mfa");
        LogInHttp.Response again = replay.post("/mfa", "/mfa", Map.of("code", code));
        assertThat(again.status()).isEqualTo(400);
        assertThat(replay.get("/staff").status()).as("no role after a replayed code").isNotEqualTo(200);
        // An earlier step than the last one accepted is refused too; the next step still works.
        assertThat(replay.post("/mfa", "/mfa", Map.of("code", code(staff.secret(), -1))).status()).isEqualTo(400);
        assertThat(replay.post("/mfa", "/mfa", Map.of("code", code(staff.secret(), 1))).location()).endsWith("/staff");
    }

    // --- 10: four eyes for case-reading roles ---------------------------------------------------------------------

    @Test
    void anAdminCannotGiveACaseReadingRoleWithoutACoordinatorsApproval() throws Exception {
        String slug = newOrg(null);
        Staff admin = staff(slug, "ADMIN");
        Staff coordinator = staff(slug, "COORDINATOR");
        LogInHttp adminClient = logIn(admin, 0);

        // The ADMIN invites an address of their own as COORDINATOR: no activation link for them, and none that works.
        String mine = "admin-alias-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        LogInHttp.Response invited = adminClient.post("/admin/users", "/admin/users", Map.of("email", mine, "displayName", "Alias",
                "role", "COORDINATOR"));
        String page = invited.status() == 302 ? adminClient.get(invited.location().replaceFirst("^https?://[^/]+", "")).body() : invited.body();
        assertThat(page).doesNotContain("/activate/");
        UUID invitee = jdbc.sql("select id from app_user where email = ?").param(mine).query(UUID.class).single();
        assertThat(jdbc.sql("select count(*) from app_user where id = ? and activation_hash is not null").param(invitee).query(Long.class)
                .single()).as("no activation link exists before approval").isZero();

        // Nor can the ADMIN make themselves a case reader (with a second ADMIN, so that the last-ADMIN rule is not why).
        staff(slug, "ADMIN");
        adminClient.post("/admin/users/" + admin.id().value() + "/role", "/admin/users", Map.of("role", "COORDINATOR"));
        assertThat(jdbc.sql("select role from app_user where id = ?").param(admin.id().value()).query(String.class).single()).isEqualTo("ADMIN");
        assertThat(adminClient.get("/cases").status()).isNotEqualTo(200);

        // A coordinator of the organisation sees both requests and approves the invitation: the link is shown to them.
        LogInHttp coordinatorClient = logIn(coordinator, 0);
        String grants = coordinatorClient.get("/grants").body();
        assertThat(grants).contains(mine);
        String grant = jdbc.sql("select id from role_grant where user_id = ?").param(invitee).query(UUID.class).single().toString();
        LogInHttp.Response approved = coordinatorClient.post("/grants/" + grant + "/approve", "/grants", Map.of());
        assertThat(approved.status()).isEqualTo(200);
        Matcher link = LINK.matcher(approved.body());
        assertThat(link.find()).as("the activation link, for the coordinator").isTrue();
        String path = link.group(1).replaceFirst("^https?://[^/]+", "");
        assertThat(new LogInHttp(port).get(path).status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'user.role-grant-approved' and subject_id = ? and actor = ?")
                .params(invitee.toString(), coordinator.id().value().toString()).query(Long.class).single()).isEqualTo(1);

        // The ADMIN's own request for COORDINATOR is refused by the coordinator: the ADMIN stays an ADMIN.
        String own = jdbc.sql("select id from role_grant where user_id = ?").param(admin.id().value()).query(UUID.class).single().toString();
        assertThat(coordinatorClient.post("/grants/" + own + "/refuse", "/grants", Map.of()).status()).isEqualTo(302);
        assertThat(jdbc.sql("select role from app_user where id = ?").param(admin.id().value()).query(String.class).single()).isEqualTo("ADMIN");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'user.role-grant-refused' and subject_id = ?")
                .param(admin.id().value().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aNewActivationLinkForACaseReadingAccountAlsoWaitsForACoordinator() throws Exception {
        String slug = newOrg(null);
        Staff admin = staff(slug, "ADMIN");
        // Invited on the server's command line as INTAKE, never activated; the ADMIN voids the link and asks for a new one.
        IdentityManagement.Invitation invitation = identity.invite(slug, "intake-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
                "INTAKE", null);
        LogInHttp adminClient = logIn(admin, 0);
        String user = invitation.user().value().toString();
        assertThat(adminClient.post("/admin/users/" + user + "/deactivate", "/admin/users", Map.of("confirmed", "true")).status()).isEqualTo(302);
        LogInHttp.Response reactivated = adminClient.post("/admin/users/" + user + "/reactivate", "/admin/users", Map.of());
        assertThat(reactivated.status()).as("no page with a link, a notice instead").isEqualTo(302);
        assertThat(adminClient.get("/admin/users").body()).doesNotContain("/activate/").contains("Awaiting a coordinator");
        assertThat(jdbc.sql("select count(*) from app_user where id = ? and activation_hash is not null").param(invitation.user().value())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select kind from role_grant where user_id = ?").param(invitation.user().value()).query(String.class).single())
                .isEqualTo("INVITE");
        // Asking again while it waits is refused with a reason, not a second request.
        assertThat(adminClient.post("/admin/users/" + user + "/reactivate", "/admin/users", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void theAdminCannotApproveGrantsAndAnAnalystInvitationNeedsNoApproval() throws Exception {
        String slug = newOrg(null);
        Staff admin = staff(slug, "ADMIN");
        LogInHttp adminClient = logIn(admin, 0);
        assertThat(adminClient.get("/grants").status()).isEqualTo(403);
        String analyst = "analyst-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        LogInHttp.Response invited = adminClient.post("/admin/users", "/admin/users", Map.of("email", analyst, "displayName", "An", "role", "ANALYST"));
        assertThat(LINK.matcher(invited.body()).find()).as("a role without case access: the link at once").isTrue();
    }

    // --- 16: links from the configured address, never from the Host header ------------------------------------------

    @Test
    void linksAreBuiltFromThePublicAddressNotFromAForgedHostHeader() throws Exception {
        String slug = newOrg(null);
        Staff admin = staff(slug, "ADMIN");
        LogInHttp client = logIn(admin, 0);
        client.host = "attacker.example:" + port;
        String email = "analyst-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        LogInHttp.Response invited = client.post("/admin/users", "/admin/users", Map.of("email", email, "displayName", "An", "role", "ANALYST"));
        Matcher link = LINK.matcher(invited.body());
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).doesNotContain("attacker.example").startsWith("http://localhost:" + port + "/activate/");

        Staff caseworker = staff(slug, "CASEWORKER");
        LogInHttp api = new LogInHttp(port);
        api.host = "attacker.example";
        LogInHttp.Response calendar = api.postJson("/api/v1/account/calendar", "",
                Map.of("Authorization", "Bearer " + identity.createApiToken(caseworker.email(), 1), "Accept", "application/json"));
        assertThat(calendar.status()).isEqualTo(201);
        assertThat(calendar.body()).doesNotContain("attacker.example").contains("http://localhost:" + port + "/calendar/");
    }

    /**
     * A redirect is a link too: the log-in page, the second factor and a failed log-in must not send a browser to the
     * host a forged Host header names (cache poisoning, links in a proxy's logs).
     */
    @Test
    void redirectsNeverNameAForgedHost() throws Exception {
        Staff staff = staff(newOrg(null), "CASEWORKER");
        LogInHttp anonymous = new LogInHttp(port);
        anonymous.host = "attacker.example";
        LogInHttp.Response toLogIn = anonymous.get("/cases");
        assertThat(toLogIn.status()).isEqualTo(302);
        assertThat(toLogIn.location()).doesNotContain("attacker.example").endsWith("/login");
        LogInHttp client = new LogInHttp(port);
        client.host = "attacker.example";
        LogInHttp.Response failed = password(client, staff.email(), "not the password at all");
        assertThat(failed.location()).doesNotContain("attacker.example").contains("/login?error");
        LogInHttp.Response toSecondFactor = password(client, staff.email(), PASSWORD);
        assertThat(toSecondFactor.location()).doesNotContain("attacker.example").endsWith("/mfa");
    }

    // --- 18: a deactivated user's calendar address is destroyed ---------------------------------------------------------

    @Test
    void aDeactivatedUsersCalendarAddressStaysDeadAfterReactivation() throws Exception {
        String slug = newOrg(null);
        Staff admin = staff(slug, "ADMIN");
        Staff caseworker = staff(slug, "CASEWORKER");
        LogInHttp api = new LogInHttp(port);
        LogInHttp.Response created = api.postJson("/api/v1/account/calendar", "",
                Map.of("Authorization", "Bearer " + identity.createApiToken(caseworker.email(), 1), "Accept", "application/json"));
        String url = created.body().replaceAll("(?s).*\"url\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String feed = url.replaceFirst("^https?://[^/]+", "");
        assertThat(new LogInHttp(port).get(feed).status()).isEqualTo(200);

        LogInHttp adminClient = logIn(admin, 0);
        String user = caseworker.id().value().toString();
        assertThat(adminClient.post("/admin/users/" + user + "/deactivate", "/admin/users", Map.of("confirmed", "true")).status()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from calendar_token where user_id = ?").param(caseworker.id().value()).query(Long.class).single())
                .as("the secret is destroyed, not suspended").isZero();
        assertThat(adminClient.post("/admin/users/" + user + "/reactivate", "/admin/users", Map.of()).status()).isEqualTo(302);
        assertThat(new LogInHttp(port).get(feed).status()).isEqualTo(404);
    }

    // --- 17: passwords ----------------------------------------------------------------------------------------------

    @Test
    void passwordsBuiltOnTheOrganisationOrTheAddressAreRefused() throws Exception {
        String slug = newOrg("Quartz Lighthouse Collective");
        String email = "marigold.fenwick-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "CASEWORKER", "Marigold");
        LogInHttp client = new LogInHttp(port);
        String activate = "/activate/" + invitation.token();
        for (String weak : new String[] { "quartz lighthouse collective 1987 amber", "marigold fenwick sings loudly tonight", slug + " violet cargo" }) {
            LogInHttp.Response refused = client.post(activate, activate, Map.of("password", weak, "repeat", weak));
            assertThat(refused.status()).as(weak).isEqualTo(400);
            assertThat(refused.body()).contains("The password contains your e-mail address, part of it, or your organisation");
        }
        assertThat(client.post(activate, activate, Map.of("password", PASSWORD, "repeat", PASSWORD)).location()).contains("/login?activated");
    }

    @Test
    void aLoggedInUserChangesTheirPasswordWithTheCurrentOneAndACode() throws Exception {
        Staff staff = staff(newOrg(null), "LAWYER");
        LogInHttp client = logIn(staff, 0);
        String changed = "copper meadow whistle ninety";
        String hash = jdbc.sql("select password_hash from app_user where id = ?").param(staff.id().value()).query(String.class).single();

        // A session alone is not enough: a wrong current password, or no (or a used) code, changes nothing.
        LogInHttp.Response wrongPassword = client.post("/account/password", "/account/password", Map.of("currentPassword", "not my password at all",
                "code", code(staff.secret(), 1), "password", changed, "repeat", changed));
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(wrongPassword.body()).contains("The current password is not right.");
        LogInHttp.Response usedCode = client.post("/account/password", "/account/password", Map.of("currentPassword", PASSWORD,
                "code", code(staff.secret(), 0), "password", changed, "repeat", changed));
        assertThat(usedCode.status()).isEqualTo(400);
        assertThat(jdbc.sql("select password_hash from app_user where id = ?").param(staff.id().value()).query(String.class).single()).isEqualTo(hash);

        LogInHttp.Response done = client.post("/account/password", "/account/password", Map.of("currentPassword", PASSWORD,
                "code", code(staff.secret(), 1), "password", changed, "repeat", changed));
        assertThat(done.status()).isEqualTo(302);
        assertThat(password(new LogInHttp(port), staff.email(), PASSWORD).location()).contains("/login?error");
        assertThat(password(new LogInHttp(port), staff.email(), changed).location()).endsWith("/mfa");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'user.password-changed' and subject_id = ?")
                .param(staff.id().value().toString()).query(Long.class).single()).isEqualTo(1);
    }

    // --- 23: Argon2id at least 19 MiB, 2 passes; older hashes upgraded at log-in ---------------------------------------

    @Test
    void passwordHashesMeetOwaspsArgon2idMinimumAndWeakerOnesAreUpgradedAtLogIn() throws Exception {
        Staff staff = staff(newOrg(null), "CASEWORKER");
        String hash = jdbc.sql("select password_hash from app_user where id = ?").param(staff.id().value()).query(String.class).single();
        assertThat(memoryKib(hash)).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(passes(hash)).isGreaterThanOrEqualTo(2);

        // A hash from before (Spring Security 5.8's defaults: 16 MiB) still verifies and is replaced at the next log-in.
        String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
        assertThat(memoryKib(old)).isLessThan(19 * 1024);
        jdbc.sql("update app_user set password_hash = ? where id = ?").params(old, staff.id().value()).update();
        assertThat(password(new LogInHttp(port), staff.email(), PASSWORD).location()).endsWith("/mfa");
        String upgraded = jdbc.sql("select password_hash from app_user where id = ?").param(staff.id().value()).query(String.class).single();
        assertThat(upgraded).isNotEqualTo(old);
        assertThat(memoryKib(upgraded)).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(passes(upgraded)).isGreaterThanOrEqualTo(2);
        assertThat(password(new LogInHttp(port), staff.email(), PASSWORD).location()).endsWith("/mfa");
    }

    static int memoryKib(String phc) {
        return Integer.parseInt(phc.replaceAll("(?s).*[$,]m=(\\d+).*", "$1"));
    }

    static int passes(String phc) {
        return Integer.parseInt(phc.replaceAll("(?s).*[$,]t=(\\d+).*", "$1"));
    }
}
