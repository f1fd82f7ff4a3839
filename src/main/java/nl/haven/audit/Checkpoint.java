package nl.haven.audit;

import java.time.Instant;

/**
 * A signed statement "the chain ended at {@code seq} with {@code mac} at {@code at}", kept outside the
 * database (one JSON line in {@code haven.audit.checkpoint-file}). The signature (base64) is made by
 * {@link nl.haven.shared.AuditKeys#sign} over {@link AuditChain#checkpointBytes}.
 */
public record Checkpoint(long seq, String mac, Instant at, String signature) {

    /** e.g. "the checkpoint at sequence number 2000 (2026-05-01T10:00:00Z)" */
    public String describe() {
        return "the checkpoint at sequence number " + seq + " (" + at + ")";
    }
}
