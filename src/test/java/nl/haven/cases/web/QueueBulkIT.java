package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.RequesterCases;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseFilter;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseSummary;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.StaffMember;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue #19 point 2 through the real pages and security chain: the queue's "new" and "unread" markers, the name
 * the person uses shown to coordinators and to the caseworker of the case but not to intake staff (one
 * {@code case.label-read} audit event per name shown), and bulk assignment and re-prioritising — each case checked
 * through the coordinator's own scope (another organisation's case and an unknown id are counted as not changed and
 * audited as denied), one timeline and audit event per changed case, every unusable form refused (400) naming its
 * field with nothing changed, and any role other than coordinator refused (403), as is a post without the CSRF token.
 */
@SpringBootTest
@AutoConfigureMockMvc
class QueueBulkIT {
    static final String PASSWORD = "saffron lighthouse meadow ninety";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CurrentStaff staff;
    @Autowired
    CaseMoves moves;
    @Autowired
    CaseOpening opening;
    @Autowired
    CaseQueue queue;
    @Autowired
    CaseConversation conversation;
    @Autowired
    RequesterCases requester;
    @Autowired
    JdbcClient jdbc;

    record Login(StaffMember member, String email, String secret) {
    }

    Login coordinator;
    Login caseworker;
    Login intake;
    Login otherCoordinator;

    @BeforeEach
    void organisations() {
        String slug = org();
        coordinator = user(slug, "COORDINATOR");
        caseworker = user(slug, "CASEWORKER");
        intake = user(slug, "INTAKE");
        otherCoordinator = user(org(), "COORDINATOR");
    }

    String org() {
        String s = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Bulk " + s, s);
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

    CasePagesIT.Session logIn(Login login) throws Exception {
        CasePagesIT.Session s = new CasePagesIT.Session();
        s.took(mvc.perform(get("/login").with(s)).andReturn().getResponse());
        s.took(mvc.perform(post("/login").with(s).param("username", login.email()).param("password", PASSWORD))
                .andExpect(redirectedUrlPattern("/mfa*")).andReturn().getResponse());
        s.took(mvc.perform(get("/mfa").with(s)).andExpect(status().isOk()).andReturn().getResponse());
        s.took(mvc.perform(post("/mfa").with(s).param("code", TotpCodes.fresh(login.secret()))).andExpect(redirectedUrlPattern("/staff*"))
                .andReturn().getResponse());
        s.took(mvc.perform(get("/cases").with(s)).andExpect(status().isOk()).andReturn().getResponse());
        return s;
    }

    UUID open(Login who, String name) {
        return opening.open(who.member(), new NewCase("US", null, new CaseDetails(name, null, null, List.of(), List.of(), false, null, null, null,
                Map.of()), "STAFF")).id();
    }

    long lastEvent() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
    }

    List<String> eventsSince(long seq) {
        return jdbc.sql("select action || ' ' || coalesce(subject_id, '-') from audit_event where seq > ? order by seq").param(seq)
                .query(String.class).list();
    }

    Map<String, Integer> priorities(UUID... ids) {
        return List.of(ids).stream().collect(Collectors.toMap(UUID::toString,
                id -> jdbc.sql("select coalesce(priority, 0) from case_file where id = ?").param(id).query(Integer.class).single()));
    }

    MockHttpServletRequestBuilder bulk(CasePagesIT.Session s, String assignee, String priority, Object... ids) {
        MockHttpServletRequestBuilder request = post("/cases/bulk").with(s).param("assignee", assignee).param("priority", priority);
        for (Object id : ids) {
            request.param("ids", id.toString());
        }
        return request;
    }

