package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseText;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseTasks;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.StaffMember;
import nl.haven.shared.OrgId;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The staff case pages through the real security chain, logged in with password and TOTP (the SESSION cookie a browser
 * carries): the queue shows the name the person uses and nothing else of theirs, another organisation's case is the same 404 as a nonexistent one, every form
 * carries a CSRF token and every post without one is refused, a transition through the form moves the case and shows
 * the new deadline task, and every change writes exactly one audit event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class CasePagesIT {
    static final String PASSWORD = "saffron lighthouse meadow ninety";
    /** Canary strings: the person's names and words, which must never appear where they do not belong. */
    static final String NAME_USED = "Zephyrine Canarybird";
    static final String LEGAL_NAME = "Legalname Passportonly";
    static final String PRONOUNS = "xe/xem";
    static final String WHAT_MAY_BE_SAID = "Never mention Haven-canary-org";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CurrentStaff staff;
    @Autowired
    CaseMoves caseMoves;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    CaseQueue caseQueue;
    @Autowired
    CaseReading caseReading;
    @Autowired
    CaseTasks caseTasks;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    record Login(StaffMember member, String email, String secret) {
    }

    String slug;
    Login coordinator;
    Login caseworker;
    Login otherCoordinator;

    @BeforeEach
    void organisations() {
        slug = org();
        coordinator = user(slug, "COORDINATOR");
        caseworker = user(slug, "CASEWORKER");
        otherCoordinator = user(org(), "COORDINATOR");
    }

    String org() {
        String s = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Case Pages " + s, s);
        return s;
    }

    Login user(String orgSlug, String role) {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(orgSlug, email, role, "Colleague " + role.toLowerCase(Locale.ROOT));
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        UUID org = jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single();
        return new Login(staff.colleague(new OrgId(org), invitation.user()).orElseThrow(), email, enrolment.secret());
    }

    static String code(String secret) {
        try {
            return TotpCodes.fresh(secret); // a step not used before for this secret: Haven accepts each code once
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A browser's log-in, kept between requests: the SESSION cookie and the CSRF token as the pages give it (its cookie
     * and a form's hidden field). Spring Security Test's {@code csrf()} is not used: it replaces the server's token
     * repository with a session-based one for every later test class that shares this context. (A class that ran
     * before may have done so: then there is no CSRF cookie, and the token lives in the session.)
     */
    static final class Session implements RequestPostProcessor {
        Cookie session;
        Cookie xsrf;
        String field;

        @Override
        public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
            List<Cookie> cookies = new ArrayList<>();
            if (session != null) {
                cookies.add(session);
            }
            if (xsrf != null) {
                cookies.add(xsrf);
            }
            request.setCookies(cookies.toArray(Cookie[]::new));
            if (!"GET".equals(request.getMethod()) && field != null) {
                request.addParameter("_csrf", field);
            }
            return request;
        }

        /** The cookies alone, as a forged request from elsewhere would carry them: no token in the form. */
        RequestPostProcessor cookiesOnly() {
            return request -> {
                request.setCookies(xsrf == null ? new Cookie[] { session } : new Cookie[] { session, xsrf });
                return request;
            };
        }

        /** Takes the cookies a response sets, and the token of the page's first form. */
        void took(MockHttpServletResponse response) throws Exception {
            for (Cookie cookie : response.getCookies()) {
                if (cookie.getName().equals("SESSION")) {
                    session = cookie;
                } else if (cookie.getName().equals("XSRF-TOKEN")) {
                    xsrf = cookie.getMaxAge() == 0 ? null : cookie;
                }
            }
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(response.getContentAsString());
            if (m.find()) {
                field = m.group(1);
            }
        }
    }

    /** Password, then the TOTP code, through the real log-in pages, with the tokens those pages give. */
    Session logIn(Login login) throws Exception {
        Session s = new Session();
        s.took(mvc.perform(get("/login").with(s)).andReturn().getResponse());
        s.took(mvc.perform(post("/login").with(s).param("username", login.email()).param("password", PASSWORD))
                .andExpect(redirectedUrlPattern("/mfa*")).andReturn().getResponse());
        s.took(mvc.perform(get("/mfa").with(s)).andExpect(status().isOk()).andReturn().getResponse());
        s.took(mvc.perform(post("/mfa").with(s).param("code", code(login.secret()))).andExpect(redirectedUrlPattern("/staff*")).andReturn()
                .getResponse());
        s.took(mvc.perform(get("/staff").with(s)).andExpect(status().isOk()).andReturn().getResponse());
        assertThat(s.session).as("the session cookie of a full log-in").isNotNull();
        return s;
    }

    /** A case with the canary details, accepted and in preparation, assigned to the caseworker. */
    UUID preparingCase() {
        StaffMember c = coordinator.member();
        UUID id = caseOpening.open(c, new NewCase("US", "US", new CaseDetails(NAME_USED, PRONOUNS, LEGAL_NAME, List.of("trans"),
                List.of(), true, "My own words, canary-request", "en", new CaseDetails.SafeContact("signal", "+1 555 0100", "evenings",
                        WHAT_MAY_BE_SAID), Map.of()), "STAFF")).id();
        caseMoves.transition(c, id, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        caseMoves.assign(c, id, caseworker.member().id().value());
        caseMoves.transition(c, id, new CaseWorkflow.Request("ACCEPTED", null, null, null));
        caseMoves.transition(c, id, new CaseWorkflow.Request("PREPARING", null, null, null));
        return id;
    }

    UUID otherOrganisationsCase() {
        return caseOpening.open(otherCoordinator.member(), new NewCase("RU", null, CaseDetails.empty(), "STAFF")).id();
    }

    long lastEvent() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
    }

    List<String> eventsSince(long seq) {
        return jdbc.sql("select action from audit_event where seq > ? order by seq").param(seq).query(String.class).list();
    }

    String page(Session session, String path) throws Exception {
        return mvc.perform(get(path).with(session)).andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();
    }

    // --- the queue ----------------------------------------------------------------------------------------------------

    @Test
    void theQueueShowsTheNameUsedAsTheLabelAndNothingElseOfThePerson() throws Exception {
        UUID id = preparingCase();
        String reference = caseReading.get(coordinator.member(), id).reference();
        for (Login who : List.of(coordinator, caseworker)) {
            String queue = page(logIn(who), "/cases");
            // Issue #19 point 2: the name the person uses is the case's label; nothing else of theirs.
            assertThat(queue).contains(reference, "/cases/" + id, "Colleague caseworker", "United States",
                    "<span class=\"case-label\">" + NAME_USED + "</span>")
                    .doesNotContain(LEGAL_NAME, PRONOUNS, WHAT_MAY_BE_SAID, "canary-request", "+1 555 0100");
            String table = queue.substring(queue.indexOf("<table class=\"queue\""), queue.indexOf("</table>"));
            assertThat(headers(table)).containsExactly("Reference", "Status", "Priority", "Assigned to", "Nationality", "Next due", "Opened");
        }
        // Showing the name decrypts the case's details: one case.label-read event per case shown, about that case.
        Session session = logIn(coordinator);
        long before = lastEvent();
        page(session, "/cases?status=ACCEPTED&priority=2&nationality=US&lang=nl");
        assertThat(eventsSince(before)).containsExactly("case.label-read");
        assertThat(jdbc.sql("select subject_id from audit_event where seq > ?").param(before).query(String.class).single())
                .isEqualTo(id.toString());
    }

    static List<String> headers(String table) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<th scope=\"col\"[^>]*>(?:<a [^>]*>)?([^<]*)(?:</a>)?</th>").matcher(table);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theQueueSortsByItsColumnHeadingsAndFiltersTheUnassigned() throws Exception {
        UUID first = caseOpening.open(coordinator.member(), new NewCase("IR", null, CaseDetails.empty(), "STAFF")).id();
        UUID second = caseOpening.open(coordinator.member(), new NewCase("IR", null, CaseDetails.empty(), "STAFF")).id();
        jdbc.sql("update case_file set opened_at = ?, assignee_id = null where id = ?")
                .params(OffsetDateTime.parse("2026-01-01T09:00:00Z"), first).update();
        jdbc.sql("update case_file set opened_at = ?, assignee_id = ? where id = ?")
                .params(OffsetDateTime.parse("2026-02-01T09:00:00Z"), caseworker.member().id().value(), second).update();
        Session session = logIn(coordinator);

        String ascending = page(session, "/cases?sort=opened,asc");
        assertThat(ascending.indexOf("case-" + first)).isPositive().isLessThan(ascending.indexOf("case-" + second));
        String descending = page(session, "/cases?sort=opened,desc");
        assertThat(descending.indexOf("case-" + second)).isPositive().isLessThan(descending.indexOf("case-" + first));
        // The sorted heading says so and its link turns the order round; the others sort ascending; no script needed.
        assertThat(ascending).containsPattern("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"[^\"]*sort=opened,desc[^\"]*\">Opened</a>")
                .containsPattern("<th scope=\"col\"><a href=\"[^\"]*sort=reference,asc[^\"]*\">Reference</a>")
                .containsPattern("<input type=\"hidden\" name=\"sort\" value=\"opened,asc\">");
        assertThat(headers(descending.substring(descending.indexOf("<table"), descending.indexOf("</table>")))).contains("Opened");
        assertThat(descending).contains("aria-sort=\"descending\"");
        // New requests: newest first by default, and the page says which column it is sorted by.
        String triage = page(session, "/cases?status=NEW");
        assertThat(triage.indexOf("case-" + second)).isPositive().isLessThan(triage.indexOf("case-" + first));
        assertThat(triage).containsPattern("<th scope=\"col\" aria-sort=\"descending\"><a [^>]*>Opened</a>");

        String unassigned = page(session, "/cases?assignee=none");
        assertThat(unassigned).contains("case-" + first).doesNotContain("case-" + second)
                .containsPattern("<option value=\"none\" selected=\"selected\">");

        MockHttpServletResponse bad = mvc.perform(get("/cases").with(session).param("sort", "nameUsed,asc")).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("&quot;nameUsed,asc&quot; is not one of the choices");
    }

    @Test
    void theQueueFiltersAndTheSearchIsPostedSoNoIdentifierEndsUpInAnAddress() throws Exception {
        UUID id = preparingCase();
        UUID triage = caseOpening.open(coordinator.member(), new NewCase("IR", null, CaseDetails.empty(), "STAFF")).id();
        caseQueue.addIdentifier(coordinator.member(), id, "v-number", "V 123-456");
        String reference = caseReading.get(coordinator.member(), id).reference();
        String otherReference = caseReading.get(coordinator.member(), triage).reference();
        Session session = logIn(coordinator);

        assertThat(page(session, "/cases?nationality=IR")).contains(otherReference).doesNotContain(reference);
        assertThat(page(session, "/cases?status=PREPARING")).contains(reference).doesNotContain(otherReference);
        assertThat(page(session, "/cases?assignee=" + caseworker.member().id().value())).contains(reference).doesNotContain(otherReference);
        assertThat(page(session, "/cases?priority=3")).doesNotContain(reference, otherReference);

        String found = mvc.perform(post("/cases/search").with(session).param("q", "v123456")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(found).contains(reference).doesNotContain(otherReference);
        assertThat(mvc.perform(post("/cases/search").with(session).param("q", reference.toLowerCase(Locale.ROOT)))
                .andReturn().getResponse().getContentAsString()).contains(reference).doesNotContain(otherReference);
        // The filter form never carries the search box: it posts.
        String queue = page(session, "/cases");
        assertThat(queue).containsPattern("<form id=\"search-form\"[^>]*method=\"post\"");
        int filter = queue.indexOf("<form id=\"filter-form\"");
        assertThat(queue.substring(filter, queue.indexOf("</form>", filter))).doesNotContain("name=\"q\"");

        // A wrong filter value is named, tied to its field, and answered 400.
        MockHttpServletResponse bad = mvc.perform(get("/cases").with(session).param("dueBefore", "next friday")).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("aria-describedby=\"filter-dueBefore-hint filter-dueBefore-error\"",
                "id=\"filter-dueBefore-error\"", "&quot;next friday&quot; is not a date");
        // A date field; what a Dutch colleague types where the browser has no date picker is read too.
        assertThat(queue).containsPattern("<input id=\"filter-dueBefore\" name=\"dueBefore\" type=\"date\"");
        assertThat(page(session, "/cases?dueBefore=31-12-2099")).doesNotContain("id=\"filter-dueBefore-error\"");
    }

    @Test
    void aCoordinatorOpensACaseFromTheQueueWithOneAuditEvent() throws Exception {
        Session session = logIn(coordinator);
        long before = lastEvent();
        String location = mvc.perform(post("/cases").with(session).param("nameUsed", "Ash").param("pronouns", "they/them")
                .param("nationality", "UG").param("countryOfResidence", "KE")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(location).matches("/cases/[0-9a-f-]{36}\\?lang=en");
        assertThat(eventsSince(before)).containsExactly("case.opened");
        String casePage = page(session, location);
        assertThat(casePage).contains("<h1 id=\"case-name\">Ash</h1>", "they/them", "The case is open.", "Uganda");

        // Lawyers and intake staff do not open cases on this page.
        Login lawyer = user(slug, "LAWYER");
        mvc.perform(post("/cases").with(logIn(lawyer)).param("nameUsed", "Ash")).andExpect(status().isForbidden());
        assertThat(page(logIn(lawyer), "/cases")).doesNotContain("id=\"new-case-form\"");
    }

    // --- the case page ------------------------------------------------------------------------------------------------

    @Test
    void theCasePageCallsThePersonByTheNameTheyUseAndShowsTheSafeContactBeforeAnyOutreach() throws Exception {
        UUID id = preparingCase();
        Session session = logIn(caseworker);
        long before = lastEvent();
        String html = page(session, "/cases/" + id);
        assertThat(eventsSince(before)).as("reading the whole page is one read of the case").containsExactly("case.read");

        assertThat(html).contains("<h1 id=\"case-name\">" + NAME_USED + "</h1>", PRONOUNS);
        // The legal name only inside the disclosure, and the title carries the reference, not a name.
        assertThat(html.indexOf(LEGAL_NAME)).isGreaterThan(html.indexOf("<details class=\"legal-name\""));
        assertThat(html.substring(0, html.indexOf("<details class=\"legal-name\""))).doesNotContain(LEGAL_NAME);
        String title = html.substring(html.indexOf("<title>"), html.indexOf("</title>"));
        assertThat(title).doesNotContain(NAME_USED).contains(caseReading.get(coordinator.member(), id).reference());
        // The safe-contact instructions come before the message form (and any other form of the page; the header's
        // log-out form is not the page's).
        int contact = html.indexOf("id=\"contact\"");
        assertThat(contact).isPositive().isLessThan(html.indexOf("<form", html.indexOf("<main")));
        assertThat(html.indexOf(WHAT_MAY_BE_SAID)).isLessThan(html.indexOf("id=\"message-form\""));
        assertThat(html).contains("Gender marker in the travel document", "Signal", "evenings");
        assertThat(html).contains("href=\"/api/v1/cases/" + id + "/export\"");
    }

    /** Beside the case: the assessment and the routes with their sources, and recording the framework used. */
    @Test
    void theDecisionSupportPageCitesItsSourcesAndRecordsTheFrameworkUsed() throws Exception {
        UUID id = preparingCase();
        Session session = logIn(caseworker);
        long before = lastEvent();
        String html = page(session, "/cases/" + id + "/decision-support");
        assertThat(eventsSince(before)).as("one read for the whole page").containsExactly("case.decision-support-read");
        // A US trans person: no group policy (Kamerstuk answers of 2025), so an individual assessment, with its sources.
        assertThat(html).contains("INDIVIDUAL").contains("class=\"sources\"").contains("it never decides");
        assertThat(html).contains("dutchreview.com"); // the travel-document checklist item, cited
        assertThat(html).contains("Nothing recorded yet.");
        assertThat(page(session, "/cases/" + id)).contains("/cases/" + id + "/decision-support");

        before = lastEvent();
        mvc.perform(post("/cases/" + id + "/receipts").with(session).param("date", "2026-03-02")).andExpect(status().is3xxRedirection());
        assertThat(eventsSince(before)).containsExactly("case.receipt-recorded");
        String after = page(session, "/cases/" + id + "/decision-support");
        assertThat(after).doesNotContain("Nothing recorded yet.").contains("2026-03-02").contains("sha256:");
        // A bad date is refused, naming the field, and records nothing.
        before = lastEvent();
        String refused = mvc.perform(post("/cases/" + id + "/receipts").with(session).param("date", "2026-02-30"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(refused).contains("refused=date");
        assertThat(eventsSince(before)).isEmpty();
    }

    @Test
    void anotherOrganisationsCaseAndAColleaguesCaseAreTheSame404AsANonexistentOne() throws Exception {
        UUID foreign = otherOrganisationsCase();
        UUID colleagues = caseOpening.open(coordinator.member(), new NewCase(null, null, CaseDetails.empty(), "STAFF")).id();
        // Through the real server: the 404 page comes from the container's error dispatch, which MockMvc skips.
        Browser caseworkerBrowser = new Browser(logIn(caseworker));
        Browser coordinatorBrowser = new Browser(logIn(coordinator));
        Map<String, String[]> posts = validForms();
        List<String> problems = new ArrayList<>();
        String nonexistentBody = null;
        for (String suffix : posts.keySet()) {
            // Caseworkers do not assign (403 before any look-up); a coordinator sees all of the organisation's cases.
            boolean assignment = suffix.equals("/assignment");
            Browser browser = assignment ? coordinatorBrowser : caseworkerBrowser;
            for (UUID id : assignment ? new UUID[] { UUID.randomUUID(), foreign } : new UUID[] { UUID.randomUUID(), foreign, colleagues }) {
                String path = "/cases/" + id + suffix.replace("{task}", UUID.randomUUID().toString());
                List<String> params = new ArrayList<>();
                for (String param : posts.get(suffix)) {
                    params.add(param.replace("{otherOrg}", otherSlug()));
                }
                HttpResponse<String> response = suffix.isEmpty() ? browser.get(path) : browser.post(path, params.toArray(String[]::new));
                String body = response.body().replace(path, "PATH");
                if (response.statusCode() != 404) {
                    problems.add(path + ": " + response.statusCode());
                }
                if (nonexistentBody == null) {
                    nonexistentBody = body;
                } else if (!nonexistentBody.equals(body)) {
                    problems.add(path + ": a different 404 body");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(nonexistentBody).contains("There is nothing at this address.").doesNotContain(foreign.toString(), colleagues.toString());
        // A malformed id is as unknown as any other.
        HttpResponse<String> malformed = caseworkerBrowser.get("/cases/not-a-uuid");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(malformed.body().replace("/cases/not-a-uuid", "PATH")).isEqualTo(nonexistentBody);
    }

    /** A logged-in browser on the real server: the log-in's SESSION and CSRF cookies, and its token for the forms. */
    final class Browser {
        final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final Session login;

        Browser(Session login) {
            this.login = login;
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Cookie", cookies())
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String... params) throws Exception {
            StringBuilder form = new StringBuilder("_csrf=").append(URLEncoder.encode(login.field, StandardCharsets.UTF_8));
            for (int i = 0; i + 1 < params.length; i += 2) {
                form.append('&').append(URLEncoder.encode(params[i], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
            }
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Cookie", cookies())
                    .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookies() {
            return "SESSION=" + login.session.getValue() + (login.xsrf == null ? "" : "; XSRF-TOKEN=" + login.xsrf.getValue());
        }
    }

    String otherSlug() {
        return jdbc.sql("select slug from organisation where id = ?").param(otherCoordinator.member().org().value()).query(String.class).single();
    }

    /** Every route under /cases/{id} with valid form values ("" is the page itself). */
    static Map<String, String[]> validForms() {
        Map<String, String[]> forms = new LinkedHashMap<>();
        forms.put("", new String[0]);
        forms.put("/transitions", new String[] { "to", "APPLIED", "date", "2026-03-02" });
        forms.put("/assignment", new String[] { "assignee", "" });
        forms.put("/details", new String[] { "nameUsed", "Someone", "contactChannel", "none" });
        forms.put("/notes", new String[] { "body", "a note" });
        forms.put("/messages", new String[] { "body", "a message" });
        forms.put("/tasks", new String[] { "title", "a task", "dueOn", "2026-12-01" });
        forms.put("/tasks/{task}/done", new String[0]);
        forms.put("/identifiers", new String[] { "kind", "v-number", "value", "V1" });
        forms.put("/referrals", new String[] { "toOrg", "{otherOrg}", "consent", "true" });
        return forms;
    }

    @Test
    void everyFormCarriesACsrfTokenAndEveryPostWithoutOneIsRefused() throws Exception {
        UUID id = preparingCase();
        caseTasks.addTask(coordinator.member(), id, "check the file", LocalDate.of(2026, 12, 1), null);
        Session session = logIn(coordinator);
        for (String path : List.of("/cases", "/cases/" + id)) {
            String html = page(session, path);
            Matcher forms = Pattern.compile("<form[^>]*>(.*?)</form>", Pattern.DOTALL).matcher(html);
            int posted = 0;
            while (forms.find()) {
                if (forms.group().startsWith("<form") && forms.group().matches("(?s)<form[^>]*method=\"post\".*")) {
                    posted++;
                    assertThat(forms.group(1)).as("a form on " + path).containsPattern("<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"");
                }
            }
            assertThat(posted).as("forms that post on " + path).isGreaterThan(path.equals("/cases") ? 1 : 8);
        }
        UUID taskId = caseTasks.tasks(coordinator.member(), id).get(0).id();
        long before = lastEvent();
        List<String> posts = new ArrayList<>(List.of("/cases", "/cases/search"));
        validForms().keySet().stream().filter(s -> !s.isEmpty()).forEach(s -> posts.add("/cases/" + id + s.replace("{task}", taskId.toString())));
        for (String path : posts) {
            assertThat(mvc.perform(post(path).with(session.cookiesOnly()).param("body", "x").param("to", "APPLIED").param("date", "2026-03-02"))
                    .andReturn().getResponse().getStatus()).as("POST " + path + " without a CSRF token").isEqualTo(403);
        }
        assertThat(eventsSince(before)).isEmpty();
    }

    @Test
    void aTransitionThroughTheFormMovesTheStageAndShowsTheNewDeadlineTask() throws Exception {
        UUID id = preparingCase();
        Session session = logIn(caseworker);
        assertThat(page(session, "/cases/" + id)).contains("id=\"transition-APPLIED\"", "id=\"transition-REGULAR_APPLIED\"");

        long before = lastEvent();
        String location = mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "APPLIED")
                .param("date", "2026-03-02").param("lang", "en")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(location).isEqualTo("/cases/" + id + "?lang=en#status");
        assertThat(eventsSince(before)).containsExactly("case.applied");

        // Following the redirect as a browser does: the flash message comes from the session.
        String html = page(session, location.substring(0, location.indexOf('#')));
        assertThat(html).contains("<dd id=\"case-state\">Accepted – Application registered</dd>", "The case moved to: Application registered.",
                "Application registered on", "2026-03-02");
        String tasks = html.substring(html.indexOf("<table class=\"tasks\""), html.indexOf("</table>", html.indexOf("<table class=\"tasks\"")));
        assertThat(tasks).contains("Decision time limit", "legal deadline", "2026-09-02");
        // The next steps are those of the new stage.
        assertThat(html).contains("id=\"transition-REST_AND_PREPARATION\"").doesNotContain("id=\"transition-APPLIED\"");
    }

    @Test
    void aStepWhoseDeadlineHavenCannotComputeSaysSoInThePagesLanguage() throws Exception {
        UUID id = preparingCase();
        Session session = logIn(caseworker);
        // procedure.yaml describes the decision time limit from 20 July 2015 only: no task, and a notice instead.
        String location = mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "APPLIED")
                .param("date", "2015-07-01").param("lang", "nl")).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String html = page(session, location.substring(0, location.indexOf('#')));
        assertThat(html).contains("Er is geen taak gemaakt voor een wettelijke termijn (Beslistermijn)",
                "<p lang=\"en\">no version of legal term &#39;decision-time-limit&#39; is in force on 2015-07-01");
        assertThat(caseTasks.tasks(coordinator.member(), id)).isEmpty();
        // The notice belongs to that step only: the next visit no longer shows it.
        assertThat(page(session, "/cases/" + id + "?lang=nl")).doesNotContain("Er is geen taak gemaakt");
    }

    @Test
    void eachChangeThroughAFormWritesExactlyOneAuditEvent() throws Exception {
        UUID id = preparingCase();
        Session coordinatorSession = logIn(coordinator);
        Session caseworkerSession = logIn(caseworker);
        String otherOrg = otherSlug();
        record Change(Session session, String path, String event, String... params) {
        }
        List<Change> changes = new ArrayList<>(List.of(
                new Change(caseworkerSession, "/notes", "case.note-added", "body", "Called back, all well."),
                new Change(caseworkerSession, "/messages", "case.message-sent", "body", "We have news for you."),
                new Change(caseworkerSession, "/tasks", "case.task-added", "title", "Ask for the birth certificate", "dueOn", "2026-04-01"),
                new Change(caseworkerSession, "/details", "case.details-changed", "nameUsed", "Zephyrine", "pronouns", "she/her",
                        "legalName", LEGAL_NAME, "groups", "trans", "groups", "lesbian", "documentGenderMismatch", "true", "nationality", "US",
                        "contactChannel", "email", "contactValue", "safe@example.org", "contactTimes", "mornings", "contactWhatMayBeSaid", "Anything"),
                new Change(caseworkerSession, "/identifiers", "case.identifier-added", "kind", "phone", "value", "+31 6 1234 5678"),
                new Change(caseworkerSession, "/transitions", "case.applied", "to", "APPLIED", "date", "2026-03-02"),
                new Change(coordinatorSession, "/assignment", "case.assigned", "assignee", coordinator.member().id().value().toString())));
        for (Change change : changes) {
            MockHttpServletRequestBuilder request = post("/cases/" + id + change.path()).with(change.session());
            for (int i = 0; i < change.params().length; i += 2) {
                request.param(change.params()[i], change.params()[i + 1]);
            }
            long before = lastEvent();
            mvc.perform(request).andExpect(status().is3xxRedirection());
            assertThat(eventsSince(before)).as(change.path()).containsExactly(change.event());
        }
        // Completing a task and referring the case, as the coordinator (the case is assigned to them now).
        UUID task = caseTasks.tasks(coordinator.member(), id).stream().filter(t -> t.doneAt() == null).findFirst().orElseThrow().id();
        long before = lastEvent();
        mvc.perform(post("/cases/" + id + "/tasks/" + task + "/done").with(coordinatorSession)).andExpect(status().is3xxRedirection());
        assertThat(eventsSince(before)).containsExactly("case.task-completed");

        CaseReading.Dossier dossier = caseReading.dossier(coordinator.member(), id);
        assertThat(dossier.view().details().nameUsed()).isEqualTo("Zephyrine");
        assertThat(dossier.view().details().groups()).containsExactly("trans", "lesbian");
        assertThat(dossier.view().details().request()).as("the person's own words stay as they wrote them").isEqualTo("My own words, canary-request");
        assertThat(dossier.view().details().safeContact().channel()).isEqualTo("email");
        assertThat(dossier.notes()).extracting(CaseText::body).containsExactly("Called back, all well.");
        assertThat(dossier.messages()).extracting(CaseText::body).containsExactly("We have news for you.");

        before = lastEvent();
        String location = mvc.perform(post("/cases/" + id + "/referrals").with(coordinatorSession).param("toOrg", otherOrg)
                .param("consent", "true").param("confirmed", "true")).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/cases?");
        assertThat(eventsSince(before)).containsExactly("case.referred");
        mvc.perform(get("/cases/" + id).with(coordinatorSession)).andExpect(status().isNotFound());
    }

    @Test
    void aRefusedFormShowsItsMessageTiedToItsFieldAndChangesNothing() throws Exception {
        UUID id = preparingCase();
        Session session = logIn(caseworker);
        String[][] refusals = {
                { "/transitions", "transition-APPLIED-date", "Enter the day it happened", "to", "APPLIED" },
                { "/transitions", "transition-APPLIED-date", "&quot;2 March&quot; is not a date", "to", "APPLIED", "date", "2 March" },
                { "/notes", "note-body", "This is empty", "body", "   " },
                { "/tasks", "task-dueOn", "Enter the day the task is due", "title", "Something" },
                { "/details", "details-groups", "&quot;martian&quot; is not one of the choices", "groups", "martian" },
                // Issue #15, point 14: a crafted form with more groups than there are is refused on the page too, at the field.
                { "/details", "details-groups", "9 are chosen: at most 8", "groups", "gay", "groups", "gay", "groups", "gay", "groups", "gay",
                        "groups", "gay", "groups", "gay", "groups", "gay", "groups", "gay", "groups", "gay" },
                { "/details", "details-contactChannel", "Choose the channel", "contactValue", "+31 6 0000 0000" },
                { "/referrals", "referral-consent", "only with their consent", "toOrg", otherSlug() },
                { "/referrals", "referral-toOrg", "no organisation &quot;nowhere&quot;", "toOrg", "nowhere", "consent", "true" },
                { "/identifiers", "identifier-kind", "&quot;passport&quot; is not one of the choices", "kind", "passport", "value", "X" } };
        for (String[] refusal : refusals) {
            MockHttpServletRequestBuilder request = post("/cases/" + id + refusal[0]).with(session);
            for (int i = 3; i + 1 < refusal.length; i += 2) {
                request.param(refusal[i], refusal[i + 1]);
            }
            long before = lastEvent();
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            String html = response.getContentAsString();
            assertThat(response.getStatus()).as(refusal[1]).isEqualTo(400);
            assertThat(html).as(refusal[1]).contains("id=\"" + refusal[1] + "-error\"", refusal[2], "href=\"#" + refusal[1] + "\"")
                    .containsPattern("aria-describedby=\"([^\"]* )?" + refusal[1] + "-error\"");
            assertThat(eventsSince(before)).as("only the page is read again: " + refusal[1]).containsExactly("case.read");
        }
        // A step the case cannot take (any more) is a conflict, named.
        MockHttpServletResponse conflict = mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "GRANTED")
                .param("date", "2026-03-02")).andReturn().getResponse();
        assertThat(conflict.getStatus()).isEqualTo(409);
        assertThat(conflict.getContentAsString()).contains("The case cannot move to Permit granted now");
    }

    @Test
    void onlyCoordinatorsAndIntakeStaffAssign() throws Exception {
        UUID id = preparingCase();
        mvc.perform(post("/cases/" + id + "/assignment").with(logIn(caseworker)).param("assignee", ""))
                .andExpect(status().isForbidden());
        assertThat(page(logIn(caseworker), "/cases/" + id)).doesNotContain("id=\"assignment-form\"");
        assertThat(page(logIn(coordinator), "/cases/" + id)).contains("id=\"assignment-form\"", "Colleague caseworker (Caseworker)");
    }

    @Test
    void theStaffPageLinksToTheQueueForCaseRolesOnly() throws Exception {
        assertThat(page(logIn(caseworker), "/staff")).contains("id=\"cases-link\"", "href=\"/cases?lang=en\"");
        Login analyst = user(slug, "ANALYST");
        assertThat(page(logIn(analyst), "/staff")).doesNotContain("id=\"cases-link\"");
        mvc.perform(get("/cases").with(logIn(analyst))).andExpect(status().isForbidden());
    }

    @Test
    void thePagesSpeakDutchAndRussian() throws Exception {
        UUID id = preparingCase();
        Session session = logIn(caseworker);
        assertThat(page(session, "/cases?lang=nl")).contains("Eerstvolgende termijn", "Aanvraag wordt voorbereid");
        assertThat(page(session, "/cases/" + id + "?lang=nl")).contains("Hoe de persoon veilig te bereiken is",
                "Wettelijke naam (voor documenten en de procedure)");
        assertThat(page(session, "/cases?lang=ru")).contains("Ближайший срок", "Подготовка заявления");
        assertThat(page(session, "/cases/" + id + "?lang=ru")).contains("Как безопасно связаться", "Юридическое имя (для документов и процедуры)");
    }

    @Test
    void overdueAndSoonDueDatesAreFlaggedWithWordsNotColourAlone() throws Exception {
        UUID id = preparingCase();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        caseTasks.addTask(coordinator.member(), id, "late one", today.minusDays(3), null);
        UUID second = preparingCase();
        caseTasks.addTask(coordinator.member(), second, "soon one", today.plusDays(5), null);
        UUID third = preparingCase();
        caseTasks.addTask(coordinator.member(), third, "later one", today.plusDays(30), null);
        Session session = logIn(coordinator);
        String queue = page(session, "/cases");
        assertThat(row(queue, id)).contains("Overdue", "badge-overdue", today.minusDays(3).toString());
        assertThat(row(queue, second)).contains("Due soon", "badge-soon");
        assertThat(row(queue, third)).contains(today.plusDays(30).toString()).doesNotContain("badge");
        assertThat(page(session, "/cases/" + id)).contains("late one", "Overdue");
    }

    // --- issue #19: no irreversible click, dates people can enter ------------------------------------------------------

    String handling(UUID id) {
        return jdbc.sql("select handling from case_file where id = ?").param(id).query(String.class).single();
    }

    /** The confirmation form of a page: its action, its hidden fields (name=value) and whether it carries a CSRF token. */
    static String confirmForm(String html) {
        int start = html.indexOf("<form id=\"confirm-form\"");
        assertThat(start).as("the confirmation form").isNotNegative();
        return html.substring(start, html.indexOf("</form>", start));
    }

    @Test
    void closingAsksFirstOnAPageOfItsOwnAndOnlyTheConfirmedPostCloses() throws Exception {
        UUID id = preparingCase();
        String reference = caseReading.get(coordinator.member(), id).reference();
        Session session = logIn(caseworker);
        assertThat(page(session, "/cases/" + id)).contains("id=\"transition-CLOSED\"");

        long before = lastEvent();
        MockHttpServletResponse asked = mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "CLOSED").param("lang", "en"))
                .andReturn().getResponse();
        assertThat(asked.getStatus()).isEqualTo(200);
        String html = asked.getContentAsString();
        assertThat(html).contains("<h1 id=\"confirm-heading\">Close case " + reference + "?</h1>", "What will happen",
                "no longer counts among the open cases", "reopened later by moving it back to triage", "Yes, close the case",
                "id=\"confirm-cancel\" href=\"/cases/" + id + "?lang=en#status\"")
                .doesNotContain(NAME_USED, LEGAL_NAME, PRONOUNS, WHAT_MAY_BE_SAID, "canary-request");
        String form = confirmForm(html);
        assertThat(form).contains("method=\"post\"", "action=\"/cases/" + id + "/transitions?lang=en\"",
                "<input type=\"hidden\" name=\"to\" value=\"CLOSED\">", "<input type=\"hidden\" name=\"confirmed\" value=\"true\">")
                .containsPattern("<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"");
        assertThat(eventsSince(before)).as("asking changes nothing").containsExactly("case.read");
        assertThat(handling(id)).isEqualTo("ACCEPTED");

        session.took(asked);
        before = lastEvent();
        mvc.perform(post("/cases/" + id + "/transitions?lang=en").with(session).param("to", "CLOSED").param("confirmed", "true"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/cases/" + id + "?lang=en#status"));
        assertThat(eventsSince(before)).containsExactly("case.closed");
        assertThat(handling(id)).isEqualTo("CLOSED");
    }

    @Test
    void decliningAsksFirstInThePagesLanguage() throws Exception {
        UUID id = caseOpening.open(coordinator.member(), new NewCase("US", null, CaseDetails.empty(), "STAFF")).id();
        String reference = caseReading.get(coordinator.member(), id).reference();
        Session session = logIn(coordinator);
        long before = lastEvent();
        String html = mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "DECLINED").param("lang", "nl"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Zaak " + reference + " afwijzen?", "Wat er gebeurt", "Ja, wijs de zaak af", "Nee, terug zonder iets te veranderen");
        assertThat(confirmForm(html)).contains("action=\"/cases/" + id + "/transitions?lang=nl\"", "name=\"to\" value=\"DECLINED\"");
        assertThat(eventsSince(before)).containsExactly("case.read");
        assertThat(handling(id)).isEqualTo("NEW");
        // A step that needs no confirmation still acts at once; a confirmed decline declines.
        mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "DECLINED").param("confirmed", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(handling(id)).isEqualTo("DECLINED");
        // Closing a case that can no longer be closed asks nothing: it is refused as before, named.
        mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "CLOSED").param("confirmed", "true"))
                .andExpect(status().is3xxRedirection());
        MockHttpServletResponse conflict = mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "CLOSED"))
                .andReturn().getResponse();
        assertThat(conflict.getStatus()).isEqualTo(409);
        assertThat(conflict.getContentAsString()).contains("The case cannot move to Closed now").doesNotContain("confirm-form");
    }

    @Test
    void referringAsksFirstNamingTheOrganisationAndWhatHappensToTheNotes() throws Exception {
        UUID id = preparingCase();
        String reference = caseReading.get(coordinator.member(), id).reference();
        Session session = logIn(coordinator);
        String otherName = jdbc.sql("select name from organisation where slug = ?").param(otherSlug()).query(String.class).single();
        long before = lastEvent();
        String html = mvc.perform(post("/cases/" + id + "/referrals").with(session).param("toOrg", otherSlug()).param("consent", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Refer case " + reference + " to " + otherName + "?", "only they can read it",
                "The internal notes are deleted", "Yes, refer the case", "href=\"/cases/" + id + "?lang=en#referral\"");
        assertThat(confirmForm(html)).contains("name=\"toOrg\" value=\"" + otherSlug() + "\"", "name=\"consent\" value=\"true\"",
                "name=\"includeNotes\" value=\"false\"", "name=\"confirmed\" value=\"true\"");
        String withNotes = mvc.perform(post("/cases/" + id + "/referrals").with(session).param("toOrg", otherSlug()).param("consent", "true")
                .param("includeNotes", "true")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(withNotes).contains("The internal notes go along with the case.");
        assertThat(confirmForm(withNotes)).contains("name=\"includeNotes\" value=\"true\"");
        assertThat(eventsSince(before)).containsExactly("case.read", "case.read");
        assertThat(handling(id)).isEqualTo("ACCEPTED");
        page(session, "/cases/" + id); // still this organisation's
    }

    @Test
    void dateFieldsAreDateInputsAndTheDayItHappenedIsNeitherInTheFutureNorBefore1990() throws Exception {
        UUID id = preparingCase();
        Session session = logIn(caseworker);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        String html = page(session, "/cases/" + id);
        assertThat(html).containsPattern("<input type=\"date\" name=\"date\"[^>]*id=\"transition-APPLIED-date\"[^>]*min=\"1990-01-01\" max=\""
                + today + "\"").containsPattern("<input id=\"task-dueOn\" name=\"dueOn\" type=\"date\"");

        String[][] refusals = { { today.plusDays(1).toString(), "The day it happened: " + today.plusDays(1) + " is in the future (today is " + today + ")" },
                { "01-01-2030", "The day it happened: 2030-01-01 is in the future" },
                { "1989-12-31", "The day it happened: 1989-12-31 is before 1990-01-01. Check the year." } };
        for (String[] refusal : refusals) {
            long before = lastEvent();
            MockHttpServletResponse response = mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "APPLIED")
                    .param("date", refusal[0])).andReturn().getResponse();
            assertThat(response.getStatus()).as(refusal[0]).isEqualTo(400);
            assertThat(response.getContentAsString()).as(refusal[0]).contains("id=\"transition-APPLIED-date-error\"", refusal[1])
                    .containsPattern("aria-describedby=\"([^\"]* )?transition-APPLIED-date-error\"");
            assertThat(eventsSince(before)).as("only the page is read again: " + refusal[0]).containsExactly("case.read");
        }
        assertThat(caseReading.get(coordinator.member(), id).stage().name()).isEqualTo("PREPARING");

        // Dutch day-month-year is read; so is a due date in the future, which is what due dates are.
        mvc.perform(post("/cases/" + id + "/tasks").with(session).param("title", "Call back").param("dueOn", "02-01-2030"))
                .andExpect(status().is3xxRedirection());
        assertThat(caseTasks.tasks(coordinator.member(), id)).anyMatch(t -> LocalDate.of(2030, 1, 2).equals(t.dueOn()));
        mvc.perform(post("/cases/" + id + "/transitions").with(session).param("to", "APPLIED").param("date", "02-03-2026"))
                .andExpect(status().is3xxRedirection());
        assertThat(caseReading.get(coordinator.member(), id).applicationDate()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    static String row(String html, UUID id) {
        int start = html.indexOf("<tr id=\"case-" + id + "\"");
        assertThat(start).as("the row of case " + id).isPositive();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    /** Issue #19, point 1: the day at /cases/today, linked from the staff home, each case a link; in English and Dutch. */
    @Test
    void theDayListsWhatIsDueAndTheNewRequestsAsLinksToTheCases() throws Exception {
        UUID fresh = caseOpening.open(coordinator.member(), new NewCase("IR", null, CaseDetails.empty(), "STAFF")).id();
        caseMoves.assign(coordinator.member(), fresh, null);
        String reference = caseReading.get(coordinator.member(), fresh).reference();
        caseTasks.addTask(coordinator.member(), fresh, "canary-task-title", LocalDate.now(ZoneId.of("Europe/Amsterdam")), null);
        Session session = logIn(coordinator);
        assertThat(page(session, "/staff")).contains("href=\"/cases/today?lang=en\"");
        String day = page(session, "/cases/today");
        assertThat(day).contains("Due today", "New requests waiting for triage", "href=\"/cases/" + fresh + "?lang=en\"", reference)
                .doesNotContain("canary-task-title");
        assertThat(page(session, "/cases/today?lang=nl")).contains("Vandaag", "Nieuwe aanvragen die wachten op triage", reference);
        String caseworkers = page(logIn(caseworker), "/cases/today");
        assertThat(caseworkers).contains("Due today").doesNotContain(reference);
    }
}
