package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The intake throttle's fixed one-hour windows, driven by a clock the test moves. */
class ThrottleTests {

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final byte[] visitor = "bucket-a".getBytes(StandardCharsets.UTF_8);
    final byte[] other = "bucket-b".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBucketMayActUpToItsLimitInOneWindow() {
        Throttle throttle = new Throttle(3, clock);

        assertThat(throttle.retryAfter(visitor)).isEmpty();
        throttle.count(visitor);
        throttle.count(visitor);
        assertThat(throttle.retryAfter(visitor)).as("two of three used").isEmpty();
        throttle.count(visitor);

        assertThat(throttle.retryAfter(visitor)).hasValue(3601);
    }

    @Test
    void theWaitIsTheRestOfTheWindowRoundedUp() {
        Throttle throttle = new Throttle(1, clock);
        throttle.count(visitor);

        clock.advance(Duration.ofMinutes(20));
        assertThat(throttle.retryAfter(visitor)).hasValue(40 * 60 + 1);

        clock.advance(Duration.ofMinutes(40).minusMillis(500));
        assertThat(throttle.retryAfter(visitor)).as("half a second left: never less than one second").hasValue(1);
    }

    @Test
    void theWindowIsFixedFromTheFirstEventNotSliding() {
        Throttle throttle = new Throttle(2, clock);
        throttle.count(visitor);
        clock.advance(Duration.ofMinutes(59));
        throttle.count(visitor);
        assertThat(throttle.retryAfter(visitor)).as("the window started an hour minus one minute ago").hasValue(61);

        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.retryAfter(visitor)).as("the window is over").isEmpty();

        throttle.count(visitor);
        assertThat(throttle.retryAfter(visitor)).as("a new window with one event").isEmpty();
        throttle.count(visitor);
        assertThat(throttle.retryAfter(visitor)).as("a full new window").hasValue(3601);
    }

    @Test
    void bucketsAreCountedApart() {
        Throttle throttle = new Throttle(1, clock);
        throttle.count(visitor);

        assertThat(throttle.retryAfter(visitor)).isPresent();
        assertThat(throttle.retryAfter(other)).isEmpty();
        assertThat(throttle.retryAfter("bucket-a".getBytes(StandardCharsets.UTF_8))).as("the same bytes are the same bucket").isPresent();
    }

    @Test
    void aLimitOfZeroOrLessThrottlesNothing() {
        for (int limit : new int[] { 0, -1 }) {
            Throttle throttle = new Throttle(limit, clock);
            for (int i = 0; i < 50; i++) {
                throttle.count(visitor);
            }
            assertThat(throttle.retryAfter(visitor)).isEmpty();
        }
    }

    @Test
    void itsTextShowsTheLimitAndNoBucket() {
        Throttle throttle = new Throttle(5, clock);
        throttle.count(visitor);
        assertThat(throttle).hasToString("Throttle[5 per PT1H]");
    }
}
