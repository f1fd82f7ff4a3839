package nl.haven.audit;

/**
 * The writer's view of the end of the chain ({@code audit_head}): the last sequence number and its
 * mac. Sequence number 0 and 64 zeros before the first event.
 */
public record AuditHead(long seq, String mac) {
}
