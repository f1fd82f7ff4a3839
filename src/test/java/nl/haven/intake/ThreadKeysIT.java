package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.protection.FieldRef;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.OpenedThread;
import nl.haven.protection.Protection;
import nl.haven.protection.ThreadSecret;
import nl.haven.shared.CaseId;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * ADR 0006 C.6 (step 8), with the legacy opener off and nobody of the organisation logged in: the requester's codename
 * opens their case's thread key, so the follow-up page shows the organisation's replies and takes the requester's own —
 * and files — and opens nothing else of the case. Staff read and answer the same thread, and open the file, through the
 * case key; a referral hands the thread over with the case, and the codename goes on working.
 */
@SpringBootTest(properties = "haven.protection.legacy-opener=false")
@AutoConfigureMockMvc
class ThreadKeysIT {
    private static final String REQUEST = "Ik ben trans en zoek hulp — canary-request-41b7";
    private static final String REPLY = "Мой ответ — canary-requester-reply-9d02";
    private static final String STAFF = "We can meet on Tuesday — canary-staff-reply-3ac5";
    private static final String FILE = "scan-follow-up-canary-file-0b6e.png";
    private static final String AFTER = "Nog een vraag na de doorverwijzing — canary-after-referral-77e1";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    Protection protection;
    @Autowired
    JdbcClient jdbc;

