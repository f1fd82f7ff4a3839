package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff header as the layout renders it (issue #19, point 7): links by role and a Log out form for a signed-in
 * staff member, Log out alone halfway through the log-in, nothing for an anonymous visitor — in the page's language.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffHeaderIT {
    @Autowired
    MockMvc mvc;

    String page(String path, org.springframework.test.web.servlet.request.RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aCoordinatorSeesCasesStatisticsAccountAndLogOut() throws Exception {
        String html = page("/policy?lang=en", user("coordinator").authorities(AuthorityUtils.createAuthorityList("ROLE_COORDINATOR",
                StaffUserDetails.PASSWORD_FACTOR, SecondFactorPages.SECOND_FACTOR)));
        assertThat(html).contains("class=\"staff-nav\"", "href=\"/cases?lang=en\"", "href=\"/statistics?lang=en\"", "href=\"/account?lang=en\"",
                "action=\"/logout\"", ">Log out<").doesNotContain("href=\"/admin?lang=en\"");
        // The log-out form carries the CSRF token, so it works.
        assertThat(html.substring(html.indexOf("action=\"/logout\""))).contains("name=\"_csrf\"");
    }

    @Test
    void inDutchAnAnalystSeesStatisticsButNoCases() throws Exception {
        String html = page("/policy?lang=nl", user("analyst").authorities(AuthorityUtils.createAuthorityList("ROLE_ANALYST",
                StaffUserDetails.PASSWORD_FACTOR, SecondFactorPages.SECOND_FACTOR)));
        assertThat(html).contains(">Statistiek<", ">Uitloggen<").doesNotContain("href=\"/cases?lang=nl\"");
    }

    @Test
    void halfwayThroughTheLogInOnlyLogOutAndAnonymousNothing() throws Exception {
        String halfway = page("/policy?lang=en", user("someone").authorities(AuthorityUtils.createAuthorityList("ROLE_CASEWORKER",
                StaffUserDetails.PASSWORD_FACTOR)));
        assertThat(halfway).contains("action=\"/logout\"").doesNotContain("href=\"/cases?lang=en\"", "href=\"/account?lang=en\"");
        String anonymous = mvc.perform(get("/policy?lang=en")).andReturn().getResponse().getContentAsString();
        assertThat(anonymous).doesNotContain("staff-nav", "action=\"/logout\"");
    }
}