    @Test
    void markersAndLabelsFollowTheRole() throws Exception {
        UUID fresh = open(coordinator, "Kestrel Newcomer");
        UUID waiting = open(coordinator, "Osprey Writer");
        moves.transition(coordinator.member(), waiting, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        requester.reply(new CaseId(waiting), "Are you there?");
        UUID answered = open(coordinator, "Heron Answered");
        moves.transition(coordinator.member(), answered, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        requester.reply(new CaseId(answered), "Hello?");
        conversation.sendMessage(coordinator.member(), answered, "We will call you.");
        moves.assign(coordinator.member(), waiting, caseworker.member().id().value());

        // The queue itself (also the JSON of GET /api/v1/cases): "unread" is a message from the person this viewer has
        // not read (the coordinator answered "answered", so read it); per viewer, see CaseUnreadIT.
        Map<UUID, Boolean> unread = queue.queue(coordinator.member(), CaseFilter.firstPage()).rows().stream()
                .collect(Collectors.toMap(CaseSummary::id, CaseSummary::unread));
        assertThat(unread).containsEntry(fresh, false).containsEntry(waiting, true).containsEntry(answered, false);

        CasePagesIT.Session session = logIn(coordinator);
        long before = lastEvent();
        String page = mvc.perform(get("/cases").with(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(row(page, fresh)).contains("Kestrel Newcomer", "class=\"marker marker-new\">New<").doesNotContain("marker-unread");
        assertThat(row(page, waiting)).contains("Osprey Writer", "class=\"marker marker-unread\"", ">Unread<").doesNotContain("marker-new");
        assertThat(row(page, answered)).contains("Heron Answered").doesNotContain("marker-new", "marker-unread");
        assertThat(eventsSince(before)).filteredOn(e -> e.startsWith("case.label-read"))
                .containsExactlyInAnyOrder("case.label-read " + fresh, "case.label-read " + waiting, "case.label-read " + answered);

        // The caseworker: only their case, with its name; intake staff: the new requests, reference only, nothing decrypted.
        String mine = mvc.perform(get("/cases").with(logIn(caseworker))).andReturn().getResponse().getContentAsString();
        assertThat(row(mine, waiting)).contains("Osprey Writer", "marker-unread");
        assertThat(mine).doesNotContain("Kestrel Newcomer", "Heron Answered", "id=\"bulk-form\"", "name=\"ids\"");
        CasePagesIT.Session intakeSession = logIn(intake);
        long beforeIntake = lastEvent();
        String triage = mvc.perform(get("/cases?lang=nl").with(intakeSession)).andReturn().getResponse().getContentAsString();
        assertThat(row(triage, fresh)).contains("class=\"marker marker-new\">Nieuw<");
        assertThat(triage).doesNotContain("Kestrel Newcomer", "Osprey Writer", "Heron Answered", "case-label", "id=\"bulk-form\"");
        assertThat(eventsSince(beforeIntake)).noneMatch(e -> e.startsWith("case.label-read"));
    }

    static String row(String page, UUID id) {
        int start = page.indexOf("id=\"case-" + id + "\"");
        assertThat(start).as("the row of case " + id).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void aCoordinatorAssignsAndReprioritisesEachCaseThroughItsOwnCheck() throws Exception {
        UUID a = open(coordinator, "A");
        UUID b = open(coordinator, "B");
        UUID foreign = open(otherCoordinator, "F");
        UUID nonexistent = UUID.randomUUID();
        UUID worker = caseworker.member().id().value();
        CasePagesIT.Session s = logIn(coordinator);
        long before = lastEvent();
        mvc.perform(bulk(s, worker.toString(), "1", a, b, foreign, nonexistent)).andExpect(redirectedUrl("/cases?lang=en"));
        for (UUID id : List.of(a, b)) {
            assertThat(jdbc.sql("select assignee_id from case_file where id = ?").param(id).query(UUID.class).single()).isEqualTo(worker);
        }
        assertThat(priorities(a, b, foreign)).containsEntry(a.toString(), 1).containsEntry(b.toString(), 1).containsEntry(foreign.toString(), 0);
        assertThat(jdbc.sql("select assignee_id from case_file where id = ?").param(foreign).query(UUID.class).optional()).isEmpty();
        assertThat(eventsSince(before)).containsExactlyInAnyOrder("case.assigned " + a, "case.priority-changed " + a, "case.assigned " + b,
                "case.priority-changed " + b, "case.access-denied " + foreign, "case.access-denied " + nonexistent);
        assertThat(jdbc.sql("select count(*) from case_event where type = 'case.priority-changed' and case_id in (?, ?)").params(a, b)
                .query(Long.class).single()).isEqualTo(2);
        String after = mvc.perform(get("/cases?lang=en").with(s)).andReturn().getResponse().getContentAsString();
        assertThat(after).contains("2 cases assigned to Colleague caseworker.", "2 cases given priority 1 – urgent.",
                "2 cases could not be changed: no longer in your queue.");

        // The same priority again is no change; "nobody" unassigns.
        before = lastEvent();
        mvc.perform(bulk(s, "none", "1", a)).andExpect(redirectedUrl("/cases?lang=en"));
        assertThat(jdbc.sql("select count(*) from case_file where id = ? and assignee_id is null").param(a).query(Long.class).single()).isEqualTo(1);
        assertThat(eventsSince(before)).containsExactly("case.assigned " + a);
        assertThat(mvc.perform(get("/cases?lang=en").with(s)).andReturn().getResponse().getContentAsString())
                .contains("1 case now assigned to nobody.", "No case given priority 1 – urgent.");
    }

    @Test
    void aFormThatCannotBeUsedIsRefusedNamingItsFieldAndChangesNothing() throws Exception {
        UUID a = open(coordinator, "A");
        CasePagesIT.Session s = logIn(coordinator);
        long before = lastEvent();
        Map<String, Object[]> refused = Map.of(
                "bulk-ids", new Object[] { "", "1" },
                "bulk-assignee", new Object[] { "", "", a },
                "bulk-priority", new Object[] { "", "7", a });
        for (Map.Entry<String, Object[]> e : refused.entrySet()) {
            Object[] v = e.getValue();
            Object[] ids = Arrays.copyOfRange(v, 2, v.length);
            String html = mvc.perform(bulk(s, (String) v[0], (String) v[1], ids)).andExpect(status().isBadRequest()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(html).as(e.getKey()).contains("href=\"#" + e.getKey() + "\"", "id=\"" + e.getKey() + "-error\"", "id=\"tick-" + a + "\"");
        }
        String html = mvc.perform(bulk(s, "", "1", "not-a-case")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"bulk-ids-error\"");
        html = mvc.perform(bulk(s, UUID.randomUUID().toString(), "", a)).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("id=\"bulk-assignee-error\"");
        assertThat(eventsSince(before)).noneMatch(e -> e.startsWith("case.assigned") || e.startsWith("case.priority-changed"));
        assertThat(priorities(a)).containsEntry(a.toString(), 0);
    }

    @Test
    void onlyCoordinatorsChangeCasesInBulkAndOnlyWithTheCsrfToken() throws Exception {
        UUID a = open(coordinator, "A");
        moves.assign(coordinator.member(), a, caseworker.member().id().value());
        for (Login who : List.of(caseworker, intake)) {
            mvc.perform(bulk(logIn(who), "", "1", a)).andExpect(status().isForbidden());
        }
        CasePagesIT.Session s = logIn(coordinator);
        mvc.perform(post("/cases/bulk").with(s.cookiesOnly()).param("priority", "1").param("ids", a.toString())).andExpect(status().isForbidden());
        assertThat(priorities(a)).containsEntry(a.toString(), 0);
        assertThatThrownBy(() -> moves.reprioritise(caseworker.member(), a, 1)).isInstanceOf(AccessDeniedException.class);
    }
}
