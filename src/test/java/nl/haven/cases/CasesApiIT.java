package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The cases API of INTERFACES.md §6 through the real security chain, with API tokens of every role. */
@SpringBootTest
@AutoConfigureMockMvc
class CasesApiIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DETAILS = """
            {"nationality": "us", "countryOfResidence": "US", "details": {"nameUsed": "Robin", "pronouns": "she/her",
             "legalName": "Legal Name On Passport", "groups": ["trans"], "facts": [], "documentGenderMismatch": true,
             "request": "I need advice about asylum.", "language": "en",
             "safeContact": {"channel": "signal", "value": "+1 555 0100", "times": "evenings", "whatMayBeSaid": "no organisation name"}}}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Protection protection;

    StaffFixture own;
    StaffFixture other;

    @BeforeEach
    void organisations() {
        own = StaffFixture.create(identity, "cases");
        other = StaffFixture.create(identity, "elsewhere");
    }

    ResultActions call(MockHttpServletRequestBuilder request, StaffFixture org, Role role)
            throws Exception {
        // If-Match: * (any version): these tests are not about concurrent changes (issue #21: ConcurrencyAndPagingIT is).
        return mvc.perform(request.header("Authorization", org.bearer(role)).header("If-Match", "*").accept(MediaType.APPLICATION_JSON));
    }

    ResultActions postJson(String path, String body, StaffFixture org, Role role) throws Exception {
        return call(post(path).contentType(MediaType.APPLICATION_JSON).content(body), org, role);
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    long auditEvents() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    long auditEvents(String action, UUID caseId) {
        return jdbc.sql("select count(*) from audit_event where action = ? and subject_id = ?").params(action, caseId.toString())
                .query(Long.class).single();
    }

    String open(Role role) throws Exception {
        return body(postJson("/api/v1/cases", DETAILS, own, role).andExpect(status().isCreated())).get("id").stringValue();
    }

    @Test
    void aCaseworkerOpensACaseReadsItAndMovesItThroughTheWorkflowWithOneAuditEventPerStep() throws Exception {
        long before = auditEvents();
        JsonNode opened = body(postJson("/api/v1/cases", DETAILS, own, Role.CASEWORKER).andExpect(status().isCreated()));
        String id = opened.get("id").stringValue();
        assertThat(opened.get("reference").stringValue()).matches("HV-[0-9A-HJKMNP-TV-Z]{8}");
        assertThat(opened.get("handling").stringValue()).isEqualTo("NEW");
        assertThat(opened.get("nationality").stringValue()).isEqualTo("US");
        assertThat(opened.get("assignee").stringValue()).isEqualTo(own.ids().get(Role.CASEWORKER).value().toString());
        assertThat(auditEvents() - before).isEqualTo(1);

        JsonNode read = body(call(get("/api/v1/cases/" + id), own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(read.get("details").get("nameUsed").stringValue()).isEqualTo("Robin");
        assertThat(read.get("details").get("documentGenderMismatch").booleanValue()).isTrue();
        assertThat(read.get("allowedTransitions").toString()).contains("TRIAGE", "DECLINED", "CLOSED");
        assertThat(auditEvents() - before).isEqualTo(2);

        // The stored details are ciphertext bound to this case: the name is not in the row.
        byte[] stored = jdbc.sql("select details from case_file where id = ?").param(UUID.fromString(id)).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Robin").doesNotContain("Passport");

        String[][] steps = { { "TRIAGE", "{\"to\": \"triage\", \"priority\": 2}" }, { "ACCEPTED", "{\"to\": \"ACCEPTED\"}" },
                { "PREPARING", "{\"to\": \"PREPARING\"}" }, { "APPLIED", "{\"to\": \"APPLIED\", \"date\": \"2026-03-02\"}" },
                { "REST_AND_PREPARATION", "{\"to\": \"REST_AND_PREPARATION\"}" }, { "GENERAL_PROCEDURE", "{\"to\": \"GENERAL_PROCEDURE\"}" },
                { "INTENDED_DECISION", "{\"to\": \"INTENDED_DECISION\", \"date\": \"2026-03-20\"}" },
                { "REJECTED", "{\"to\": \"REJECTED\", \"date\": \"2026-03-27\", \"track\": \"general-procedure\"}" },
                { "APPEAL", "{\"to\": \"APPEAL\", \"date\": \"2026-04-01\"}" } };
        for (String[] step : steps) {
            long at = auditEvents();
            JsonNode after = body(postJson("/api/v1/cases/" + id + "/transitions", step[1], own, Role.CASEWORKER).andExpect(status().isOk()));
            String state = after.get("handling").stringValue().equals("ACCEPTED") && !step[0].equals("ACCEPTED")
                    ? after.get("stage").stringValue() : after.get("handling").stringValue();
            assertThat(state).as(step[0]).isEqualTo(step[0]);
            assertThat(auditEvents() - at).as("audit events of " + step[0]).isEqualTo(1);
        }
        assertThat(auditEvents("case.appealed", UUID.fromString(id))).isEqualTo(1);

        // The deadlines the steps started, each date worked out from the rule that produces it:
        // - applied 2026-03-02: decision time limit 6 months (art. 42 Vw, before 12 June 2026) → 2026-09-02, a Wednesday; the
        //   Algemene termijnenwet does not apply to terms over three months (art. 4), so nothing moves;
        // - rejected 2026-03-27 in the general procedure: appeal term 1 week (art. 69(2)(a) Vw) → Friday 2026-04-03, Good Friday
        //   (equated with a holiday, Atw art. 3(2)); Saturday, Easter Sunday and Easter Monday 6 April follow (art. 1), so the
        //   term ends on Tuesday 2026-04-07;
        // - the appeal lodged on 2026-04-01 answers the appeal term; the rejection answered the decision time limit.
        JsonNode tasks = body(call(get("/api/v1/cases/" + id + "/tasks"), own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(tasks.toString()).doesNotContain("response-to-intended-decision");
        JsonNode decision = find(tasks, "decision-time-limit");
        assertThat(decision.get("dueOn").stringValue()).isEqualTo("2026-09-02");
        assertThat(decision.get("doneAt").isNull()).as("answered by the rejection").isFalse();
        JsonNode appeal = find(tasks, "appeal-term");
        assertThat(appeal.get("dueOn").stringValue()).isEqualTo("2026-04-07");
        assertThat(appeal.get("doneAt").isNull()).as("answered by the appeal").isFalse();
        JsonNode timeline = body(call(get("/api/v1/cases/" + id + "/timeline"), own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(timeline.toString()).contains("case.opened", "case.triaged", "case.applied", "case.rejected", "case.appealed");
        assertThat(timeline.toString()).doesNotContain("Robin");
    }

    static JsonNode find(JsonNode tasks, String term) {
        for (JsonNode task : tasks) {
            if (term.equals(task.get("termId").stringValue())) {
                return task;
            }
        }
        throw new AssertionError("no task for " + term + " in " + tasks);
    }

    /**
     * After 12 June 2026 (the EU Pact): the decision time limit of Regulation 2024/1348, other appeal tracks, and no response
     * term to an intended rejection for an application lodged under the new law (said, not guessed).
     */
    @Test
    void afterThePactTheAppealTracksChangeAndAnUnknownTermIsSaidNotGuessed() throws Exception {
        String id = open(Role.CASEWORKER);
        for (String step : new String[] { "{\"to\": \"TRIAGE\", \"priority\": 1}", "{\"to\": \"ACCEPTED\"}", "{\"to\": \"PREPARING\"}" }) {
            postJson("/api/v1/cases/" + id + "/transitions", step, own, Role.CASEWORKER).andExpect(status().isOk());
        }
        JsonNode applied = body(postJson("/api/v1/cases/" + id + "/transitions", "{\"to\": \"APPLIED\", \"date\": \"2026-07-01\"}", own,
                Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(applied.get("notices").toString()).doesNotContain("decision-time-limit");
        // Applied Wed 2026-07-01: regular procedure, 6 months (art. 35(4) Regulation 2024/1348) → Fri 2027-01-01, New Year's
        // Day, not moved: an EU time limit is outside the Algemene termijnenwet.
        JsonNode decision = find(body(call(get("/api/v1/cases/" + id + "/tasks"), own, Role.CASEWORKER)), "decision-time-limit");
        assertThat(decision.get("dueOn").stringValue()).isEqualTo("2027-01-01");
        for (String step : new String[] { "{\"to\": \"REST_AND_PREPARATION\"}", "{\"to\": \"GENERAL_PROCEDURE\"}",
                "{\"to\": \"EXTENDED_PROCEDURE\"}" }) {
            postJson("/api/v1/cases/" + id + "/transitions", step, own, Role.CASEWORKER).andExpect(status().isOk());
        }
        // The law from 12 June 2026 has no intended rejection with a response term; the four weeks are kept only for
        // applications lodged before that date.
        JsonNode intended = body(postJson("/api/v1/cases/" + id + "/transitions", "{\"to\": \"INTENDED_DECISION\", \"date\": \"2026-08-03\"}",
                own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(intended.get("notices").toString()).contains("response-to-intended-decision").contains("lodged on 2026-07-01");
        // The general-procedure track of the old art. 69(2)(a) Vw no longer exists on 2026-09-01.
        JsonNode refused = body(postJson("/api/v1/cases/" + id + "/transitions",
                "{\"to\": \"REJECTED\", \"date\": \"2026-09-01\", \"track\": \"general-procedure\"}", own, Role.CASEWORKER)
                .andExpect(status().isBadRequest()));
        assertThat(refused.get("detail").stringValue()).contains("'general-procedure'").contains("unfounded");
        // Rejected as unfounded (art. 31 Vw) on Tuesday 2026-09-01: 2 weeks (art. 69(2)(b) Vw as of 12 June 2026) → Tuesday
        // 2026-09-15, a working day, so it stays.
        postJson("/api/v1/cases/" + id + "/transitions", "{\"to\": \"REJECTED\", \"date\": \"2026-09-01\", \"track\": \"unfounded\"}",
                own, Role.CASEWORKER).andExpect(status().isOk());
        JsonNode tasks = body(call(get("/api/v1/cases/" + id + "/tasks"), own, Role.CASEWORKER));
        assertThat(find(tasks, "appeal-term").get("dueOn").stringValue()).isEqualTo("2026-09-15");
        assertThat(tasks.toString()).doesNotContain("response-to-intended-decision");
    }

    /**
     * The permit's validity from 12 June 2026 runs from the decision's announcement (art. 44(2) Vw, the permit takes effect the
     * day after), no longer from the application: applied Mon 2026-03-02, granted Tue 2026-12-01 → 3 years → 2029-12-01
     * (a term in years: the Atw does not move it).
     */
    @Test
    void aPermitGrantedAfterThePactRunsFromTheDecision() throws Exception {
        String id = open(Role.CASEWORKER);
        for (String step : new String[] { "{\"to\": \"TRIAGE\", \"priority\": 1}", "{\"to\": \"ACCEPTED\"}", "{\"to\": \"PREPARING\"}",
                "{\"to\": \"APPLIED\", \"date\": \"2026-03-02\"}", "{\"to\": \"REST_AND_PREPARATION\"}", "{\"to\": \"GENERAL_PROCEDURE\"}",
                "{\"to\": \"GRANTED\", \"date\": \"2026-12-01\"}" }) {
            postJson("/api/v1/cases/" + id + "/transitions", step, own, Role.CASEWORKER).andExpect(status().isOk());
        }
        JsonNode tasks = body(call(get("/api/v1/cases/" + id + "/tasks"), own, Role.CASEWORKER));
        assertThat(find(tasks, "permit-validity").get("dueOn").stringValue()).isEqualTo("2029-12-01");
    }

    @Test
    void anInvalidTransitionIs409ListingTheAllowedOnesAndChangesNothing() throws Exception {
        String id = open(Role.CASEWORKER);
        long before = auditEvents();
        JsonNode problem = body(postJson("/api/v1/cases/" + id + "/transitions", "{\"to\": \"APPEAL\", \"date\": \"2026-04-01\"}", own,
                Role.CASEWORKER).andExpect(status().isConflict()));
        assertThat(problem.get("allowed").toString()).isEqualTo("[\"TRIAGE\",\"DECLINED\",\"CLOSED\"]");
        assertThat(problem.get("detail").stringValue()).contains("NEW").contains("APPEAL");
        JsonNode unknown = body(postJson("/api/v1/cases/" + id + "/transitions", "{\"to\": \"teleported\"}", own, Role.CASEWORKER)
                .andExpect(status().isBadRequest()));
        assertThat(unknown.get("detail").stringValue()).contains("'teleported'");
        postJson("/api/v1/cases/" + id + "/transitions", "{\"to\": ", own, Role.CASEWORKER).andExpect(status().isBadRequest());
        assertThat(auditEvents()).isEqualTo(before);
        assertThat(body(call(get("/api/v1/cases/" + id), own, Role.CASEWORKER)).get("handling").stringValue()).isEqualTo("NEW");
    }

    @Test
    void anotherOrganisationsCaseAndANonexistentOneAreTheSame404() throws Exception {
        String id = open(Role.CASEWORKER);
        for (Role role : List.of(Role.COORDINATOR, Role.CASEWORKER, Role.INTAKE, Role.LAWYER)) {
            String otherOrg = call(get("/api/v1/cases/" + id), other, role).andExpect(status().isNotFound()).andReturn().getResponse()
                    .getContentAsString();
            String none = call(get("/api/v1/cases/" + UUID.randomUUID()), other, role).andExpect(status().isNotFound()).andReturn()
                    .getResponse().getContentAsString();
            assertThat(otherOrg).isEqualTo(none);
            postJson("/api/v1/cases/" + id + "/notes", "{\"body\": \"x\"}", other, role).andExpect(status().isNotFound());
        }
        // Each denied look-up is one audit event of the asking organisation, with the id asked for (SECURITY.md S8).
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'case.access-denied' and subject_id = ? and org_id = ?")
                .params(id, other.org().value()).query(Long.class).single()).isEqualTo(8);
        // Same organisation, not assigned to this caseworker: not visible either; the coordinator sees all.
        call(get("/api/v1/cases/" + id), own, Role.LAWYER).andExpect(status().isNotFound());
        call(get("/api/v1/cases/" + id), own, Role.COORDINATOR).andExpect(status().isOk());
        // Analysts and administrators see no case content at all.
        call(get("/api/v1/cases/" + id), own, Role.ANALYST).andExpect(status().isForbidden());
        call(get("/api/v1/cases"), own, Role.ADMIN).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/cases/" + id)).andExpect(status().isUnauthorized());
    }

    @Test
    void notesTasksMessagesAndTheQueue() throws Exception {
        String id = open(Role.CASEWORKER);
        long before = auditEvents();
        postJson("/api/v1/cases/" + id + "/notes", "{\"body\": \"Called the lawyer; interview on Monday.\"}", own, Role.CASEWORKER)
                .andExpect(status().isCreated());
        postJson("/api/v1/cases/" + id + "/notes", "{\"body\": \"  \"}", own, Role.CASEWORKER).andExpect(status().isBadRequest());
        JsonNode notes = body(call(get("/api/v1/cases/" + id + "/notes"), own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(notes.get(0).get("body").stringValue()).isEqualTo("Called the lawyer; interview on Monday.");
        JsonNode task = body(postJson("/api/v1/cases/" + id + "/tasks", "{\"title\": \"Ask for the medical report\", \"dueOn\": \"2026-12-01\"}",
                own, Role.CASEWORKER).andExpect(status().isCreated()));
        call(post("/api/v1/cases/" + id + "/tasks/" + task.get("id").stringValue() + "/done"), own, Role.CASEWORKER)
                .andExpect(status().isNoContent());
        call(post("/api/v1/cases/" + id + "/tasks/" + task.get("id").stringValue() + "/done"), own, Role.CASEWORKER)
                .andExpect(status().isNotFound());
        postJson("/api/v1/cases/" + id + "/messages", "{\"body\": \"We have received your request.\"}", own, Role.CASEWORKER)
                .andExpect(status().isCreated());
        JsonNode messages = body(call(get("/api/v1/cases/" + id + "/messages"), own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(messages.get(0).get("direction").stringValue()).isEqualTo("TO_REQUESTER");
        // note-added, notes-read, task-added, task-completed, message-sent, messages-read (the refused calls wrote none)
        assertThat(auditEvents() - before).isEqualTo(6);

        JsonNode queue = body(call(get("/api/v1/cases?status=NEW&nationality=us"), own, Role.COORDINATOR).andExpect(status().isOk()));
        assertThat(queue.get("total").longValue()).isEqualTo(1);
        assertThat(queue.get("items").get(0).get("id").stringValue()).isEqualTo(id);
        assertThat(queue.toString()).doesNotContain("Robin");
        String reference = queue.get("items").get(0).get("reference").stringValue();
        assertThat(body(call(get("/api/v1/cases?q=" + reference.toLowerCase()), own, Role.COORDINATOR)).get("total").longValue()).isEqualTo(1);
        call(get("/api/v1/cases?status=SLEEPING"), own, Role.COORDINATOR).andExpect(status().isBadRequest());
        call(get("/api/v1/cases?size=1000"), own, Role.COORDINATOR).andExpect(status().isBadRequest());
        assertThat(body(call(get("/api/v1/cases"), other, Role.COORDINATOR)).get("total").longValue()).isZero();

        // Exact-match search on an identifier through its blind index.
        postJson("/api/v1/cases/" + id + "/identifiers", "{\"kind\": \"v-number\", \"value\": \"V 123-456-789\"}", own, Role.CASEWORKER)
                .andExpect(status().isNoContent());
        long beforeSearches = auditEvents();
        long lastSeq = jdbc.sql("select max(seq) from audit_event").query(Long.class).single();
        assertThat(body(call(get("/api/v1/cases?q=v123456789"), own, Role.COORDINATOR)).get("total").longValue()).isEqualTo(1);
        assertThat(body(call(get("/api/v1/cases?q=v123456780"), own, Role.COORDINATOR)).get("total").longValue()).isZero();
        // A search tells whether someone is a client: each one is an audit event, found or not, without the search term.
        assertThat(auditEvents() - beforeSearches).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'case.queue-searched' and seq > ? and subject_id is null")
                .param(lastSeq).query(Long.class).single()).isEqualTo(2);
        call(get("/api/v1/cases?status=NEW"), own, Role.COORDINATOR).andExpect(status().isOk());
        assertThat(auditEvents() - beforeSearches).as("listing without a search is not audited").isEqualTo(2);
        String stored = jdbc.sql("select blind from case_identifier where case_id = ?").param(UUID.fromString(id))
                .query((rs, n) -> new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).single();
        assertThat(stored).doesNotContain("123456789");
    }

    @Test
    void exportHasEverythingAndErasureByACoordinatorShredsIt() throws Exception {
        String id = open(Role.CASEWORKER);
        postJson("/api/v1/cases/" + id + "/notes", "{\"body\": \"note for the export\"}", own, Role.CASEWORKER).andExpect(status().isCreated());
        long before = auditEvents();
        JsonNode export = body(call(get("/api/v1/cases/" + id + "/export"), own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(export.get("case").get("details").get("legalName").stringValue()).isEqualTo("Legal Name On Passport");
        assertThat(export.get("notes").get(0).get("body").stringValue()).isEqualTo("note for the export");
        assertThat(auditEvents() - before).isEqualTo(1);

        call(post("/api/v1/cases/" + id + "/erasure"), own, Role.CASEWORKER).andExpect(status().isForbidden());
        call(post("/api/v1/cases/" + id + "/erasure"), own, Role.COORDINATOR).andExpect(status().isNoContent());
        assertThat(auditEvents("case.erased", UUID.fromString(id))).isEqualTo(1);
        call(get("/api/v1/cases/" + id), own, Role.COORDINATOR).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from case_note where case_id = ?").param(UUID.fromString(id)).query(Long.class).single()).isZero();
        OrgId org = new OrgId(jdbc.sql("select org_id from case_file where id = ?").param(UUID.fromString(id)).query(UUID.class).single());
        assertThatThrownBy(() -> protection.encryptText(
                new FieldRef(org, new CaseId(UUID.fromString(id)), "case_note", "body"), "x")).hasMessageContaining("has no key");
    }

    @Test
    void assignmentStaysInsideTheOrganisation() throws Exception {
        String id = open(Role.INTAKE);
        String lawyer = own.ids().get(Role.LAWYER).value().toString();
        String foreign = other.ids().get(Role.LAWYER).value().toString();
        postJson("/api/v1/cases/" + id + "/assignment", "{\"assignee\": \"" + foreign + "\"}", own, Role.COORDINATOR)
                .andExpect(status().isBadRequest());
        postJson("/api/v1/cases/" + id + "/assignment", "{\"assignee\": \"" + own.ids().get(Role.ANALYST).value() + "\"}", own,
                Role.COORDINATOR).andExpect(status().isBadRequest());
        postJson("/api/v1/cases/" + id + "/assignment", "{\"assignee\": \"" + lawyer + "\"}", own, Role.CASEWORKER)
                .andExpect(status().isForbidden()); // caseworkers do not assign
        call(get("/api/v1/cases/" + id), own, Role.LAWYER).andExpect(status().isNotFound());
        postJson("/api/v1/cases/" + id + "/assignment", "{\"assignee\": \"" + lawyer + "\"}", own, Role.COORDINATOR)
                .andExpect(status().isNoContent());
        call(get("/api/v1/cases/" + id), own, Role.LAWYER).andExpect(status().isOk());
        call(put("/api/v1/cases/" + id + "/details").contentType(MediaType.APPLICATION_JSON).content(DETAILS.replace("Robin", "Rob")), own,
                Role.LAWYER).andExpect(status().isOk());
        assertThat(body(call(get("/api/v1/cases/" + id), own, Role.LAWYER)).get("details").get("nameUsed").stringValue()).isEqualTo("Rob");
    }
}
