package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.BadInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Invitation, activation, the TOTP second factor, throttling and API tokens. */
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

    String newOrg() {
        String slug = "org-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Test Org", slug);
        return slug;
    }

    static String code(String secret) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, System.currentTimeMillis() / 1000 / 30);
    }

    /** Invite, activate and log in with the password; returns the session (password factor only). */
    MockHttpSession passwordLogin(String email) throws Exception {
        IdentityManagement.Invitation invitation = identity.invite(newOrg(), email, "caseworker", "Test Caseworker");
        identity.activate(invitation.token(), PASSWORD);
        MvcResult login = mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/mfa")).andReturn();
        return (MockHttpSession) login.getRequest().getSession(false);
    }

    String enrolledSecret(MockHttpSession session) throws Exception {
        String page = mvc.perform(get("/mfa/enrol").session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page);
        assertThat(secret.find()).isTrue();
        assertThat(page).contains("src=\"data:image/png;base64,");
        return secret.group(1);
    }

    @Test
    void passwordAloneShowsNoStaffPageUntilTheSecondFactorIsEnrolled() throws Exception {
        MockHttpSession session = passwordLogin("a-" + UUID.randomUUID() + "@example.org");
        mvc.perform(get("/staff").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/mfa").session(session)).andExpect(redirectedUrl("/mfa/enrol"));
        String secret = enrolledSecret(session);
        mvc.perform(post("/mfa/enrol").session(session).with(csrf()).param("code", "000000")).andExpect(status().isBadRequest());
        String page = mvc.perform(post("/mfa/enrol").session(session).with(csrf()).param("code", code(secret)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(Pattern.compile("<code>[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}</code>").matcher(page).results().count()).isEqualTo(10);
        mvc.perform(get("/staff").session(session)).andExpect(status().isOk());
    }

    @Test
    void enrolledUsersNeedTheirCodeAtEveryLogInAndFiveWrongOnesLockTheAccount() throws Exception {
        String email = "b-" + UUID.randomUUID() + "@example.org";
        MockHttpSession first = passwordLogin(email);
        String secret = enrolledSecret(first);
        mvc.perform(post("/mfa/enrol").session(first).with(csrf()).param("code", code(secret))).andExpect(status().isOk());

        MockHttpSession second = (MockHttpSession) mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/mfa")).andReturn().getRequest().getSession(false);
        mvc.perform(get("/mfa").session(second)).andExpect(status().isOk());
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/mfa").session(second).with(csrf()).param("code", "123456")).andExpect(status().isBadRequest());
        }
        // Locked: even the right code is refused now, and so is the password.
        mvc.perform(post("/mfa").session(second).with(csrf()).param("code", code(secret))).andExpect(status().isBadRequest());
        mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD)).andExpect(redirectedUrl("/login?error"));
        long events = jdbc.sql("select count(*) from audit_event where action = 'auth.locked'").query(Long.class).single();
        assertThat(events).isPositive();
        assertThat(jdbc.sql("select count(*) from audit_event where actor like '%@%'").query(Long.class).single()).isZero();
    }

    @Test
    void theRightCodeCompletesTheLogIn() throws Exception {
        String email = "c-" + UUID.randomUUID() + "@example.org";
        MockHttpSession first = passwordLogin(email);
        String secret = enrolledSecret(first);
        mvc.perform(post("/mfa/enrol").session(first).with(csrf()).param("code", code(secret))).andExpect(status().isOk());
        MockHttpSession second = (MockHttpSession) mvc.perform(post("/login").with(csrf()).param("username", email).param("password", PASSWORD))
                .andReturn().getRequest().getSession(false);
        mvc.perform(post("/mfa").session(second).with(csrf()).param("code", code(secret))).andExpect(redirectedUrl("/staff"));
        mvc.perform(get("/staff").session(second)).andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(email)));
    }

    @Test
    void weakPasswordsExpiredLinksAndBadInvitationsAreRefusedCreatingNothing() throws Exception {
        String slug = newOrg();
        IdentityManagement.Invitation invitation = identity.invite(slug, "d-" + UUID.randomUUID() + "@example.org", "lawyer", null);
        mvc.perform(post("/activate/" + invitation.token()).with(csrf()).param("password", "password1234").param("repeat", "password1234"))
                .andExpect(status().isBadRequest()).andExpect(content().string(org.hamcrest.Matchers.containsString("too common")));
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
        mvc.perform(get("/api/v1/cases").header("Authorization", "Bearer " + token)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/cases").header("Authorization", "Bearer hvn_wrong")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/cases")).andExpect(status().isUnauthorized());
        jdbc.sql("update api_token set revoked_at = current_timestamp").update();
        mvc.perform(get("/api/v1/cases").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        assertThatThrownBy(() -> identity.createApiToken(email, 0)).isInstanceOf(BadInputException.class);
    }
}
