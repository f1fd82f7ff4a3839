package nl.haven.audit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.haven.shared.AuditKeys;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes the audit chain. A pure function of the rows (in ascending order of seq, as
 * {@code order by seq} returns them), the head and the checkpoints; no database, no Spring.
 *
 * <p>What it detects, and which sequence number it names as the first bad one:
 * <ul>
 * <li>an edited field (any column but seq): the row's mac no longer matches its content → that row;</li>
 * <li>a deleted row: a gap → the missing sequence number;</li>
 * <li>an inserted row: without the key its mac is wrong → its sequence number; a row with a sequence
 *     number that cannot follow the previous one (e.g. 0 or negative) → its sequence number;</li>
 * <li>two rows whose sequence numbers were swapped: the mac covers seq, so the row now at the smaller
 *     number does not match → the smaller number;</li>
 * <li>a row whose mac is good but whose prev_mac is not the previous row's mac (rows spliced in from
 *     elsewhere) → that row;</li>
 * <li>a truncated tail: the head (or a signed checkpoint) names a sequence number beyond the last row →
 *     the last row's number + 1. Deleting rows <em>and</em> moving the head back is caught only by a
 *     checkpoint beyond the new end: the checkpoint interval is the exposure window;</li>
 * <li>rows beyond the head → head + 1; a head whose mac is not its row's → the head's number;</li>
 * <li>a row that differs from a signed checkpoint at its sequence number (the chain was rebuilt by
 *     someone holding the mac key) → that number;</li>
 * <li>a checkpoint with a bad signature: ignored for all of the above and reported as untrusted; the
 *     result is then not ok.</li>
 * </ul>
 * It stops at the first bad row: every later mac depends on it.
 */
public final class AuditVerifier {

    public enum Mode {
        /** Recompute every row from sequence number 1. The default. */
        FULL,
        /**
         * Trust the rows up to the newest checkpoint with a good signature (checking only that the row
         * at its sequence number still carries the signed mac) and recompute from there. Fast, but an
         * edit of a row <em>before</em> that checkpoint is not found: only {@link #FULL} recomputes the
         * macs that would expose it.
         */
        FROM_CHECKPOINT
    }

    private final AuditKeys keys;

    public AuditVerifier(AuditKeys keys) {
        this.keys = keys;
    }

    /** Verifies a whole log at once. */
    public VerifyResult verify(Iterable<AuditRow> rows, @Nullable AuditHead head, List<Checkpoint> checkpoints, Mode mode) {
        Run run = start(checkpoints, mode);
        for (AuditRow row : rows) {
            if (row.seq() < run.firstSeqToRead()) {
                continue;
            }
            if (!run.accept(row)) {
                break;
            }
        }
        return run.finish(head);
    }

    /** Starts an incremental verification: feed it rows with {@link Run#accept}, then {@link Run#finish}. */
    public Run start(List<Checkpoint> checkpoints, Mode mode) {
        return new Run(checkpoints, mode);
    }

    /** One verification in progress. Not thread-safe. */
    public final class Run {
        private final Map<Long, List<Checkpoint>> trusted = new HashMap<>();
        private final long[] trustedSeqs;
        private int nextTrusted;
        private final List<String> untrusted = new ArrayList<>();
        private final long newestTrusted;
        private final @Nullable Checkpoint anchor;
        private final long fromSeq;
        private long expected;
        private String prevMac = AuditChain.GENESIS;
        private String lastMac = AuditChain.GENESIS;
        private long verified;
        private @Nullable Long firstBad;
        private String reason = "";
        private boolean failed;
        private long lastMatchedCheckpoint;

        Run(List<Checkpoint> checkpoints, Mode mode) {
            long newest = 0;
            Checkpoint newestCheckpoint = null;
            List<Checkpoint> sorted = new ArrayList<>(checkpoints);
            sorted.sort(Comparator.comparingLong(Checkpoint::seq));
            for (Checkpoint checkpoint : sorted) {
                if (signatureGood(checkpoint)) {
                    trusted.computeIfAbsent(checkpoint.seq(), s -> new ArrayList<>()).add(checkpoint);
                    if (checkpoint.seq() >= newest) {
                        newest = checkpoint.seq();
                        newestCheckpoint = checkpoint;
                    }
                } else {
                    untrusted.add(checkpoint.describe() + ": bad signature");
                }
            }
            newestTrusted = newest;
            trustedSeqs = trusted.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            anchor = mode == Mode.FROM_CHECKPOINT ? newestCheckpoint : null;
            fromSeq = anchor == null ? 1 : anchor.seq();
            lastMatchedCheckpoint = fromSeq - 1;
            expected = fromSeq;
        }

