package nl.haven.audit;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AuditVerifier} found.
 *
 * @param ok the chain, the head and every checkpoint agree, and every checkpoint's signature is good
 * @param eventsVerified the rows whose mac was recomputed and found good
 * @param firstBadSeq the first sequence number at which the log is not what was written; null when the
 *        chain is good (or only a checkpoint is untrusted, or the head row is missing)
 * @param reason why, in words without any row content; "" when ok
 * @param untrustedCheckpoints checkpoints that were ignored because their signature is bad (or their
 *        line could not be read); any of them makes the result not ok
 * @param fromSeq the sequence number verification started at: 1, or a checkpoint's in
 *        {@link AuditVerifier.Mode#FROM_CHECKPOINT}
 * @param end the verified end of the chain (the head) when the chain is good, else null
 */
public record VerifyResult(boolean ok, long eventsVerified, @Nullable Long firstBadSeq, String reason, List<String> untrustedCheckpoints,
        long fromSeq, @Nullable AuditHead end) {

    public VerifyResult {
        untrustedCheckpoints = List.copyOf(untrustedCheckpoints);
    }

    /** The chain itself (rows and head) is good, whatever the checkpoint file says. */
    public boolean chainOk() {
        return firstBadSeq == null && end != null;
    }

    /** The same result with more untrusted checkpoints (e.g. unreadable lines of the file). */
    public VerifyResult withUntrusted(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(untrustedCheckpoints);
        all.addAll(more);
        String why = ok ? all.size() + " untrusted checkpoint(s) in the checkpoint file" : reason;
        return new VerifyResult(false, eventsVerified, firstBadSeq, why, all, fromSeq, end);
    }

    /** The same result, failed for a reason that names no sequence number (e.g. the checkpoint file is gone). */
    public VerifyResult withFailure(String why) {
        return new VerifyResult(false, eventsVerified, firstBadSeq, ok || reason.isEmpty() ? why : reason + "; " + why, untrustedCheckpoints,
                fromSeq, end);
    }

    /**
     * The first line the command line prints: {@code OK: N events verified}, {@code TAMPERED: first bad
     * sequence number S (reason)}, or {@code TAMPERED: reason} when no sequence number can be named.
     */
    public String summary() {
        if (ok) {
            return "OK: " + eventsVerified + " events verified"
                    + (fromSeq > 1 ? " (from the signed checkpoint at sequence number " + fromSeq + "; earlier rows not recomputed)" : "");
        }
        if (firstBadSeq != null) {
            return "TAMPERED: first bad sequence number " + firstBadSeq + " (" + reason + ")";
        }
        return "TAMPERED: " + reason;
    }

    /** Every line the command line prints. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        for (String untrusted : untrustedCheckpoints) {
            lines.add("UNTRUSTED CHECKPOINT: " + untrusted);
        }
        return lines;
    }
}
