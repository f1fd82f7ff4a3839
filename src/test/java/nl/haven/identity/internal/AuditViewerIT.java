package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.internal.LogInFixture.Event;
import nl.haven.identity.internal.LogInFixture.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #19 point 11, the audit-log viewer at {@code /audit}: coordinators and administrators see their own
 * organisation's events (ids and actions only), newest first, 50 a page, filtered by user and by days (ISO from the
 * date field, DD-MM-YYYY typed); a bad filter is refused at its field; reading is itself audited; nobody else gets in.
 * (The case filter is checked with a real case in {@code cases.web.CaseAdministrationPagesIT}.)
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditViewerIT {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final DateTimeFormatter DUTCH = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    LogInFixture fixture;
    String slug;
    Staff admin;
    Staff coordinator;
    Staff caseworker;
    Staff foreignAdmin;

    @BeforeEach
    void organisationsWithEvents() throws Exception {
        fixture = new LogInFixture(identity, mvc, jdbc);
        slug = fixture.newOrg();
        admin = fixture.staff(slug, "ADMIN");
        coordinator = fixture.staff(slug, "COORDINATOR");
        caseworker = fixture.staff(slug, "CASEWORKER");
        foreignAdmin = fixture.staff(fixture.newOrg(), "ADMIN");
        for (int i = 0; i < IdentityManagement.LOCK_AFTER_FAILURES + 5; i++) {
            identity.passwordFailed(caseworker.email());
        }
        mvc.perform(post("/admin/users/" + caseworker.uuid() + "/unlock").cookie(fixture.logIn(admin)).with(csrf()));
        identity.passwordFailed(foreignAdmin.email());
    }

    String audit(Cookie session, String query) throws Exception {
        return mvc.perform(get("/audit?lang=en" + query).cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static int rows(String page) {
        Matcher m = Pattern.compile("<tr id=\"event-\\d+\"").matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void coordinatorsAndAdministratorsSeeTheirOwnOrganisationsIdsAndActionsAndReadingIsAudited() throws Exception {
        for (Staff viewer : new Staff[] { coordinator, admin }) {
            Cookie session = fixture.logIn(viewer);
            long before = fixture.lastEvent();
            String page = audit(session, "");
            assertThat(page).contains("user.unlocked", "auth.locked", caseworker.uuid().toString(), admin.uuid().toString())
                    .doesNotContain(foreignAdmin.uuid().toString(), caseworker.email(), "Test CASEWORKER");
            // Newest first: the unlock came after the lock.
            assertThat(page.indexOf("user.unlocked")).isLessThan(page.indexOf("auth.locked"));
            assertThat(fixture.eventsSince(before)).containsExactly(new Event("audit.viewed", viewer.uuid().toString(), null));
        }
    }

    @Test
    void filtersByUserAndByDaysTypedEitherWay() throws Exception {
        Cookie session = fixture.logIn(coordinator);
        String byAdmin = audit(session, "&userId=" + admin.uuid());
        assertThat(byAdmin).contains("user.unlocked").doesNotContain("auth.locked");
        String byCaseworker = audit(session, "&userId=" + caseworker.uuid());
        assertThat(byCaseworker).contains("user.unlocked", "auth.locked", "auth.password-failed");

        LocalDate today = LocalDate.now(AMSTERDAM);
        assertThat(audit(session, "&userId=" + caseworker.uuid() + "&from=" + today.format(DUTCH) + "&to=" + today))
                .contains("auth.locked").doesNotContain("id=\"audit-none\"");
        assertThat(audit(session, "&from=" + today.plusDays(1).format(DUTCH))).contains("id=\"audit-none\"", "No events match.")
                .doesNotContain("auth.locked");
        assertThat(audit(session, "&to=" + today.minusDays(1))).doesNotContain("auth.locked");
    }

    @Test
    void aBadFilterIsRefusedAtItsFieldAndReadsNothing() throws Exception {
        Cookie session = fixture.logIn(coordinator);
        String[][] cases = { { "&userId=not-an-id", "userId", "The id &quot;not-an-id&quot; is not an id" },
                { "&caseId=12345678-1234-1234-1234-1234567890123", "caseId", "is not an id" },
                { "&from=31-02-2026", "from", "The date &quot;31-02-2026&quot; is not a day" },
                { "&from=2026-12-06&to=05-12-2026", "to", "Up to and including: 05-12-2026 is before the first day" } };
        long before = fixture.lastEvent();
        for (String[] c : cases) {
            String page = mvc.perform(get("/audit?lang=en" + c[0]).cookie(session)).andExpect(status().isBadRequest()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(page).as(c[1]).contains("id=\"audit-" + c[1] + "-error\"", c[2], "aria-describedby=\"audit-" + c[1] + "-error audit-" + c[1]
                    + "-hint\"").doesNotContain("user.unlocked");
        }
        assertThat(fixture.eventsSince(before)).isEmpty();
        // Dutch too: the message in the page's language.
        String nl = mvc.perform(get("/audit?lang=nl&from=32-01-2026").cookie(session)).andExpect(status().isBadRequest()).andReturn()
                .getResponse().getContentAsString();
        assertThat(nl).contains("De datum &quot;32-01-2026&quot; is geen dag");
    }

    @Test
    void fiftyAPageNewestFirstWithLinksToOlderAndNewer() throws Exception {
        Cookie session = fixture.logIn(coordinator);
        for (int i = 0; i < 52; i++) {
            audit(session, "&userId=" + coordinator.uuid());
        }
        String first = audit(session, "&userId=" + coordinator.uuid());
        assertThat(rows(first)).isEqualTo(50);
        assertThat(first).contains("id=\"audit-next\"", "page=1").doesNotContain("id=\"audit-previous\"");
        String second = audit(session, "&userId=" + coordinator.uuid() + "&page=1");
        assertThat(rows(second)).isGreaterThanOrEqualTo(3);
        assertThat(second).contains("id=\"audit-previous\"");
        Matcher newest = Pattern.compile("<tr id=\"event-(\\d+)\"").matcher(first);
        Matcher older = Pattern.compile("<tr id=\"event-(\\d+)\"").matcher(second);
        assertThat(newest.find() && older.find()).isTrue();
        assertThat(Long.parseLong(newest.group(1))).isGreaterThan(Long.parseLong(older.group(1)));
    }

    @Test
    void nobodyElseReadsTheAuditLog() throws Exception {
        long before = fixture.lastEvent();
        for (String role : new String[] { "INTAKE", "CASEWORKER", "LAWYER", "ANALYST" }) {
            Cookie session = fixture.logIn(role.equals("CASEWORKER") ? caseworker : fixture.staff(slug, role));
            before = fixture.lastEvent();
            mvc.perform(get("/audit").cookie(session)).andExpect(status().isForbidden());
            assertThat(fixture.eventsSince(before).stream().map(Event::action)).doesNotContain("audit.viewed");
        }
        mvc.perform(get("/audit").accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
        // half logged in (password, no second factor yet): sent back to the second factor, as every staff page (#19 point 7)
        mvc.perform(get("/audit").cookie(fixture.passwordOnly(coordinator))).andExpect(redirectedUrl("/mfa"));
    }
}
