package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.CaseFixture;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue #21 point 4, as the outside fuzzer found it: input was coerced instead of refused — a number as {@code dueOn}
 * became 1970-01-13, {@code false} became the note "false", an empty {@code assignee} silently unassigned, a repeated
 * parameter leaked {@code [Ljava.lang.String;@…} into the error. Each is now a 400 problem document naming the field and
 * the type expected, and nothing is stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputIT {
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    ApplicationContext context;
    StaffFixture staff;
    UUID caseId;

    @BeforeAll
    void aCase() {
        staff = StaffFixture.create(identity, "strict");
        caseId = CaseFixture.of(context).open(staff, "IR", "gay");
        CaseFixture.of(context).assign(staff, caseId, Role.CASEWORKER);
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, staff.bearer(Role.COORDINATOR))).andReturn().getResponse();
    }

    MockHttpServletResponse postJson(String path, String json) throws Exception {
        return send(post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void aNumberIsNoDate() throws Exception {
        MockHttpServletResponse r = postJson("/api/v1/cases/" + caseId + "/tasks", "{\"title\": \"Call\", \"dueOn\": 12}");
        assertBadInput(r, "dueOn", "date");
        assertThat(body(send(get("/api/v1/cases/" + caseId + "/tasks")))).doesNotContain("1970-01-13").doesNotContain("\"Call\"");
    }

    @Test
    void falseIsNoText() throws Exception {
        MockHttpServletResponse r = postJson("/api/v1/cases/" + caseId + "/notes", "{\"body\": false}");
        assertBadInput(r, "body", "text");
        assertThat(body(send(get("/api/v1/cases/" + caseId + "/notes")))).doesNotContain("\"false\"");
    }

    @Test
    void aFieldTheBodyDoesNotHaveIsRefusedNotDropped() throws Exception {
        // {"body": …, "unexpected": …} stored the note and dropped the field without a word (ApiFuzzIT found it)
        MockHttpServletResponse r = postJson("/api/v1/cases/" + caseId + "/notes", "{\"body\": \"Unexpected-canary\", \"unexpected\": 1}");
        assertBadInput(r, "unexpected", "one of body");
        MockHttpServletResponse nested = postJson("/api/v1/cases", "{\"nationality\": \"IR\", \"details\": {\"groups\": [\"gay\"], \"nickname\": \"x\"}}");
        assertBadInput(nested, "details.nickname", "groups");
        assertThat(body(send(get("/api/v1/cases/" + caseId + "/notes")))).doesNotContain("Unexpected-canary");
    }

    @Test
    void anEmptyValueIsNoNumberAndNoChoice() throws Exception {
        // ?page= was page 0 and ?by= the months (Spring takes an empty value as the default; ApiFuzzIT found it)
        assertBadInput(send(get("/api/v1/referrals?page=")), "page", "a value");
        assertBadInput(send(get("/api/v1/statistics/requests?by=")), "by", "a value");
        assertBadInput(send(get("/api/v1/statistics/requests?by=%09")), "by", "one of month");
        assertThat(send(get("/api/v1/cases?q=")).getStatus()).as("an empty search is no filter").isEqualTo(200);
    }

    @Test
    void textIsNoNumber() throws Exception {
        MockHttpServletResponse r = postJson("/api/v1/cases/" + caseId + "/transitions", "{\"to\": \"TRIAGE\", \"priority\": \"1\"}");
        assertBadInput(r, "priority", "number");
    }

    @Test
    void anEmptyIdIsNoUnassignment() throws Exception {
        MockHttpServletResponse r = postJson("/api/v1/cases/" + caseId + "/assignment", "{\"assignee\": \"\"}");
        assertBadInput(r, "assignee", "id");
        assertThat(body(send(get("/api/v1/cases/" + caseId)))).contains(staff.ids().get(Role.CASEWORKER).value().toString());
    }

    @Test
    void aRepeatedSingleValuedParameterIsRefused() throws Exception {
        MockHttpServletResponse r = send(get("/api/v1/cases").param("page", "0", "1"));
        assertBadInput(r, "page", "once");
        assertThat(body(r)).doesNotContain("[Ljava");
        MockHttpServletResponse status = send(get("/api/v1/cases").param("status", "TRIAGE", "CLOSED"));
        assertBadInput(status, "status", "once");
    }

    @Test
    void aParameterOfTheWrongTypeNamesItAndTheTypeExpected() throws Exception {
        MockHttpServletResponse r = send(get("/api/v1/cases").param("page", "first"));
        assertBadInput(r, "page", "number");
        assertThat(body(r)).doesNotContain("java.lang").doesNotContain("NumberFormatException");
    }

    @Test
    void aQueryParameterTheOperationDoesNotTakeIsRefusedNotDisregarded() throws Exception {
        // a typo was answered as if it were not there (the first page of 25): 200 before issue #21's server-side check
        MockHttpServletResponse typo = send(get("/api/v1/cases?szie=10"));
        assertBadInput(typo, "szie", "page, priority, q, size, sort, status");
        MockHttpServletResponse none = send(get("/api/v1/account?page=0"));
        assertBadInput(none, "page", "this operation takes none");
        // (a parameter without a name, ?=x, is refused before any operation; MalformedRequestsIT sends it over real HTTP)
        // lang must be a code of the registry (an unknown or empty one was answered in English; ApiFuzzIT found it)
        assertBadInput(send(get("/api/v1/policy/countries?lang=xx")), "lang", "en");
        assertBadInput(send(get("/api/v1/policy/countries?lang=")), "lang", "a value");
        // what the document lists is taken: lang where the answer is localised
        assertThat(send(get("/api/v1/policy/countries?lang=nl")).getStatus()).isEqualTo(200);
        assertThat(send(get("/api/v1/cases?size=10&page=0")).getStatus()).isEqualTo(200);
    }

    static String body(MockHttpServletResponse r) throws Exception {
        return new String(r.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    static void assertBadInput(MockHttpServletResponse r, String field, String expected) throws Exception {
        String body = body(r);
        assertThat(r.getStatus()).as(body).isEqualTo(400);
        assertThat(r.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(body).contains("\"type\":\"/problems/bad-input\"").contains("\"title\":\"Bad input\"").contains("\"field\":\"" + field + "\"");
        assertThat(body).containsPattern("\"expected\":\"[^\"]*" + expected);
    }
}
