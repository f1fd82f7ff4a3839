package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #21 point 6: ETag and If-Match (412 on a stale version, 428 where required), one paging with RFC 8288 links on
 * every list, and Idempotency-Key on staff creates with the intake's semantics.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConcurrencyAndPagingIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    StaffFixture own;
    String caseId;

    @BeforeEach
    void aCase() throws Exception {
        own = StaffFixture.create(identity, "etag");
        caseId = json(send(MockMvcRequestBuilders.post("/api/v1/cases"), "{\"nationality\": \"RU\", \"details\": {\"groups\": [\"gay\"]}}",
                Role.COORDINATOR, null)).get("id").stringValue();
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request, String json, Role role, String header, String... values) throws Exception {
        if (header != null) {
            request.header(header, (Object[]) values);
        }
        return mvc.perform(request.header("Authorization", own.bearer(role)).contentType(MediaType.APPLICATION_JSON).content(json)).andReturn()
                .getResponse();
    }

    MockHttpServletResponse get(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).header("Authorization", own.bearer(Role.COORDINATOR))).andReturn().getResponse();
    }

    static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsString());
    }

    static void problem(MockHttpServletResponse response, int status, String type) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(json(response).get("type").stringValue()).isEqualTo("/problems/" + type);
    }

    // --- ETag and If-Match ---------------------------------------------------------------------------------------------

    @Test
    void aCaseCarriesItsVersionAsETagAndAChangeOnAStaleVersionIs412() throws Exception {
        MockHttpServletResponse read = get("/api/v1/cases/" + caseId);
        String etag = read.getHeader("ETag");
        assertThat(etag).isEqualTo("\"" + json(read).get("version").intValue() + "\"");

        String details = "{\"details\": {\"nameUsed\": \"Robin\"}}";
        String transition = "{\"to\": \"TRIAGE\", \"priority\": 2}";
        // Without If-Match: 428, and nothing changes.
        problem(send(MockMvcRequestBuilders.put("/api/v1/cases/" + caseId + "/details"), details, Role.COORDINATOR, null), 428,
                "precondition-required");
        problem(send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/transitions"), transition, Role.COORDINATOR, null), 428,
                "precondition-required");
        problem(send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/assignment"), "{\"assignee\": null}", Role.COORDINATOR, null),
                428, "precondition-required");
        assertThat(get("/api/v1/cases/" + caseId).getHeader("ETag")).isEqualTo(etag);

        // With the version read: changed, and the answer carries the new ETag.
        MockHttpServletResponse changed = send(MockMvcRequestBuilders.put("/api/v1/cases/" + caseId + "/details"), details, Role.COORDINATOR,
                "If-Match", etag);
        assertThat(changed.getStatus()).isEqualTo(200);
        String next = changed.getHeader("ETag");
        assertThat(next).isNotEqualTo(etag).isEqualTo("\"" + json(changed).get("version").intValue() + "\"");

        // A colleague still holding the old version: 412 with the current ETag, and the move is not made.
        MockHttpServletResponse stale = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/transitions"), transition,
                Role.COORDINATOR, "If-Match", etag);
        problem(stale, 412, "precondition-failed");
        assertThat(stale.getHeader("ETag")).isEqualTo(next);
        assertThat(json(get("/api/v1/cases/" + caseId)).get("handling").stringValue()).isEqualTo("NEW");
        // A weak tag never matches (strong comparison); a malformed header is a 400 naming it.
        problem(send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/transitions"), transition, Role.COORDINATOR, "If-Match",
                "W/" + next), 412, "precondition-failed");
        MockHttpServletResponse malformed = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/transitions"), transition,
                Role.COORDINATOR, "If-Match", "3");
        problem(malformed, 400, "bad-input");
        assertThat(json(malformed).get("field").stringValue()).isEqualTo("If-Match");

        MockHttpServletResponse moved = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/transitions"), transition,
                Role.COORDINATOR, "If-Match", next);
        assertThat(moved.getStatus()).isEqualTo(200);
        assertThat(json(moved).get("handling").stringValue()).isEqualTo("TRIAGE");
        assertThat(send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/assignment"), "{\"assignee\": null}", Role.COORDINATOR,
                "If-Match", next).getStatus()).isEqualTo(412);
    }

    @Test
    void anAppointmentHasAnETagAndIfMatchIsHonouredWhenSent() throws Exception {
        MockHttpServletResponse added = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/appointments"),
                "{\"kind\": \"HEARING\", \"startsAt\": \"2027-03-10T10:30\"}", Role.COORDINATOR, null);
        String path = added.getHeader("Location");
        String etag = get(path).getHeader("ETag");
        assertThat(etag).isNotNull().isEqualTo(added.getHeader("ETag"));
        MockHttpServletResponse changed = send(MockMvcRequestBuilders.put(path), "{\"kind\": \"HEARING\", \"startsAt\": \"2027-03-11T10:30\"}",
                Role.COORDINATOR, "If-Match", etag);
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(changed.getHeader("ETag")).isNotEqualTo(etag);
        problem(send(MockMvcRequestBuilders.put(path), "{\"kind\": \"OTHER\", \"startsAt\": \"2027-03-12T10:30\"}", Role.COORDINATOR, "If-Match",
                etag), 412, "precondition-failed");
        problem(send(MockMvcRequestBuilders.post(path + "/cancellation"), "", Role.COORDINATOR, "If-Match", etag), 412, "precondition-failed");
        assertThat(json(get(path)).get("startsAt").stringValue()).startsWith("2027-03-11T10:30");
        // Optional here: without the header the change is made, as before.
        assertThat(send(MockMvcRequestBuilders.post(path + "/cancellation"), "", Role.COORDINATOR, null).getStatus()).isEqualTo(204);
    }

    @Test
    void receiptsReferralsAndDocumentsCarryAnETagToo() throws Exception {
        MockHttpServletResponse receipt = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/receipts"), "{\"date\": \"2020-01-01\"}",
                Role.COORDINATOR, null);
        assertThat(get(receipt.getHeader("Location")).getHeader("ETag")).isEqualTo("\"" + json(receipt).get("id").stringValue() + "\"");
        MockHttpServletResponse document = mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/cases/" + caseId + "/documents")
                .file(new MockMultipartFile("file", "a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8)))
                .header("Authorization", own.bearer(Role.COORDINATOR))).andReturn().getResponse();
        assertThat(get(document.getHeader("Location")).getHeader("ETag")).isEqualTo("\"" + json(document).get("id").stringValue() + "\"");
        StaffFixture receiver = StaffFixture.create(identity, "etag-receiver");
        MockHttpServletResponse referral = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/referrals"),
                "{\"toOrg\": \"" + receiver.slug() + "\", \"consent\": true}", Role.COORDINATOR, null);
        String location = referral.getHeader("Location");
        assertThat(get(location).getHeader("ETag")).isEqualTo("\"referred\"");
        assertThat(send(MockMvcRequestBuilders.post(location + "/withdrawal"), "", Role.COORDINATOR, "If-Match", "\"referred\"").getStatus())
                .isEqualTo(204);
        assertThat(get(location).getHeader("ETag")).isEqualTo("\"withdrawn\"");
        problem(send(MockMvcRequestBuilders.post(location + "/withdrawal"), "", Role.COORDINATOR, "If-Match", "\"referred\""), 412,
                "precondition-failed");
    }

    // --- paging ------------------------------------------------------------------------------------------------------

    @Test
    void everyListPagesTheSameWayWithLinkHeaders() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/notes"), "{\"body\": \"note " + i + "\"}", Role.COORDINATOR,
                    null).getStatus()).isEqualTo(201);
        }
        MockHttpServletResponse first = get("/api/v1/cases/" + caseId + "/notes?size=2");
        assertThat(json(first).size()).isEqualTo(2);
        assertThat(first.getHeader("X-Total-Count")).isEqualTo("5");
        String base = "/api/v1/cases/" + caseId + "/notes";
        assertThat(first.getHeader("Link")).isEqualTo("<" + base + "?page=0&size=2>; rel=\"first\", <" + base + "?page=1&size=2>; rel=\"next\", <"
                + base + "?page=2&size=2>; rel=\"last\"");
        MockHttpServletResponse last = get(base + "?size=2&page=2");
        assertThat(json(last).size()).isEqualTo(1);
        assertThat(last.getHeader("Link")).contains("<" + base + "?page=1&size=2>; rel=\"prev\"").doesNotContain("rel=\"next\"");
        // The pages together are the whole list, each item once.
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int page = 0; page < 3; page++) {
            json(get(base + "?size=2&page=" + page)).forEach(n -> ids.add(n.get("id").stringValue()));
        }
        assertThat(ids).hasSize(5);

        for (String list : new String[] { "/api/v1/referrals", "/api/v1/cases", base, "/api/v1/cases/" + caseId + "/tasks",
                "/api/v1/cases/" + caseId + "/messages", "/api/v1/cases/" + caseId + "/timeline", "/api/v1/cases/" + caseId + "/appointments",
                "/api/v1/cases/" + caseId + "/documents", "/api/v1/cases/" + caseId + "/receipts", "/api/v1/cases/" + caseId + "/receipts/status" }) {
            MockHttpServletResponse ok = get(list + "?page=0&size=1");
            assertThat(ok.getStatus()).as(list).isEqualTo(200);
            assertThat(ok.getHeader("X-Total-Count")).as(list).isNotNull();
            assertThat(ok.getHeader("Link")).as(list).contains("rel=\"first\"").contains("rel=\"last\"");
            for (String bad : new String[] { "size=0", "size=101", "page=-1" }) {
                MockHttpServletResponse refused = get(list + "?" + bad);
                problem(refused, 400, "bad-input");
                assertThat(json(refused).get("field").stringValue()).as(list + "?" + bad).isEqualTo(bad.substring(0, bad.indexOf('=')));
            }
        }
        assertThat(json(get("/api/v1/cases?size=1")).get("total").longValue()).isEqualTo(1);
    }

    // --- Idempotency-Key -----------------------------------------------------------------------------------------------

    long notes() {
        return jdbc.sql("select count(*) from case_note where case_id = ?").param(UUID.fromString(caseId)).query(Long.class).single();
    }

    @Test
    void aRetriedCreateWithTheSameKeyGetsTheFirstAnswerAndMakesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        MockHttpServletResponse first = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/notes"), "{\"body\": \"once\"}",
                Role.COORDINATOR, "Idempotency-Key", key);
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(first.getHeader("Idempotent-Replayed")).isEqualTo("false");
        long after = notes();
        MockHttpServletResponse again = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/notes"), "{ \"body\" : \"once\" }",
                Role.COORDINATOR, "Idempotency-Key", key);
        assertThat(again.getStatus()).isEqualTo(201);
        assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(json(again)).isEqualTo(json(first));
        assertThat(notes()).isEqualTo(after);

        // The same key for other content: 422, nothing made.
        MockHttpServletResponse reused = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/notes"), "{\"body\": \"other\"}",
                Role.COORDINATOR, "Idempotency-Key", key);
        problem(reused, 422, "idempotency-key-reused");
        assertThat(json(reused).get("field").stringValue()).isEqualTo("Idempotency-Key");
        assertThat(notes()).isEqualTo(after);
        // Keys are the user's: a colleague's request with the same key and other content is their own, not a reuse.
        MockHttpServletResponse colleague = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/notes"), "{\"body\": \"other\"}",
                Role.INTAKE, "Idempotency-Key", key);
        assertThat(colleague.getStatus()).as(colleague.getContentAsString()).isEqualTo(201);
        assertThat(colleague.getHeader("Idempotent-Replayed")).isEqualTo("false");
        // A key too short to be unguessable is refused, naming the header.
        MockHttpServletResponse shortKey = send(MockMvcRequestBuilders.post("/api/v1/cases/" + caseId + "/notes"), "{\"body\": \"x\"}",
                Role.COORDINATOR, "Idempotency-Key", "abc");
        problem(shortKey, 400, "bad-input");
        assertThat(json(shortKey).get("field").stringValue()).isEqualTo("Idempotency-Key");
    }

    @Test
    void everyStaffCreateReplaysItsFirstAnswerWithItsLocation() throws Exception {
        StaffFixture receiver = StaffFixture.create(identity, "etag-idem");
        String[][] creates = { { "/api/v1/cases", "{\"nationality\": \"IR\"}" },
                { "/api/v1/cases/" + caseId + "/tasks", "{\"title\": \"call\", \"dueOn\": \"2027-01-05\"}" },
                { "/api/v1/cases/" + caseId + "/messages", "{\"body\": \"hello\"}" },
                { "/api/v1/cases/" + caseId + "/appointments", "{\"kind\": \"OTHER\", \"startsAt\": \"2027-02-01T09:00\"}" },
                { "/api/v1/cases/" + caseId + "/receipts", "{\"date\": \"2020-01-01\"}" },
                { "/api/v1/cases/" + caseId + "/identifiers", "{\"kind\": \"v-number\", \"value\": \"1234567890\"}" },
                { "/api/v1/cases/" + caseId + "/referrals", "{\"toOrg\": \"" + receiver.slug() + "\", \"consent\": true}" } };
        for (String[] create : creates) {
            String key = UUID.randomUUID().toString();
            MockHttpServletResponse first = send(MockMvcRequestBuilders.post(create[0]), create[1], Role.COORDINATOR, "Idempotency-Key", key);
            assertThat(first.getStatus()).as(create[0] + " " + first.getContentAsString()).isIn(201, 204);
            MockHttpServletResponse again = send(MockMvcRequestBuilders.post(create[0]), create[1], Role.COORDINATOR, "Idempotency-Key", key);
            assertThat(again.getStatus()).as(create[0]).isEqualTo(first.getStatus());
            assertThat(again.getHeader("Idempotent-Replayed")).as(create[0]).isEqualTo("true");
            assertThat(again.getHeader("Location")).as(create[0]).isEqualTo(first.getHeader("Location"));
            assertThat(again.getContentAsString()).as(create[0]).isEqualTo(first.getContentAsString());
        }
        assertThat(jdbc.sql("select count(*) from case_referral where case_id = ?").param(UUID.fromString(caseId)).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aRetriedUploadWithTheSameKeyIsOneDocument() throws Exception {
        String key = UUID.randomUUID().toString();
        MockHttpServletResponse[] answers = new MockHttpServletResponse[2];
        for (int i = 0; i < 2; i++) {
            answers[i] = mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/cases/" + caseId + "/documents")
                    .file(new MockMultipartFile("file", "letter.txt", "text/plain", "a letter".getBytes(StandardCharsets.UTF_8)))
                    .header("Idempotency-Key", key).header("Authorization", own.bearer(Role.COORDINATOR))).andReturn().getResponse();
        }
        assertThat(answers[0].getStatus()).isEqualTo(201);
        assertThat(answers[1].getHeader("Location")).isEqualTo(answers[0].getHeader("Location"));
        assertThat(json(get("/api/v1/cases/" + caseId + "/documents"))).hasSize(1);
        MockHttpServletResponse other = mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/cases/" + caseId + "/documents")
                .file(new MockMultipartFile("file", "letter.txt", "text/plain", "another letter".getBytes(StandardCharsets.UTF_8)))
                .header("Idempotency-Key", key).header("Authorization", own.bearer(Role.COORDINATOR))).andReturn().getResponse();
        problem(other, 422, "idempotency-key-reused");
    }
}
