package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each user's iCalendar feed of their tasks, at a secret address that carries no case content. */
@SpringBootTest
@AutoConfigureMockMvc
class CalendarFeedIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    ResultActions post(StaffFixture org, Role role, String path, String json) throws Exception {
        // If-Match: * (any version): these tests are not about concurrent changes (issue #21: ConcurrencyAndPagingIT is).
        return mvc.perform(MockMvcRequestBuilders.post(path).header("Authorization", org.bearer(role)).header("If-Match", "*")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @Test
    void theFeedHasTheDeadlineOnItsDueDateWithTheReferenceOnlyAndANewAddressEndsTheOld() throws Exception {
        StaffFixture org = StaffFixture.create(identity, "calendar");
        JsonNode opened = body(post(org, Role.CASEWORKER, "/api/v1/cases", "{\"nationality\": \"US\", \"details\": {\"nameUsed\": \"Quinn\", "
                + "\"groups\": [\"trans\"]}}").andExpect(status().isCreated()));
        String id = opened.get("id").stringValue();
        String reference = opened.get("reference").stringValue();
        for (String step : new String[] { "{\"to\": \"TRIAGE\", \"priority\": 2}", "{\"to\": \"ACCEPTED\"}", "{\"to\": \"PREPARING\"}",
                "{\"to\": \"APPLIED\", \"date\": \"2026-03-02\"}" }) {
            post(org, Role.CASEWORKER, "/api/v1/cases/" + id + "/transitions", step).andExpect(status().isOk());
        }
        post(org, Role.CASEWORKER, "/api/v1/cases/" + id + "/tasks", "{\"title\": \"Call Quinn's lawyer\", \"dueOn\": \"2026-12-01\"}")
                .andExpect(status().isCreated());

        String url = body(post(org, Role.CASEWORKER, "/api/v1/account/calendar", "").andExpect(status().isCreated())).get("url").stringValue();
        String path = url.substring(url.indexOf("/calendar/"));
        String token = path.substring("/calendar/".length(), path.length() - ".ics".length());
        assertThat(jdbc.sql("select count(*) from calendar_token where token_hash = ?").param(token).query(Long.class).single()).isZero();

        String ics = mvc.perform(MockMvcRequestBuilders.get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(ics).startsWith("BEGIN:VCALENDAR").contains("PRODID:-//Haven//Tasks//EN");
        // The decision time limit of an application registered on 2026-03-02 (6 months) and the manual task.
        assertThat(ics).contains("DTSTART;VALUE=DATE:20260902").contains("Decision time limit — " + reference).doesNotContain("decision-time-limit");
        assertThat(ics).contains("DTSTART;VALUE=DATE:20261201").contains("Task — " + reference);
        assertThat(ics).doesNotContain("Quinn").doesNotContain("lawyer");

        post(org, Role.CASEWORKER, "/api/v1/account/calendar", "").andExpect(status().isCreated());
        mvc.perform(MockMvcRequestBuilders.get(path)).andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.get("/calendar/" + "A".repeat(43) + ".ics")).andExpect(status().isNotFound());
        post(org, Role.ANALYST, "/api/v1/account/calendar", "").andExpect(status().isForbidden());
    }
}
