package nl.haven.audit;

/**
 * The end of the chain (its last row): the last sequence number and its
 * mac. Sequence number 0 and 64 zeros before the first event.
 */
public record AuditHead(long seq, String mac) {
}
