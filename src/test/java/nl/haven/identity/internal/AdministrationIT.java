package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.internal.LogInFixture.Event;
import nl.haven.identity.internal.LogInFixture.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #19 point 11 for an organisation's ADMIN: unlocking an account that failed log-ins locked, and the
 * organisation's settings (name, quick-exit address, intake welcome text) with what the public intake form then shows.
 * Who may and may not (403 for other roles, the same 404 for another organisation's user), bad input named at its field
 * with nothing stored, and one audit event per change, ids only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AdministrationIT {
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    LogInFixture fixture;
    String slug;
    Staff admin;
    Staff caseworker;

    @BeforeEach
    void organisation() throws Exception {
        fixture = new LogInFixture(identity, mvc, jdbc);
        slug = fixture.newOrg();
        admin = fixture.staff(slug, "ADMIN");
        caseworker = fixture.staff(slug, "CASEWORKER");
    }

    void lockOut(Staff user) {
        // Beyond the fifth failure the wait doubles up to five minutes: long enough to outlast a slow test machine.
        for (int i = 0; i < IdentityManagement.LOCK_AFTER_FAILURES + 5; i++) {
            identity.passwordFailed(user.email());
        }
    }

    boolean locked(Staff user) {
        return fixture.count("select count(*) from app_user where id = ? and locked_until > current_timestamp", user.uuid()) == 1;
    }

    // --- unlock -------------------------------------------------------------------------------------------------------

    @Test
    void anAdministratorUnlocksALockedAccountAndTheUserLogsInAtOnce() throws Exception {
        lockOut(caseworker);
        assertThat(locked(caseworker)).isTrue();
        // Locked: the right password is refused.
        mvc.perform(post("/login").with(csrf()).param("username", caseworker.email()).param("password", LogInFixture.PASSWORD))
                .andExpect(redirectedUrl("/login?error"));

        Cookie session = fixture.logIn(admin);
        String page = mvc.perform(get("/admin/users").cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String row = page.substring(page.indexOf("id=\"user-" + caseworker.uuid() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("/admin/users/" + caseworker.uuid() + "/unlock", ">Unlock<");
        assertThat(page.substring(page.indexOf("id=\"user-" + admin.uuid() + "\""))).as("only a locked account has the button")
                .doesNotContain("/admin/users/" + admin.uuid() + "/unlock");

        long before = fixture.lastEvent();
        mvc.perform(post("/admin/users/" + caseworker.uuid() + "/unlock").cookie(session).with(csrf()))
                .andExpect(redirectedUrlPattern("/admin/users?lang=*"));
        assertThat(locked(caseworker)).isFalse();
        assertThat(fixture.count("select failed_attempts from app_user where id = ?", caseworker.uuid())).isZero();
        assertThat(fixture.eventsSince(before)).containsExactly(new Event("user.unlocked", admin.uuid().toString(), caseworker.uuid().toString()));
        fixture.logIn(caseworker);

        // Not locked (any more): a conflict, nothing written.
        before = fixture.lastEvent();
        String again = mvc.perform(post("/admin/users/" + caseworker.uuid() + "/unlock").cookie(session).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("This account is not locked.");
        assertThat(fixture.eventsSince(before)).isEmpty();
    }

    @Test
    void onlyTheOrganisationsAdministratorUnlocks() throws Exception {
        lockOut(caseworker);
        Staff otherAdmin = fixture.staff(fixture.newOrg(), "ADMIN");
        long before = fixture.lastEvent();
        // Another organisation's administrator: the same 404 as for an id that does not exist.
        Cookie other = fixture.logIn(otherAdmin);
        before = fixture.lastEvent();
        String foreign = mvc.perform(post("/admin/users/" + caseworker.uuid() + "/unlock").cookie(other).with(csrf()))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        String none = mvc.perform(post("/admin/users/" + UUID.randomUUID() + "/unlock").cookie(other).with(csrf()))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(foreign).isEqualTo(none);
        // A coordinator of the same organisation: 403.
        Cookie coordinator = fixture.logIn(fixture.staff(slug, "COORDINATOR"));
        before = fixture.lastEvent();
        mvc.perform(post("/admin/users/" + caseworker.uuid() + "/unlock").cookie(coordinator).with(csrf())).andExpect(status().isForbidden());
        // The administrator without a CSRF token: 403.
        mvc.perform(post("/admin/users/" + caseworker.uuid() + "/unlock").cookie(fixture.logIn(admin))).andExpect(status().isForbidden());
        assertThat(locked(caseworker)).isTrue();
        assertThat(fixture.eventsSince(before).stream().map(Event::action)).doesNotContain("user.unlocked");
    }

    // --- organisation settings ----------------------------------------------------------------------------------------

    String settingsPage(Cookie session) throws Exception {
        return mvc.perform(get("/admin/organisation").cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    String intakeForm(String orgSlug) throws Exception {
        return mvc.perform(get("/intake/" + orgSlug + "?lang=en")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void anAdministratorSetsNameQuickExitAndWelcomeAndTheIntakeFormShowsThemEscaped() throws Exception {
        String otherSlug = fixture.newOrg();
        Cookie session = fixture.logIn(admin);
        assertThat(settingsPage(session)).contains("value=\"Test Organisation " + slug + "\"");
        assertThat(intakeForm(slug)).contains("href=\"https://www.google.com/\"").doesNotContain("id=\"intake-welcome\"");

        long before = fixture.lastEvent();
        mvc.perform(post("/admin/organisation").cookie(session).with(csrf()).param("name", "  Rainbow Harbour  ")
                .param("quickExitUrl", "https://weather.example.org/today").param("intakeWelcome", "Welcome, <script>alert(1)</script> & hello.\r\n\r\nSecond paragraph."))
                .andExpect(redirectedUrlPattern("/admin/organisation?lang=*"));
        assertThat(fixture.eventsSince(before)).containsExactly(
                new Event("organisation.settings-changed", admin.uuid().toString(), admin.org().value().toString()));
        assertThat(jdbc.sql("select name from organisation where slug = ?").param(slug).query(String.class).single()).isEqualTo("Rainbow Harbour");
        assertThat(settingsPage(session)).contains("value=\"Rainbow Harbour\"", "value=\"https://weather.example.org/today\"", "Second paragraph.");

        String form = intakeForm(slug);
        assertThat(form).contains("href=\"https://weather.example.org/today\"", "Rainbow Harbour",
                "<p>Welcome, &lt;script&gt;alert(1)&lt;/script&gt; &amp; hello.</p>", "<p>Second paragraph.</p>")
                .doesNotContain("<script>alert(1)</script>", "href=\"https://www.google.com/\"");
        // Another organisation's form keeps Haven's default and no welcome text.
        assertThat(intakeForm(otherSlug)).contains("href=\"https://www.google.com/\"").doesNotContain("Second paragraph.");

        // Empty address and text: back to the default and no text.
        mvc.perform(post("/admin/organisation").cookie(session).with(csrf()).param("name", "Rainbow Harbour").param("quickExitUrl", " ")
                .param("intakeWelcome", "")).andExpect(redirectedUrlPattern("/admin/organisation?lang=*"));
        assertThat(intakeForm(slug)).contains("href=\"https://www.google.com/\"").doesNotContain("id=\"intake-welcome\"");
    }

    @Test
    void badSettingsAreRefusedAtTheirFieldAndNothingIsStored() throws Exception {
        Cookie session = fixture.logIn(admin);
        String[][] cases = {
                { "Name", "http://weather.example.org/", "", "quickExitUrl", "Quick-exit address: \"http://weather.example.org/\" is not an address" },
                { "Name", "javascript:alert(1)", "", "quickExitUrl", "Quick-exit address:" },
                { "Name", "https://user@evil.example/", "", "quickExitUrl", "Quick-exit address:" },
                { "Name", "https:///no-host", "", "quickExitUrl", "Quick-exit address:" },
                { "   ", "", "", "name", "Name of the organisation: this is empty" },
                { "x".repeat(201), "", "", "name", "Name of the organisation: it has 201 characters" },
                { "Name", "", "w".repeat(2001), "intakeWelcome", "Welcome text: it has 2001 characters" } };
        long before = fixture.lastEvent();
        for (String[] c : cases) {
            String page = mvc.perform(post("/admin/organisation").cookie(session).with(csrf()).param("name", c[0]).param("quickExitUrl", c[1])
                    .param("intakeWelcome", c[2])).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
            assertThat(page).as(c[3]).contains("id=\"" + c[3] + "-error\"", c[4].replace("\"", "&quot;"));
            assertThat(page).as(c[3]).contains("aria-describedby=\"" + c[3] + "-error " + c[3] + "-hint\"");
        }
        assertThat(fixture.eventsSince(before)).isEmpty();
        assertThat(jdbc.sql("select name from organisation where slug = ?").param(slug).query(String.class).single())
                .isEqualTo("Test Organisation " + slug);
        assertThat(fixture.count("select count(*) from organisation where slug = ? and quick_exit_url is null and intake_welcome is null", slug))
                .isEqualTo(1);
    }

    @Test
    void onlyAnAdministratorReachesTheSettings() throws Exception {
        long before = fixture.lastEvent();
        for (String role : new String[] { "COORDINATOR", "CASEWORKER", "ANALYST" }) {
            Cookie session = fixture.logIn(role.equals("CASEWORKER") ? caseworker : fixture.staff(slug, role));
            before = fixture.lastEvent();
            mvc.perform(get("/admin/organisation").cookie(session)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/organisation").cookie(session).with(csrf()).param("name", "Taken over")).andExpect(status().isForbidden());
            assertThat(fixture.eventsSince(before).stream().map(Event::action)).doesNotContain("organisation.settings-changed");
        }
        mvc.perform(post("/admin/organisation").cookie(fixture.logIn(admin)).param("name", "No token")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select name from organisation where slug = ?").param(slug).query(String.class).single())
                .isEqualTo("Test Organisation " + slug);
    }
}
