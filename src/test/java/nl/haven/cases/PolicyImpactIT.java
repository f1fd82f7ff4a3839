package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.HavenApplication;
import nl.haven.cases.internal.CaseDecisionSupport;
import nl.haven.cases.internal.CaseGdpr;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.cases.internal.FrameworkAnswer;
import nl.haven.cases.internal.PolicyImpact;
import nl.haven.cases.internal.PolicyImpactTests;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.identity.StaffNotices;
import nl.haven.testing.CaseFixture;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #17, point 3: Haven started with a changed data set (the shipped set plus the example change file that makes
 * trans people from the US a risk group from 1 January 2026) puts exactly one review task on each affected open case of
 * each organisation and none elsewhere; a second start puts none; a provision that starts tomorrow creates its tasks
 * when the clock passes midnight in Amsterdam, once. Each "start" is a new application context on the same data
 * directory (embedded H2), as a restart of the node.
 */
class PolicyImpactIT {
    static final Path CHANGE = Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml");

    @TempDir
    Path data;

    /** A clock the test sets by hand; the real time while unset (the staff fixture's one-time codes need it). */
    static final class MovableClock extends Clock {
        static volatile @org.jspecify.annotations.Nullable Instant now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant set = now;
            return set == null ? Instant.now() : set;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    ConfigurableApplicationContext start(@org.jspecify.annotations.Nullable Path change, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--haven.data-dir=" + data));
        if (change != null) {
            args.add("--haven.policy.change=" + change.toAbsolutePath());
        }
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(HavenApplication.class, TestClock.class).run(args.toArray(String[]::new));
    }

    record Cases(StaffFixture a, StaffFixture b, List<UUID> affected, List<UUID> unaffected, UUID assigned) {
    }

    /** Two organisations; open and closed cases, affected by the change and not (built through the real transitions). */
    static Cases cases(ConfigurableApplicationContext context) {
        IdentityManagement identity = context.getBean(IdentityManagement.class);
        CaseFixture fixture = CaseFixture.of(context);
        StaffFixture a = StaffFixture.create(identity, "impact-a");
        StaffFixture b = StaffFixture.create(identity, "impact-b");
        List<UUID> affected = new ArrayList<>();
        List<UUID> unaffected = new ArrayList<>();
        affected.add(fixture.open(a, "US", "trans"));
        affected.add(fixture.open(a, "US", "trans"));
        affected.add(fixture.open(b, "US", "trans"));
        unaffected.add(fixture.open(a, "US", "gay")); // the change keeps the individual assessment for LGBIQ+ people other than trans
        unaffected.add(fixture.open(b, "RU", "trans")); // another country
        UUID closed = fixture.open(b, "US", "trans");
        fixture.close(b, closed);
        unaffected.add(closed);
        UUID assigned = affected.get(1);
        fixture.assign(a, assigned, Role.CASEWORKER);
        return new Cases(a, b, affected, unaffected, assigned);
    }

    static long reviewTasks(JdbcClient db, UUID caseId) {
        return db.sql("select count(*) from case_task where case_id = ? and kind = 'POLICY' and term_id = ?").params(caseId, PolicyImpact.TASK_TERM)
                .query(Long.class).single();
    }

    static long allReviewTasks(JdbcClient db) {
        return db.sql("select count(*) from case_task where kind = 'POLICY'").query(Long.class).single();
    }

