package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseTasks;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.shared.CaseId;
import nl.haven.testing.CaseFixture;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #19, point 1: {@code GET /api/v1/agenda} through the real security chain with API tokens. Tasks due yesterday,
 * today, in 3 and in 10 days, a new request, replies from the person; each list per role (caseworker: their cases;
 * coordinator: the organisation's; intake: the new requests), and another organisation's cases never.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AgendaIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> LISTS = List.of("overdue", "dueToday", "dueThisWeek", "newRequests", "unreadReplies", "policyReviews");

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    ApplicationContext context;
    @Autowired
    CaseTasks tasks;
    @Autowired
    CaseMoves moves;
    @Autowired
    CaseConversation conversation;
    @Autowired
    RequesterCases requester;
    @Autowired
    JdbcClient jdbc;

    StaffFixture own;
    StaffFixture other;
    LocalDate today;

    @BeforeEach
    void organisations() {
        own = StaffFixture.create(identity, "agenda");
        other = StaffFixture.create(identity, "agenda-other");
        today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }

    JsonNode agenda(StaffFixture org, Role role) throws Exception {
        String body = mvc.perform(get("/api/v1/agenda").header("Authorization", org.bearer(role)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    /** A case out of NEW (triaged, priority 2), so that it is no longer a new request. */
    UUID triaged(CaseFixture cases, StaffFixture org) {
        UUID id = cases.open(org, "US", "trans");
        moves.transition(org.member(Role.COORDINATOR), id, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        return id;
    }

    UUID task(StaffFixture org, UUID caseId, int days) {
        return tasks.addTask(org.member(Role.COORDINATOR), caseId, "Call back", today.plusDays(days), null).id();
    }

    static List<String> field(JsonNode agenda, String list, String field) {
        List<String> values = new ArrayList<>();
        agenda.get(list).forEach(item -> values.add(item.get(field).isNull() ? "null" : item.get(field).asString()));
        return values;
    }

    @Test
    void eachRoleSeesItsOwnDayAndNeverAnotherOrganisations() throws Exception {
        CaseFixture cases = CaseFixture.of(context);
        // The caseworker's case: tasks due yesterday, today, in 3 and in 10 days, and a reply from the person.
        UUID mine = triaged(cases, own);
        cases.assign(own, mine, Role.CASEWORKER);
        UUID yesterday = task(own, mine, -1);
        UUID dueToday = task(own, mine, 0);
        UUID inThree = task(own, mine, 3);
        UUID inTen = task(own, mine, 10);
        requester.reply(new CaseId(mine), "Any news?");
        // An unassigned case of the organisation: a task due today, a reply the staff already answered.
        UUID unassigned = triaged(cases, own);
        UUID unassignedToday = task(own, unassigned, 0);
        requester.reply(new CaseId(unassigned), "Hello?");
        conversation.sendMessage(own.member(Role.COORDINATOR), unassigned, "We will call you.");
        // A third: the person wrote last.
        UUID waiting = triaged(cases, own);
        requester.reply(new CaseId(waiting), "Please answer");
        // A new request, waiting for triage, unassigned.
        UUID fresh = cases.open(own, "SY");
        // Another organisation: the same kinds of things, none of which may appear.
        UUID foreign = triaged(cases, other);
        task(other, foreign, -1);
        task(other, foreign, 0);
        task(other, foreign, 2);
        requester.reply(new CaseId(foreign), "Elsewhere");
        UUID foreignNew = cases.open(other, "SY");

        JsonNode caseworker = agenda(own, Role.CASEWORKER);
        assertThat(field(caseworker, "overdue", "taskId")).containsExactly(yesterday.toString());
        assertThat(field(caseworker, "dueToday", "taskId")).containsExactly(dueToday.toString());
        assertThat(field(caseworker, "dueThisWeek", "taskId")).containsExactly(inThree.toString());
        assertThat(field(caseworker, "dueThisWeek", "dueOn")).containsExactly(today.plusDays(3).toString());
        assertThat(field(caseworker, "dueThisWeek", "kind")).containsExactly("MANUAL");
        assertThat(field(caseworker, "newRequests", "caseId")).isEmpty();
        assertThat(field(caseworker, "unreadReplies", "caseId")).containsExactly(mine.toString());
        assertThat(caseworker.toString()).doesNotContain(inTen.toString());

        JsonNode coordinator = agenda(own, Role.COORDINATOR);
        assertThat(field(coordinator, "overdue", "taskId")).containsExactly(yesterday.toString());
        assertThat(field(coordinator, "dueToday", "taskId")).containsExactlyInAnyOrder(dueToday.toString(), unassignedToday.toString());
        assertThat(field(coordinator, "dueThisWeek", "taskId")).containsExactly(inThree.toString());
        assertThat(field(coordinator, "newRequests", "caseId")).containsExactly(fresh.toString());
        assertThat(field(coordinator, "unreadReplies", "caseId")).containsExactlyInAnyOrder(mine.toString(), waiting.toString());
        assertThat(coordinator.toString()).doesNotContain(inTen.toString());

        JsonNode intake = agenda(own, Role.INTAKE);
        assertThat(field(intake, "newRequests", "caseId")).containsExactly(fresh.toString());

        // References, not content: no name, message or task title appears anywhere.
        for (JsonNode seen : List.of(caseworker, coordinator, intake)) {
            assertThat(seen.toString()).doesNotContain("Name", "Any news", "Hello?", "Please answer", "Call back", "request");
            for (String list : LISTS) {
                assertThat(field(seen, list, "caseId")).doesNotContain(foreign.toString(), foreignNew.toString());
                assertThat(field(seen, list, "reference")).allMatch(r -> r.matches("HV-[0-9A-HJKMNP-TV-Z]{8}"));
            }
        }
        // The other organisation's coordinator sees its own, not ours.
        JsonNode elsewhere = agenda(other, Role.COORDINATOR);
        assertThat(field(elsewhere, "newRequests", "caseId")).containsExactly(foreignNew.toString());
        assertThat(field(elsewhere, "unreadReplies", "caseId")).containsExactly(foreign.toString());
        for (String list : LISTS) {
            assertThat(field(elsewhere, list, "caseId")).doesNotContainAnyElementsOf(
                    Set.of(mine.toString(), unassigned.toString(), waiting.toString(), fresh.toString()));
        }
    }

    /** A policy-review task as the policy impact run writes it (ImpactLedger): kind POLICY, term policy-changed. */
    UUID policyReview(StaffFixture org, UUID caseId, int days) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into case_task (id, case_id, org_id, kind, term_id, title, due_on, assignee_id, created_at) "
                + "values (?, ?, ?, 'POLICY', 'policy-changed', null, ?, null, current_timestamp)")
                .params(id, caseId, org.org().value(), today.plusDays(days)).update();
        return id;
    }

    @Test
    void policyReviewsAreOnTheAgendaWhateverTheirDueDateForWhoSeesTheCase() throws Exception {
        CaseFixture cases = CaseFixture.of(context);
        UUID mine = triaged(cases, own);
        cases.assign(own, mine, Role.CASEWORKER);
        moves.transition(own.member(Role.COORDINATOR), mine, new CaseWorkflow.Request("ACCEPTED", null, null, null));
        UUID later = policyReview(own, mine, 20);
        UUID soon = policyReview(own, mine, 2);
        UUID notMine = triaged(cases, own);
        UUID colleagues = policyReview(own, notMine, 20);
        UUID foreign = policyReview(other, triaged(cases, other), 20);

        JsonNode caseworker = agenda(own, Role.CASEWORKER);
        assertThat(field(caseworker, "policyReviews", "taskId")).containsExactly(soon.toString(), later.toString());
        assertThat(field(caseworker, "policyReviews", "kind")).containsOnly("POLICY");
        assertThat(field(caseworker, "dueThisWeek", "taskId")).containsExactly(soon.toString());
        JsonNode coordinator = agenda(own, Role.COORDINATOR);
        assertThat(field(coordinator, "policyReviews", "taskId")).containsExactlyInAnyOrder(soon.toString(), later.toString(), colleagues.toString());
        assertThat(coordinator.toString()).doesNotContain(foreign.toString());
        // Intake staff see the cases in triage: the colleague's, not the accepted one.
        assertThat(field(agenda(own, Role.INTAKE), "policyReviews", "taskId")).containsExactly(colleagues.toString());
    }
}
