package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #19, point 12: appointments on a case through the staff API with API tokens — added with 201 and their address,
 * listed, changed and cancelled; a bad kind or moment is a 400 naming the field; the place and the note are stored
 * encrypted; the case's scope applies; each change is one audit event without content; the assignee's calendar feed
 * has the appointment at its moment with a reminder the day before (never place or note); the agenda lists it today
 * or this week as an item of kind APPOINTMENT.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AppointmentsIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ZoneId DUTCH = ZoneId.of("Europe/Amsterdam");
    static final String PLACE = "Canary-place Ter Apel";
    static final String NOTE = "Canary-note bring the passport";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    ApplicationContext context;
    @Autowired
    CaseMoves moves;
    @Autowired
    JdbcClient jdbc;

    StaffFixture own;
    StaffFixture other;
    CaseFixture cases;
    UUID caseId;

    @BeforeEach
    void aCaseOfTheCaseworker() {
        own = StaffFixture.create(identity, "appt");
        other = StaffFixture.create(identity, "appt-other");
        cases = CaseFixture.of(context);
        caseId = cases.open(own, "US", "trans");
        moves.transition(own.member(Role.COORDINATOR), caseId, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        cases.assign(own, caseId, Role.CASEWORKER);
    }

    ResultActions call(MockHttpServletRequestBuilder request, StaffFixture org, Role role, String json) throws Exception {
        request.header("Authorization", org.bearer(role)).accept(MediaType.APPLICATION_JSON);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request);
    }

    ResultActions add(Role role, String json) throws Exception {
        return call(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/appointments"), own, role, json);
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    long lastEvent() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
    }

    List<String> eventsSince(long seq) {
        return jdbc.sql("select action from audit_event where seq > ? order by seq").param(seq).query(String.class).list();
    }

    @Test
    void addedWithItsAddressListedChangedAndCancelledEachOnceAuditedAndThePlaceEncrypted() throws Exception {
        long before = lastEvent();
        // A detailed interview in winter time (UTC+1) and a hearing in summer time (UTC+2): entered in Dutch time.
        ResultActions created = add(Role.CASEWORKER, "{\"kind\": \"DETAILED_INTERVIEW\", \"startsAt\": \"2027-01-14T09:30\", \"place\": \""
                + PLACE + "\", \"note\": \"" + NOTE + "\"}").andExpect(status().isCreated());
        JsonNode interview = body(created);
        String id = interview.get("id").asString();
        assertThat(created.andReturn().getResponse().getHeader("Location")).isEqualTo("/api/v1/cases/" + caseId + "/appointments/" + id);
        assertThat(interview.get("startsAt").asString()).isEqualTo("2027-01-14T09:30:00+01:00");
        assertThat(interview.get("date").asString()).isEqualTo("2027-01-14");
        assertThat(interview.get("time").asString()).isEqualTo("09:30");
        assertThat(interview.get("place").asString()).isEqualTo(PLACE);
        assertThat(interview.get("cancelled").asBoolean()).isFalse();
        JsonNode hearing = body(add(Role.CASEWORKER, "{\"kind\": \"HEARING\", \"startsAt\": \"2027-06-01T14:00:00Z\"}")
                .andExpect(status().isCreated()));
        assertThat(hearing.get("startsAt").asString()).as("an offset is converted to Dutch time").isEqualTo("2027-06-01T16:00:00+02:00");
        assertThat(eventsSince(before)).containsExactly("case.appointment-added", "case.appointment-added");

        // Stored: the moment in plain, the place and the note as ciphertext only.
        byte[] place = jdbc.sql("select place from case_appointment where id = ?").param(UUID.fromString(id)).query(byte[].class).single();
        byte[] note = jdbc.sql("select note from case_appointment where id = ?").param(UUID.fromString(id)).query(byte[].class).single();
        assertThat(new String(place, StandardCharsets.UTF_8)).doesNotContain("Canary");
        assertThat(new String(note, StandardCharsets.UTF_8)).doesNotContain("Canary");

        JsonNode list = body(call(MockMvcRequestBuilders.get("/api/v1/cases/" + caseId + "/appointments"), own, Role.COORDINATOR, null)
                .andExpect(status().isOk()));
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.get(0).get("note").asString()).isEqualTo(NOTE);

        long beforeChange = lastEvent();
        JsonNode changed = body(call(MockMvcRequestBuilders.put("/api/v1/cases/" + caseId + "/appointments/" + id), own, Role.CASEWORKER,
                "{\"kind\": \"DETAILED_INTERVIEW\", \"startsAt\": \"2027-01-15T10:00\", \"place\": \"" + PLACE + "\"}").andExpect(status().isOk()));
        assertThat(changed.get("startsAt").asString()).isEqualTo("2027-01-15T10:00:00+01:00");
        assertThat(changed.get("note").isNull()).as("a note left out is removed").isTrue();
        call(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/appointments/" + id + "/cancellation"), own, Role.CASEWORKER, null)
                .andExpect(status().isNoContent());
        call(MockMvcRequestBuilders.delete("/api/v1/cases/" + caseId + "/appointments/" + id), own, Role.CASEWORKER, null)
                .andExpect(status().isConflict());
        call(MockMvcRequestBuilders.put("/api/v1/cases/" + caseId + "/appointments/" + id), own, Role.CASEWORKER,
                "{\"kind\": \"OTHER\", \"startsAt\": \"2027-01-15T10:00\"}").andExpect(status().isConflict());
        call(MockMvcRequestBuilders.delete("/api/v1/cases/" + caseId + "/appointments/" + hearing.get("id").asString()), own, Role.CASEWORKER,
                null).andExpect(status().isNoContent());
        JsonNode one = body(call(MockMvcRequestBuilders.get("/api/v1/cases/" + caseId + "/appointments/" + id), own, Role.CASEWORKER, null)
                .andExpect(status().isOk()));
        assertThat(one.get("cancelled").asBoolean()).isTrue();
        assertThat(eventsSince(beforeChange)).containsExactly("case.appointment-changed", "case.appointment-cancelled",
                "case.appointment-cancelled", "case.appointments-read");
        // The timeline says what happened, on which day; the audit log holds ids and actions only.
        JsonNode timeline = body(call(MockMvcRequestBuilders.get("/api/v1/cases/" + caseId + "/timeline"), own, Role.CASEWORKER, null));
        List<String> types = new ArrayList<>();
        timeline.forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).contains("case.appointment-added", "case.appointment-changed", "case.appointment-cancelled");
        assertThat(jdbc.sql("select subject_type || ':' || subject_id from audit_event where seq > ? and action like 'case.appointment-%'")
                .param(before).query(String.class).list()).hasSize(5).containsOnly("case:" + caseId);
    }

    @Test
    void aBadValueIsA400NamingItsFieldAndNothingIsStored() throws Exception {
        String[][] bad = { { "{\"kind\": \"PARTY\", \"startsAt\": \"2027-01-14T09:30\"}", "kind" },
                { "{\"startsAt\": \"2027-01-14T09:30\"}", "kind" },
                { "{\"kind\": \"HEARING\"}", "startsAt" },
                { "{\"kind\": \"HEARING\", \"startsAt\": \"14-01-2027 09:30\"}", "startsAt" },
                { "{\"kind\": \"HEARING\", \"startsAt\": \"2027-02-30T09:30\"}", "startsAt" },
                { "{\"kind\": \"HEARING\", \"startsAt\": \"1989-12-31T09:30\"}", "startsAt" },
                { "{\"kind\": \"HEARING\", \"startsAt\": \"2027-01-14T09:30\", \"place\": \"" + "x".repeat(201) + "\"}", "place" },
                { "{\"kind\": \"HEARING\", \"startsAt\": \"2027-01-14T09:30\", \"note\": \"" + "x".repeat(2001) + "\"}", "note" } };
        for (String[] b : bad) {
            ResultActions refused = add(Role.CASEWORKER, b[0]).andExpect(status().isBadRequest());
            assertThat(refused.andReturn().getResponse().getContentType()).startsWith("application/problem+json");
            JsonNode problem = body(refused);
            assertThat(problem.get("field").asString()).as(b[0]).isEqualTo(b[1]);
            assertThat(problem.get("type").asString()).isEqualTo("/problems/bad-input");
        }
        assertThat(jdbc.sql("select count(*) from case_appointment where case_id = ?").param(caseId).query(Long.class).single()).isZero();
        // Far in the future is allowed: an appointment is planned ahead.
        add(Role.CASEWORKER, "{\"kind\": \"HEARING\", \"startsAt\": \"2031-01-14T09:30\"}").andExpect(status().isCreated());
    }

    @Test
    void theCasesScopeAppliesToItsAppointments() throws Exception {
        String json = "{\"kind\": \"HEARING\", \"startsAt\": \"2027-01-14T09:30\"}";
        String id = body(add(Role.CASEWORKER, json).andExpect(status().isCreated())).get("id").asString();
        String list = "/api/v1/cases/" + caseId + "/appointments";
        // Another organisation's coordinator: the same 404 as a case that does not exist.
        call(MockMvcRequestBuilders.get(list), other, Role.COORDINATOR, null).andExpect(status().isNotFound());
        call(MockMvcRequestBuilders.post(list), other, Role.COORDINATOR, json).andExpect(status().isNotFound());
        call(MockMvcRequestBuilders.delete(list + "/" + id), other, Role.COORDINATOR, null).andExpect(status().isNotFound());
        call(MockMvcRequestBuilders.get("/api/v1/cases/" + UUID.randomUUID() + "/appointments"), own, Role.COORDINATOR, null)
                .andExpect(status().isNotFound());
        // A lawyer the case is not assigned to does not see it; analysts and administrators see no case content.
        call(MockMvcRequestBuilders.get(list), own, Role.LAWYER, null).andExpect(status().isNotFound());
        call(MockMvcRequestBuilders.get(list), own, Role.ANALYST, null).andExpect(status().isForbidden());
        call(MockMvcRequestBuilders.get(list), own, Role.ADMIN, null).andExpect(status().isForbidden());
        // An appointment of another case of the organisation is not found through this one.
        UUID second = cases.open(own, "SY");
        call(MockMvcRequestBuilders.get("/api/v1/cases/" + second + "/appointments/" + id), own, Role.COORDINATOR, null)
                .andExpect(status().isNotFound());
        call(MockMvcRequestBuilders.get(list + "/" + id), own, Role.COORDINATOR, null).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from case_appointment where id = ? and cancelled_at is null").param(UUID.fromString(id))
                .query(Long.class).single()).as("the other organisation's cancellation changed nothing").isEqualTo(1);
    }

    @Test
    void theAssigneesFeedHasTheAppointmentWithAReminderAndTheAgendaListsIt() throws Exception {
        LocalDate today = LocalDate.now(DUTCH);
        LocalDateTime inTwoDays = today.plusDays(2).atTime(10, 30);
        LocalDateTime inTwoWeeks = today.plusDays(14).atTime(9, 0);
        String reference = body(call(MockMvcRequestBuilders.get("/api/v1/cases/" + caseId), own, Role.CASEWORKER, null)).get("reference")
                .asString();
        String soon = body(add(Role.CASEWORKER, "{\"kind\": \"HEARING\", \"startsAt\": \"" + inTwoDays + "\", \"place\": \"" + PLACE
                + "\", \"note\": \"" + NOTE + "\"}").andExpect(status().isCreated())).get("id").asString();
        String later = body(add(Role.CASEWORKER, "{\"kind\": \"DETAILED_INTERVIEW\", \"startsAt\": \"" + inTwoWeeks + "\"}")
                .andExpect(status().isCreated())).get("id").asString();
        String cancelled = body(add(Role.CASEWORKER, "{\"kind\": \"OTHER\", \"startsAt\": \"" + today.plusDays(3).atTime(11, 0) + "\"}")
                .andExpect(status().isCreated())).get("id").asString();
        call(MockMvcRequestBuilders.delete("/api/v1/cases/" + caseId + "/appointments/" + cancelled), own, Role.CASEWORKER, null)
                .andExpect(status().isNoContent());

        // The calendar feed: at its moment (UTC), a reminder the day before, the reference only.
        String url = body(call(MockMvcRequestBuilders.post("/api/v1/account/calendar"), own, Role.CASEWORKER, "")
                .andExpect(status().isCreated())).get("url").asString();
        String ics = mvc.perform(MockMvcRequestBuilders.get(url.substring(url.indexOf("/calendar/")))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
        String soonUtc = utc.format(inTwoDays.atZone(DUTCH).withZoneSameInstant(ZoneOffset.UTC));
        assertThat(ics).contains("UID:" + soon + "@haven", "DTSTART:" + soonUtc, "Appointment: Court hearing (zitting) — " + reference, "BEGIN:VALARM",
                "TRIGGER:-P1D", "ACTION:DISPLAY", "UID:" + later + "@haven");
        assertThat(ics).doesNotContain(cancelled, "Canary", "Ter Apel", "passport");

        // The agenda: this week's appointment as an item of kind APPOINTMENT, the one in two weeks not yet.
        JsonNode agenda = body(call(MockMvcRequestBuilders.get("/api/v1/agenda"), own, Role.CASEWORKER, null).andExpect(status().isOk()));
        assertThat(agenda.has("overdue") && agenda.has("dueToday") && agenda.has("newRequests") && agenda.has("unreadReplies")).isTrue();
        List<JsonNode> week = new ArrayList<>();
        agenda.get("dueThisWeek").forEach(week::add);
        assertThat(week).hasSize(1);
        JsonNode item = week.get(0);
        assertThat(item.get("kind").asString()).isEqualTo("APPOINTMENT");
        assertThat(item.get("appointmentId").asString()).isEqualTo(soon);
        assertThat(item.get("appointmentKind").asString()).isEqualTo("HEARING");
        assertThat(item.get("dueOn").asString()).isEqualTo(today.plusDays(2).toString());
        assertThat(item.get("time").asString()).isEqualTo("10:30");
        assertThat(item.get("caseId").asString()).isEqualTo(caseId.toString());
        assertThat(agenda.toString()).doesNotContain(later, cancelled, "Canary");
        // Scope: the coordinator sees it, another organisation and a lawyer without the case do not.
        assertThat(body(call(MockMvcRequestBuilders.get("/api/v1/agenda"), own, Role.COORDINATOR, null)).toString()).contains(soon);
        assertThat(body(call(MockMvcRequestBuilders.get("/api/v1/agenda"), own, Role.LAWYER, null)).toString()).doesNotContain(soon);
        assertThat(body(call(MockMvcRequestBuilders.get("/api/v1/agenda"), other, Role.COORDINATOR, null)).toString()).doesNotContain(soon);
        // Once the case is closed, its appointments leave the agenda.
        cases.close(own, caseId);
        assertThat(body(call(MockMvcRequestBuilders.get("/api/v1/agenda"), own, Role.COORDINATOR, null)).toString()).doesNotContain(soon);
    }
}
