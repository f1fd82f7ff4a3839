package nl.haven.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Counts events per visitor bucket in fixed windows of one hour, in this node's memory only. A bucket is an HMAC of the
 * client address under a key that is never stored ({@code RequesterSecrets.bucket}); this class never sees an address.
 * At most {@value #MAX_BUCKETS} buckets are kept (the least recently used go first), so a flood of addresses cannot
 * grow memory without bound.
 */
final class Throttle {
    static final int MAX_BUCKETS = 100_000;
    static final Duration WINDOW = Duration.ofHours(1);

    private final int limit;
    private final Clock clock;
    private final Cache<String, Window> windows;

    private static final class Window {
        final Instant start;
        int count;

        Window(Instant start) {
            this.start = start;
        }
    }

    Throttle(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(MAX_BUCKETS).expireAfterWrite(WINDOW).build();
    }

    /** Seconds until the bucket may try again, when it has used up its {@code limit} in the current window. */
    OptionalLong retryAfter(byte[] bucket) {
        if (limit <= 0) {
            return OptionalLong.empty();
        }
        Window window = windows.getIfPresent(HexFormat.of().formatHex(bucket));
        if (window == null) {
            return OptionalLong.empty();
        }
        synchronized (window) {
            Instant end = window.start.plus(WINDOW);
            Instant now = clock.instant();
            if (window.count < limit || !now.isBefore(end)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, Duration.between(now, end).toSeconds() + 1));
        }
    }

    /** Counts one event of the bucket. */
    void count(byte[] bucket) {
        if (limit <= 0) {
            return;
        }
        Instant now = clock.instant();
        Window window = windows.asMap().compute(HexFormat.of().formatHex(bucket),
                (key, old) -> old == null || !now.isBefore(old.start.plus(WINDOW)) ? new Window(now) : old);
        synchronized (window) {
            window.count++;
        }
    }

    @Override
    public String toString() {
        return "Throttle[" + limit + " per " + WINDOW + "]";
    }
}
