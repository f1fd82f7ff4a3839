package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Referral only with consent; the keys and every field move to the receiving organisation; consent can be withdrawn. */
@SpringBootTest
@AutoConfigureMockMvc
class ReferralsIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Protection protection;

    StaffFixture from;
    StaffFixture to;
    String caseId;

    @BeforeEach
    void aCaseWithANoteAndAMessage() throws Exception {
        from = StaffFixture.create(identity, "referrer");
        to = StaffFixture.create(identity, "receiver");
        caseId = body(post("/api/v1/cases", "{\"nationality\": \"RU\", \"details\": {\"nameUsed\": \"Sasha\", \"groups\": [\"gay\"]}}", from,
                Role.COORDINATOR).andExpect(status().isCreated())).get("id").stringValue();
        post("/api/v1/cases/" + caseId + "/notes", "{\"body\": \"internal note of the referrer\"}", from, Role.COORDINATOR)
                .andExpect(status().isCreated());
        post("/api/v1/cases/" + caseId + "/messages", "{\"body\": \"we will refer you\"}", from, Role.COORDINATOR)
                .andExpect(status().isCreated());
    }

    ResultActions post(String path, String json, StaffFixture staff, Role role) throws Exception {
        // If-Match: * (any version): these tests are not about concurrent changes (issue #21: ConcurrencyAndPagingIT is).
        return mvc.perform(MockMvcRequestBuilders.post(path).header("Authorization", staff.bearer(role)).header("If-Match", "*")
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    ResultActions get(String path, StaffFixture staff, Role role) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).header("Authorization", staff.bearer(role)));
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    long audit(String action) {
        return jdbc.sql("select count(*) from audit_event where action = ? and subject_id = ?").params(action, caseId).query(Long.class).single();
    }

    @Test
    void withoutConsentToAnUnknownOrganisationOrToItselfNothingMoves() throws Exception {
        String noConsent = body(post("/api/v1/cases/" + caseId + "/referrals", "{\"toOrg\": \"" + to.slug() + "\"}", from, Role.COORDINATOR)
                .andExpect(status().isBadRequest())).get("detail").stringValue();
        assertThat(noConsent).contains("consent");
        assertThat(body(post("/api/v1/cases/" + caseId + "/referrals", "{\"toOrg\": \"no-such-org\", \"consent\": true}", from, Role.COORDINATOR)
                .andExpect(status().isBadRequest())).get("detail").stringValue()).contains("'no-such-org'");
        post("/api/v1/cases/" + caseId + "/referrals", "{\"toOrg\": \"" + from.slug() + "\", \"consent\": true}", from, Role.COORDINATOR)
                .andExpect(status().isBadRequest());
        assertThat(audit("case.referred")).isZero();
        assertThat(body(get("/api/v1/cases/" + caseId, from, Role.COORDINATOR).andExpect(status().isOk())).get("details").get("nameUsed")
                .stringValue()).isEqualTo("Sasha");
        assertThat(body(get("/api/v1/cases/" + caseId + "/notes", from, Role.COORDINATOR)).size()).isEqualTo(1);
    }

    @Test
    void aReferralHandsTheCaseWithItsKeysToTheReceivingOrganisationAndWithdrawalBringsItBack() throws Exception {
        JsonNode referral = body(post("/api/v1/cases/" + caseId + "/referrals", "{\"toOrg\": \"" + to.slug() + "\", \"consent\": true}", from,
                Role.COORDINATOR).andExpect(status().isCreated()));
        assertThat(audit("case.referred")).isEqualTo(1);
        // The referrer no longer sees the case, only its referral record.
        get("/api/v1/cases/" + caseId, from, Role.COORDINATOR).andExpect(status().isNotFound());
        JsonNode made = body(get("/api/v1/referrals", from, Role.COORDINATOR).andExpect(status().isOk()));
        assertThat(made.get(0).get("reference").stringValue()).startsWith("HV-");
        assertThat(made.get(0).get("toOrg").stringValue()).isEqualTo(to.slug());
        assertThat(made.toString()).doesNotContain("Sasha");
        // The receiver reads everything, in its triage queue; the internal note was not covered by the consent.
        JsonNode received = body(get("/api/v1/cases/" + caseId, to, Role.COORDINATOR).andExpect(status().isOk()));
        assertThat(received.get("details").get("nameUsed").stringValue()).isEqualTo("Sasha");
        assertThat(received.get("handling").stringValue()).isEqualTo("NEW");
        assertThat(body(get("/api/v1/cases/" + caseId + "/notes", to, Role.COORDINATOR)).size()).isZero();
        assertThat(body(get("/api/v1/cases/" + caseId + "/messages", to, Role.COORDINATOR)).get(0).get("body").stringValue())
                .isEqualTo("we will refer you");
        assertThat(protection.caseKeyWrappedBy(to.org(), new CaseId(UUID.fromString(caseId)))).isEqualTo(protection.organisationPrimaryKey(to.org()));

        // Consent withdrawn while the receiving organisation has not accepted: back to the referrer's triage. (A caseworker
        // sees only the referrals of their own cases, ReferralScopeIT; this case was unassigned, so it is the coordinator.)
        post("/api/v1/referrals/" + referral.get("id").stringValue() + "/withdrawal", "", from, Role.COORDINATOR).andExpect(status().isNoContent());
        get("/api/v1/cases/" + caseId, to, Role.COORDINATOR).andExpect(status().isNotFound());
        JsonNode back = body(get("/api/v1/cases/" + caseId, from, Role.COORDINATOR).andExpect(status().isOk()));
        assertThat(back.get("handling").stringValue()).isEqualTo("TRIAGE");
        assertThat(back.get("details").get("nameUsed").stringValue()).isEqualTo("Sasha");
        assertThat(audit("case.referral-withdrawn")).isEqualTo(1);
        post("/api/v1/referrals/" + referral.get("id").stringValue() + "/withdrawal", "", from, Role.COORDINATOR).andExpect(status().isConflict());
        // Another organisation cannot withdraw it, and does not learn that it exists.
        post("/api/v1/referrals/" + referral.get("id").stringValue() + "/withdrawal", "", to, Role.COORDINATOR).andExpect(status().isNotFound());
    }

    @Test
    void notesGoAlongOnlyWhenTheConsentCoversThemAndAnAcceptedCaseCannotBeCalledBack() throws Exception {
        JsonNode referral = body(post("/api/v1/cases/" + caseId + "/referrals",
                "{\"toOrg\": \"" + to.slug() + "\", \"consent\": true, \"includeNotes\": true}", from, Role.COORDINATOR)
                .andExpect(status().isCreated()));
        assertThat(body(get("/api/v1/cases/" + caseId + "/notes", to, Role.COORDINATOR)).get(0).get("body").stringValue())
                .isEqualTo("internal note of the referrer");
        post("/api/v1/cases/" + caseId + "/transitions", "{\"to\": \"TRIAGE\", \"priority\": 1}", to, Role.COORDINATOR).andExpect(status().isOk());
        post("/api/v1/cases/" + caseId + "/transitions", "{\"to\": \"ACCEPTED\"}", to, Role.COORDINATOR).andExpect(status().isOk());
        assertThat(body(post("/api/v1/referrals/" + referral.get("id").stringValue() + "/withdrawal", "", from, Role.COORDINATOR)
                .andExpect(status().isConflict())).get("detail").stringValue()).contains("erase");
        get("/api/v1/cases/" + caseId, to, Role.COORDINATOR).andExpect(status().isOk());
    }
}
