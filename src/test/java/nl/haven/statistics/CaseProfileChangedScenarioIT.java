package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseProfile;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.statistics.internal.CountStore;
import nl.haven.statistics.internal.CountStore.OpenRow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The statistics module on its own (Spring Modulith, {@link BootstrapMode#STANDALONE}: only this module's beans, on the
 * embedded H2 with Flyway as the application starts by default): a {@link CaseProfileChanged} event, published in a
 * transaction as the cases module publishes it, moves the counts of the case's profile. No case, no cases module.
 *
 * <p>What the module needs from others: the policy engine and files (the shipped data set: plain objects, so the real
 * ones), {@link CurrentStaff} for its controllers and {@link OrganisationDirectory} for the PDF report's page heads
 * (mocks; no request reaches them here). {@link Scenario#publish}
 * runs the publication in a {@code TransactionTemplate}, so the listener's {@code BEFORE_COMMIT} phase runs as it does
 * in the application. Counts are read as the API reads them: after a release point ({@link StatisticsRelease}), from
 * {@link CountStore}, unprotected (disclosure control would hide counts below k). Each test counts for an organisation
 * of its own, so the tests share the database without seeing each other's counts.
 */
@ApplicationModuleTest(mode = BootstrapMode.STANDALONE)
@Import(CaseProfileChangedScenarioIT.ShippedPolicy.class)
class CaseProfileChangedScenarioIT {
    static final YearMonth MARCH = YearMonth.of(2024, 3);
    static final String FACT = "military-dismissal";

    @MockitoBean
    CurrentStaff staff;
    @MockitoBean
    OrganisationDirectory organisations;

    @Autowired
    StatisticsRelease release;
    @Autowired
    CountStore store;

    @TestConfiguration(proxyBeanMethods = false)
    static class ShippedPolicy {
        @Bean
        PolicyFiles policyFiles() {
            return PolicyFiles.shipped();
        }

        @Bean
        PolicyEngine policyEngine(PolicyFiles files) {
            return new PolicyEngine(PolicyDataSet.load(files));
        }
    }

    /** One organisation's published counts of one year: dimension → bucket → requests, and its open combinations. */
    record Counts(Map<String, Map<String, Long>> requests, List<OpenRow> open) {
        boolean none() {
            return requests.isEmpty() && open.isEmpty();
        }
    }

    Counts counts(UUID org, int year) {
        release.release();
        List<OpenRow> open = new ArrayList<>();
        store.forEachOpen(org, open::add);
        return new Counts(store.year(org, year), open);
    }

    static CaseProfile profile(UUID org, String nationality, List<String> groups, List<String> facts, Handling handling, Stage stage) {
        return new CaseProfile(org, MARCH, "INTAKE", nationality, groups, facts, handling, stage);
    }

    @Test
    void anOpenedCaseIsCountedOnceInEveryDimensionAndAsOneOpenCase(Scenario scenario) {
        UUID org = UUID.randomUUID();
        assertThat(counts(org, MARCH.getYear()).none()).isTrue();
        // A fact code the data set does not know and a group code that is no group: typed text, never counted.
        CaseProfile opened = profile(org, "IR", List.of("trans", "Something typed"), List.of(FACT, "not-a-fact"), Handling.NEW, Stage.NONE);

        scenario.publish(new CaseProfileChanged(null, opened, Instant.now()))
                .andWaitForStateChange(() -> counts(org, MARCH.getYear()), counts -> !counts.none())
                .andVerify(counts -> {
                    assertThat(counts.requests()).containsOnlyKeys("month", "nationality", "group", "route", "status", "stage");
                    assertThat(counts.requests().get("month")).containsExactly(entry("2024-03", 1L));
                    assertThat(counts.requests().get("nationality")).containsExactly(entry("IR", 1L));
                    assertThat(counts.requests().get("group")).containsExactly(entry("trans", 1L));
                    assertThat(counts.requests().get("route")).containsExactly(entry("undecided", 1L));
                    assertThat(counts.requests().get("status")).containsExactly(entry("new", 1L));
                    assertThat(counts.requests().get("stage")).containsExactly(entry("none", 1L));
                    assertThat(counts.open()).containsExactly(new OpenRow("IR", "trans", FACT, 1));
                });
        // Another year of the same organisation is untouched.
        assertThat(counts(org, MARCH.getYear() + 1).requests()).isEmpty();
    }

    @Test
    void aChangedCaseMovesFromItsOldBucketsToItsNewOnesAndAClosedOneIsNoLongerOpen(Scenario scenario) {
        UUID org = UUID.randomUUID();
        CaseProfile opened = profile(org, "IR", List.of("trans"), List.of(), Handling.NEW, Stage.NONE);
        CaseProfile applied = profile(org, "RU", List.of("gay"), List.of(FACT), Handling.ACCEPTED, Stage.GENERAL_PROCEDURE);
        CaseProfile closed = profile(org, "RU", List.of("gay"), List.of(FACT), Handling.CLOSED, Stage.GENERAL_PROCEDURE);

        scenario.publish(new CaseProfileChanged(null, opened, Instant.now()))
                .andWaitForStateChange(() -> counts(org, MARCH.getYear()), counts -> !counts.none())
                .andVerify(counts -> assertThat(counts.open()).containsExactly(new OpenRow("IR", "trans", "", 1)));

        scenario.publish(new CaseProfileChanged(opened, applied, Instant.now()))
                .andWaitForStateChange(() -> counts(org, MARCH.getYear()), counts -> counts.requests().get("nationality").getOrDefault("RU", 0L) == 1)
                .andVerify(counts -> {
                    // Still one request: it moved, it was not counted again.
                    assertThat(counts.requests().get("month")).containsExactly(entry("2024-03", 1L));
                    assertThat(counts.requests().get("nationality")).containsOnly(entry("IR", 0L), entry("RU", 1L));
                    assertThat(counts.requests().get("group")).containsOnly(entry("trans", 0L), entry("lgb", 1L));
                    assertThat(counts.requests().get("route")).containsOnly(entry("undecided", 0L), entry("asylum", 1L));
                    assertThat(counts.requests().get("status")).containsOnly(entry("new", 0L), entry("accepted", 1L));
                    assertThat(counts.requests().get("stage")).containsOnly(entry("none", 0L), entry("general-procedure", 1L));
                    assertThat(counts.open()).containsExactly(new OpenRow("RU", "gay", FACT, 1));
                });

        scenario.publish(new CaseProfileChanged(applied, closed, Instant.now()))
                .andWaitForStateChange(() -> counts(org, MARCH.getYear()), counts -> counts.requests().get("status").getOrDefault("closed", 0L) == 1)
                .andVerify(counts -> {
                    assertThat(counts.requests().get("month")).containsExactly(entry("2024-03", 1L));
                    assertThat(counts.requests().get("status")).containsOnly(entry("new", 0L), entry("accepted", 0L), entry("closed", 1L));
                    assertThat(counts.requests().get("nationality")).containsEntry("RU", 1L);
                    assertThat(counts.open()).isEmpty();
                });
    }

    @Test
    void aCaseChangeThatRollsBackLeavesTheCountsAsTheyWere(Scenario scenario) {
        UUID org = UUID.randomUUID();
        CaseProfile opened = profile(org, "IR", List.of("trans"), List.of(), Handling.NEW, Stage.NONE);

        // The listener writes just before the commit, inside the changing transaction: no commit, no counts.
        scenario.stimulate((TransactionOperations transactions, ApplicationEventPublisher events) -> {
            transactions.executeWithoutResult(status -> {
                events.publishEvent(new CaseProfileChanged(null, opened, Instant.now()));
                status.setRollbackOnly();
            });
        })
                .andWaitForStateChange(() -> counts(org, MARCH.getYear()), counts -> true)
                .andVerify(counts -> assertThat(counts.none()).isTrue());

        // The same event committed is counted, so the empty result above is the rollback's doing.
        scenario.publish(new CaseProfileChanged(null, opened, Instant.now()))
                .andWaitForStateChange(() -> counts(org, MARCH.getYear()), counts -> !counts.none())
                .andVerify(counts -> assertThat(counts.requests().get("month")).containsExactly(entry("2024-03", 1L)));
    }
}
