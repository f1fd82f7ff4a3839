package nl.haven.audit;

import java.time.Clock;
import nl.haven.shared.AuditKeys;

/**
 * Benchmarks only ({@code src/jmh}): an {@link AuditLog} that records nothing, so a write can be measured without its
 * audit event on the same code path otherwise. Registered by {@link nl.haven.bench.Ablation}, never by scanning.
 */
public class NoAuditLog extends AuditLog {
    public NoAuditLog(AuditStore store, AuditKeys keys, Clock clock, Checkpointer checkpointer, AuditSettings settings) {
        super(store, keys, clock, checkpointer, settings);
    }

    @Override
    public long record(AuditEvent event) {
        return 0;
    }
}
