package nl.haven.protection;

import nl.haven.protection.internal.HeldKeys;
import nl.haven.shared.OrgId;

/**
 * An organisation's keys lent by a key holder's request to work that needs them on another thread (ADR 0006 C.9: the
 * policy review of open cases waits for a key holder, then runs beside the request that brought the keys). The loan
 * keeps the opened keys in this node's memory only, until it is closed; {@link #open} holds them on the calling thread
 * the way {@link OpenedKeys} does. Made by {@link Protection#lend}.
 */
public final class KeyLoan implements AutoCloseable {
    private final OrgId org;
    private final HeldKeys.Loan loan;

    KeyLoan(OrgId org, HeldKeys.Loan loan) {
        this.org = org;
        this.loan = loan;
    }

    public OrgId org() {
        return org;
    }

    /** The lent keys, held by the calling thread until the answer is closed (on that thread). */
    public OpenedKeys open() {
        loan.hold();
        return OpenedKeys.held(org);
    }

    /** Ends the loan: no later {@link #open}; what a thread opened before stays until it closes it. */
    @Override
    public void close() {
        loan.close();
    }

    @Override
    public String toString() {
        return "KeyLoan[" + org.value() + "]";
    }
}
