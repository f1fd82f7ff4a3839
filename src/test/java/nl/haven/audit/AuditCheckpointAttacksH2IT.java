package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue #15, point 4: cutting the audit log's tail. The attacker deletes the newest events (H2 has no append-only
 * trigger; on PostgreSQL a superuser switches it off), or edits the checkpoint file: removes a line, or removes the
 * file. Checkpoints are written at least every {@code haven.audit.checkpoint-interval} while events arrive (a test
 * clock moves time, nothing sleeps), the file is chained, and a witness copy is compared. Every test puts the rows and
 * the files back as they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "haven.audit.checkpoint-interval=60s",
        "haven.audit.witness-dir=${haven.data-dir}-witness" })
@Import({ TestAuditKeys.Config.class, AuditCheckpointAttacksH2IT.TestClock.class })
class AuditCheckpointAttacksH2IT {

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

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
            return now;
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

    @Autowired
    AuditLog audit;
    @Autowired
    AuditAdmin admin;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditSettings settings;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    MovableClock clock;
    @Value("${haven.audit.witness-dir}")
    String witnessDir;

    final OrgId org = OrgId.random();
    final String user = AuditEvent.user(UserId.random());

    <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    long recordOne() {
        return inTransaction(() -> audit.record(AuditEvent.of(org, user, "case.read", "case", UUID.randomUUID())));
    }

    long recordMany(int n) {
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = recordOne();
        }
        return last;
    }

    List<AuditRow> rowsFrom(long seq) {
        return jdbc.sql("select * from audit_event where seq >= ? order by seq").param(seq).query(AuditStore::row).list();
    }

    void deleteFrom(long seq) {
        jdbc.sql("delete from audit_event where seq >= ?").param(seq).update();
    }

    void reinsert(List<AuditRow> rows) {
        for (AuditRow row : rows) {
            jdbc.sql("insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.orgId(), row.actor(),
                            row.action(), row.subjectType(), row.subjectId(), row.prevMac(), row.mac())
                    .update();
        }
    }

    Path checkpointFile() {
        return settings.checkpointFile();
    }

    Path witnessFile() {
        return Path.of(witnessDir).resolve(checkpointFile().getFileName());
    }

    @BeforeEach
    void startsFromAGoodLog() {
        recordOne();
        VerifyResult result = admin.verify(AuditVerifier.Mode.FULL);
        assertThat(result.ok()).as(result.summary()).isTrue();
    }

    @AfterEach
    void leavesAGoodLog() {
        VerifyResult result = admin.verify(AuditVerifier.Mode.FULL);
        assertThat(result.ok()).as(String.join("\n", result.lines())).isTrue();
    }

    @Test
    void deletingTheEventsAfterTheNewestCheckpointIsFoundOnceAnIntervalHasPassed() {
        long first = recordMany(5);
        clock.advance(Duration.ofSeconds(61));
        long last = recordOne(); // the interval has passed since the newest checkpoint: a checkpoint follows this commit
        assertThat(last).isEqualTo(first + 1);
        long newest = newestCheckpoint();
        assertThat(newest).as("a checkpoint at most one interval behind the events").isGreaterThanOrEqualTo(first);
        List<AuditRow> tail = rowsFrom(first - 2);
        try {
            deleteFrom(first - 2); // the attacker cuts the newest events; no head row to move back
            for (AuditVerifier.Mode mode : AuditVerifier.Mode.values()) {
                VerifyResult result = admin.verify(mode);
                assertThat(result.ok()).as(mode + ": " + result.summary()).isFalse();
                assertThat(result.firstBadSeq()).as(mode + ": " + result.summary()).isEqualTo(first - 2);
                assertThat(result.summary()).contains("signed checkpoint records sequence number " + newest);
            }
        } finally {
            reinsert(tail);
        }
    }

    long newestCheckpoint() {
        return new CheckpointFile(checkpointFile()).read().checkpoints().stream().mapToLong(Checkpoint::seq).max().orElse(0);
    }

    @Test
    void eventsFollowedBySilenceAreCheckpointedWhenTheIntervalHasPassed() {
        long last = recordMany(3);
        clock.advance(Duration.ofSeconds(61));
        audit.checkpointIfDue(); // what the background timer calls
        assertThat(new CheckpointFile(checkpointFile()).read().checkpoints()).anyMatch(c -> c.seq() == last);
        List<AuditRow> tail = rowsFrom(last);
        try {
            deleteFrom(last);
            VerifyResult result = admin.verify(AuditVerifier.Mode.FULL);
            assertThat(result.ok()).as(result.summary()).isFalse();
            assertThat(result.firstBadSeq()).isEqualTo(last);
        } finally {
            reinsert(tail);
        }
    }

    @Test
    void removingALineOfTheCheckpointFileIsFound() throws Exception {
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(61));
            recordOne();
        }
        String good = Files.readString(checkpointFile());
        List<String> lines = new ArrayList<>(good.lines().toList());
        assertThat(lines).as("one checkpoint per interval with events").hasSizeGreaterThanOrEqualTo(3);
        int removed = lines.size() - 2; // a line in the middle, 1-based number removed + 1
        lines.remove(removed);
        try {
            Files.writeString(checkpointFile(), String.join("\n", lines) + "\n");
            VerifyResult result = admin.verify(AuditVerifier.Mode.FULL);
            assertThat(result.ok()).as(result.summary()).isFalse();
            assertThat(result.lines()).anyMatch(line -> line.contains("line " + (removed + 1) + " of the checkpoint file does not follow line "
                    + removed));
        } finally {
            Files.writeString(checkpointFile(), good);
        }
    }

    @Test
    void removingTheCheckpointFileWithEventsInTheDatabaseIsFound() throws Exception {
        recordMany(2);
        String good = Files.readString(checkpointFile());
        String witness = Files.readString(witnessFile());
        try {
            Files.delete(checkpointFile());
            Files.delete(witnessFile());
            VerifyResult result = admin.verify(AuditVerifier.Mode.FULL);
            assertThat(result.ok()).as(result.summary()).isFalse();
            assertThat(result.summary()).startsWith("TAMPERED: ").contains("no checkpoint").doesNotContain("OK");
        } finally {
            Files.writeString(checkpointFile(), good);
            Files.writeString(witnessFile(), witness);
        }
    }

    @Test
    void aWitnessCopyThatDiffersIsFound() throws Exception {
        clock.advance(Duration.ofSeconds(61));
        recordOne();
        long newest = newestCheckpoint();
        String good = Files.readString(checkpointFile());
        assertThat(Files.readString(witnessFile())).as("every checkpoint is also in the witness copy").isEqualTo(good);
        List<String> lines = new ArrayList<>(good.lines().toList());
        lines.remove(lines.size() - 1); // the newest checkpoint: without the witness, removing it and the events after the one before passes
        List<AuditRow> tail = rowsFrom(newest);
        try {
            Files.writeString(checkpointFile(), String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
            deleteFrom(newest);
            VerifyResult result = admin.verify(AuditVerifier.Mode.FULL);
            assertThat(result.ok()).as(result.summary()).isFalse();
            assertThat(result.lines()).anyMatch(line -> line.contains("witness"));
            assertThat(result.firstBadSeq()).as(result.summary()).isEqualTo(newest);
        } finally {
            reinsert(tail);
            Files.writeString(checkpointFile(), good);
        }
    }
}
