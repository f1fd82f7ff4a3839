package nl.haven.protection.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which organisations' keys the current thread holds, and how many times (ADR 0006 step 4): the capability that
 * {@link KeyManagement} checks before it hands out a case key, cached or not. Filled only through
 * {@code nl.haven.protection.OpenedKeys}, which is closed on the thread that opened it.
 */
public final class HeldKeys {
    private static final ThreadLocal<Map<UUID, Integer>> HELD = new ThreadLocal<>();

    private HeldKeys() {
    }

    public static void add(UUID org) {
        Map<UUID, Integer> held = HELD.get();
        if (held == null) {
            held = new HashMap<>();
            HELD.set(held);
        }
        held.merge(org, 1, Integer::sum);
    }

    public static void remove(UUID org) {
        Map<UUID, Integer> held = HELD.get();
        if (held == null) {
            return;
        }
        held.computeIfPresent(org, (o, n) -> n == 1 ? null : n - 1);
        if (held.isEmpty()) {
            HELD.remove(); // nothing left: no map stays behind on a pooled thread
        }
    }

    public static boolean holds(UUID org) {
        Map<UUID, Integer> held = HELD.get();
        return held != null && held.containsKey(org);
    }
}