        private boolean signatureGood(Checkpoint checkpoint) {
            if (checkpoint.seq() < 1 || checkpoint.mac() == null || checkpoint.at() == null || checkpoint.signature() == null) {
                return false;
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(checkpoint.signature());
            } catch (IllegalArgumentException e) {
                return false;
            }
            try {
                return keys.verify(AuditChain.checkpointBytes(checkpoint.seq(), checkpoint.mac(), checkpoint.at(), checkpoint.prev()), signature);
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** Rows with a smaller sequence number are not looked at: {@link Long#MIN_VALUE} in full mode. */
        public long firstSeqToRead() {
            return anchor == null ? Long.MIN_VALUE : anchor.seq();
        }

        /** Checks the next row; false once something is wrong (the rest need not be read). */
        public boolean accept(AuditRow row) {
            if (failed) {
                return false;
            }
            long seq = row.seq();
            if (seq < expected) {
                return fail(seq, "unexpected row with sequence number " + seq + " where " + expected + " was due (forged or duplicated)");
            }
            if (seq > expected) {
                return fail(expected, "row missing: the next row has sequence number " + seq);
            }
            if (!AuditChain.sameMac(AuditChain.mac(keys, row), row.mac())) {
                return fail(seq, "the mac does not match the row's content: edited, moved or forged");
            }
            boolean anchorRow = anchor != null && seq == anchor.seq();
            if (!anchorRow && !AuditChain.sameMac(prevMac, row.prevMac())) {
                return fail(seq, "prev_mac is not the mac of the row before it: the chain is broken here");
            }
            while (nextTrusted < trustedSeqs.length && trustedSeqs[nextTrusted] < seq) {
                nextTrusted++;
            }
            boolean checkpointed = nextTrusted < trustedSeqs.length && trustedSeqs[nextTrusted] == seq;
            for (Checkpoint checkpoint : checkpointed ? trusted.get(seq) : List.<Checkpoint>of()) {
                if (!AuditChain.sameMac(checkpoint.mac(), row.mac())) {
                    return fail(seq, "the row differs from " + checkpoint.describe() + ": the chain was rewritten by someone holding the"
                            + " mac key, somewhere from sequence number " + (lastMatchedCheckpoint + 1) + " to " + seq);
                }
                lastMatchedCheckpoint = seq;
            }
            prevMac = row.mac();
            lastMac = row.mac();
            expected = seq + 1;
            verified++;
            return true;
        }

        /** The verdict, given the head as read after the last row. */
        public VerifyResult finish(@Nullable AuditHead head) {
            if (!failed) {
                long end = expected - 1;
                if (head == null) {
                    fail(null, "the audit head row is missing");
                } else if (head.seq() > end) {
                    fail(end + 1, "rows missing at the end: the head records sequence number " + head.seq() + ", the last row is " + end);
                } else if (newestTrusted > end) {
                    fail(end + 1, "rows missing at the end: a signed checkpoint records sequence number " + newestTrusted + ", the last row is "
                            + end);
                } else if (head.seq() < end) {
                    fail(head.seq() + 1, "rows beyond the head (sequence number " + head.seq() + ") were not written by the audit log");
                } else if (!AuditChain.sameMac(head.mac(), lastMac)) {
                    fail(head.seq(), "the head's mac is not the mac of the row at its sequence number");
                }
            }
            boolean ok = !failed && untrusted.isEmpty();
            String why = failed ? reason : ok ? "" : untrusted.size() + " untrusted checkpoint(s) in the checkpoint file";
            AuditHead end = failed ? null : new AuditHead(expected - 1, lastMac);
            return new VerifyResult(ok, verified, firstBad, why, untrusted, fromSeq, end);
        }

        private boolean fail(@Nullable Long seq, String why) {
            failed = true;
            firstBad = seq;
            reason = why;
            return false;
        }
    }
}
