package nl.haven.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nl.haven.shared.AuditKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes audit events: one row of {@code audit_event} each, chained to the row before it by
 * HMAC-SHA256 under a key kept outside the database ({@link AuditKeys}).
 *
 * <p>{@link #record} runs <em>in the caller's transaction</em> and refuses to run without one
 * ({@link Propagation#MANDATORY}): the event commits or rolls back together with the change it
 * records, so there is never a change without its event, nor an event (or a gap in the sequence) for a
 * change that did not happen. {@code REQUIRED} would silently start a transaction of its own for a
 * caller that forgot one, and the event could then commit while the change does not (or the reverse).
 * A read without a transaction of its own must open one (e.g. {@code @Transactional(readOnly = false)}
 * on the service method) to be audited.
 *
 * <p>An event is one insert: the row with the next sequence number, chained to the end of the log as this node last
 * saw it committed (or as this transaction left it). The primary key on the sequence number and a check that the
 * row before it is still the end make the insert conditional ({@link AuditStore#appendAfter}); a writer that finds
 * the number taken re-reads the end and tries again. A transaction that has appended a number and not yet ended makes
 * the next writer of that number wait for it, so sequence numbers are gapless and the chain is in commit order, with
 * no row that every writer updates (the former {@code audit_head}, whose update cost about as much as the event itself
 * on PostgreSQL: benchmarks/RESULTS.md). The price is still that audited transactions commit one at a time; so call
 * {@code record} late in a transaction, after its slow work.
 *
 * <p>A signed checkpoint of the end this node committed is appended to the checkpoint file after the transaction has
 * committed (a checkpoint of a rolled-back row would be a false alarm later): when the newest checkpoint is at least
 * {@code haven.audit.checkpoint-interval} old (or there is none yet), every {@code haven.audit.checkpoint-every} events,
 * by a background timer when events stopped arriving before the interval was over, and when the application stops. So
 * the events after the newest checkpoint, which can be cut off unnoticed, are at most about one interval's. If the
 * process dies between a commit and the file write, or the write fails (logged), that checkpoint is missing and the
 * next one comes with the next event or tick, or on demand ({@code haven audit checkpoint}). A checkpoint only ever
 * signs an end this node wrote itself, never one read back from the database.
 */
@Service
public class AuditLog implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditStore store;
    private final AuditKeys keys;
    private final Clock clock;
    private final Checkpointer checkpointer;
    private final int checkpointEvery;

    AuditLog(AuditStore store, AuditKeys keys, Clock clock, Checkpointer checkpointer, AuditSettings settings) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.checkpointer = checkpointer;
        this.checkpointEvery = settings.checkpointEvery();
        // Ticks four times per interval, so that the last events before a quiet spell wait at most about 1.25 intervals.
        long tick = Math.max(1_000, checkpointer.interval().toMillis() / 4);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "haven-audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkpointIfDue, tick, tick, TimeUnit.MILLISECONDS);
    }

    private final ScheduledExecutorService timer;

    /**
     * Appends the event to the chain in the current transaction.
     *
     * @return its sequence number (final once the transaction commits)
     * @throws org.springframework.transaction.IllegalTransactionStateException without a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(AuditEvent event) {
        Instant at = AuditChain.micros(clock.instant());
        // The end this transaction already appended, else the last one this node saw committed: a hint only. The
        // conditional append checks it against the database in the same statement, so in the usual case an event costs
        // one statement; a stale hint (another node or thread wrote meanwhile) costs a read of the end and another try.
        AuditHead mine = (AuditHead) TransactionSynchronizationManager.getResource(this);
        AuditHead after = mine != null ? mine : lastCommitted.get();
        if (after == null) {
            after = store.head();
        }
        AuditRow row = seal(after, event, at);
        int attempts = 0;
        while (!store.appendAfter(row, after)) {
            if (mine != null) {
                // A transaction's own last row is the end for it: no one else can append after a row they cannot see.
                throw new IllegalStateException("the audit log changed under a transaction's own events (sequence number " + mine.seq() + ")");
            }
            if (++attempts > MAX_ATTEMPTS) {
                throw new IllegalStateException("the audit log's end kept moving: event not appended after " + MAX_ATTEMPTS + " attempts");
            }
            // Usually another transaction of this node took the number and has committed by now: its end, if newer,
            // saves reading the end from the database.
            AuditHead seen = lastCommitted.get();
            after = seen != null && seen.seq() > after.seq() ? seen : store.head();
            row = seal(after, event, at);
        }
        AuditHead end = new AuditHead(row.seq(), row.mac());
        if (mine == null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    AuditHead committed = (AuditHead) TransactionSynchronizationManager.getResource(AuditLog.this);
                    if (committed != null) {
                        lastCommitted.accumulateAndGet(committed, (a, b) -> a == null || b.seq() > a.seq() ? b : a);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
                }
            });
        } else {
            TransactionSynchronizationManager.unbindResource(this);
        }
        TransactionSynchronizationManager.bindResource(this, end);
        boolean counted = checkpointEvery > 0 && end.seq() % checkpointEvery == 0;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                // Only the transaction's last event (a later one in it replaces `end` as the bound resource) or a counted one.
                AuditHead last = (AuditHead) TransactionSynchronizationManager.getResource(AuditLog.this);
                if (counted || (end.equals(last) && checkpointer.due(end))) {
                    writeCheckpoint(end);
                }
            }
        });
        return end.seq();
    }

    /** Enough for every other writer of a busy cluster to commit first; the append waits for each, it does not spin. */
    private static final int MAX_ATTEMPTS = 1_000;

    private final AtomicReference<AuditHead> lastCommitted = new AtomicReference<>();

    private AuditRow seal(AuditHead head, AuditEvent event, Instant at) {
        long seq = head.seq() + 1;
        AuditRow unsealed = new AuditRow(seq, at, event.org() == null ? null : event.org().value(), event.actor(), event.action(),
                event.subjectType(), event.subjectId(), head.mac(), null);
        String mac = AuditChain.mac(keys, unsealed);
        return new AuditRow(seq, at, unsealed.orgId(), unsealed.actor(), unsealed.action(), unsealed.subjectType(), unsealed.subjectId(),
                head.mac(), mac);
    }

    /** The background timer's work: a checkpoint of the end this node last committed, if one is due. */
    void checkpointIfDue() {
        AuditHead end = lastCommitted.get();
        if (end != null && checkpointer.due(end)) {
            writeCheckpoint(end);
        }
    }

    /** On shutdown: a checkpoint of the end this node last committed, if no checkpoint covers it yet. */
    @Override
    public void destroy() {
        timer.shutdownNow();
        AuditHead end = lastCommitted.get();
        if (end != null) {
            writeCheckpoint(end);
        }
    }

    private void writeCheckpoint(AuditHead end) {
        try {
            checkpointer.writeIfNewer(end);
        } catch (RuntimeException e) {
            // Never fail a committed transaction's caller: the change and its event are in.
            LOG.warn("audit checkpoint at sequence number {} not written: {}", end.seq(), e.getClass().getSimpleName());
        }
    }
}