    @Test
    void aStartWithAChangedDataSetReviewsEachAffectedOpenCaseOnceAndASecondStartNone() throws Exception {
        MovableClock.now = null;
        Cases cases;
        UUID affectedReceipt;
        UUID unaffectedReceipt;
        try (ConfigurableApplicationContext first = start(null)) {
            cases = cases(first);
            assertThat(allReviewTasks(first.getBean(JdbcClient.class))).as("the first start only records the data set").isZero();
            // The frameworks recorded before the change: one on a case the change touches, one on a case it does not.
            CaseDecisionSupport support = first.getBean(CaseDecisionSupport.class);
            affectedReceipt = support.record(cases.a().member(Role.COORDINATOR), cases.affected().get(0), null, null, null, "en").id();
            unaffectedReceipt = support.record(cases.a().member(Role.COORDINATOR), cases.unaffected().get(0), null, null, null, "en").id();
        }
        MovableClock.now = Instant.parse("2026-12-06T10:00:00Z");
        try (ConfigurableApplicationContext changed = start(CHANGE)) {
            JdbcClient db = changed.getBean(JdbcClient.class);
            for (UUID id : cases.affected()) {
                assertThat(reviewTasks(db, id)).as("review tasks on an affected open case").isEqualTo(1);
            }
            for (UUID id : cases.unaffected()) {
                assertThat(reviewTasks(db, id)).as("review tasks on a case the change does not touch, or a closed one").isZero();
            }
            assertThat(allReviewTasks(db)).isEqualTo(3);
            // The assignee's task; an unassigned case's task waits for the coordinators, who are told.
            assertThat(db.sql("select assignee_id from case_task where case_id = ? and kind = 'POLICY'").param(cases.assigned()).query(UUID.class)
                    .single()).isEqualTo(cases.a().ids().get(Role.CASEWORKER).value());
            // Due within five working days of Monday 7 December... of Sunday 6 December: Friday 11 December.
            assertThat(db.sql("select due_on from case_task where case_id = ? and kind = 'POLICY'").param(cases.affected().get(0))
                    .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 12, 11));

            // The timeline names the old and the new framework with the sources; the caseworker reads it decrypted.
            CaseReading service = changed.getBean(CaseReading.class);
            List<CaseReading.TimelineEntry> timeline = service.timeline(cases.a().member(Role.COORDINATOR), cases.affected().get(0));
            CaseReading.TimelineEntry entry = timeline.stream().filter(e -> e.type().equals(PolicyImpact.EVENT)).findFirst().orElseThrow();
            assertThat(entry.policyChange().before().standard()).isEqualTo("INDIVIDUAL_ASSESSMENT");
            assertThat(entry.policyChange().after().standard()).isEqualTo("MINOR_INDICATIONS");
            assertThat(entry.policyChange().after().sources()).contains("what-if-us-trans-2026");
            // Encrypted at rest: the stored detail does not contain the standard's name.
            byte[] stored = db.sql("select detail from case_event where case_id = ? and type = ?").params(cases.affected().get(0), PolicyImpact.EVENT)
                    .query((rs, n) -> rs.getBytes(1)).single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("MINOR_INDICATIONS");
            // Audited, one event per task, by the system.
            assertThat(db.sql("select count(*) from audit_event where action = 'case.policy-review-added'").query(Long.class).single()).isEqualTo(3);

            // One summary per organisation for its coordinators, counts only.
            StaffNotices notices = changed.getBean(StaffNotices.class);
            assertThat(notices.latest(cases.a().org(), Role.COORDINATOR, 10)).containsExactly(
                    new StaffNotices.Notice("staff.notice.policyChanged", LocalDate.of(2026, 12, 6), 2, 1));
            assertThat(notices.latest(cases.b().org(), Role.COORDINATOR, 10)).containsExactly(
                    new StaffNotices.Notice("staff.notice.policyChanged", LocalDate.of(2026, 12, 6), 1, 1));
            assertThat(notices.latest(cases.a().org(), Role.CASEWORKER, 10)).isEmpty();
            // The summary as the staff home shows it, in each language: the day and the counts, nothing else.
            for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"), Locale.forLanguageTag("ru"))) {
                String text = changed.getBean(MessageSource.class).getMessage("staff.notice.policyChanged",
                        new Object[] { LocalDate.of(2026, 12, 6), 2L, 1L }, locale);
                assertThat(text).contains("2026-12-06").contains("2").contains("1").doesNotContain("{");
            }

            // The person's export carries the change decrypted, not the ciphertext.
            String export = JsonMapper.builder().build()
                    .writeValueAsString(changed.getBean(CaseGdpr.class).export(cases.a().member(Role.COORDINATOR), cases.affected().get(0)));
            assertThat(export).contains("\"policyChange\"", "MINOR_INDICATIONS").doesNotContain("\"detail\"");

