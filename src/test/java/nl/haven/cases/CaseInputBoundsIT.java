package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #15, point 14: what staff record on a case is bounded. The route profile at most 16 KB, at most as many groups
 * as the policy engine knows and at most 32 facts, and only codes the policy data set knows: anything else is 400
 * problem+json naming the field, on opening a case and on changing its details, and nothing stored changes. Through the
 * real server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseInputBoundsIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;

    StaffFixture staff;
    String caseId;

    @BeforeEach
    void aCase() throws Exception {
        staff = StaffFixture.create(identity, "bounds");
        HttpResponse<String> opened = send("POST", "/api/v1/cases",
                "{\"nationality\": \"RU\", \"details\": {\"nameUsed\": \"Sasha\", \"groups\": [\"gay\"], \"facts\": [\"late-disclosure\"]}}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        caseId = JSON.readTree(opened.body()).get("id").stringValue();
    }

    HttpResponse<String> send(String method, String path, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", staff.bearer(Role.COORDINATOR))
                .header("If-Match", "*").header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The details sent both ways (a new case, and a change of this one) are refused with 400 naming the field. */
    void refused(String details, String field, String inDetail) throws Exception {
        for (String[] request : new String[][] { { "POST", "/api/v1/cases" }, { "PUT", "/api/v1/cases/" + caseId + "/details" } }) {
            HttpResponse<String> response = send(request[0], request[1], "{\"nationality\": \"RU\", \"details\": " + details + "}");
            assertThat(response.statusCode()).as(request[0] + " " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("field").stringValue()).isEqualTo(field);
            assertThat(problem.get("detail").stringValue()).contains(inDetail);
        }
        // Nothing stored changed.
        JsonNode stored = JSON.readTree(send("GET", "/api/v1/cases/" + caseId, "").body());
        assertThat(stored.get("details").get("groups").toString()).isEqualTo("[\"gay\"]");
        assertThat(stored.get("details").get("facts").toString()).isEqualTo("[\"late-disclosure\"]");
        assertThat(stored.get("details").get("routeProfile").size()).isZero();
    }

    static String list(String element, int count) {
        return "[" + String.join(", ", Collections.nCopies(count, "\"" + element + "\"")) + "]";
    }

    @Test
    void aRouteProfileOfMoreThan16KbIsRefused() throws Exception {
        refused("{\"routeProfile\": {\"education\": \"" + "x".repeat(17 * 1024) + "\"}}", "routeProfile", "16");
    }

    @Test
    void moreGroupsThanThePolicyEngineKnowsAreRefused() throws Exception {
        refused("{\"groups\": " + list("gay", 9) + "}", "groups", "9");
    }

    @Test
    void aGroupThePolicyEngineDoesNotKnowIsRefused() throws Exception {
        refused("{\"groups\": [\"gay\", \"elf\"]}", "groups", "'elf'");
    }

    @Test
    void moreThan32FactsAreRefused() throws Exception {
        refused("{\"facts\": " + list("late-disclosure", 33) + "}", "facts", "33");
    }

    @Test
    void aFactThePolicyDataSetDoesNotKnowIsRefused() throws Exception {
        refused("{\"facts\": [\"late-disclosure\", \"made-up-fact\"]}", "facts", "'made-up-fact'");
    }

    @Test
    void knownCodesWithinTheBoundsAreStored() throws Exception {
        HttpResponse<String> changed = send("PUT", "/api/v1/cases/" + caseId + "/details",
                "{\"nationality\": \"RU\", \"details\": {\"groups\": [\"trans\", \"lgbti\"], \"facts\": [\"military-dismissal\"], "
                        + "\"routeProfile\": {\"education\": \"" + "x".repeat(8 * 1024) + "\"}}}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode stored = JSON.readTree(send("GET", "/api/v1/cases/" + caseId, "").body());
        assertThat(stored.get("details").get("groups").toString()).isEqualTo("[\"trans\",\"lgbti\"]");
        assertThat(stored.get("details").get("facts").toString()).isEqualTo("[\"military-dismissal\"]");
    }
}
