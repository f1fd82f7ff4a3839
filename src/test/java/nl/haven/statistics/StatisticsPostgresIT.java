package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.haven.persistence.PostgresSchema;
import nl.haven.statistics.internal.CountStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The counts on PostgreSQL: the same migration, and increments that never get lost when many transactions count into
 * the same (new) row at once, which is what a busy intake does.
 */
// Closed after the class: left in the context cache, its scheduled work (session clean-up every minute) would run on
// against the schema PostgresSchema drops and log errors into the next test class (MalformedRequestsIT saw them).
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StatisticsPostgresIT {
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("stats_it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }

    @Autowired
    CountStore store;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Autowired
    StatisticsRelease release;

    /** Runs {@code action} {@code perThread} times on each of {@code threads} threads, all let go at once; rethrows any failure. */
    static void together(int threads, int perThread, Runnable action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    action.run();
                }
                return null;
            }));
        }
        start.countDown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Several nodes share one database, and each runs the release job at the same cron point (or its first release at
     * start): releases that overlap must follow one another, never fail on the published tables' keys (a duplicate key
     * was an ERROR at midnight on every node but one).
     */
    @Test
    void releasesStartedTogetherOnSeveralNodesFollowOneAnother() throws Exception {
        UUID org = UUID.randomUUID();
        transactions.executeWithoutResult(status -> store.addRequests(org, 2026, "group", "gay", 7));
        // As on a new installation whose nodes start together: no release yet, so the first ones race to make the row.
        jdbc.sql("delete from stat_release").update();
        together(4, 15, release::release);
        assertThat(jdbc.sql("select requests from stat_request_published where org_id = ? and bucket = 'gay'").param(org).query(Long.class).single())
                .isEqualTo(7L);
        assertThat(jdbc.sql("select count(*) from stat_release").query(Long.class).single()).isEqualTo(1L);
        assertThat(release.releasedAt()).isPresent();
    }

    @Test
    void concurrentTransactionsNeverLoseACount() throws Exception {
        UUID org = UUID.randomUUID();
        int threads = 8;
        int perThread = 50;
        together(threads, perThread, () -> transactions.executeWithoutResult(status -> {
            store.addRequests(org, 2026, "group", "trans", 1);
            store.addOpen(org, "US", "trans", "", 1);
        }));
        assertThat(jdbc.sql("select requests from stat_request_count where org_id = ?").param(org).query(Long.class).single())
                .isEqualTo((long) threads * perThread);
        assertThat(jdbc.sql("select cases from stat_open_profile where org_id = ?").param(org).query(Long.class).single())
                .isEqualTo((long) threads * perThread);
        // A decrement never goes below zero (a case counted before the statistics existed).
        for (int i = 0; i < threads * perThread + 3; i++) {
            store.addRequests(org, 2026, "group", "trans", -1);
        }
        assertThat(jdbc.sql("select requests from stat_request_count where org_id = ?").param(org).query(Long.class).single()).isZero();
    }
}
