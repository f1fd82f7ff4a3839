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

    /** The bundle a grant gave this thread for the organisation, or null (not held, or held the legacy way). */
    static @Nullable KeyBundle bundle(UUID org) {
        Map<UUID, Holding> held = HELD.get();
        Holding holding = held == null ? null : held.get(org);
        return holding == null ? null : holding.bundle;
    }
}
