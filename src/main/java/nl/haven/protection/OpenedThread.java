package nl.haven.protection;

import nl.haven.protection.internal.HeldThreads;
import nl.haven.shared.CaseId;

/**
 * A case's thread key opened with its requester's secret, held by the thread that opened it until this is closed
 * (ADR 0006 C.6): while it is held, that case's messages are read and written with it — and nothing else of the case is
 * opened. Use it in a try-with-resources block on one thread. A case without a thread key (opened before thread keys,
 * or by staff) opens nothing here: its messages stay under the case key.
 */
public final class OpenedThread implements AutoCloseable {
    private final CaseId caseId;
    private final Thread owner;
    private final boolean held;
    private boolean closed;

    OpenedThread(CaseId caseId, boolean held) {
        this.caseId = caseId;
        this.owner = Thread.currentThread();
        this.held = held;
    }

    /** Whether the case had a thread key that the secret opened. */
    public boolean held() {
        return held;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the thread key of case " + caseId.value() + " was opened on thread " + owner.getName()
                    + " and must be closed there");
        }
        closed = true;
        if (held) {
            HeldThreads.remove(caseId.value());
        }
    }

    @Override
    public String toString() {
        return "OpenedThread[" + caseId.value() + (closed ? ", closed]" : "]");
    }
}
