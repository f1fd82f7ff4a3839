package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log on a real database, the same for H2 and PostgreSQL: events written in the caller's
 * transaction, a gapless chain under concurrent writers, tampering with plain SQL named by the
 * verifier, checkpoints. Every test leaves the log as it found it (tampering is undone), since the tests
 * of a class share one database.
 */
public abstract class AuditLogContract {
    /** Properties the concrete classes give their {@code @SpringBootTest}. */
    public static final String CHECKPOINT_EVERY_100 = "haven.audit.checkpoint-every=100";
    /**
     * Checkpoints by time would sign rows these tests change and put back (e.g. a row re-appended after a deletion) at
     * whatever moment a slow run crosses the interval; they are tested with a test clock in AuditCheckpointAttacksH2IT.
     */
    public static final String NO_TIMED_CHECKPOINTS = "haven.audit.checkpoint-interval=1h";

    @Autowired
    protected AuditLog audit;
    @Autowired
    protected AuditAdmin admin;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected AuditSettings settings;
    @Autowired
    protected PlatformTransactionManager transactionManager;

    protected final OrgId org = OrgId.random();
    protected final String user = AuditEvent.user(UserId.random());

    /** Lets the test change and delete audit rows as a database superuser could (PostgreSQL: disable the trigger). */
    protected abstract void allowTampering(boolean allowed);

    protected <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    protected long recordOne(String action) {
        return inTransaction(() -> audit.record(AuditEvent.of(org, user, action, "case", UUID.randomUUID())));
    }

