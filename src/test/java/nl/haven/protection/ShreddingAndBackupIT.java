package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import nl.haven.HavenApplication;
import nl.haven.backup.Backups;
import nl.haven.shared.BadInputException;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SECURITY.md S4: after crypto-shredding, a case's fields fail to decrypt in the live database and in
 * a backup taken before the erasure and restored afterwards (database backups hold no keys; the key
 * backup taken after the erasure does not hold the erased case's keys either).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ShreddingAndBackupIT {

    @Autowired
    Protection protection;
    @Autowired
    Backups backups;
    @Autowired
    JdbcClient jdbc;
    @Value("${haven.protection.master-key-file}")
    Path masterKey;
    @Value("${haven.protection.keys-dir}")
    Path keysDir;
    @Value("${spring.datasource.url}")
    String databaseUrl;

    static FieldRef body(OrgId org, CaseId caseId) {
        return new FieldRef(org, caseId, "canary_field", "body");
    }

    byte[] stored(JdbcClient db, CaseId caseId) {
        return db.sql("select body from canary_field where case_id = ?").param(caseId.value()).query(byte[].class).single();
    }

    @Test
    void erasedCaseStaysUnreadableInARestoredEarlierBackup(@TempDir Path tmp) {
        OrgId org = OrgId.random();
        CaseId erased = CaseId.random();
        CaseId kept = CaseId.random();
        for (CaseId caseId : new CaseId[] { erased, kept }) {
            protection.newCase(org, caseId);
            jdbc.sql("insert into canary_field values (?, ?, ?)").params(caseId.value(), org.value(),
                    protection.encryptText(body(org, caseId), "protected text of " + caseId)).update();
        }
        Path before = tmp.resolve("before-erasure.zip");
        Backups.Summary summary = backups.create(before);
        assertThat(summary.rows()).containsKey("canary_field").doesNotContainKeys("case_key", "org_key", "blind_index_key", "principal", "principal_wrap")
                // staff sessions are credentials, never part of a backup
                .doesNotContainKeys("spring_session", "spring_session_attributes")
                // the statistics' published release is a copy of counts the backup holds; the restored Haven releases anew
                .doesNotContainKeys("stat_release", "stat_request_published", "stat_open_published").containsKey("stat_request_count")
                // the first start's set-up link belongs to no backup
                .doesNotContainKeys("setup_token");

        assertThat(protection.shred(org, erased)).isTrue();
        assertThat(protection.shred(org, erased)).isFalse();
        assertThatThrownBy(() -> protection.decrypt(body(org, erased), stored(jdbc, erased))).isInstanceOf(ProtectionException.class)
                .hasMessageContaining("has no key");
        assertThat(protection.decryptText(body(org, kept), stored(jdbc, kept))).isEqualTo("protected text of " + kept);

        Path keysAfter = tmp.resolve("keys-after-erasure.zip");
        assertThat(backups.create(keysAfter, Backups.Kind.KEYS).rows()).as("the key tables, staff members' key pairs (ADR 0006) among them")
                .containsKeys("case_key", "org_key", "blind_index_key", "key_check", "principal", "principal_wrap").doesNotContainKey("canary_field");

        // Restore both onto an empty data directory that uses the same key files.
        try (ConfigurableApplicationContext restored = new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE)
                .run("--haven.data-dir=" + tmp.resolve("restored-data"), "--haven.protection.master-key-file=" + masterKey,
                        "--haven.protection.keys-dir=" + keysDir)) {
            Backups target = restored.getBean(Backups.class);
            JdbcClient fresh = restored.getBean(JdbcClient.class);
            // what a server's first start on the empty database leaves: a set-up link (FirstStart); it was "not empty"
            fresh.sql("insert into setup_token (token_hash, created_at, expires_at) values ('drill', current_timestamp, current_timestamp)").update();
            target.restore(before);
            assertThat(fresh.sql("select count(*) from setup_token").query(Long.class).single()).as("the set-up link is gone").isZero();
            target.restore(keysAfter);
            JdbcClient db = restored.getBean(JdbcClient.class);
            Protection keys = restored.getBean(Protection.class);
            assertThat(stored(db, erased)).isEqualTo(stored(jdbc, erased));
            assertThatThrownBy(() -> keys.decrypt(body(org, erased), stored(db, erased))).isInstanceOf(ProtectionException.class);
            assertThat(keys.decryptText(body(org, kept), stored(db, kept))).isEqualTo("protected text of " + kept);
            // A second restore into the same, no longer empty database is refused, changing nothing.
            assertThatThrownBy(() -> target.restore(before)).isInstanceOf(BadInputException.class).hasMessageContaining("not empty");
        }
    }

    /**
     * The case-key cache's promise (ProtectionSettings.caseKeyCache): the erasing node forgets the key at once even
     * though it had just used it; a second node on the same database that holds the key in its cache keeps it for at
     * most the cache's lifetime, and a node that had not cached it loses it at once.
     */
    @Test
    void anErasureReachesOtherNodesWithinTheCaseKeyCacheLifetime() {
        OrgId org = OrgId.random();
        CaseId caseId = CaseId.random();
        protection.newCase(org, caseId);
        byte[] stored = protection.encryptText(body(org, caseId), "held by two nodes");
        String[] sameDatabaseAndKeys = { "--spring.datasource.url=" + databaseUrl, "--haven.protection.master-key-file=" + masterKey,
                "--haven.protection.keys-dir=" + keysDir };
        try (ConfigurableApplicationContext cached = node(sameDatabaseAndKeys, "--haven.protection.case-key-cache=2s");
                ConfigurableApplicationContext uncached = node(sameDatabaseAndKeys, "--haven.protection.case-key-cache=0")) {
            Protection otherNode = cached.getBean(Protection.class);
            Protection coldNode = uncached.getBean(Protection.class);
            assertThat(otherNode.decryptText(body(org, caseId), stored)).isEqualTo("held by two nodes");
            assertThat(coldNode.decryptText(body(org, caseId), stored)).isEqualTo("held by two nodes");

            assertThat(protection.shred(org, caseId)).isTrue();
            assertThatThrownBy(() -> protection.decrypt(body(org, caseId), stored)).hasMessageContaining("has no key");
            assertThatThrownBy(() -> coldNode.decrypt(body(org, caseId), stored)).hasMessageContaining("has no key");
            // The other node's cache expires at most 2 s after it unwrapped the key (before the erasure).
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThatThrownBy(() -> otherNode.decrypt(body(org, caseId), stored)).hasMessageContaining("has no key"));
        }
    }

    private static ConfigurableApplicationContext node(String[] common, String cache) {
        String[] args = Arrays.copyOf(common, common.length + 2);
        args[common.length] = cache;
        args[common.length + 1] = "--spring.flyway.enabled=false";
        return new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void backupFileMustBeNewAndRestoreNeedsAHavenBackup(@TempDir Path tmp) throws Exception {
        Path existing = Files.writeString(tmp.resolve("exists.zip"), "x");
        assertThatThrownBy(() -> backups.create(existing)).isInstanceOf(BadInputException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> backups.restore(existing)).isInstanceOf(BadInputException.class).hasMessageContaining("not a Haven backup");
        assertThatThrownBy(() -> backups.restore(tmp.resolve("absent-" + UUID.randomUUID() + ".zip"))).isInstanceOf(BadInputException.class);
    }
}
