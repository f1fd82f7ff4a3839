package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verifier's verdicts on the head and on checkpoints, and its fast mode. */
class AuditVerifierTests {
    final TestAuditKeys keys = new TestAuditKeys();
    final ChainFixture chain = ChainFixture.build(keys, new Random(7), 2_500, 1_000);
    final AuditVerifier verifier = new AuditVerifier(keys);

    VerifyResult full(List<AuditRow> rows, AuditHead head, List<Checkpoint> checkpoints) {
        return verifier.verify(rows, head, checkpoints, AuditVerifier.Mode.FULL);
    }

    VerifyResult fast(List<AuditRow> rows, AuditHead head, List<Checkpoint> checkpoints) {
        return verifier.verify(rows, head, checkpoints, AuditVerifier.Mode.FROM_CHECKPOINT);
    }

    List<AuditRow> firstRows(int n) {
        return new ArrayList<>(chain.rows.subList(0, n));
    }

    AuditHead headAt(long seq) {
        return new AuditHead(seq, chain.row(seq).mac());
    }

    /** The chain as someone holding the mac key (but not the signing key) would rebuild it. */
    List<AuditRow> rebuiltFrom(List<AuditRow> rows) {
        List<AuditRow> rebuilt = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (AuditRow r : rows) {
            AuditRow row = ChainFixture.seal(keys,
                    new AuditRow(r.seq(), r.occurredAt(), r.orgId(), r.actor(), r.action(), r.subjectType(), r.subjectId(), prev, null));
            rebuilt.add(row);
            prev = row.mac();
        }
        return rebuilt;
    }

    @Test
    void goodLogWithItsCheckpointsVerifies() {
        VerifyResult result = full(chain.rows, chain.head, chain.checkpoints);
        assertThat(result.ok()).isTrue();
        assertThat(result.eventsVerified()).isEqualTo(2_500);
        assertThat(result.end()).isEqualTo(chain.head);
        assertThat(result.untrustedCheckpoints()).isEmpty();
        assertThat(result.lines()).containsExactly("OK: 2500 events verified");
    }

    @Test
    void emptyLogVerifies() {
        VerifyResult result = full(List.of(), new AuditHead(0, AuditChain.GENESIS), List.of());
        assertThat(result.ok()).isTrue();
        assertThat(result.summary()).isEqualTo("OK: 0 events verified");
    }

    @Test
    void checkpointWithABadSignatureIsReportedAndIgnored() {
        List<Checkpoint> checkpoints = new ArrayList<>(chain.checkpoints);
        Checkpoint second = checkpoints.get(1);
        // the mac changed after signing: the signature no longer fits
        checkpoints.set(1, new Checkpoint(second.seq(), chain.row(1_999).mac(), second.at(), second.signature()));
        VerifyResult result = full(chain.rows, chain.head, checkpoints);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isNull();
        assertThat(result.chainOk()).isTrue();
        assertThat(result.eventsVerified()).isEqualTo(2_500);
        assertThat(result.untrustedCheckpoints()).singleElement().asString().contains("sequence number 2000").contains("bad signature");
        assertThat(result.lines()).containsExactly("TAMPERED: 1 untrusted checkpoint(s) in the checkpoint file",
                "UNTRUSTED CHECKPOINT: " + result.untrustedCheckpoints().get(0));
    }

    @Test
    void checkpointSignedByAnotherKeyOrGarbledIsUntrusted() {
        TestAuditKeys other = new TestAuditKeys();
        Checkpoint foreign = ChainFixture.checkpoint(other, chain.head, Instant.parse("2026-02-01T00:00:00Z"));
        Checkpoint garbled = new Checkpoint(1_000, chain.row(1_000).mac(), Instant.parse("2026-02-01T00:00:00Z"), "not base64 at all!");
        VerifyResult result = full(chain.rows, chain.head, List.of(foreign, garbled));
        assertThat(result.ok()).isFalse();
        assertThat(result.untrustedCheckpoints()).hasSize(2);
    }

    @Test
    void truncatedTailIsFoundThroughTheHead() {
        VerifyResult result = full(firstRows(2_495), chain.head, chain.checkpoints);
        assertThat(result.firstBadSeq()).isEqualTo(2_496L);
        assertThat(result.reason()).contains("head records sequence number 2500");
        assertThat(result.summary()).startsWith("TAMPERED: first bad sequence number 2496 (rows missing at the end");
    }

    @Test
    void truncatedTailWithTheHeadMovedBackIsFoundThroughACheckpointBeyondTheNewEnd() {
        // rows 2001..2500 deleted and the head set to row 2000: the chain alone looks complete
        VerifyResult noCheckpoints = full(firstRows(2_000), headAt(2_000), List.of());
        assertThat(noCheckpoints.ok()).as("the documented exposure window: without a checkpoint beyond the cut").isTrue();
        List<Checkpoint> withOnDemand = new ArrayList<>(chain.checkpoints);
        withOnDemand.add(ChainFixture.checkpoint(keys, chain.head, Instant.parse("2026-03-01T00:00:00Z")));
        VerifyResult result = full(firstRows(2_000), headAt(2_000), withOnDemand);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(2_001L);
        assertThat(result.reason()).contains("signed checkpoint records sequence number 2500");
        // cut to 1500: the automatic checkpoint at 2000 is beyond the end
        VerifyResult shorter = full(firstRows(1_500), headAt(1_500), chain.checkpoints);
        assertThat(shorter.firstBadSeq()).isEqualTo(1_501L);
    }

