package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseOpening;
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
 * Issue #15, point 9: statistics differencing. An analyst who reads the counts just before and just after one intake
 * would learn that person's nationality and groups. The published numbers change only at release points, so one new
 * request is not visible until the next release, together with every other change since the last one; every surface
 * (API, dashboard, CSV, what-if) says as of when. Through the real server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatisticsReleaseIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    StatisticsRelease release;
    @Autowired
    Statistics statistics;

    StaffFixture staff;

    @BeforeEach
    void sixRequestsReleased() {
        staff = StaffFixture.create(identity, "release");
        for (int i = 0; i < 6; i++) {
            intake("US", "trans");
        }
        release.release();
    }

    void intake(String nationality, String group) {
        CaseDetails details = new CaseDetails("Name", null, null, List.of(group), List.of(), false, "request", "en", null, Map.of());
        caseOpening.open(staff.member(Role.COORDINATOR), new NewCase(nationality, null, details, "INTAKE"));
    }

    HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", staff.bearer(Role.ANALYST))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The published count of one key of one breakdown (null when not published as a number). */
    JsonNode published(String by, String key) throws Exception {
        HttpResponse<String> response = get("/api/v1/statistics/requests?by=" + by);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode cell : JSON.readTree(response.body()).get("cells")) {
            if (cell.get("key").stringValue().equals(key)) {
                return cell.get("count");
            }
        }
        return null;
    }

    String everything() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String by : List.of("month", "nationality", "group", "route", "status", "stage")) {
            all.append(JSON.readTree(get("/api/v1/statistics/requests?by=" + by).body()).get("cells")).append('\n');
        }
        all.append(JSON.readTree(get("/api/v1/statistics/forecast").body()).get("observed"));
        return all.toString();
    }

    @Test
    void oneIntakeIsNotVisibleBeforeTheNextReleaseAndThenWithEverythingElse() throws Exception {
        assertThat(published("nationality", "US").asLong()).isEqualTo(6);
        String before = everything();

        // Six more requests from Russia, one of them the person the analyst is after.
        for (int i = 0; i < 6; i++) {
            intake("RU", "gay");
        }
        assertThat(everything()).as("the published numbers between two release points").isEqualTo(before);
        assertThat(published("nationality", "RU")).isNull();

        Instant released = release.release();
        assertThat(published("nationality", "RU").asLong()).isEqualTo(6);
        assertThat(published("group", "lgb").asLong()).isEqualTo(6); // lesbian, gay, bisexual
        assertThat(published("nationality", "US").asLong()).isEqualTo(6);
        // The API says as of when.
        JsonNode body = JSON.readTree(get("/api/v1/statistics/requests?by=nationality").body());
        assertThat(Instant.parse(body.get("releasedAt").stringValue())).isEqualTo(released);
    }

    HttpResponse<String> whatIf() throws Exception {
        String change = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml"));
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/statistics/what-if"))
                .header("Authorization", staff.bearer(Role.ANALYST)).header("Accept", "application/json").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(change)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theWhatIfAndTheDashboardChangeOnlyAtARelease() throws Exception {
        HttpResponse<String> whatIf = whatIf();
        assertThat(whatIf.statusCode()).as(whatIf.body()).isEqualTo(200);
        JsonNode openBefore = JSON.readTree(whatIf.body()).get("openCases");
        assertThat(openBefore.get("count").asLong()).isEqualTo(6);
        var dashboard = statistics.dashboard(staff.member(Role.ANALYST), null);

        for (int i = 0; i < 6; i++) {
            intake("US", "trans");
        }
        assertThat(JSON.readTree(whatIf().body()).get("openCases")).isEqualTo(openBefore);
        assertThat(statistics.dashboard(staff.member(Role.ANALYST), null).tables()).isEqualTo(dashboard.tables());

        release.release();
        assertThat(JSON.readTree(whatIf().body()).get("openCases").get("count").asLong()).isEqualTo(12);
        assertThat(statistics.dashboard(staff.member(Role.ANALYST), null).tables()).isNotEqualTo(dashboard.tables());
    }
}
