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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The assessment and route advice beside a case, and the decision-support receipt that reproduces later. */
@SpringBootTest
@AutoConfigureMockMvc
class DecisionSupportIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    StaffFixture org;

    @BeforeEach
    void organisation() {
        org = StaffFixture.create(identity, "support");
    }

    ResultActions get(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).header("Authorization", org.bearer(Role.CASEWORKER)));
    }

    ResultActions post(String path, String json) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path).header("Authorization", org.bearer(Role.CASEWORKER))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    String open(String json) throws Exception {
        return body(post("/api/v1/cases", json).andExpect(status().isCreated())).get("id").stringValue();
    }

    @Test
    void aGayManFromChechnyaOnTheFirstOfSeptember2017GetsGroupPersecutionWithItsSourceAndAReceiptThatReproduces() throws Exception {
        String id = open("{\"nationality\": \"RU\", \"details\": {\"nameUsed\": \"Artur\", \"groups\": [\"gay\"]}}");
        // The seed's question: a gay man from Chechnya on 2017-09-01 → group persecution (Kamerstuk 19637 nr. 2343, 30 August 2017).
        JsonNode assessment = body(get("/api/v1/cases/" + id + "/assessment?region=RU-CE&date=2017-09-01").andExpect(status().isOk()));
        assertThat(assessment.get("evidentiaryStandard").stringValue()).isEqualTo("GROUP_PERSECUTION");
        assertThat(assessment.get("sources").toString()).contains("Kamerstuk 19637 nr. 2343");
        // Outside Chechnya in 2016: a risk group, minor indications suffice (Kamerstuk 19637 nr. 2029).
        assertThat(body(get("/api/v1/cases/" + id + "/assessment?date=2016-01-01")).get("evidentiaryStandard").stringValue())
                .isEqualTo("MINOR_INDICATIONS");

        JsonNode receipt = body(post("/api/v1/cases/" + id + "/receipts", "{\"region\": \"RU-CE\", \"date\": \"2017-09-01\"}")
                .andExpect(status().isCreated()));
        assertThat(receipt.get("dataSetVersion").stringValue()).startsWith("sha256:");
        assertThat(receipt.get("inputs").get("groups").toString()).isEqualTo("[\"gay\"]");
        // Stored encrypted: the explanation is not in the row.
        String stored = jdbc.sql("select body from case_receipt where id = ?").param(UUID.fromString(receipt.get("id").stringValue()))
                .query((rs, n) -> new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).single();
        assertThat(stored).doesNotContain("GROUP_PERSECUTION").doesNotContain("2343");

        JsonNode reproduction = body(get("/api/v1/cases/" + id + "/receipts/" + receipt.get("id").stringValue() + "/reproduction")
                .andExpect(status().isOk()));
        assertThat(reproduction.get("sameDataSet").booleanValue()).isTrue();
        assertThat(reproduction.get("sameOutcome").booleanValue()).isTrue();
        assertThat(reproduction.get("now").get("evidentiaryStandard").stringValue()).isEqualTo("GROUP_PERSECUTION");
        assertThat(body(get("/api/v1/cases/" + id + "/receipts")).size()).isEqualTo(1);
        get("/api/v1/cases/" + id + "/receipts/" + UUID.randomUUID() + "/reproduction").andExpect(status().isNotFound());
    }

    @Test
    void theRouteAdviceOfAUsTransWomanCarriesTheTravelDocumentChecklistItemWithItsSource() throws Exception {
        String id = open("{\"nationality\": \"US\", \"details\": {\"nameUsed\": \"Robin\", \"groups\": [\"trans\"], "
                + "\"documentGenderMismatch\": true, \"routeProfile\": {\"jobOffer\": {\"grossMonthlySalaryEur\": 6000}}}}");
        JsonNode routes = body(get("/api/v1/cases/" + id + "/routes?lang=nl").andExpect(status().isOk()));
        assertThat(routes.get("advice").get("routes").size()).isGreaterThan(3);
        assertThat(routes.get("checklist").get(0).get("code").stringValue()).isEqualTo("document-gender-mismatch");
        assertThat(routes.get("checklist").get(0).get("text").stringValue()).contains("reisdocument");
        assertThat(routes.get("checklist").get(0).get("sourceUrls").get(0).stringValue()).startsWith("https://dutchreview.com/");
        // Without the mismatch there is no such item.
        String other = open("{\"nationality\": \"US\", \"details\": {\"groups\": [\"gay\"]}}");
        assertThat(body(get("/api/v1/cases/" + other + "/routes")).get("checklist").size()).isZero();
    }

    @Test
    void badInputNamesTheField() throws Exception {
        String noNationality = open("{\"details\": {\"groups\": [\"gay\"]}}");
        assertThat(body(get("/api/v1/cases/" + noNationality + "/assessment").andExpect(status().isBadRequest())).get("field").stringValue())
                .isEqualTo("nationality");
        String noGroups = open("{\"nationality\": \"RU\", \"details\": {}}");
        assertThat(body(get("/api/v1/cases/" + noGroups + "/assessment").andExpect(status().isBadRequest())).get("detail").stringValue())
                .contains("group");
        String id = open("{\"nationality\": \"RU\", \"details\": {\"groups\": [\"gay\"]}}");
        assertThat(body(get("/api/v1/cases/" + id + "/assessment?date=2017-13-01").andExpect(status().isBadRequest())).get("detail")
                .stringValue()).contains("2017-13-01");
        assertThat(body(get("/api/v1/cases/" + id + "/assessment?region=RU-XX").andExpect(status().isBadRequest())).get("detail")
                .stringValue()).contains("RU-XX");
    }
}
