package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.haven.HavenApplication;
import nl.haven.cases.internal.PolicyImpact;
import nl.haven.identity.IdentityManagement;
import nl.haven.persistence.PostgresSchema;
import nl.haven.testing.CaseFixture;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #17, point 3 on PostgreSQL: two nodes on one database, both with the changed data set, run the impact at the
 * same moment, batch by batch (one case a batch, so that they really interleave): each affected open case gets exactly
 * one review task, each organisation's coordinators one summary, and the run counts every open case once. Skipped
 * loudly without a server; a failure with {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
class PolicyImpactPostgresIT {
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_it");
    static final Path CHANGE = Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml");

    @TempDir
    static Path data;

    static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    static ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>();
        POSTGRES.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.add("--haven.data-dir=" + data);
        args.addAll(List.of(more));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HavenApplication.class).run(args.toArray(String[]::new));
        synchronized (contexts) {
            contexts.add(context);
        }
        return context;
    }

    @AfterAll
    static void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoNodesRunningTogetherCreateOneTaskPerAffectedCase() throws Exception {
        ConfigurableApplicationContext first = start();
        IdentityManagement identity = first.getBean(IdentityManagement.class);
        CaseFixture fixture = CaseFixture.of(first);
        List<StaffFixture> orgs = List.of(StaffFixture.create(identity, "pg-impact-a"), StaffFixture.create(identity, "pg-impact-b"));
        List<UUID> affected = new ArrayList<>();
        int open = 0;
        for (StaffFixture org : orgs) {
            for (int i = 0; i < 12; i++) {
                affected.add(fixture.open(org, "US", "trans"));
                fixture.open(org, "US", "gay");
                open += 2;
            }
        }
        first.close();

        String[] node = { "--haven.policy.change=" + CHANGE.toAbsolutePath(), "--haven.policy.impact-at-start=false", "--haven.policy.impact-batch=1" };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The nodes start one after the other: Spring Boot sets up the JVM's logging system once per application, and
            // two starting at the same moment in one JVM can find it half set up ("Unable to find Spring Environment in
            // logger context", seen once in a full run on 2026-12-07). The barrier below still makes their runs meet.
            ConfigurableApplicationContext a = start(node);
            ConfigurableApplicationContext b = start(node);
            CyclicBarrier together = new CyclicBarrier(2);
            Future<List<PolicyImpact.Run>> runA = pool.submit(() -> {
                together.await();
                return a.getBean(PolicyImpact.class).runDue();
            });
            Future<List<PolicyImpact.Run>> runB = pool.submit(() -> {
                together.await();
                return b.getBean(PolicyImpact.class).runDue();
            });
            List<PolicyImpact.Run> ranA = runA.get();
            List<PolicyImpact.Run> ranB = runB.get();
            assertThat(ranA).hasSize(1);
            assertThat(ranB).hasSize(1);

            JdbcClient db = a.getBean(JdbcClient.class);
            for (UUID id : affected) {
                assertThat(PolicyImpactIT.reviewTasks(db, id)).as("review tasks on an affected case").isEqualTo(1);
            }
            assertThat(PolicyImpactIT.allReviewTasks(db)).isEqualTo(affected.size());
            assertThat(db.sql("select cases_seen from policy_impact_run").query(Long.class).single()).as("each open case evaluated once")
                    .isEqualTo(open);
            assertThat(db.sql("select count(*) from staff_notice").query(Long.class).single()).isEqualTo(orgs.size());
            assertThat(db.sql("select count(*) from audit_event where action = 'case.policy-review-added'").query(Long.class).single())
                    .isEqualTo(affected.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
