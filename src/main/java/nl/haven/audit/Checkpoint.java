package nl.haven.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A signed statement "the chain ended at {@code seq} with {@code mac} at {@code at}", kept outside the
 * database (one JSON line in {@code haven.audit.checkpoint-file}). The signature (base64) is made by
 * {@link nl.haven.shared.AuditKeys#sign} over {@link AuditChain#checkpointBytes}.
 *
 * @param prev the SHA-256 (hex) of the checkpoint file's line before this one ({@link AuditChain#GENESIS} for the
 *        first line), covered by the signature: each line signs the one before it, so a line removed from the
 *        middle or the start of the file is found. Null in lines written before the file was chained.
 */
public record Checkpoint(long seq, String mac, Instant at, String signature, @Nullable String prev) {

    /** A checkpoint in the unchained format (before issue #15): its signature does not cover the line before it. */
    public Checkpoint(long seq, String mac, Instant at, String signature) {
        this(seq, mac, at, signature, null);
    }

    /** e.g. "the checkpoint at sequence number 2000 (2026-05-01T10:00:00Z)" */
    public String describe() {
        return "the checkpoint at sequence number " + seq + " (" + at + ")";
    }
}
