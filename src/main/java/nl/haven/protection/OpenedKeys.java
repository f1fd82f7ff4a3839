package nl.haven.protection;

import nl.haven.protection.internal.HeldKeys;
import nl.haven.shared.OrgId;

/**
 * An organisation's keys, held by the thread that opened them until this is closed (ADR 0006 step 4): the capability
 * {@link Protection} checks before it uses a case key. Open with {@link Protection#open(OrgId)} in a
 * try-with-resources block and close it on the same thread; nested opens of one organisation are counted, so closing an
 * inner one leaves the outer one held.
 *
 * <p>Until the legacy opener goes (ADR 0006 step 11; {@code haven.protection.legacy-opener}, on by default), every
 * thread is treated as holding every organisation's keys, because the master key still opens them all; with it off,
 * only a thread inside an open {@code OpenedKeys} of the organisation gets its case keys.
 */
public final class OpenedKeys implements AutoCloseable {
    private final OrgId org;
    private final Thread owner;
    private boolean closed;

    private OpenedKeys(OrgId org) {
        this.org = org;
        this.owner = Thread.currentThread();
    }

    /** Opened the legacy way: the master key opens them (until the cut-over). */
    static OpenedKeys legacy(OrgId org) {
        HeldKeys.add(org.value());
        return new OpenedKeys(org);
    }

    /** Keys the protection module's internals have already added to this thread's holding (a grant's bundle). */
    static OpenedKeys held(OrgId org) {
        return new OpenedKeys(org);
    }

    public OrgId org() {
        return org;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the keys of organisation " + org.value() + " were opened on thread " + owner.getName()
                    + " and must be closed there");
        }
        closed = true;
        HeldKeys.remove(org.value());
    }

    @Override
    public String toString() {
        return "OpenedKeys[" + org.value() + (closed ? ", closed]" : "]");
    }
}
