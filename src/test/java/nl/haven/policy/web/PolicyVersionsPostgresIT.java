package nl.haven.policy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.haven.HavenApplication;
import nl.haven.persistence.PostgresSchema;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicyVersion;
import nl.haven.policy.PolicyVersions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Issue #17, point 1, on PostgreSQL: two nodes starting together with the same data set record it once, and recording
 * the same version from eight connections at the same moment inserts one row. Runs when a server answers at
 * {@code HAVEN_TEST_DB_URL}; skipped loudly otherwise, and a failure when {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
class PolicyVersionsPostgresIT {
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_it");

    @TempDir
    static Path data;

    static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    static ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        POSTGRES.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--haven.data-dir=" + data);
        return new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoNodesStartingTogetherRecordTheDataSetOnceAndConcurrentRecordsInsertOneRow() throws Exception {
        // The first start migrates the schema (and makes the keys in the shared data directory); the two nodes below then
        // start at the same time on it, as a rolling restart or two new nodes would.
        ConfigurableApplicationContext first = start();
        contexts.add(first);
        JdbcClient db = first.getBean(JdbcClient.class);
        db.sql("delete from policy_version").update();

        CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(PolicyVersionsPostgresIT::start);
        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(PolicyVersionsPostgresIT::start);
        contexts.add(a.get());
        contexts.add(b.get());
        String hash = PolicyDataSet.shipped().version();
        assertThat(db.sql("select content_hash from policy_version").query(String.class).list()).containsExactly(hash);
        assertThat(a.get().getBean(PolicyVersions.class).list()).extracting(PolicyVersion::hash).containsExactly(hash);

        // Eight connections record a new version at the same moment: one insert, seven that find it there.
        PolicyFiles files = PolicyFiles.shipped();
        Map<String, String> changed = new TreeMap<>(files.byPath());
        changed.put("dataset.yaml", "schemaVersion: 1\nlabel: \"concurrent\"\n");
        PolicyFiles changedFiles = PolicyFiles.of(changed);
        PolicyDataSet changedSet = PolicyDataSet.load(changedFiles);
        String url = POSTGRES.properties().get("spring.datasource.url");
        int threads = 8;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        List<SingleConnectionDataSource> sources = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                SingleConnectionDataSource source = new SingleConnectionDataSource(url, true);
                sources.add(source);
                PolicyVersionStore node = new PolicyVersionStore(JdbcClient.create(source), Clock.systemUTC());
                results.add(pool.submit(() -> {
                    barrier.await();
                    return node.record(changedSet, changedFiles);
                }));
            }
            int inserted = 0;
            for (Future<Boolean> result : results) {
                inserted += result.get() ? 1 : 0;
            }
            assertThat(inserted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            sources.forEach(SingleConnectionDataSource::destroy);
        }
        assertThat(db.sql("select count(*) from policy_version where content_hash = ?").param(changedSet.version()).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(first.getBean(PolicyVersions.class).list()).extracting(PolicyVersion::label).containsExactly("2026-12-06", "concurrent");
    }
}
