package nl.haven.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nl.haven.shared.AuditKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Verification and on-demand checkpoints of the audit log ({@code haven audit verify | checkpoint}).
 * Reads without locking, so it runs beside a live server: rows are read in pages of seq, then the
 * head; if the head moved on meanwhile, the rows committed since are read too, until the head is
 * caught up.
 */
@Service
public class AuditAdmin {
    static final int PAGE = 5_000;
    private static final int MAX_LOOKS = 100;

    private final AuditStore store;
    private final AuditVerifier verifier;
    private final Checkpointer checkpointer;

    AuditAdmin(AuditStore store, AuditKeys keys, Checkpointer checkpointer) {
        this.store = store;
        this.verifier = new AuditVerifier(keys);
        this.checkpointer = checkpointer;
    }

    /**
     * Recomputes the chain from sequence number 1 ({@code FULL}) or from the newest trusted checkpoint.
     * When the fast check finds damage, the full one runs too, so the first bad sequence number named
     * is the true first one (e.g. rows cut off from before the checkpoint's row, which the fast check
     * does not read).
     */
    public VerifyResult verify(AuditVerifier.Mode mode) {
        VerifyResult result = verifyOnce(mode);
        if (mode == AuditVerifier.Mode.FROM_CHECKPOINT && !result.chainOk()) {
            return verifyOnce(AuditVerifier.Mode.FULL);
        }
        return result;
    }

    private VerifyResult verifyOnce(AuditVerifier.Mode mode) {
        CheckpointFile.Contents checkpoints = checkpointer.read();
        CheckpointFile.Contents witness = checkpointer.readWitness();
        List<Checkpoint> all = new ArrayList<>(checkpoints.checkpoints());
        List<String> problems = new ArrayList<>(checkpoints.unreadable());
        if (witness != null) {
            // The witness copy's checkpoints count too: a line cut from the checkpoint file still names the rows it covered.
            witness.checkpoints().stream().filter(c -> !all.contains(c)).forEach(all::add);
            problems.addAll(compare(checkpoints.lines(), witness.lines()));
        }
        AuditVerifier.Run run = verifier.start(all, mode);
        long after = run.firstSeqToRead() == Long.MIN_VALUE ? Long.MIN_VALUE : run.firstSeqToRead() - 1;
        AuditHead head = null;
        int looks = 0;
        while (true) {
            List<AuditRow> page = store.rowsAfter(after, PAGE);
            boolean good = true;
            for (AuditRow row : page) {
                after = row.seq();
                if (!run.accept(row)) {
                    good = false;
                    break;
                }
            }
            if (!good) {
                break;
            }
            if (page.size() == PAGE) {
                continue;
            }
            AuditHead now = store.head();
            // Done when the head is not beyond what was read, or has not moved since the last look (rows
            // are missing), or writers keep it moving for too long (the next run will see the rest).
            boolean movedOn = now != null && now.seq() > after && !Objects.equals(now, head) && ++looks < MAX_LOOKS;
            head = now;
            if (!movedOn) {
                break;
            }
        }
        VerifyResult result = run.finish(head).withUntrusted(problems);
        if (all.isEmpty() && head != null && head.seq() > 0) {
            // Removing the checkpoint file must not turn a cut log into "OK": events were written, so checkpoints were too.
            result = result.withFailure("the database holds events up to sequence number " + head.seq() + " but there is no checkpoint: the"
                    + " checkpoint file " + checkpointer.path() + (checkpoints.exists() ? " is empty" : " is missing")
                    + (witness == null ? "" : ", and so is its witness copy"));
        }
        return result;
    }

    /**
     * Compares the checkpoint file with its witness copy: the witness holds every line of the checkpoint file from the
     * first line it has (it may have been configured later), and nothing else.
     */
    static List<String> compare(List<String> lines, List<String> witness) {
        if (witness.isEmpty()) {
            return lines.isEmpty() ? List.of() : List.of("the witness copy is missing or empty, but the checkpoint file has " + lines.size()
                    + " line(s)");
        }
        int start = lines.indexOf(witness.get(0));
        if (start < 0) {
            return List.of("the witness copy's line 1 is not in the checkpoint file: the checkpoint file was cut or replaced");
        }
        for (int i = 0; i < witness.size(); i++) {
            int at = start + i;
            if (at >= lines.size()) {
                Checkpoint newest = CheckpointFile.parse(witness.get(witness.size() - 1));
                return List.of("the witness copy has " + (witness.size() - i) + " checkpoint line(s) the checkpoint file lacks"
                        + (newest == null ? "" : ", the newest " + newest.describe()) + ": lines were cut from the checkpoint file");
            }
            if (!lines.get(at).equals(witness.get(i))) {
                return List.of("line " + (at + 1) + " of the checkpoint file differs from line " + (i + 1) + " of its witness copy");
            }
        }
        int extra = lines.size() - start - witness.size();
        return extra == 0 ? List.of() : List.of("the checkpoint file has " + extra + " line(s) that its witness copy lacks (not copied, or"
                + " added to the checkpoint file only)");
    }

    /** The outcome of {@link #checkpoint()}: the verification it rests on and the checkpoint, if written. */
    public record CheckpointOutcome(VerifyResult verification, @Nullable Checkpoint written) {
    }

    /**
     * Verifies the chain from the newest trusted checkpoint and, only if it is good, signs its end as a
     * new checkpoint. Never signs a chain that fails verification; writes nothing for an empty log
     * (then {@code written} is null and the verification is ok).
     */
    public CheckpointOutcome checkpoint() {
        VerifyResult verification = verify(AuditVerifier.Mode.FROM_CHECKPOINT);
        if (!verification.ok() || verification.end() == null || verification.end().seq() == 0) {
            return new CheckpointOutcome(verification, null);
        }
        return new CheckpointOutcome(verification, checkpointer.write(verification.end()));
    }
}
