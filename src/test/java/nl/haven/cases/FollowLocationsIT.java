package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #21 point 6: every {@code Location} a create answers resolves with the creator's credentials, to the resource
 * just created; for another organisation the same address is a 404 exactly like an id that does not exist (S1).
 */
@SpringBootTest
@AutoConfigureMockMvc
class FollowLocationsIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;

    StaffFixture own;
    StaffFixture other;
    String caseId;

    @BeforeEach
    void aCase() throws Exception {
        own = StaffFixture.create(identity, "follow");
        other = StaffFixture.create(identity, "follow-other");
        MockHttpServletResponse created = post("/api/v1/cases", "{\"nationality\": \"RU\", \"details\": {\"groups\": [\"gay\"]}}", own);
        assertThat(created.getStatus()).isEqualTo(201);
        caseId = JSON.readTree(created.getContentAsString()).get("id").stringValue();
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/cases/" + caseId);
    }

    MockHttpServletResponse post(String path, String json, StaffFixture staff) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path).header("Authorization", staff.bearer(Role.COORDINATOR))
                .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse();
    }

    MockHttpServletResponse get(String path, StaffFixture staff) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).header("Authorization", staff.bearer(Role.COORDINATOR))).andReturn().getResponse();
    }

    /**
     * Follows the Location of a 201: 200 with the same id; for the other organisation a 404 identical to the one for an
     * address whose ids all do not exist ({@code unknown}).
     */
    JsonNode follow(MockHttpServletResponse created, String unknown) throws Exception {
        assertThat(created.getStatus()).isEqualTo(201);
        String location = created.getHeader("Location");
        assertThat(location).isNotNull();
        MockHttpServletResponse followed = get(location, own);
        assertThat(followed.getStatus()).as("GET %s", location).isEqualTo(200);
        String id = JSON.readTree(created.getContentAsString()).get("id").stringValue();
        JsonNode body = JSON.readTree(followed.getContentAsString());
        assertThat(body.get("id").stringValue()).isEqualTo(id);
        MockHttpServletResponse foreign = get(location, other);
        MockHttpServletResponse missing = get(unknown, other);
        assertThat(foreign.getStatus()).isEqualTo(404);
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(JSON.readTree(foreign.getContentAsString())).isEqualTo(JSON.readTree(missing.getContentAsString()));
        return body;
    }

    @Test
    void theLocationOfACreatedCaseResolves() throws Exception {
        MockHttpServletResponse created = post("/api/v1/cases", "{\"nationality\": \"IR\"}", own);
        follow(created, "/api/v1/cases/" + UUID.randomUUID());
    }

    @Test
    void theLocationOfARecordedReceiptResolvesToTheReceipt() throws Exception {
        MockHttpServletResponse created = post("/api/v1/cases/" + caseId + "/receipts", "{\"region\": \"RU-CE\", \"date\": \"2017-09-01\"}", own);
        JsonNode receipt = follow(created, "/api/v1/cases/" + UUID.randomUUID() + "/receipts/" + UUID.randomUUID());
        assertThat(receipt.get("assessment").get("evidentiaryStandard").stringValue()).isEqualTo("GROUP_PERSECUTION");
        assertThat(receipt).isEqualTo(JSON.readTree(created.getContentAsString()));
    }

    @Test
    void theLocationOfAReferralResolvesToTheReferralRecord() throws Exception {
        StaffFixture receiver = StaffFixture.create(identity, "follow-receiver");
        MockHttpServletResponse created = post("/api/v1/cases/" + caseId + "/referrals", "{\"toOrg\": \"" + receiver.slug() + "\", \"consent\": true}",
                own);
        JsonNode referral = follow(created, "/api/v1/referrals/" + UUID.randomUUID());
        assertThat(referral.get("toOrg").stringValue()).isEqualTo(receiver.slug());
        assertThat(referral.get("caseId").stringValue()).isEqualTo(caseId);
        // The receiving organisation has the case, not the referrer's record of it.
        assertThat(get(created.getHeader("Location"), receiver).getStatus()).isEqualTo(404);
    }

    @Test
    void theLocationOfAnAppointmentResolves() throws Exception {
        MockHttpServletResponse created = post("/api/v1/cases/" + caseId + "/appointments",
                "{\"kind\": \"HEARING\", \"startsAt\": \"2027-03-10T10:30\"}", own);
        follow(created, "/api/v1/cases/" + UUID.randomUUID() + "/appointments/" + UUID.randomUUID());
    }

    @Test
    void theLocationOfAnUploadedDocumentResolvesToItsContent() throws Exception {
        MockHttpServletResponse created = mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/cases/" + caseId + "/documents")
                .file(new MockMultipartFile("file", "letter.txt", "text/plain", "a letter".getBytes(StandardCharsets.UTF_8)))
                .header("Authorization", own.bearer(Role.COORDINATOR))).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        MockHttpServletResponse followed = get(created.getHeader("Location"), own);
        assertThat(followed.getStatus()).isEqualTo(200);
        assertThat(followed.getContentAsString()).isEqualTo("a letter");
        MockHttpServletResponse foreign = get(created.getHeader("Location"), other);
        assertThat(foreign.getStatus()).isEqualTo(404);
        assertThat(foreign.getContentAsString())
                .isEqualTo(get("/api/v1/cases/" + UUID.randomUUID() + "/documents/" + UUID.randomUUID(), other).getContentAsString());
    }
}
