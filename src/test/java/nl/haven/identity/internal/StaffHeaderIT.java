package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import nl.haven.identity.IdentityManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff header as the layout renders it after a real log-in (issue #19, point 7): links by role and a Log out form
 * on every staff page, Log out alone on the second-factor page halfway through the log-in, in the page's language;
 * nothing on a public page (which reads no session).
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffHeaderIT {
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

    String page(String path, Cookie session) throws Exception {
        return mvc.perform(get(path).cookie(session)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aCoordinatorSeesCasesStatisticsAccountAndLogOutOnEveryStaffPage() throws Exception {
        Cookie session = fixture.logIn(fixture.staff(slug, "COORDINATOR"));
        for (String path : new String[] { "/staff?lang=en", "/cases?lang=en", "/statistics?lang=en", "/account/password?lang=en" }) {
            String html = page(path, session);
            assertThat(html).as(path).contains("class=\"staff-nav\"", "href=\"/staff?lang=en\"", "href=\"/cases?lang=en\"",
                    "href=\"/statistics?lang=en\"", "href=\"/staff?lang=en#account\"", "action=\"/logout?lang=en\"", ">Log out<")
                    .doesNotContain("href=\"/admin/users?lang=en\"");
            // The log-out form carries the CSRF token, so it works.
            assertThat(html.substring(html.indexOf("action=\"/logout?lang=en\""))).as(path).contains("name=\"_csrf\"");
        }
    }

    @Test
    void inDutchAnAnalystSeesStatisticsButNoCases() throws Exception {
        String html = page("/staff?lang=nl", fixture.logIn(fixture.staff(slug, "ANALYST")));
        assertThat(html).contains(">Statistiek<", ">Uitloggen<", ">Start<").doesNotContain("href=\"/cases?lang=nl\"");
    }

    @Test
    void halfwayThroughTheLogInOnlyLogOutAndOnAPublicPageNothing() throws Exception {
        LogInFixture.Staff caseworker = fixture.staff(slug, "CASEWORKER");
        String halfway = page("/mfa?lang=en", fixture.passwordOnly(caseworker));
        assertThat(halfway).contains("action=\"/logout?lang=en\"").doesNotContain("href=\"/cases?lang=en\"", "href=\"/staff?lang=en#account\"");
        String anonymous = mvc.perform(get("/policy?lang=en")).andReturn().getResponse().getContentAsString();
        assertThat(anonymous).doesNotContain("staff-nav", "action=\"/logout");
    }
}
