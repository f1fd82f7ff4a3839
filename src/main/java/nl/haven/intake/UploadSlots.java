package nl.haven.intake;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * How many requests may have their files decoded and re-encoded at once ({@code haven.intake.concurrent-decodes}). A
 * picture costs seconds of CPU and four bytes of heap a pixel, a PDF its parsing: a handful of slots keeps a burst of
 * requests from taking every core and the heap (issue #15, point 7: 14 parallel requests held the CPU at 100 % for 110 s
 * with 6.5 GB RSS). A request waits at most {@code haven.intake.decode-wait} for a slot and is then asked to send again
 * (503 with Retry-After), rather than queueing without end. One slot serves all files of a request, one after the other.
 */
@Component
class UploadSlots {
    private final Semaphore slots;
    private final Duration wait;

    UploadSlots(IntakeSettings settings) {
        this.slots = new Semaphore(settings.concurrentDecodes(), true);
        this.wait = settings.decodeWait();
    }

    /** No slot became free in time. */
    static final class Busy extends Exception {
        Busy() {
            super("no slot to decode uploads", null, false, false);
        }
    }

    /** Runs {@code work} holding a slot. */
    <T> T within(Supplier<T> work) throws Busy {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        if (!acquired) {
            throw new Busy();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    @Override
    public String toString() {
        return "UploadSlots[" + slots.availablePermits() + " free]";
    }
}