    private String followUp(String codename, String... reply) throws Exception {
        var request = post("/follow-up?lang=en").param("codename", codename).with(csrf()).with(r -> {
            r.setRemoteAddr("198.51.100.91");
            return r;
        });
        if (reply.length > 0) {
            request.param("action", "reply").param("message", reply[0]);
        }
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String api(String method, String path, String bearer, String body) throws Exception {
        var request = "GET".equals(method) ? get(path) : post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        MvcResult result = mvc.perform(request.header("Authorization", bearer).accept(MediaType.APPLICATION_JSON)).andReturn();
        String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(method + " " + path + ": " + answer).isBetween(200, 201);
        return answer;
    }

    @Test
    void theCodenameOpensTheThreadAndNothingElseWithNobodyLoggedIn() throws Exception {
        StaffFixture from = StaffFixture.create(identity, "thread-keys");
        StaffFixture to = StaffFixture.create(identity, "thread-keys-to");
        String page = mvc.perform(multipart("/intake/" + from.slug() + "?lang=en").param("submission", UUID.randomUUID().toString())
                .param("nameUsed", "Robin").param("groups", "trans").param("nationality", "US").param("countryOfResidence", "US")
                .param("message", REQUEST).param("contactChannel", "none").param("contactValue", "").param("consentProcessing", "true")
                .with(csrf()).with(r -> {
                    r.setRemoteAddr("198.51.100.90");
                    return r;
                })).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String codename = IntakeFixture.codename(page);
        UUID caseId = jdbc.sql("select id from case_file where org_id = ?").param(from.org().value()).query(UUID.class).single();
        assertThat(jdbc.sql("select thread_requester from case_key where case_id = ?").param(caseId).query(byte[].class).single())
                .as("a thread key wrapped for the requester").isNotNull();

        // The requester answers and reads the thread: nobody of the organisation is logged in, and the opener is off.
        assertThat(followUp(codename, REPLY)).contains(REPLY).doesNotContain(REQUEST);

        // A file added on the follow-up page: stored under the thread key, with nobody of the organisation logged in.
        MvcResult attached = mvc.perform(multipart("/follow-up?lang=en").file(new MockMultipartFile("files", FILE, "image/png", IntakeFixture.png(16, 16)))
                .param("codename", codename).param("action", "files").with(csrf()).with(r -> {
                    r.setRemoteAddr("198.51.100.92");
                    return r;
                })).andReturn();
        assertThat(attached.getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select thread from case_document where case_id = ?").param(caseId).query(Boolean.class).single()).isTrue();

        // Staff read it through the case key (an API token's grant) and answer.
        String documents = api("GET", "/api/v1/cases/" + caseId + "/documents", from.bearer(Role.COORDINATOR), "");
        assertThat(documents).contains("follow-up-canary-file-0b6e");
        String document = jdbc.sql("select id from case_document where case_id = ?").param(caseId).query(UUID.class).single().toString();
        MvcResult download = mvc.perform(get("/api/v1/cases/" + caseId + "/documents/" + document).header("Authorization", from.bearer(Role.COORDINATOR)))
                .andReturn();
        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        assertThat(download.getResponse().getContentAsByteArray()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(api("GET", "/api/v1/cases/" + caseId + "/messages", from.bearer(Role.COORDINATOR), "")).contains(REPLY);
        api("POST", "/api/v1/cases/" + caseId + "/messages", from.bearer(Role.COORDINATOR), "{\"body\": \"" + STAFF + "\"}");
        assertThat(followUp(codename)).contains(REPLY).contains(STAFF);

        // What the codename opened on this thread is gone once the page was made; and within an opening it opens the
        // messages only, not the case's details.
        byte[] message = jdbc.sql("select body from case_message where case_id = ? and direction = 'FROM_REQUESTER'").param(caseId)
                .query(byte[].class).single();
        FieldRef body = new FieldRef(from.org(), new CaseId(caseId), "case_message", "body", true);
        assertThatThrownBy(() -> protection.decrypt(body, message)).isInstanceOf(KeyNotOpenException.class);
        byte[] details = jdbc.sql("select details from case_file where id = ?").param(caseId).query(byte[].class).single();
        String normal = Codenames.normalise(codename);
        try (OpenedThread thread = protection.openThread(from.org(), new CaseId(caseId), ThreadSecret.ofCodename(normal))) {
            assertThat(thread.held()).isTrue();
            assertThat(protection.decryptText(body, message)).isEqualTo(REPLY);
            assertThatThrownBy(() -> protection.decrypt(new FieldRef(from.org(), new CaseId(caseId), "case_file", "details"), details))
                    .isInstanceOf(KeyNotOpenException.class);
        }
        // Another codename does not open this case's thread key.
        assertThatThrownBy(() -> protection.openThread(from.org(), new CaseId(caseId), ThreadSecret.ofCodename(normal + "x")))
                .hasMessageContaining("does not open").hasMessageNotContaining(normal);

        // A referral (consent given) hands the case over: the receiving organisation reads the thread, and the requester
        // goes on with the same codename.
        api("POST", "/api/v1/cases/" + caseId + "/referrals", from.bearer(Role.COORDINATOR), "{\"toOrg\": \"" + to.slug() + "\", \"consent\": true}");
        assertThat(api("GET", "/api/v1/cases/" + caseId + "/messages", to.bearer(Role.COORDINATOR), "")).contains(REPLY).contains(STAFF);
        assertThat(api("GET", "/api/v1/cases/" + caseId, to.bearer(Role.COORDINATOR), "")).contains(REQUEST);
        assertThat(api("GET", "/api/v1/cases/" + caseId + "/documents", to.bearer(Role.COORDINATOR), "")).contains("follow-up-canary-file-0b6e");
        assertThat(followUp(codename, AFTER)).contains(REPLY).contains(STAFF).contains(AFTER);
        assertThat(api("GET", "/api/v1/cases/" + caseId + "/messages", to.bearer(Role.COORDINATOR), "")).contains(AFTER);
    }

    private record ReturnSeal(UUID org, UUID returnOrg, byte[] sealed) {
    }

    private ReturnSeal returnSeal(String caseId) {
        return jdbc.sql("select org_id, return_org, return_sealed from case_key where case_id = ?").param(UUID.fromString(caseId))
                .query((rs, n) -> new ReturnSeal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3))).single();
    }

    /**
     * ADR 0006 C.8, with the legacy opener off: a referral keeps the case's keys sealed to the referring organisation's
     * public key, so that when the person withdraws their consent the referrer takes the case back with its own keys —
     * none of the receiver's; once the receiver takes a case on, that way back is gone.
     */
    @Test
    void aWithdrawnReferralComesBackWithTheReferrersOwnKeysAndAnAcceptedOneLeavesNoWayBack() throws Exception {
        StaffFixture from = StaffFixture.create(identity, "return-seal");
        StaffFixture to = StaffFixture.create(identity, "return-seal-to");
        String body = """
                {"nationality": "ru", "countryOfResidence": "RU", "details": {"nameUsed": "%s", "groups": ["gay"], "facts": [],
                 "request": "I need advice about asylum.", "language": "en"}}""";
        String caseId = id(api("POST", "/api/v1/cases", from.bearer(Role.COORDINATOR), body.formatted("Return-Canary-2c9d")));

        String referral = id(api("POST", "/api/v1/cases/" + caseId + "/referrals", from.bearer(Role.COORDINATOR),
                "{\"toOrg\": \"" + to.slug() + "\", \"consent\": true}"));
        ReturnSeal kept = returnSeal(caseId);
        assertThat(kept.org()).isEqualTo(to.org().value());
        assertThat(kept.returnOrg()).isEqualTo(from.org().value());
        assertThat(kept.sealed()).isNotNull();

        MvcResult withdrawn = mvc.perform(post("/api/v1/referrals/" + referral + "/withdrawal").header("Authorization", from.bearer(Role.COORDINATOR)))
                .andReturn();
        assertThat(withdrawn.getResponse().getStatus()).as(withdrawn.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(204);
        assertThat(api("GET", "/api/v1/cases/" + caseId, from.bearer(Role.COORDINATOR), "")).contains("Return-Canary-2c9d");
        ReturnSeal back = returnSeal(caseId);
        assertThat(back.org()).isEqualTo(from.org().value());
        assertThat(back.sealed()).as("the receiver keeps no way back").isNull();
        assertThat(mvc.perform(get("/api/v1/cases/" + caseId).header("Authorization", to.bearer(Role.COORDINATOR))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);

        // Referred again, and taken on by the receiver: the referrer's way back goes.
        api("POST", "/api/v1/cases/" + caseId + "/referrals", from.bearer(Role.COORDINATOR), "{\"toOrg\": \"" + to.slug() + "\", \"consent\": true}");
        assertThat(returnSeal(caseId).sealed()).isNotNull();
        move(caseId, to.bearer(Role.COORDINATOR), "{\"to\": \"TRIAGE\", \"priority\": 1}");
        assertThat(returnSeal(caseId).sealed()).as("still in triage: the person may still withdraw").isNotNull();
        move(caseId, to.bearer(Role.COORDINATOR), "{\"to\": \"ACCEPTED\"}");
        assertThat(returnSeal(caseId).sealed()).isNull();
        assertThat(api("GET", "/api/v1/cases/" + caseId, to.bearer(Role.COORDINATOR), "")).contains("Return-Canary-2c9d");
    }

    /** A transition, with the case's ETag as the API asks. */
    private void move(String caseId, String bearer, String body) throws Exception {
        String etag = mvc.perform(get("/api/v1/cases/" + caseId).header("Authorization", bearer).accept(MediaType.APPLICATION_JSON)).andReturn()
                .getResponse().getHeader("ETag");
        MvcResult moved = mvc.perform(post("/api/v1/cases/" + caseId + "/transitions").header("Authorization", bearer).header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON).content(body).accept(MediaType.APPLICATION_JSON)).andReturn();
        assertThat(moved.getResponse().getStatus()).as(moved.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
    }

    private static String id(String json) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }
}
