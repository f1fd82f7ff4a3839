package nl.haven.protection.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which organisations' keys the current thread holds, how many times, and — when a grant opened them — the
 * organisation's bundle (ADR 0006 steps 4 and 7): the capability that {@link KeyManagement} checks before it hands out a
 * case key, cached or not, and the keys it then unwraps the case key with. Filled through
 * {@code nl.haven.protection.OpenedKeys}, which is closed on the thread that opened it.
 */
public final class HeldKeys {
    private static final ThreadLocal<Map<UUID, Holding>> HELD = new ThreadLocal<>();

    private static final class Holding {
        int count;
        @Nullable KeyBundle bundle;
    }

    private HeldKeys() {
    }

    /** Held the legacy way: the master key still opens the organisation's keys (until the cut-over). */
    public static void add(UUID org) {
        holding(org).count++;
    }

    /** Held through a grant: the organisation's keys as the grant's bundle has them. */
    static void add(UUID org, KeyBundle bundle) {
        Holding holding = holding(org);
        holding.count++;
        holding.bundle = bundle;
    }

    private static Holding holding(UUID org) {
        Map<UUID, Holding> held = HELD.get();
        if (held == null) {
            held = new HashMap<>();
            HELD.set(held);
        }
        return held.computeIfAbsent(org, o -> new Holding());
    }

    public static void remove(UUID org) {
        Map<UUID, Holding> held = HELD.get();
        if (held == null) {
            return;
        }
        Holding holding = held.get(org);
        if (holding != null && --holding.count == 0) {
            held.remove(org);
        }
        if (held.isEmpty()) {
            HELD.remove(); // nothing left: no map stays behind on a pooled thread
        }
    }

    public static boolean holds(UUID org) {
        Map<UUID, Holding> held = HELD.get();
        return held != null && held.containsKey(org);
    }

    /**
     * The organisation's keys as this thread holds them, for a job on another thread (ADR 0006 C.9): the loan keeps a
     * reference to the bundle (in memory only) until it is closed. Held the legacy way, the loan is too.
     *
     * @throws IllegalStateException if this thread does not hold them
     */
    public static Loan lend(UUID org) {
        Map<UUID, Holding> held = HELD.get();
        Holding holding = held == null ? null : held.get(org);
        if (holding == null) {
            throw new IllegalStateException("this thread holds no keys of organisation " + org + " to lend");
        }
        return new Loan(org, holding.bundle);
    }

    /** A loan of the keys the legacy way (the master key opens them, until the cut-over), for a thread that holds none. */
    public static Loan lendLegacy(UUID org) {
        return new Loan(org, null);
    }

    /** Keys lent to a job: {@link #hold} on the job's thread (as often as it needs, each ended by {@link #remove}). */
    public static final class Loan {
        private final UUID org;
        /** Null for a loan the legacy way (until it is closed, when it is dropped). */
        private @Nullable KeyBundle bundle;
        private boolean closed;

        private Loan(UUID org, @Nullable KeyBundle bundle) {
            this.org = org;
            this.bundle = bundle;
        }

        public UUID org() {
            return org;
        }

        /** Adds the lent keys to the calling thread's holding. */
        public synchronized void hold() {
            if (closed) {
                throw new IllegalStateException("the keys lent for organisation " + org + " were given back");
            }
            KeyBundle lent = bundle;
            if (lent == null) {
                add(org);
            } else {
                add(org, lent);
            }
        }

        /** Gives the keys back: the loan forgets its reference; what a thread holds now stays until it removes it. */
        public synchronized void close() {
            closed = true;
            bundle = null;
        }

        @Override
        public String toString() {
            return "HeldKeys.Loan[" + org + (closed ? ", closed]" : "]");
        }
    }

    /** The bundle a grant gave this thread for the organisation, or null (not held, or held the legacy way). */
    static @Nullable KeyBundle bundle(UUID org) {
        Map<UUID, Holding> held = HELD.get();
        Holding holding = held == null ? null : held.get(org);
        return holding == null ? null : holding.bundle;
    }
}
