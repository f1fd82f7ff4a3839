package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import nl.haven.HavenApplication;
import nl.haven.cases.internal.PolicyImpact;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.identity.StaffNotices;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #23 point 4, ADR 0006 C.9: with the legacy opener off (as from the cut-over) the server cannot read the open
 * cases' details at start-up or at midnight, so the policy review of an organisation's cases waits — visible to its
 * coordinators on the staff home — until one of its key holders sends a request; it then runs with the keys that request
 * opened, on a thread of its own, for that organisation only. The run ends with its last organisation.
 */
class PolicyImpactKeyHolderIT {
    private static final String LEGACY_OFF = "--haven.protection.legacy-opener=false";

    @TempDir
    Path data;

    ConfigurableApplicationContext start(Path change) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--haven.data-dir=" + data, LEGACY_OFF));
        if (change != null) {
            args.add("--haven.policy.change=" + change.toAbsolutePath());
        }
        return new SpringApplicationBuilder(HavenApplication.class, PolicyImpactIT.TestClock.class).run(args.toArray(String[]::new));
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext context, StaffFixture staff, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path))
                .header("Authorization", staff.bearer(Role.COORDINATOR)).header("Accept", "application/json");
        request = body == null ? request.GET() : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A case opened through the API, with the keys the coordinator's token opens. */
    private static UUID open(ConfigurableApplicationContext context, StaffFixture staff, String nationality, String group) throws Exception {
        HttpResponse<String> created = send(context, staff, "POST", "/api/v1/cases", """
                {"nationality": "%s", "countryOfResidence": "%s", "details": {"nameUsed": "Sam", "groups": ["%s"], "facts": [],
                 "request": "I need advice about asylum.", "language": "en"}}""".formatted(nationality, nationality, group));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(JsonMapper.builder().build().readTree(created.body()).get("id").stringValue());
    }

    /** Waits for the work a request started on another thread (polls; the assertion after it says what was expected). */
    private static void until(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void anOrganisationsReviewWaitsForOneOfItsKeyHoldersAndRunsWithTheKeysTheirRequestOpened() throws Exception {
        PolicyImpactIT.MovableClock.now = null;
        StaffFixture a;
        StaffFixture b;
        List<UUID> affectedA = new ArrayList<>();
        UUID affectedB;
        UUID unaffected;
        try (ConfigurableApplicationContext first = start(null)) {
            IdentityManagement identity = first.getBean(IdentityManagement.class);
            a = StaffFixture.create(identity, "key-holder-a");
            b = StaffFixture.create(identity, "key-holder-b");
            affectedA.add(open(first, a, "US", "trans"));
            affectedA.add(open(first, a, "US", "trans"));
            affectedB = open(first, b, "US", "trans");
            unaffected = open(first, a, "RU", "trans");
        }
        PolicyImpactIT.MovableClock.now = Instant.parse("2026-12-06T10:00:00Z");
        try (ConfigurableApplicationContext changed = start(PolicyImpactIT.CHANGE)) {
            JdbcClient db = changed.getBean(JdbcClient.class);
            PolicyImpact impact = changed.getBean(PolicyImpact.class);
            StaffNotices notices = changed.getBean(StaffNotices.class);
            // Started with the change and nobody holding keys: nothing could be read, so nothing was reviewed; both wait.
            assertThat(PolicyImpactIT.allReviewTasks(db)).isZero();
            assertThat(impact.waiting()).containsExactlyInAnyOrder(a.org(), b.org());
            assertThat(db.sql("select count(*) from policy_impact_run where finished_at is null").query(Long.class).single()).isEqualTo(1);
            assertThat(notices.latest(a.org(), Role.COORDINATOR, 10))
                    .containsExactly(new StaffNotices.Notice(StaffNotices.POLICY_WAITING, LocalDate.of(2026, 12, 6), 2, 0));

            // A key holder of organisation A asks for anything: A's part runs with the keys that request opened.
            assertThat(send(changed, a, "GET", "/api/v1/cases", null).statusCode()).isEqualTo(200);
            until(() -> !impact.waiting().contains(a.org()));
            for (UUID id : affectedA) {
                assertThat(PolicyImpactIT.reviewTasks(db, id)).as("a review task on A's affected case").isEqualTo(1);
            }
            assertThat(PolicyImpactIT.reviewTasks(db, unaffected)).isZero();
            assertThat(PolicyImpactIT.reviewTasks(db, affectedB)).as("B's keys were not opened").isZero();
            assertThat(impact.waiting()).containsExactly(b.org());
            assertThat(notices.latest(a.org(), Role.COORDINATOR, 10))
                    .containsExactly(new StaffNotices.Notice(StaffNotices.POLICY_CHANGED, LocalDate.of(2026, 12, 6), 2, 2));
            assertThat(db.sql("select count(*) from policy_impact_run where finished_at is null").query(Long.class).single()).isEqualTo(1);
            // The entry written with the lent keys opens for A's key holder.
            HttpResponse<String> timeline = send(changed, a, "GET", "/api/v1/cases/" + affectedA.get(0) + "/timeline", null);
            assertThat(timeline.body()).contains("MINOR_INDICATIONS");

            assertThat(send(changed, b, "GET", "/api/v1/cases", null).statusCode()).isEqualTo(200);
            until(() -> impact.waiting().isEmpty());
            assertThat(PolicyImpactIT.reviewTasks(db, affectedB)).isEqualTo(1);
            assertThat(PolicyImpactIT.allReviewTasks(db)).isEqualTo(3);
            assertThat(db.sql("select count(*) from policy_impact_run where finished_at is null").query(Long.class).single())
                    .as("the run ended with its last organisation").isZero();
            assertThat(impact.runs()).singleElement().satisfies(run -> {
                assertThat(run.casesSeen()).isEqualTo(3);
                assertThat(run.casesChanged()).isEqualTo(3);
            });
        }
    }
}
