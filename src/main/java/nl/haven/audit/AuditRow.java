package nl.haven.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code audit_event} as stored. Not validated: the verifier must be able to look at rows
 * that were tampered with.
 *
 * @param prevMac the mac of the row before (hex; 64 zeros before the first row)
 * @param mac HMAC-SHA256 (hex) over the canonical encoding of every other field, see {@link AuditChain}
 */
public record AuditRow(long seq, Instant occurredAt, @Nullable UUID orgId, @Nullable String actor, @Nullable String action,
        @Nullable String subjectType, @Nullable String subjectId, @Nullable String prevMac, @Nullable String mac) {

    public AuditRow withSeq(long newSeq) {
        return new AuditRow(newSeq, occurredAt, orgId, actor, action, subjectType, subjectId, prevMac, mac);
    }
}