            // A referral re-encrypts the entry for the receiving organisation, which reads it.
            UUID referred = cases.affected().get(1);
            changed.getBean(CaseReferrals.class).refer(cases.a().member(Role.COORDINATOR), referred, cases.b().slug(), true, false);
            assertThat(service.timeline(cases.b().member(Role.COORDINATOR), referred)).filteredOn(e -> e.type().equals(PolicyImpact.EVENT))
                    .singleElement().satisfies(e -> assertThat(e.policyChange().after().standard()).isEqualTo("MINOR_INDICATIONS"));

            // Point 4: the recorded frameworks compared, through the API.
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + changed.getEnvironment().getProperty("local.server.port") + "/api/v1/cases/"
                            + cases.affected().get(0) + "/receipts/status"))
                    .header("Authorization", cases.a().bearer(Role.COORDINATOR)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            JsonNode receipt = JsonMapper.builder().build().readTree(status.body()).get(0);
            assertThat(receipt.get("receipt").stringValue()).isEqualTo(affectedReceipt.toString());
            assertThat(receipt.get("current").booleanValue()).isFalse();
            assertThat(receipt.get("changedOn").stringValue()).isEqualTo("2026-12-06");
            assertThat(receipt.get("recorded").get("standard").stringValue()).isEqualTo("INDIVIDUAL_ASSESSMENT");
            assertThat(receipt.get("now").get("standard").stringValue()).isEqualTo("MINOR_INDICATIONS");
            List<PolicyImpact.ReceiptStatus> unaffected = changed.getBean(CaseDecisionSupport.class)
                    .recordedFrameworks(cases.a().member(Role.COORDINATOR), cases.unaffected().get(0));
            assertThat(unaffected).singleElement().satisfies(r -> {
                assertThat(r.receipt()).isEqualTo(unaffectedReceipt);
                assertThat(r.current()).as("still current").isTrue();
                assertThat(r.changedOn()).isNull();
            });
        }
        try (ConfigurableApplicationContext again = start(CHANGE)) {
            JdbcClient db = again.getBean(JdbcClient.class);
            assertThat(allReviewTasks(db)).as("a second start with the same data set").isEqualTo(3);
            assertThat(again.getBean(PolicyImpact.class).runDue()).allSatisfy(run -> assertThat(run.ranNow()).isFalse());
            assertThat(db.sql("select count(*) from staff_notice").query(Long.class).single()).isEqualTo(2);
        }
    }

    @Test
    void aProvisionThatStartsTomorrowCreatesItsTasksWhenTheClockPassesMidnightOnce() throws Exception {
        MovableClock.now = null;
        Path tomorrow = data.resolve("us-trans-from-tomorrow.yaml");
        Files.writeString(tomorrow, Files.readString(CHANGE).replace("2026-01-01", "2026-12-07"));
        Cases cases;
        try (ConfigurableApplicationContext first = start(null)) {
            cases = cases(first);
        }
        MovableClock.now = Instant.parse("2026-12-06T22:30:00Z"); // 23:30 in Amsterdam
        try (ConfigurableApplicationContext changed = start(tomorrow)) {
            JdbcClient db = changed.getBean(JdbcClient.class);
            PolicyImpact impact = changed.getBean(PolicyImpact.class);
            assertThat(allReviewTasks(db)).as("at 23:30 the new provision is not law yet").isZero();
            assertThat(impact.runDue()).as("nothing due before midnight").allSatisfy(run -> assertThat(run.ranNow()).isFalse());

            MovableClock.now = Instant.parse("2026-12-06T23:00:30Z"); // 00:00:30 on 7 December in Amsterdam
            List<PolicyImpact.Run> runs = impact.runDue();
            assertThat(runs).filteredOn(PolicyImpact.Run::ranNow).extracting(PolicyImpact.Run::key).containsExactly("date:2026-12-07");
            for (UUID id : cases.affected()) {
                assertThat(reviewTasks(db, id)).isEqualTo(1);
            }
            assertThat(allReviewTasks(db)).isEqualTo(3);

            MovableClock.now = Instant.parse("2026-12-07T09:00:00Z");
            assertThat(impact.runDue()).allSatisfy(run -> assertThat(run.ranNow()).isFalse());
            assertThat(allReviewTasks(db)).as("once").isEqualTo(3);
        }
    }

    @Test
    void aChangedRouteThresholdReviewsTheCasesWhoseRouteOutcomeChanges() throws Exception {
        MovableClock.now = null;
        Path raised = data.resolve("policy-raised");
        for (Map.Entry<String, String> file : PolicyImpactTests.withHigherHsmCriterion().byPath().entrySet()) {
            Path target = raised.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Map<String, Object> at6000 = Map.of("dateOfBirth", "1980-05-01", "jobOffer", Map.of("grossMonthlySalaryEur", 6000, "recognisedSponsor", true));
        Map<String, Object> at7000 = Map.of("dateOfBirth", "1980-05-01", "jobOffer", Map.of("grossMonthlySalaryEur", 7000, "recognisedSponsor", true));
        List<UUID> affected = new ArrayList<>();
        List<UUID> unaffected = new ArrayList<>();
        StaffFixture a;
        try (ConfigurableApplicationContext first = start(null)) {
            CaseFixture fixture = CaseFixture.of(first);
            a = StaffFixture.create(first.getBean(IdentityManagement.class), "impact-routes");
            affected.add(fixture.open(a, "US", CaseFixture.details(List.of("gay"), List.of(), at6000)));
            affected.add(fixture.open(a, "RU", CaseFixture.details(List.of("trans"), List.of(), at6000))); // any nationality: the threshold is not a country's
            affected.add(fixture.open(a, "BR", CaseFixture.details(List.of(), List.of(), at6000))); // no group recorded yet: the routes alone are compared
            unaffected.add(fixture.open(a, "US", CaseFixture.details(List.of("gay"), List.of(), at7000))); // open under both criteria
            unaffected.add(fixture.open(a, "US", "gay")); // no route profile: more information needed under both
        }
        MovableClock.now = Instant.parse("2026-12-06T10:00:00Z");
        try (ConfigurableApplicationContext changed = start(null, "--haven.policy.dir=" + raised.toAbsolutePath())) {
            JdbcClient db = changed.getBean(JdbcClient.class);
            for (UUID id : affected) {
                assertThat(reviewTasks(db, id)).as("a case whose highly-skilled-migrant outcome changes").isEqualTo(1);
            }
            for (UUID id : unaffected) {
                assertThat(reviewTasks(db, id)).as("a case whose route outcomes stay the same").isZero();
            }
            CaseReading service = changed.getBean(CaseReading.class);
            CaseReading.TimelineEntry entry = service.timeline(a.member(Role.COORDINATOR), affected.get(0)).stream()
                    .filter(e -> e.type().equals(PolicyImpact.EVENT)).findFirst().orElseThrow();
            assertThat(entry.policyChange().before().standard()).isEqualTo(entry.policyChange().after().standard());
            assertThat(entry.policyChange().before().routes()).containsEntry("HIGHLY_SKILLED_MIGRANT", "ELIGIBLE");
            assertThat(entry.policyChange().after().routes()).containsEntry("HIGHLY_SKILLED_MIGRANT", "NOT_ELIGIBLE");
            assertThat(entry.policyChange().after().routesChangedFrom(entry.policyChange().before())).containsExactly("HIGHLY_SKILLED_MIGRANT");
            assertThat(service.timeline(a.member(Role.COORDINATOR), affected.get(2))).filteredOn(e -> e.type().equals(PolicyImpact.EVENT))
                    .singleElement().satisfies(e -> assertThat(e.policyChange().after().standard()).isEqualTo(FrameworkAnswer.NOT_ASSESSED));

        }
    }
}
