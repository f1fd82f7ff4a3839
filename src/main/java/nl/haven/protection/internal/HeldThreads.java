package nl.haven.protection.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The thread keys the current thread opened with a requester's secret (ADR 0006 C.6), by organisation and case; filled
 * and emptied through {@code nl.haven.protection.OpenedThread}. A thread key opens only that case's messages.
 */
public final class HeldThreads {
    private static final ThreadLocal<Map<UUID, Held>> HELD = new ThreadLocal<>();

    private record Held(UUID org, ThreadKey key) {
    }

    private HeldThreads() {
    }

    static void add(UUID org, UUID caseId, ThreadKey key) {
        Map<UUID, Held> held = HELD.get();
        if (held == null) {
            held = new HashMap<>();
            HELD.set(held);
        }
        held.put(caseId, new Held(org, key));
    }

    public static void remove(UUID caseId) {
        Map<UUID, Held> held = HELD.get();
        if (held == null) {
            return;
        }
        held.remove(caseId);
        if (held.isEmpty()) {
            HELD.remove(); // nothing left behind on a pooled thread
        }
    }

    static @Nullable ThreadKey of(UUID org, UUID caseId) {
        Map<UUID, Held> held = HELD.get();
        Held found = held == null ? null : held.get(caseId);
        return found != null && found.org().equals(org) ? found.key() : null;
    }
}
