package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.identity.internal.LogInFixture.Event;
import nl.haven.identity.internal.LogInFixture.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The organisation ADMIN's web pages: own organisation only, invitations, deactivation (log-in,
 * sessions and API tokens stop working), role changes, second-factor resets, the last-admin rule,
 * identical 404s for other organisations' ids, 403 for every other role, one audit event per change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class AdminIT {
    /** Every route of the admin pages; the test that checks 403 for other roles fails when one is added and missing here. */
    static final List<String> ADMIN_ROUTES = List.of("GET /admin/users", "POST /admin/users", "POST /admin/users/{id}/deactivate",
            "POST /admin/users/{id}/reactivate", "POST /admin/users/{id}/role", "POST /admin/users/{id}/second-factor/reset",
            "POST /admin/users/{id}/unlock", "GET /admin/organisation", "POST /admin/organisation");

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @LocalServerPort
    int port;

    LogInFixture fixture;
    String slug;
    Staff admin;
    Staff caseworker;

    @BeforeEach
    void organisationWithAnAdministratorAndACaseworker() throws Exception {
        fixture = new LogInFixture(identity, mvc, jdbc);
        slug = fixture.newOrg();
        admin = fixture.staff(slug, "ADMIN");
        caseworker = fixture.staff(slug, "CASEWORKER");
    }

    static MockHttpServletRequestBuilder action(Staff user, String action) {
        return post("/admin/users/" + user.uuid() + "/" + action).with(csrf());
    }

    String role(Staff user) {
        return jdbc.sql("select role from app_user where id = ?").param(user.uuid()).query(String.class).single();
    }

    boolean active(Staff user) {
        return jdbc.sql("select active from app_user where id = ?").param(user.uuid()).query(Boolean.class).single();
    }

    /** The events a change wrote: exactly one, with the action, the administrator as actor and the user as subject. */
    void exactlyOneEvent(long before, String action, Staff actor, Object subject) {
        assertThat(fixture.eventsSince(before)).containsExactly(new Event(action, actor.uuid().toString(), subject.toString()));
    }

    @Test
    void anAdministratorSeesTheUsersOfTheirOwnOrganisationOnly() throws Exception {
        String otherSlug = fixture.newOrg();
        Staff otherAdmin = fixture.staff(otherSlug, "ADMIN");
        Staff otherUser = fixture.staff(otherSlug, "LAWYER");
        Cookie session = fixture.logIn(admin);

        String page = mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(admin.email(), caseworker.email(), "user-" + caseworker.uuid()).doesNotContain(otherAdmin.email(),
                otherUser.email(), otherUser.uuid().toString());
        // The organisation comes from the log-in: parameters naming another one change nothing.
        String tampered = mvc.perform(get("/admin/users").cookie(session).param("org", otherSlug).param("orgId", otherAdmin.org().toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tampered).contains(caseworker.email()).doesNotContain(otherUser.email());
        long before = fixture.lastEvent();
        mvc.perform(post("/admin/users").cookie(session).with(csrf()).param("email", "tampered-" + UUID.randomUUID() + "@example.org")
                .param("role", "ANALYST").param("org", otherSlug).param("orgId", otherAdmin.org().toString())).andExpect(status().isOk());
        String orgOfInvited = jdbc.sql("select org_id from app_user where id = ?").param(UUID.fromString(fixture.eventsSince(before).get(0).subjectId()))
                .query(String.class).single();
        assertThat(orgOfInvited).isEqualTo(admin.org().toString());
    }

    @Test
    void anInvitationShowsItsOneTimeLinkOnceAndTheLinkActivatesTheAccount() throws Exception {
        Cookie session = fixture.logIn(admin);
        String email = "invited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        long before = fixture.lastEvent();
        // A role without case access: the link is shown at once (a case-reading role waits for a coordinator: AccountHardeningIT).
        String page = mvc.perform(post("/admin/users").cookie(session).with(csrf()).param("email", email).param("displayName", "New Colleague")
                .param("role", "ANALYST")).andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store")).andReturn()
                .getResponse().getContentAsString();
        // Built from Haven's public address (unset here: http://localhost:PORT), never from the request's Host.
        Matcher link = Pattern.compile("http://localhost:" + port + "/activate/([A-Za-z0-9_-]{43})<").matcher(page);
        assertThat(link.find()).as("the activation link on the page").isTrue();
        String token = link.group(1);

        UUID invited = jdbc.sql("select id from app_user where email = ?").param(email).query(UUID.class).single();
        exactlyOneEvent(before, "user.invited", admin, invited);
        assertThat(jdbc.sql("select org_id from app_user where id = ?").param(invited).query(UUID.class).single()).isEqualTo(admin.org().value());
        assertThat(jdbc.sql("select role from app_user where id = ?").param(invited).query(String.class).single()).isEqualTo("ANALYST");
        assertThat(jdbc.sql("select count(*) from app_user where activation_hash = ?").param(token).query(Long.class).single())
                .as("only a hash of the link is stored").isZero();

        String list = mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains(email, "New Colleague", "Invited").doesNotContain(token);
        mvc.perform(post("/activate/" + token).with(csrf()).param("password", LogInFixture.PASSWORD).param("repeat", LogInFixture.PASSWORD))
                .andExpect(redirectedUrl("/login?activated"));
        assertThat(jdbc.sql("select active from app_user where id = ?").param(invited).query(Boolean.class).single()).isTrue();
    }

    @Test
    void badInvitationsNameTheValueAndCreateNothing() throws Exception {
        Cookie session = fixture.logIn(admin);
        Staff elsewhere = fixture.staff(fixture.newOrg(), "CASEWORKER");
        long users = fixture.count("select count(*) from app_user");
        long before = fixture.lastEvent();

        mvc.perform(post("/admin/users").cookie(session).with(csrf()).param("email", "not-an-address").param("role", "LAWYER"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("&quot;not-an-address&quot; is not an e-mail address")))
                .andExpect(content().string(containsString("aria-describedby=\"email-error\"")))
                .andExpect(content().string(containsString("id=\"email-error\"")));
        mvc.perform(post("/admin/users").cookie(session).with(csrf()).param("email", "new-" + UUID.randomUUID() + "@example.org")
                .param("role", "JANITOR"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("&quot;JANITOR&quot; is not a role. Choose Intake, Caseworker")))
                .andExpect(content().string(containsString("aria-describedby=\"role-error\"")));
        // An address with an account, in another organisation: refused, in Dutch on request.
        mvc.perform(post("/admin/users").cookie(session).with(csrf()).param("lang", "nl").param("email", elsewhere.email().toUpperCase())
                .param("role", "LAWYER"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("heeft al een account in Haven")));
        mvc.perform(post("/admin/users").cookie(session).with(csrf()).param("email", "new-" + UUID.randomUUID() + "@example.org")
                .param("role", "LAWYER").param("displayName", "x".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The name has 201 characters. Use at most 200.")));

        assertThat(fixture.count("select count(*) from app_user")).isEqualTo(users);
        assertThat(fixture.eventsSince(before)).isEmpty();
    }

    @Test
    void aDeactivatedUserCannotLogInAndTheirSessionsAndApiTokensStopWorking() throws Exception {
        Cookie adminSession = fixture.logIn(admin);
        Cookie theirs = fixture.logIn(caseworker);
        String token = identity.createApiToken(caseworker.id(), "ci", 30).token();
        mvc.perform(get("/staff").cookie(theirs)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("CASEWORKER"));

        long before = fixture.lastEvent();
        mvc.perform(action(caseworker, "deactivate").param("confirmed", "true").cookie(adminSession)).andExpect(redirectedUrl("/admin/users?lang=en"));
        exactlyOneEvent(before, "user.deactivated", admin, caseworker.uuid());
        assertThat(active(caseworker)).isFalse();

        mvc.perform(get("/staff").cookie(theirs).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/api/v1/account").cookie(theirs)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        mvc.perform(post("/login").with(csrf()).param("username", caseworker.email()).param("password", LogInFixture.PASSWORD))
                .andExpect(redirectedUrl("/login?error"));
        String list = mvc.perform(get("/admin/users").cookie(adminSession)).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Deactivated");

        // Reactivated: the password works again; the token stays revoked.
        before = fixture.lastEvent();
        mvc.perform(action(caseworker, "reactivate").cookie(adminSession)).andExpect(redirectedUrl("/admin/users?lang=en"));
        exactlyOneEvent(before, "user.reactivated", admin, caseworker.uuid());
        fixture.logIn(caseworker);
        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
    }

    @Test
    void deactivatingAnInvitationVoidsItsLinkAndReactivatingIssuesANewOne() throws Exception {
        Cookie session = fixture.logIn(admin);
        // A role without case access (a new link for a case-reading role waits for a coordinator's approval).
        IdentityManagement.Invitation invitation = identity.invite(slug, "pending-" + UUID.randomUUID() + "@example.org", "ANALYST", null);
        Staff pending = new Staff(invitation.user(), admin.org(), slug, "", "");
        mvc.perform(action(pending, "deactivate").param("confirmed", "true").cookie(session)).andExpect(status().is3xxRedirection());
        assertThat(identity.activationValid(invitation.token())).isFalse();

        long before = fixture.lastEvent();
        String page = mvc.perform(action(pending, "reactivate").cookie(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        exactlyOneEvent(before, "user.reactivated", admin, pending.uuid());
        Matcher link = Pattern.compile("/activate/([A-Za-z0-9_-]{43})<").matcher(page);
        assertThat(link.find()).isTrue();
        assertThat(identity.activationValid(link.group(1))).isTrue();
        assertThat(active(pending)).as("active only once the new link is used").isFalse();
    }

    @Test
    void aRoleChangeTakesEffectAtTheUsersNextRequest() throws Exception {
        Cookie adminSession = fixture.logIn(admin);
        Cookie theirs = fixture.logIn(caseworker);
        String token = identity.createApiToken(caseworker.id(), null, 30).token();
        mvc.perform(get("/admin/users").cookie(theirs)).andExpect(status().isForbidden());

        long before = fixture.lastEvent();
        mvc.perform(action(caseworker, "role").param("role", "ADMIN").cookie(adminSession)).andExpect(status().is3xxRedirection());
        exactlyOneEvent(before, "user.role-changed", admin, caseworker.uuid());
        assertThat(role(caseworker)).isEqualTo("ADMIN");
        mvc.perform(get("/admin/users").cookie(theirs)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/account").header("Authorization", "Bearer " + token)).andExpect(jsonPath("$.role").value("ADMIN"));

        mvc.perform(action(caseworker, "role").param("role", "analyst").cookie(adminSession)).andExpect(status().is3xxRedirection());
        assertThat(role(caseworker)).isEqualTo("ANALYST");
        mvc.perform(get("/admin/users").cookie(theirs)).andExpect(status().isForbidden());
        mvc.perform(get("/staff").cookie(theirs)).andExpect(status().isOk());

        before = fixture.lastEvent();
        mvc.perform(action(caseworker, "role").param("role", "JANITOR").cookie(adminSession)).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("&quot;JANITOR&quot; is not a role")));
        mvc.perform(action(caseworker, "role").param("role", "ANALYST").cookie(adminSession)).andExpect(status().isConflict())
                .andExpect(content().string(containsString("already")));
        assertThat(fixture.eventsSince(before)).isEmpty();
    }

    @Test
    void afterASecondFactorResetTheUserMustEnrolAgainAndTheirSessionEnds() throws Exception {
        Cookie adminSession = fixture.logIn(admin);
        Cookie theirs = fixture.logIn(caseworker);
        long before = fixture.lastEvent();
        mvc.perform(action(caseworker, "second-factor/reset").param("confirmed", "true").cookie(adminSession)).andExpect(status().is3xxRedirection());
        exactlyOneEvent(before, "user.second-factor-reset", admin, caseworker.uuid());

        mvc.perform(get("/staff").cookie(theirs).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
        Cookie again = fixture.passwordOnly(caseworker);
        mvc.perform(get("/mfa").cookie(again)).andExpect(redirectedUrl("/mfa/enrol"));
        mvc.perform(post("/mfa").cookie(again).with(csrf()).param("code", LogInFixture.code(caseworker.secret())))
                .andExpect(status().isBadRequest());
        assertThat(fixture.count("select count(*) from recovery_code where user_id = ?", caseworker.uuid())).isZero();

        before = fixture.lastEvent();
        mvc.perform(action(caseworker, "second-factor/reset").param("confirmed", "true").cookie(adminSession)).andExpect(status().isConflict());
        assertThat(fixture.eventsSince(before)).isEmpty();
    }

    @Test
    void deactivatingAndResettingTheSecondFactorAskFirstOnAPageOfTheirOwn() throws Exception {
        Cookie adminSession = fixture.logIn(admin);
        Cookie theirs = fixture.logIn(caseworker);
        long before = fixture.lastEvent();
        String deactivate = mvc.perform(action(caseworker, "deactivate").param("lang", "en").cookie(adminSession)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(deactivate).contains("<h1 id=\"confirm-heading\">Deactivate the account of Test CASEWORKER?</h1>",
                "Test CASEWORKER can no longer log in", "You can reactivate the account later", "Yes, deactivate the account",
                "action=\"/admin/users/" + caseworker.uuid() + "/deactivate?lang=en\"", "<input type=\"hidden\" name=\"confirmed\" value=\"true\">",
                "href=\"/admin/users?lang=en#user-" + caseworker.uuid() + "\"").containsPattern("name=\"_csrf\" value=\"[^\"]+\"");
        String reset = mvc.perform(action(caseworker, "second-factor/reset").param("lang", "nl").cookie(adminSession)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(reset).contains("De tweede factor van Test CASEWORKER opnieuw instellen?", "Ja, stel de tweede factor opnieuw in",
                "action=\"/admin/users/" + caseworker.uuid() + "/second-factor/reset?lang=nl\"");
        assertThat(fixture.eventsSince(before)).as("asking changes nothing").isEmpty();
        assertThat(active(caseworker)).isTrue();
        assertThat(fixture.count("select count(*) from recovery_code where user_id = ?", caseworker.uuid())).isPositive();
        mvc.perform(get("/staff").cookie(theirs)).andExpect(status().isOk());

        mvc.perform(action(caseworker, "deactivate").param("confirmed", "true").cookie(adminSession)).andExpect(redirectedUrl("/admin/users?lang=en"));
        exactlyOneEvent(before, "user.deactivated", admin, caseworker.uuid());
        assertThat(active(caseworker)).isFalse();
    }

    @Test
    void theLastActiveAdministratorKeepsTheRoleAndNoAdministratorDeactivatesThemselves() throws Exception {
        Cookie session = fixture.logIn(admin);
        long before = fixture.lastEvent();
        mvc.perform(action(admin, "role").param("role", "CASEWORKER").cookie(session)).andExpect(status().isConflict())
                .andExpect(content().string(containsString("This is the last active administrator of your organisation")))
                .andExpect(content().string(containsString("id=\"problem\"")));
        mvc.perform(action(admin, "deactivate").param("confirmed", "true").cookie(session)).andExpect(status().isConflict())
                .andExpect(content().string(containsString("You cannot deactivate your own account")));
        assertThat(role(admin)).isEqualTo("ADMIN");
        assertThat(active(admin)).isTrue();
        assertThat(fixture.eventsSince(before)).isEmpty();

        // With a second active administrator, the first may give up the role; from then on the admin pages refuse them.
        Staff second = fixture.staff(slug, "ADMIN");
        mvc.perform(action(admin, "role").param("role", "ANALYST").cookie(session)).andExpect(status().is3xxRedirection());
        assertThat(role(admin)).isEqualTo("ANALYST");
        mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isForbidden());
        Cookie secondSession = fixture.logIn(second);
        mvc.perform(action(second, "role").param("role", "CASEWORKER").cookie(secondSession)).andExpect(status().isConflict());
        mvc.perform(action(second, "deactivate").param("confirmed", "true").cookie(secondSession)).andExpect(status().isConflict());
    }

    @Test
    void anotherOrganisationsUserIdAndANonexistentIdGiveIdentical404s() throws Exception {
        Staff stranger = fixture.staff(fixture.newOrg(), "ADMIN");
        Staff strangersColleague = fixture.staff(stranger.slug(), "CASEWORKER");
        HttpSession browser = new HttpSession("http://localhost:" + port);
        browser.logIn(admin);
        long before = fixture.lastEvent();

        List<String> ids = List.of(strangersColleague.uuid().toString(), stranger.uuid().toString(), UUID.randomUUID().toString(), "not-a-uuid");
        for (String action : List.of("deactivate", "reactivate", "role", "second-factor/reset")) {
            // As a browser asks (Accept: text/html): the same page, byte for byte.
            List<HttpResponse<String>> pages = new ArrayList<>();
            for (String id : ids) {
                pages.add(browser.post("/admin/users/" + id + "/" + action, Map.of("role", "ADMIN"), "text/html"));
            }
            for (HttpResponse<String> page : pages) {
                assertThat(page.statusCode()).as(action).isEqualTo(404);
                assertThat(page.body()).as(action).isEqualTo(pages.get(2).body()).contains("There is nothing at this address.")
                        .doesNotContain(stranger.uuid().toString(), strangersColleague.uuid().toString());
            }
            // Any other client gets problem+json, whose "instance" echoes the address it asked for; the rest is the same.
            List<String> problems = new ArrayList<>();
            for (String id : ids) {
                HttpResponse<String> problem = browser.post("/admin/users/" + id + "/" + action, Map.of("role", "ADMIN"), "*/*");
                assertThat(problem.statusCode()).as(action).isEqualTo(404);
                problems.add(problem.body().replace(id, "ID"));
            }
            assertThat(problems).as(action).containsOnly(problems.get(2)).allSatisfy(p -> assertThat(p).contains("\"status\":404"));
        }
        assertThat(fixture.eventsSince(before)).isEmpty();
        assertThat(role(strangersColleague)).isEqualTo("CASEWORKER");
        assertThat(active(strangersColleague)).isTrue();
        assertThat(active(stranger)).isTrue();
        // And the same administrator's own user is reachable through the same client: the 404s are not a broken log-in.
        assertThat(browser.post("/admin/users/" + caseworker.uuid() + "/role", Map.of("role", "ANALYST")).statusCode()).isEqualTo(302);
        assertThat(role(caseworker)).isEqualTo("ANALYST");
    }

    @Test
    void everyAdminRouteRefusesEveryOtherRoleTheAnonymousAndTokens() throws Exception {
        List<String> routes = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPathPatternsCondition().getPatternValues().stream()
                .filter(p -> p.equals("/admin") || p.startsWith("/admin/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> routes.add(m + " " + p))));
        assertThat(new TreeSet<>(routes)).as("the admin routes this test knows").isEqualTo(new TreeSet<>(ADMIN_ROUTES));

        long users = fixture.count("select count(*) from app_user");
        long before = fixture.lastEvent();
        for (Role role : Role.values()) {
            if (role == Role.ADMIN) {
                continue;
            }
            Staff user = role == Role.CASEWORKER ? caseworker : fixture.staff(slug, role.name());
            Cookie session = fixture.logIn(user);
            before = fixture.lastEvent();
            for (String route : routes) {
                mvc.perform(adminRequest(route, caseworker).cookie(session)).andExpect(status().isForbidden());
            }
            assertThat(fixture.eventsSince(before)).as(role.name()).isEmpty();
        }
        Cookie passwordOnly = fixture.passwordOnly(admin);
        String adminToken = identity.createApiToken(admin.id(), null, 1).token();
        before = fixture.lastEvent();
        for (String route : routes) {
            // Halfway through the log-in a page is refused by sending them back to the second factor (issue #19, point 7).
            mvc.perform(adminRequest(route, caseworker).cookie(passwordOnly))
                    .andExpect(route.startsWith("GET ") ? redirectedUrl("/mfa") : status().isForbidden());
            mvc.perform(adminRequest(route, caseworker).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
            mvc.perform(adminRequest(route, caseworker)).andExpect(status().isUnauthorized());
            mvc.perform(adminRequest(route, caseworker).header("Authorization", "Bearer " + adminToken).accept(MediaType.TEXT_HTML))
                    .andExpect(redirectedUrl("/login"));
        }
        assertThat(fixture.eventsSince(before)).isEmpty();
        assertThat(fixture.count("select count(*) from app_user")).isEqualTo(users + Role.values().length - 2);
        assertThat(role(caseworker)).isEqualTo("CASEWORKER");
        // A form without its CSRF token is refused too, for an administrator.
        mvc.perform(post("/admin/users/" + caseworker.uuid() + "/deactivate").cookie(fixture.logIn(admin))).andExpect(status().isForbidden());
        assertThat(active(caseworker)).isTrue();
    }

    static MockHttpServletRequestBuilder adminRequest(String route, Staff subject) {
        String[] parts = route.split(" ");
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(parts[0]), parts[1].replace("{id}", subject.uuid().toString()))
                .param("role", "ADMIN").param("email", "x-" + UUID.randomUUID() + "@example.org");
        return parts[0].equals("GET") ? request : request.with(csrf());
    }

    @Test
    void theStaffPageLinksToTheAdminPagesForAdministratorsOnly() throws Exception {
        mvc.perform(get("/staff").cookie(fixture.logIn(admin)))
                .andExpect(content().string(containsString("href=\"/admin/users?lang=en\"")))
                .andExpect(content().string(containsString("href=\"/account/tokens?lang=en\"")));
        mvc.perform(get("/staff").cookie(fixture.logIn(caseworker)))
                .andExpect(content().string(not(containsString("/admin/users"))))
                .andExpect(content().string(containsString("href=\"/account/tokens?lang=en\"")));
    }

    /** A real HTTP client with cookies, as a browser: the container's error pages are part of what it sees. */
    final class HttpSession {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;

        HttpSession(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Posts a form with the CSRF token of a fresh page, as the browser would have it. */
        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            return post(path, form, "text/html");
        }

        HttpResponse<String> post(String path, Map<String, String> form, String accept) throws Exception {
            String csrf = csrf(path.startsWith("/admin") ? "/admin/users" : path.startsWith("/mfa") ? "/mfa" : "/login");
            String body = Stream.concat(form.entrySet().stream(), Stream.of(Map.entry("_csrf", csrf)))
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String page) throws Exception {
            Matcher token = CSRF.matcher(get(page).body());
            assertThat(token.find()).as("a CSRF token on " + page).isTrue();
            return token.group(1);
        }

        void logIn(Staff staff) throws Exception {
            assertThat(post("/login", Map.of("username", staff.email(), "password", LogInFixture.PASSWORD)).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/mfa"));
            assertThat(post("/mfa", Map.of("code", LogInFixture.code(staff.secret()))).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/staff"));
        }
    }
}