    protected long recordMany(int n) {
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = recordOne("case.read");
        }
        return last;
    }

    protected long headSeq() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
    }

    protected AuditRow row(long seq) {
        return jdbc.sql("select * from audit_event where seq = ?").param(seq).query(AuditStore::row).single();
    }

    protected void reinsert(AuditRow row) {
        jdbc.sql("insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.orgId(), row.actor(), row.action(),
                        row.subjectType(), row.subjectId(), row.prevMac(), row.mac())
                .update();
    }

    /** Puts a row back as it was written. */
    protected void restore(AuditRow row) {
        jdbc.sql("delete from audit_event where seq = ?").param(row.seq()).update();
        reinsert(row);
    }

    protected VerifyResult verifyFull() {
        return admin.verify(AuditVerifier.Mode.FULL);
    }

    protected List<Checkpoint> checkpoints() {
        return new CheckpointFile(settings.checkpointFile()).read().checkpoints();
    }

    @BeforeEach
    void startsFromAGoodLog() {
        recordOne("test.start");
        VerifyResult result = verifyFull();
        assertThat(result.ok()).as(result.summary()).isTrue();
    }

    @AfterEach
    void leavesAGoodLog() {
        allowTampering(false);
        VerifyResult result = verifyFull();
        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(result.eventsVerified()).isEqualTo(headSeq());
    }

    @Test
    public void eventsAreWrittenInTheCallersTransactionAndVerify() {
        UUID caseId = UUID.randomUUID();
        long before = headSeq();
        long seq = inTransaction(() -> {
            audit.record(AuditEvent.of(org, user, "case.read", "case", caseId));
            audit.record(AuditEvent.of(null, AuditEvent.SYSTEM, "audit.test"));
            return audit.record(AuditEvent.of(org, AuditEvent.ANONYMOUS, "case.access-denied", "case", caseId));
        });
        assertThat(seq).isEqualTo(before + 3);
        AuditRow first = row(before + 1);
        assertThat(first.orgId()).isEqualTo(org.value());
        assertThat(first.actor()).isEqualTo(user);
        assertThat(first.action()).isEqualTo("case.read");
        assertThat(first.subjectType()).isEqualTo("case");
        assertThat(first.subjectId()).isEqualTo(caseId.toString());
        assertThat(first.mac()).matches("[0-9a-f]{64}");
        assertThat(row(before + 2).orgId()).isNull();
        assertThat(row(before + 2).subjectId()).isNull();
        assertThat(row(before + 2).prevMac()).isEqualTo(first.mac());
        // the timestamp comes back exactly as it was sealed: microseconds
        assertThat(row(before + 3).occurredAt().getNano() % 1_000).isZero();

        VerifyResult result = verifyFull();
        assertThat(result.ok()).isTrue();
        assertThat(result.eventsVerified()).isEqualTo(seq);
        assertThat(result.summary()).isEqualTo("OK: " + seq + " events verified");
        assertThat(result.end()).isEqualTo(new AuditHead(seq, row(seq).mac()));
    }

    @Test
    public void recordingOutsideATransactionIsRefused() {
        long before = headSeq();
        assertThatThrownBy(() -> audit.record(AuditEvent.of(org, user, "case.read"))).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(headSeq()).isEqualTo(before);
    }

    @Test
    public void rolledBackTransactionLeavesNoEventAndNoGap() {
        long before = headSeq();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            audit.record(AuditEvent.of(org, user, "case.update", "case", UUID.randomUUID()));
            audit.record(AuditEvent.of(org, user, "case.update", "case", UUID.randomUUID()));
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            audit.record(AuditEvent.of(org, user, "case.update", "case", UUID.randomUUID()));
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");
        assertThat(headSeq()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_event where seq > ?").param(before).query(Long.class).single()).isZero();
        assertThat(recordOne("case.update")).isEqualTo(before + 1);
        assertThat(verifyFull().ok()).isTrue();
    }

    @Test
    public void concurrentWritersMakeAGaplessChain() throws Exception {
        long before = headSeq();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                writers.add(() -> recordMany(50));
            }
            for (Future<Long> writer : pool.invokeAll(writers)) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(headSeq()).isEqualTo(before + 400);
        List<Long> seqs = jdbc.sql("select seq from audit_event where seq > ? order by seq").param(before).query(Long.class).list();
        assertThat(seqs).hasSize(400).first().isEqualTo(before + 1);
        assertThat(seqs.get(399)).isEqualTo(before + 400);
        VerifyResult result = verifyFull();
        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(result.eventsVerified()).isEqualTo(before + 400);
    }

    @Test
    public void editedFieldIsNamed() {
        long last = recordMany(5);
        long target = last - 2;
        AuditRow original = row(target);
        allowTampering(true);
        try {
            jdbc.sql("update audit_event set subject_id = ? where seq = ?").params(UUID.randomUUID().toString(), target).update();
            VerifyResult result = verifyFull();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBadSeq()).isEqualTo(target);
            assertThat(result.summary()).isEqualTo("TAMPERED: first bad sequence number " + target + " (" + result.reason() + ")");

            jdbc.sql("update audit_event set subject_id = ?, occurred_at = ? where seq = ?")
                    .params(original.subjectId(), OffsetDateTime.ofInstant(original.occurredAt().plusSeconds(1), ZoneOffset.UTC), target)
                    .update();
            assertThat(verifyFull().firstBadSeq()).isEqualTo(target);

            jdbc.sql("update audit_event set occurred_at = ? where seq = ?")
                    .params(OffsetDateTime.ofInstant(original.occurredAt(), ZoneOffset.ofHours(2)), target).update();
            assertThat(verifyFull().ok()).as("the same instant in another offset is the same event").isTrue();
        } finally {
            restore(original);
        }
    }

    @Test
    public void deletedRowIsNamed() {
        long last = recordMany(5);
        long target = last - 3;
        AuditRow original = row(target);
        allowTampering(true);
        try {
            jdbc.sql("delete from audit_event where seq = ?").param(target).update();
            VerifyResult result = verifyFull();
            assertThat(result.firstBadSeq()).isEqualTo(target);
            assertThat(result.reason()).contains("row missing");
        } finally {
            restore(original);
        }
    }

    @Test
    public void forgedRowIsNamed() {
        long last = recordMany(3);
        AuditRow original = row(last - 1);
        AuditRow previous = row(last - 2);
        AuditRow other = row(last);
        allowTampering(true);
        try {
            jdbc.sql("delete from audit_event where seq = ?").param(last - 1).update();
            // made up by someone without the key, linked to the real previous row
            reinsert(new AuditRow(last - 1, original.occurredAt(), org.value(), user, "case.read", "case", "forged", previous.mac(),
                    "f".repeat(64)));
            assertThat(verifyFull().firstBadSeq()).isEqualTo(last - 1);
            jdbc.sql("delete from audit_event where seq = ?").param(last - 1).update();
            reinsert(other.withSeq(last - 1));
            assertThat(verifyFull().firstBadSeq()).as("a genuine row replayed at another sequence number").isEqualTo(last - 1);
            restore(original);
            // and one after the last row, the head left alone
            reinsert(new AuditRow(last + 1, other.occurredAt(), org.value(), user, "case.read", "case", "forged", other.mac(), "0".repeat(64)));
            assertThat(verifyFull().firstBadSeq()).isEqualTo(last + 1);
        } finally {
            jdbc.sql("delete from audit_event where seq > ?").param(last).update();
            restore(original);
        }
    }

    @Test
    public void truncatedTailIsFoundThroughACheckpointAndTheNextEventStillChains() {
        recordMany(3);
        AuditAdmin.CheckpointOutcome outcome = admin.checkpoint();
        assertThat(outcome.verification().ok()).isTrue();
        assertThat(outcome.written()).isNotNull();
        long last = outcome.written().seq();
        assertThat(last).isEqualTo(headSeq());
        assertThat(checkpoints()).contains(outcome.written());

        AuditRow lastRow = row(last);
        AuditRow beforeLast = row(last - 1);
        allowTampering(true);
        try {
            jdbc.sql("delete from audit_event where seq >= ?").param(last - 1).update();
            for (AuditVerifier.Mode mode : AuditVerifier.Mode.values()) {
                VerifyResult result = admin.verify(mode);
                assertThat(result.firstBadSeq()).as(mode.name()).isEqualTo(last - 1);
                assertThat(result.reason()).contains("signed checkpoint records sequence number " + last);
            }
            assertThat(admin.checkpoint().written()).as("no checkpoint over a bad chain").isNull();
        } finally {
            restore(beforeLast);
            restore(lastRow);
        }
        // The rows are back as they were: the next event chains after the true end.
        long next = recordOne("case.read");
        assertThat(next).isEqualTo(last + 1);
        assertThat(row(next).prevMac()).isEqualTo(lastRow.mac());
        assertThat(verifyFull().ok()).isTrue();
    }

    @Test
    public void anEventAfterAnEndThisNodeNoLongerSeesChainsToTheTrueEnd() {
        long last = recordMany(2);
        while (last % 100 == 0 || last % 100 == 99) {
            last = recordOne("case.read"); // keep clear of the every-100 checkpoints, which would name the changed row
        }
        AuditRow lastRow = row(last);
        allowTampering(true);
        long next;
        try {
            // the row this node last committed disappears (e.g. a restore of an older backup under a running node)
            jdbc.sql("delete from audit_event where seq = ?").param(last).update();
            next = recordOne("case.read");
            assertThat(next).as("appended after the row that is there now, not after the hint").isEqualTo(last);
            assertThat(row(next).prevMac()).isEqualTo(row(last - 1).mac());
            assertThat(verifyFull().ok()).isTrue();
        } finally {
            jdbc.sql("delete from audit_event where seq >= ?").param(last).update();
            restore(lastRow);
        }
    }

    @Test
    public void checkpointsAreWrittenEveryHundredEventsAfterCommitOnly() {
        long head = headSeq();
        long next = (head / 100 + 1) * 100;
        if (next - head > 1) {
            recordMany((int) (next - head - 1));
        }
        // the event that would be number `next` is rolled back: no checkpoint for it
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            assertThat(audit.record(AuditEvent.of(org, user, "case.read"))).isEqualTo(next);
            status.setRollbackOnly();
        });
        assertThat(checkpoints()).noneMatch(c -> c.seq() == next);
        assertThat(recordOne("case.read")).isEqualTo(next);
        assertThat(checkpoints()).filteredOn(c -> c.seq() == next).singleElement()
                .satisfies(c -> assertThat(c.mac()).isEqualTo(row(next).mac()));

        recordMany(7);
        VerifyResult fast = admin.verify(AuditVerifier.Mode.FROM_CHECKPOINT);
        assertThat(fast.ok()).as(fast.summary()).isTrue();
        assertThat(fast.fromSeq()).isGreaterThanOrEqualTo(next);
        assertThat(fast.eventsVerified()).isEqualTo(headSeq() - fast.fromSeq() + 1);
    }

    @Test
    public void checkpointWithABadSignatureMakesVerificationFail() throws Exception {
        recordMany(2);
        Path file = settings.checkpointFile();
        admin.checkpoint();
        String good = Files.readString(file);
        try {
            String[] lines = good.strip().split("\n");
            String forged = lines[lines.length - 1].replaceFirst("\"mac\":\"[0-9a-f]", "\"mac\":\"x");
            Files.writeString(file, good + forged + "\n" + "{broken\n");
            VerifyResult result = verifyFull();
            assertThat(result.ok()).isFalse();
            assertThat(result.chainOk()).isTrue();
            // the forged line's bad signature, its break of the file's chain (it repeats the line before's prev), the broken line
            assertThat(result.untrustedCheckpoints()).hasSize(3)
                    .anyMatch(u -> u.endsWith(": bad signature")).anyMatch(u -> u.contains("does not follow line"))
                    .anyMatch(u -> u.endsWith("is not a checkpoint"));
            assertThat(result.lines()).first().asString().startsWith("TAMPERED: ").contains("untrusted checkpoint");
            assertThat(admin.checkpoint().written()).as("refused while the checkpoint file is in doubt").isNull();
        } finally {
            Files.writeString(file, good);
        }
    }
}
