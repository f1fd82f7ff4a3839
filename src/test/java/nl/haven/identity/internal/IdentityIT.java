package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.StaffSessionSecrets;
import nl.haven.shared.BadInputException;
import nl.haven.testing.TotpCodes;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Invitation, activation, the TOTP second factor, throttling, the staff session (in the database) and API tokens. */
@SpringBootTest
@AutoConfigureMockMvc
class IdentityIT {
    static final String PASSWORD = "violet harbour lantern seventeen";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffSessionSecrets sessionSecrets;

    String newOrg() {
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Test Org", slug);
        return slug;
    }

    static String code(String secret) throws Exception {
        // A step not used before for this secret: Haven accepts each code once.
        return TotpCodes.fresh(secret);
    }

    /**
     * A browser's side of a staff session: the {@code SESSION} cookie that Spring Session sets, replaced
     * whenever a response sets a new one (a new session id) and dropped when one ends it.
     */
    final class Browser {
        @org.jspecify.annotations.Nullable
        Cookie session;

        ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
            if (session != null) {
                request.cookie(session);
            }
            ResultActions actions = mvc.perform(request);
            Cookie set = actions.andReturn().getResponse().getCookie("SESSION");
            if (set != null) {
                session = set.getMaxAge() == 0 ? null : set;
            }
            return actions;
        }