    @Test
    void chainRebuiltWithTheMacKeyIsFoundThroughTheCheckpointAfterTheEdit() {
        List<AuditRow> rows = new ArrayList<>(chain.rows);
        AuditRow r = rows.get(1_499);
        rows.set(1_499, new AuditRow(r.seq(), r.occurredAt(), r.orgId(), r.actor(), "case.read", "case", "someone-else", r.prevMac(), r.mac()));
        List<AuditRow> rebuilt = rebuiltFrom(rows);
        AuditHead head = new AuditHead(2_500, rebuilt.get(2_499).mac());
        assertThat(full(rebuilt, head, List.of()).ok()).as("without checkpoints a key holder can rewrite history").isTrue();
        VerifyResult result = full(rebuilt, head, chain.checkpoints);
        assertThat(result.firstBadSeq()).isEqualTo(2_000L);
        assertThat(result.reason()).contains("checkpoint at sequence number 2000").contains("from sequence number 1001 to 2000");
    }

    @Test
    void rowsBeyondTheHeadAreFound() {
        VerifyResult result = full(chain.rows, headAt(2_400), chain.checkpoints);
        assertThat(result.firstBadSeq()).isEqualTo(2_401L);
    }

    @Test
    void headWhoseMacIsNotItsRowsIsFound() {
        VerifyResult result = full(chain.rows, new AuditHead(2_500, chain.row(2_499).mac()), chain.checkpoints);
        assertThat(result.firstBadSeq()).isEqualTo(2_500L);
    }

    @Test
    void missingHeadIsReported() {
        VerifyResult result = full(chain.rows, null, chain.checkpoints);
        assertThat(result.ok()).isFalse();
        assertThat(result.summary()).isEqualTo("TAMPERED: the audit head row is missing");
    }

    @Test
    void rowWithAGoodMacButAForeignPredecessorBreaksTheChain() {
        // rows 1..10 of a second chain made with the same key: each mac is good, the links are not
        ChainFixture twin = ChainFixture.build(keys, new Random(8), 10, 0);
        List<AuditRow> rows = new ArrayList<>(chain.rows);
        rows.set(5, twin.row(6));
        VerifyResult result = full(rows, chain.head, chain.checkpoints);
        assertThat(result.firstBadSeq()).isEqualTo(6L);
        assertThat(result.reason()).contains("prev_mac");
    }

    @Test
    void forgedRowBeforeTheFirstIsNamed() {
        List<AuditRow> rows = new ArrayList<>();
        rows.add(chain.row(10).withSeq(0));
        rows.addAll(chain.rows);
        assertThat(full(rows, chain.head, chain.checkpoints).firstBadSeq()).isEqualTo(0L);
    }

    @Test
    void fromCheckpointRecomputesOnlyAfterTheNewestTrustedCheckpoint() {
        VerifyResult result = fast(chain.rows, chain.head, chain.checkpoints);
        assertThat(result.ok()).isTrue();
        assertThat(result.fromSeq()).isEqualTo(2_000);
        assertThat(result.eventsVerified()).isEqualTo(501);
        assertThat(result.summary()).startsWith("OK: 501 events verified (from the signed checkpoint at sequence number 2000");

        List<AuditRow> editedAfter = new ArrayList<>(chain.rows);
        editedAfter.set(2_099, chain.row(2_101).withSeq(2_100));
        assertThat(fast(editedAfter, chain.head, chain.checkpoints).firstBadSeq()).isEqualTo(2_100L);

        List<AuditRow> editedAnchor = new ArrayList<>(chain.rows);
        editedAnchor.set(1_999, chain.row(1_999).withSeq(2_000));
        assertThat(fast(editedAnchor, chain.head, chain.checkpoints).firstBadSeq()).isEqualTo(2_000L);

        List<AuditRow> editedBefore = new ArrayList<>(chain.rows);
        editedBefore.set(1_499, chain.row(1_498).withSeq(1_500));
        assertThat(fast(editedBefore, chain.head, chain.checkpoints).ok()).as("documented: rows before the checkpoint are trusted").isTrue();
        assertThat(full(editedBefore, chain.head, chain.checkpoints).firstBadSeq()).isEqualTo(1_500L);
    }

    @Test
    void fromCheckpointSkipsAnUntrustedNewestCheckpointAndFallsBackToFullWithoutAny() {
        List<Checkpoint> checkpoints = new ArrayList<>(chain.checkpoints);
        Checkpoint newest = checkpoints.get(1);
        checkpoints.set(1, new Checkpoint(newest.seq(), newest.mac(), newest.at(),
                Base64.getEncoder().encodeToString(new byte[64])));
        VerifyResult result = fast(chain.rows, chain.head, checkpoints);
        assertThat(result.fromSeq()).isEqualTo(1_000);
        assertThat(result.eventsVerified()).isEqualTo(1_501);
        assertThat(result.ok()).isFalse();
        assertThat(result.chainOk()).isTrue();

        VerifyResult none = fast(chain.rows, chain.head, List.of());
        assertThat(none.ok()).isTrue();
        assertThat(none.fromSeq()).isEqualTo(1);
        assertThat(none.eventsVerified()).isEqualTo(2_500);
    }

    @Test
    void fromCheckpointFindsTheRowsCutAfterIt() {
        VerifyResult result = fast(firstRows(2_300), chain.head, chain.checkpoints);
        assertThat(result.firstBadSeq()).isEqualTo(2_301L);
        VerifyResult anchorGone = fast(firstRows(1_999), chain.head, chain.checkpoints);
        assertThat(anchorGone.firstBadSeq()).isEqualTo(2_000L);
    }
}
