package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import nl.haven.identity.IdentityManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #19 point 7: log-out at every step of the log-in, and the language kept through it.
 * <ul>
 * <li>Someone who has given the password but not finished setting up the second factor and asks for a staff page is sent
 * back to that step (where the header has Log out), not shown "error 403" with no way out; the log-out then ends the
 * session.</li>
 * <li>A 403 page shown to a logged-in staff member (an analyst asking for the cases) has the header with Log out.</li>
 * <li>The language chosen on the log-in page (?lang=) survives a wrong password, the password step, the second factor,
 * the second-factor set-up with its recovery codes, and the log-out.</li>
 * </ul>
 */
@SpringBootTest
@AutoConfigureMockMvc
class LogInStepsIT {
    static final String LOG_OUT = "action=\"/logout";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    LogInFixture fixture;
    String slug;

    @BeforeEach
    void organisation() {
        fixture = new LogInFixture(identity, mvc, jdbc);
        slug = fixture.newOrg();
    }

    MockHttpServletResponse page(String path, Cookie session) throws Exception {
        return mvc.perform(get(path).cookie(session).accept(MediaType.TEXT_HTML)).andReturn().getResponse();
    }

    static void assertLogOutForm(String html, String where) {
        assertThat(html).as(where).contains(LOG_OUT);
        assertThat(html.substring(html.indexOf(LOG_OUT))).as(where + ": the log-out form carries its CSRF token").contains("name=\"_csrf\"");
    }

    @Test
    void someoneWhoHasNotFinishedTheSecondFactorSetUpIsSentBackToItAndCanLogOut() throws Exception {
        LogInFixture.Staff newcomer = fixture.unenrolled(slug, "CASEWORKER");
        Cookie session = fixture.passwordOnly(newcomer);
        MockHttpServletResponse setUp = page("/mfa/enrol?lang=en", session);
        assertThat(setUp.getStatus()).isEqualTo(200);
        assertLogOutForm(setUp.getContentAsString(), "/mfa/enrol");
        // The log-in page again, halfway: Log out is there too.
        assertLogOutForm(page("/login?lang=en", session).getContentAsString(), "/login halfway");

        // The links of the public header and any bookmarked staff page lead back to the unfinished step, not to a dead end.
        for (String path : new String[] { "/staff?lang=nl", "/cases?lang=nl", "/account/passkeys?lang=nl", "/account/notifications?lang=nl",
                "/statistics?lang=nl", "/admin/users?lang=nl" }) {
            MockHttpServletResponse answer = page(path, session);
            assertThat(answer.getStatus()).as(path).isEqualTo(302);
            assertThat(answer.getRedirectedUrl()).as(path).isEqualTo("/mfa?lang=nl");
        }
        MockHttpServletResponse back = page("/mfa?lang=nl", session);
        assertThat(back.getRedirectedUrl()).isEqualTo("/mfa/enrol?lang=nl");
        String dutch = page(back.getRedirectedUrl(), session).getContentAsString();
        assertThat(dutch).contains("lang=\"nl\"", ">Uitloggen<");
        assertLogOutForm(dutch, "/mfa/enrol in Dutch");

        // The API stays a plain refusal.
        assertThat(mvc.perform(get("/api/v1/cases").cookie(session)).andReturn().getResponse().getStatus()).isEqualTo(403);

        MockHttpServletResponse out = mvc.perform(post("/logout?lang=nl").cookie(session).with(csrf())).andReturn().getResponse();
        assertThat(out.getRedirectedUrl()).isEqualTo("/login?logout&lang=nl");
        assertThat(page("/mfa/enrol", session).getRedirectedUrl()).as("the session has ended").endsWith("/login");
    }