        /** The session's id in the database: the keyed hash of the secret in the cookie (issue #15), never the secret. */
        String sessionId() {
            assertThat(session).as("a session cookie").isNotNull();
            return sessionSecrets.storedId(new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII));
        }
    }

    /** Invite, activate and log in with the password; returns the browser (password factor only). */
    Browser passwordLogin(String email) throws Exception {
        IdentityManagement.Invitation invitation = identity.invite(newOrg(), email, "caseworker", "Test Caseworker");
        identity.activate(invitation.token(), PASSWORD);
        Browser browser = new Browser();
        browser.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD)).andExpect(redirectedUrl("/mfa"));
        return browser;
    }

    String enrolledSecret(Browser browser) throws Exception {
        String page = browser.perform(get("/mfa/enrol")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page);
        assertThat(secret.find()).isTrue();
        assertThat(page).contains("src=\"data:image/png;base64,");
        return secret.group(1);
    }

    @Test
    void passwordAloneShowsNoStaffPageUntilTheSecondFactorIsEnrolled() throws Exception {
        Browser browser = passwordLogin("a-" + UUID.randomUUID() + "@example.org");
        // No staff page; sent back to the step they are on, where they can also log out (issue #19, point 7).
        browser.perform(get("/staff")).andExpect(redirectedUrl("/mfa"));
        browser.perform(get("/mfa")).andExpect(redirectedUrl("/mfa/enrol"));
        String secret = enrolledSecret(browser);
        browser.perform(post("/mfa/enrol").with(csrf()).param("code", "000000")).andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.containsString(secret))); // the same secret, shown again
        String page = browser.perform(post("/mfa/enrol").with(csrf()).param("code", code(secret)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Pattern.compile("<code>[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}</code>").matcher(page).results().count()).isEqualTo(10);
        browser.perform(get("/staff")).andExpect(status().isOk());
    }

    @Test
    void theSecretBeingEnrolledIsSealedInTheUserRowAndNeverInTheSessionStore() throws Exception {
        String email = "s-" + UUID.randomUUID() + "@example.org";
        Browser browser = passwordLogin(email);
        String secret = enrolledSecret(browser);
        byte[] plain = secret.getBytes(StandardCharsets.UTF_8);

        // Spring Session stores attributes as plain serialised Java: only the security context is there, and the
        // organisation's keys wrapped under the cookie's secret (SessionKeys, ADR 0006 C.4; SessionKeysIT)
        // (and the CSRF token of Spring Security Test's csrf(), which keeps it in the session; Haven keeps it in a cookie).
        assertThat(jdbc.sql("select a.attribute_name from spring_session_attributes a join spring_session s on s.primary_id = a.session_primary_id "
                + "where s.session_id = ?").param(browser.sessionId()).query(String.class).list())
                .filteredOn(name -> !name.equals("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN"))
                .containsExactlyInAnyOrder("SPRING_SECURITY_CONTEXT", SessionKeys.ATTRIBUTE);
        assertThat(jdbc.sql("select attribute_bytes from spring_session_attributes").query(byte[].class).list())
                .isNotEmpty().noneMatch(bytes -> contains(bytes, plain));
        byte[] sealed = jdbc.sql("select totp_secret from app_user where email = ?").param(email).query(byte[].class).single();
        assertThat(sealed).isNotNull();
        assertThat(contains(sealed, plain)).isFalse();
        assertThat(jdbc.sql("select totp_enrolled from app_user where email = ?").param(email).query(Boolean.class).single()).isFalse();

        // Pending is not enrolled: the secret's codes do not pass the log-in's second factor.
        Browser other = new Browser();
        other.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD)).andExpect(redirectedUrl("/mfa"));
        other.perform(get("/mfa")).andExpect(redirectedUrl("/mfa/enrol"));
        other.perform(post("/mfa").with(csrf()).param("code", code(secret))).andExpect(status().isBadRequest());
        other.perform(get("/staff")).andExpect(redirectedUrl("/mfa"));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theSessionIdChangesAtLogInAndAfterTheSecondFactorAndTheSessionIdlesOutAfterThirtyMinutes() throws Exception {
        String email = "f-" + UUID.randomUUID() + "@example.org";
        Browser browser = passwordLogin(email);
        String afterPassword = browser.sessionId();
        Cookie passwordCookie = browser.session;
        String secret = enrolledSecret(browser);
        browser.perform(post("/mfa/enrol").with(csrf()).param("code", code(secret))).andExpect(status().isOk());
        String afterSecondFactor = browser.sessionId();
        assertThat(afterSecondFactor).isNotEqualTo(afterPassword);
        assertThat(browser.session.isHttpOnly()).isTrue();
        assertThat(browser.session.getAttribute("SameSite")).isEqualTo("Strict");
        // The session's idle timeout is server.servlet.session.timeout (30 min), in the session store.
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where session_id = ?").param(afterSecondFactor)
                .query(Integer.class).single()).isEqualTo(30 * 60);
        assertThat(jdbc.sql("select count(*) from spring_session where session_id = ?").param(afterPassword).query(Long.class).single()).isZero();
        browser.perform(get("/staff")).andExpect(status().isOk());
        // The id before the second factor is worth nothing now.
        mvc.perform(get("/staff").accept(MediaType.TEXT_HTML).cookie(passwordCookie)).andExpect(status().isFound()).andExpect(header().string("Location", endsWith("/login")));

        // A new log-in from a browser that still holds a session gets a new id for it.
        browser.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD)).andExpect(redirectedUrl("/mfa"));
        assertThat(browser.sessionId()).isNotEqualTo(afterSecondFactor);
        browser.perform(post("/mfa").with(csrf()).param("code", code(secret))).andExpect(redirectedUrl("/staff"));

        // Idle for longer than the timeout: the session is gone.
        jdbc.sql("update spring_session set last_access_time = last_access_time - ?, expiry_time = expiry_time - ? where session_id = ?")
                .params(31 * 60 * 1000L, 31 * 60 * 1000L, browser.sessionId()).update();
        browser.perform(get("/staff").accept(MediaType.TEXT_HTML)).andExpect(status().isFound()).andExpect(header().string("Location", endsWith("/login")));
    }

    @Test
    void enrolledUsersNeedTheirCodeAtEveryLogInAndFiveWrongOnesLockTheAccount() throws Exception {
        String email = "b-" + UUID.randomUUID() + "@example.org";
        Browser first = passwordLogin(email);
        String secret = enrolledSecret(first);
        first.perform(post("/mfa/enrol").with(csrf()).param("code", code(secret))).andExpect(status().isOk());

        Browser second = new Browser();
        second.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD)).andExpect(redirectedUrl("/mfa"));
        second.perform(get("/mfa")).andExpect(status().isOk());
        for (int i = 0; i < 5; i++) {
            second.perform(post("/mfa").with(csrf()).param("code", "123456")).andExpect(status().isBadRequest());
        }
        // Locked: even the right code is refused now, and so is the password.
        second.perform(post("/mfa").with(csrf()).param("code", code(secret))).andExpect(status().isBadRequest());
        mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD)).andExpect(redirectedUrl("/login?error"));
        long events = jdbc.sql("select count(*) from audit_event where action = 'auth.locked'").query(Long.class).single();
        assertThat(events).isPositive();
        assertThat(jdbc.sql("select count(*) from audit_event where actor like '%@%'").query(Long.class).single()).isZero();
    }

    @Test
    void fiveWrongCodesDuringEnrolmentAreCountedAuditedAndLockTheAccount() throws Exception {
        String email = "e-" + UUID.randomUUID() + "@example.org";
        Browser browser = passwordLogin(email);
        String secret = enrolledSecret(browser);
        UUID user = jdbc.sql("select id from app_user where email = ?").param(email).query(UUID.class).single();
        for (int i = 0; i < 5; i++) {
            browser.perform(post("/mfa/enrol").with(csrf()).param("code", "000000")).andExpect(status().isBadRequest());
        }
        // The fifth failure makes the account wait (growing delays; the count goes on until a success).
        assertThat(jdbc.sql("select locked_until from app_user where id = ?").param(user).query(OffsetDateTime.class).single())
                .isAfter(OffsetDateTime.now());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'auth.second-factor-failed' and subject_id = ?")
                .param(user.toString()).query(Long.class).single()).isEqualTo(5);
        // Locked: the right code no longer enrols.
        browser.perform(post("/mfa/enrol").with(csrf()).param("code", code(secret))).andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select totp_enrolled from app_user where id = ?").param(user).query(Boolean.class).single()).isFalse();
    }

    @Test
    void theRightCodeCompletesTheLogIn() throws Exception {
        String email = "c-" + UUID.randomUUID() + "@example.org";
        Browser first = passwordLogin(email);
        String secret = enrolledSecret(first);
        first.perform(post("/mfa/enrol").with(csrf()).param("code", code(secret))).andExpect(status().isOk());
        Browser second = new Browser();
        second.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD));
        second.perform(post("/mfa").with(csrf()).param("code", code(secret))).andExpect(redirectedUrl("/staff"));
        second.perform(get("/staff")).andExpect(status().isOk()).andExpect(content().string(Matchers.containsString(email)));
    }

    @Test
    void weakPasswordsExpiredLinksAndBadInvitationsAreRefusedCreatingNothing() throws Exception {
        String slug = newOrg();
        IdentityManagement.Invitation invitation = identity.invite(slug, "d-" + UUID.randomUUID() + "@example.org", "lawyer", null);
        mvc.perform(post("/activate/" + invitation.token()).with(csrf()).param("password", "password1234").param("repeat", "password1234"))
                .andExpect(status().isBadRequest()).andExpect(content().string(Matchers.containsString("too common")));
        mvc.perform(post("/activate/" + invitation.token()).with(csrf()).param("password", "short").param("repeat", "short"))
                .andExpect(status().isBadRequest());
        assertThat(identity.activationValid(invitation.token())).isTrue();
        mvc.perform(post("/activate/" + invitation.token()).with(csrf()).param("password", PASSWORD).param("repeat", PASSWORD))
                .andExpect(redirectedUrl("/login?activated"));
        mvc.perform(get("/activate/" + invitation.token())).andExpect(status().isNotFound());

        long users = jdbc.sql("select count(*) from app_user").query(Long.class).single();
        assertThatThrownBy(() -> identity.invite(slug, "not-an-email", "lawyer", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("e-mail");
        assertThatThrownBy(() -> identity.invite(slug, "e@example.org", "janitor", null)).hasMessageContaining("'janitor'");
        assertThatThrownBy(() -> identity.invite("no-such-org", "e@example.org", "lawyer", null)).hasMessageContaining("'no-such-org'");
        assertThatThrownBy(() -> identity.createOrganisation("Again", slug)).hasMessageContaining("taken");
        assertThatThrownBy(() -> identity.createOrganisation("Bad", "Bad Slug")).hasMessageContaining("not valid");
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(users);
    }

    @Test
    void apiTokensAuthenticateTheApiAndAreStoredOnlyAsHashes() throws Exception {
        String email = "e-" + UUID.randomUUID() + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(newOrg(), email, "coordinator", null);
        identity.activate(invitation.token(), PASSWORD);
        String token = identity.createApiToken(email, 30);
        assertThat(token).startsWith("hvn_");
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?").param(token).query(Long.class).single()).isZero();
        mvc.perform(get("/api/v1/cases").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/cases").header("Authorization", "Bearer hvn_wrong")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/cases")).andExpect(status().isUnauthorized());
        jdbc.sql("update api_token set revoked_at = current_timestamp").update();
        mvc.perform(get("/api/v1/cases").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        assertThatThrownBy(() -> identity.createApiToken(email, 0)).isInstanceOf(BadInputException.class);
    }
}
