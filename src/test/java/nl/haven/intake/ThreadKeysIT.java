package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
}
