package nl.haven.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import nl.haven.protection.RequesterSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed password log-ins per client, so that one client guessing passwords — one password against many accounts
 * (spraying) or many against one colleague's account — is slowed down whoever the accounts are. A client may fail
 * {@code haven.identity.login.client-free-failures} times; from then on it waits {@value #FIRST_WAIT_SECONDS} s
 * before its next attempt, twice as long after each further failure, at most an hour. A client that fails no more
 * for an hour is forgotten.
 *
 * <p>A client is a bucket: an HMAC of its address under a key held only in memory ({@link RequesterSecrets#bucket},
 * as the intake's throttle); no address is kept. Counted in this node's memory, like the intake's: behind a load
 * balancer each node counts its own share, and a restart forgets. At most {@value #MAX_BUCKETS} clients are kept.
 * (The intake's {@code Throttle} counts fixed windows and is private to the intake module; this one needs growing
 * delays, hence its own small class.)
 */
@Component
class LoginThrottle {
    static final int MAX_BUCKETS = 100_000;
    static final long FIRST_WAIT_SECONDS = 30;
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final RequesterSecrets secrets;
    private final Clock clock;
    private final int free;
    private final Cache<String, Failures> clients;

    private static final class Failures {
        int count;
        Instant last = Instant.EPOCH;
    }

    LoginThrottle(RequesterSecrets secrets, Clock clock, @Value("${haven.identity.login.client-free-failures:20}") int free) {
        this.secrets = secrets;
        this.clock = clock;
        this.free = free;
        this.clients = Caffeine.newBuilder().maximumSize(MAX_BUCKETS).expireAfterWrite(LONGEST_WAIT).build();
    }

    /** How long the client must still wait before its next log-in attempt; empty when it may try now. */
    Optional<Duration> wait(String clientAddress) {
        Failures failures = clients.getIfPresent(key(clientAddress));
        if (failures == null) {
            return Optional.empty();
        }
        synchronized (failures) {
            if (failures.count < free) {
                return Optional.empty();
            }
            Duration wait = growingWait(Duration.ofSeconds(FIRST_WAIT_SECONDS), failures.count - free, LONGEST_WAIT);
            Duration left = Duration.between(clock.instant(), failures.last.plus(wait));
            return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
        }
    }

    /**
     * {@code first}, twice as long for each failure beyond the free ones ({@code beyondFree}), at most {@code max}: the
     * wait of a client here and of an account ({@link UserStore#recordFailure}).
     */
    static Duration growingWait(Duration first, int beyondFree, Duration max) {
        Duration wait = first.multipliedBy(1L << Math.min(beyondFree, 30));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Counts a failed log-in of the client. */
    void failed(String clientAddress) {
        Failures failures = clients.asMap().compute(key(clientAddress), (key, old) -> old == null ? new Failures() : old);
        synchronized (failures) {
            failures.count++;
            failures.last = clock.instant();
        }
    }

    private String key(String clientAddress) {
        return HexFormat.of().formatHex(secrets.bucket(clientAddress));
    }

    @Override
    public String toString() {
        return "LoginThrottle[" + free + " free failures per client]";
    }
}
