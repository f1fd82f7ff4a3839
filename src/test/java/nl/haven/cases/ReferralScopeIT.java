package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseReading;
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
 * Issue #15, point 12: a referral follows the scope of the case it came from. A caseworker sees and withdraws only the
 * referrals of cases they could see when they were referred (their own); a colleague's referral is "not found", exactly
 * as one that does not exist; the coordinator sees and withdraws every referral of the organisation. Through the real
 * server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReferralScopeIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseMoves caseMoves;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    CaseReading caseReading;

    StaffFixture from;
    StaffFixture to;
    UUID mine;
    UUID colleagues;

    @BeforeEach
    void twoCasesOfTwoColleaguesBothReferred() {
        from = StaffFixture.create(identity, "scope-from");
        to = StaffFixture.create(identity, "scope-to");
        mine = assignedTo(Role.CASEWORKER);
        colleagues = assignedTo(Role.LAWYER);
    }

    UUID assignedTo(Role role) {
        var coordinator = from.member(Role.COORDINATOR);
        UUID id = caseOpening.open(coordinator, new NewCase("RU", null, CaseDetails.empty(), "STAFF")).id();
        caseMoves.assign(coordinator, id, from.ids().get(role).value());
        return id;
    }

    HttpResponse<String> send(String method, String path, String json, Role role) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", from.bearer(role)).header("Accept", "application/json")
                .header("If-Match", "*"); // any version: not a test of concurrent changes (issue #21)
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String refer(UUID caseId, Role role) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/cases/" + caseId + "/referrals",
                "{\"toOrg\": \"" + to.slug() + "\", \"consent\": true}", role);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").stringValue();
    }

    List<String> visibleTo(Role role) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/referrals", "", role);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode referral : JSON.readTree(response.body())) {
            ids.add(referral.get("id").stringValue());
        }
        return ids;
    }

    @Test
    void aCaseworkerSeesAndWithdrawsOnlyTheReferralsOfTheirOwnCases() throws Exception {
        String myReferral = refer(mine, Role.CASEWORKER);
        String colleaguesReferral = refer(colleagues, Role.LAWYER);

        assertThat(visibleTo(Role.CASEWORKER)).containsExactly(myReferral);
        assertThat(visibleTo(Role.LAWYER)).containsExactly(colleaguesReferral);
        assertThat(visibleTo(Role.COORDINATOR)).containsExactlyInAnyOrder(myReferral, colleaguesReferral);

        // The colleague's referral cannot be withdrawn, and answers exactly as one that does not exist.
        HttpResponse<String> colleagues = send("POST", "/api/v1/referrals/" + colleaguesReferral + "/withdrawal", "", Role.CASEWORKER);
        String none = UUID.randomUUID().toString();
        HttpResponse<String> nonexistent = send("POST", "/api/v1/referrals/" + none + "/withdrawal", "", Role.CASEWORKER);
        assertThat(colleagues.statusCode()).as(colleagues.body()).isEqualTo(404);
        assertThat(nonexistent.statusCode()).isEqualTo(404);
        assertThat(colleagues.body().replace(colleaguesReferral, "ID")).isEqualTo(nonexistent.body().replace(none, "ID"));
        // Nothing moved: the case is still with the receiving organisation.
        assertThat(caseReading.get(to.member(Role.COORDINATOR), this.colleagues).id()).isEqualTo(this.colleagues);

        // Their own referral they can withdraw; the coordinator can withdraw the colleague's.
        assertThat(send("POST", "/api/v1/referrals/" + myReferral + "/withdrawal", "", Role.CASEWORKER).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/api/v1/referrals/" + colleaguesReferral + "/withdrawal", "", Role.COORDINATOR).statusCode()).isEqualTo(204);
    }

    @Test
    void intakeStaffSeeTheReferralsOfCasesInTriageButNotOfAcceptedOnes() throws Exception {
        var coordinator = from.member(Role.COORDINATOR);
        UUID unassigned = caseOpening.open(coordinator, new NewCase("RU", null, CaseDetails.empty(), "STAFF")).id();
        String triageReferral = refer(unassigned, Role.INTAKE);
        // The colleague's case accepted: no longer in the intake's queue (CaseScope), so neither is its referral.
        assertThat(send("POST", "/api/v1/cases/" + colleagues + "/transitions", "{\"to\": \"TRIAGE\", \"priority\": 1}", Role.COORDINATOR)
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/cases/" + colleagues + "/transitions", "{\"to\": \"ACCEPTED\"}", Role.COORDINATOR).statusCode())
                .isEqualTo(200);
        String assignedReferral = refer(colleagues, Role.COORDINATOR);

        assertThat(visibleTo(Role.INTAKE)).containsExactly(triageReferral);
        assertThat(send("POST", "/api/v1/referrals/" + assignedReferral + "/withdrawal", "", Role.INTAKE).statusCode()).isEqualTo(404);
        assertThat(visibleTo(Role.CASEWORKER)).isEmpty();
    }
}