    @Test
    void theSecondFactorPageTheRecoveryCodesAndThePasskeyPageHaveLogOut() throws Exception {
        LogInFixture.Staff enrolled = fixture.staff(slug, "CASEWORKER");
        assertLogOutForm(page("/mfa?lang=en", fixture.passwordOnly(enrolled)).getContentAsString(), "/mfa");

        LogInFixture.Staff newcomer = fixture.unenrolled(slug, "CASEWORKER");
        Cookie session = fixture.passwordOnly(newcomer);
        String setUp = page("/mfa/enrol?lang=en", session).getContentAsString();
        String secret = setUp.replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7]+)<.*", "$1");
        MockHttpServletResponse codes = mvc.perform(post("/mfa/enrol?lang=en").cookie(session).with(csrf()).param("code", LogInFixture.code(secret)))
                .andReturn().getResponse();
        assertThat(codes.getStatus()).isEqualTo(200);
        assertThat(codes.getContentAsString()).contains("recovery-codes");
        assertLogOutForm(codes.getContentAsString(), "the recovery codes");
        Cookie full = codes.getCookie("SESSION") != null ? codes.getCookie("SESSION") : session;
        assertLogOutForm(page("/account/passkeys?lang=en", full).getContentAsString(), "/account/passkeys");
    }

    @Test
    void aForbiddenPageShownToALoggedInStaffMemberHasLogOut() throws Exception {
        Cookie analyst = fixture.logIn(fixture.staff(slug, "ANALYST"));
        MockHttpServletResponse refused = page("/cases?lang=nl", analyst);
        assertThat(refused.getStatus()).isEqualTo(403);
        String html = mvc.perform(get("/error").cookie(analyst).accept(MediaType.TEXT_HTML).requestAttr("jakarta.servlet.error.status_code", 403)
                .param("lang", "nl")).andReturn().getResponse().getContentAsString();
        assertLogOutForm(html, "the 403 page");
        assertThat(html).contains(">Uitloggen<");
        // A 404 stays the same page for everyone: no header there.
        String missing = mvc.perform(get("/error").cookie(analyst).accept(MediaType.TEXT_HTML).requestAttr("jakarta.servlet.error.status_code", 404))
                .andReturn().getResponse().getContentAsString();
        assertThat(missing).doesNotContain(LOG_OUT);
    }

    @Test
    void theLanguageSurvivesAWrongPasswordTheSecondFactorAndTheLogOut() throws Exception {
        LogInFixture.Staff staff = fixture.staff(slug, "COORDINATOR");
        String login = mvc.perform(get("/login?lang=nl")).andReturn().getResponse().getContentAsString();
        assertThat(login).contains("action=\"/login?lang=nl\"");

        MockHttpServletResponse wrong = mvc.perform(post("/login?lang=nl").with(csrf()).param("username", staff.email()).param("password", "not it"))
                .andReturn().getResponse();
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error&lang=nl");
        assertThat(mvc.perform(get(wrong.getRedirectedUrl())).andReturn().getResponse().getContentAsString()).contains("lang=\"nl\"", "role=\"alert\"");

        MockHttpServletResponse password = mvc.perform(post("/login?lang=nl").with(csrf()).param("username", staff.email())
                .param("password", LogInFixture.PASSWORD)).andReturn().getResponse();
        assertThat(password.getRedirectedUrl()).isEqualTo("/mfa?lang=nl");
        Cookie session = password.getCookie("SESSION");
        String mfa = page("/mfa?lang=nl", session).getContentAsString();
        assertThat(mfa).contains("lang=\"nl\"", "action=\"/mfa?lang=nl\"", "action=\"/logout?lang=nl\"");

        MockHttpServletResponse wrongCode = mvc.perform(post("/mfa?lang=nl").cookie(session).with(csrf()).param("code", "000000")).andReturn().getResponse();
        assertThat(wrongCode.getStatus()).isEqualTo(400);
        assertThat(wrongCode.getContentAsString()).contains("lang=\"nl\"", "action=\"/mfa?lang=nl\"");

        MockHttpServletResponse code = mvc.perform(post("/mfa?lang=nl").cookie(session).with(csrf()).param("code", LogInFixture.code(staff.secret())))
                .andReturn().getResponse();
        assertThat(code.getRedirectedUrl()).isEqualTo("/staff?lang=nl");
        Cookie full = code.getCookie("SESSION") != null ? code.getCookie("SESSION") : session;
        String home = page(code.getRedirectedUrl(), full).getContentAsString();
        assertThat(home).contains("lang=\"nl\"", "action=\"/logout?lang=nl\"");

        MockHttpServletResponse out = mvc.perform(post("/logout?lang=nl").cookie(full).with(csrf())).andReturn().getResponse();
        assertThat(out.getRedirectedUrl()).isEqualTo("/login?logout&lang=nl");
        assertThat(mvc.perform(get(out.getRedirectedUrl())).andReturn().getResponse().getContentAsString()).contains("lang=\"nl\"", "role=\"status\"");
    }

    @Test
    void theLanguageSurvivesTheSecondFactorSetUpToTheRecoveryCodes() throws Exception {
        LogInFixture.Staff newcomer = fixture.unenrolled(slug, "INTAKE");
        MockHttpServletResponse password = mvc.perform(post("/login?lang=ru").with(csrf()).param("username", newcomer.email())
                .param("password", LogInFixture.PASSWORD)).andReturn().getResponse();
        assertThat(password.getRedirectedUrl()).isEqualTo("/mfa?lang=ru");
        Cookie session = password.getCookie("SESSION");
        assertThat(page("/mfa?lang=ru", session).getRedirectedUrl()).isEqualTo("/mfa/enrol?lang=ru");
        String setUp = page("/mfa/enrol?lang=ru", session).getContentAsString();
        assertThat(setUp).contains("lang=\"ru\"", "action=\"/mfa/enrol?lang=ru\"");
        String secret = setUp.replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7]+)<.*", "$1");
        String codes = mvc.perform(post("/mfa/enrol?lang=ru").cookie(session).with(csrf()).param("code", LogInFixture.code(secret)))
                .andReturn().getResponse().getContentAsString();
        assertThat(codes).contains("lang=\"ru\"", "href=\"/staff?lang=ru\"");
    }
}
