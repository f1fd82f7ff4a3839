package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.TotpCodes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Organisations and staff users built only through the identity module's own API (invitation,
 * activation, TOTP enrolment), and their log-ins through the real log-in pages. The identity module's tests use it;
 * other modules' tests take {@link nl.haven.testing.StaffFixture} (one user per role, with API tokens).
 */
final class LogInFixture {
    static final String PASSWORD = "amber quarry nightingale forty";

    private final IdentityManagement identity;
    private final MockMvc mvc;
    private final JdbcClient jdbc;

    LogInFixture(IdentityManagement identity, MockMvc mvc, JdbcClient jdbc) {
        this.identity = identity;
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** A staff user with a password and an enrolled second factor. */
    record Staff(UserId id, OrgId org, String slug, String email, String secret) {
        UUID uuid() {
            return id.value();
        }
    }

    /** An audit event as the tests compare it. */
    record Event(String action, String actor, String subjectId) {
    }

    String newOrg() {
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Test Organisation " + slug, slug);
        return slug;
    }

    Staff staff(String slug, String role) throws Exception {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role, "Test " + role);
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        OrgId org = new OrgId(jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single());
        return new Staff(invitation.user(), org, slug, email, enrolment.secret());
    }

    /** A staff user who has set a password but not yet set up the second factor (the set-up not finished). */
    Staff unenrolled(String slug, String role) throws Exception {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role, "Test " + role);
        identity.activate(invitation.token(), PASSWORD);
        OrgId org = new OrgId(jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single());
        return new Staff(invitation.user(), org, slug, email, "");
    }

    static String code(String secret) throws Exception {
        // A step not used before for this secret: Haven accepts each code once.
        return TotpCodes.fresh(secret);
    }

    /**
     * Password only: the session may reach the second-factor pages and nothing else. Sessions live in Spring Session
     * (the database), so the test carries the {@code SESSION} cookie as a browser does, not a MockHttpSession.
     */
    Cookie passwordOnly(Staff staff) throws Exception {
        Cookie session = mvc.perform(post("/login").with(csrf()).param("username", staff.email()).param("password", PASSWORD))
                .andExpect(redirectedUrl("/mfa")).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).as("the session cookie of the password step").isNotNull();
        return session;
    }

    /** A full log-in: password, then the TOTP code; the session id changes with the second factor. */
    Cookie logIn(Staff staff) throws Exception {
        Cookie session = passwordOnly(staff);
        Cookie renewed = mvc.perform(post("/mfa").cookie(session).with(csrf()).param("code", code(staff.secret())))
                .andExpect(redirectedUrl("/staff")).andReturn().getResponse().getCookie("SESSION");
        return renewed != null ? renewed : session;
    }

    long lastEvent() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
    }

    List<Event> eventsSince(long seq) {
        return jdbc.sql("select action, actor, subject_id from audit_event where seq > ? order by seq").param(seq)
                .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
