package nl.haven.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import nl.haven.web.UploadAdmission;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many uploads to the intake form and the follow-up page are received at once ({@code haven.intake.concurrent-uploads};
 * by default one per 8 × {@code max-upload-size} of heap). An upload is held in memory, never on disk (SECURITY.md S3,
 * {@code web.MultipartLimits}), then copied, decoded, re-encoded and encrypted: a maximum-size request needs about
 * 100 MB of heap at its peak. The decode slots ({@link UploadSlots}) bound only the decoding, after the whole body has
 * been read, so three maximum-size uploads at once exhausted the launcher's 256 MB heap ({@code OutOfMemoryError},
 * 500s, and the staff pages' p99 at 1.8 s; issue 15, benchmarks/RESULTS.md "Resilience"). Here an upload is taken only
 * with a free place, waiting at most {@code haven.intake.decode-wait}; otherwise it is refused before its body is
 * parsed (503 with {@code Retry-After}, Haven's error page, through {@link UploadAdmission}). A form without files (a
 * small body) needs no place.
 */
@Component
class UploadsInFlight implements UploadAdmission {
    /** A multipart body at most this large is the text of a form, with small files at most: it needs no place. */
    static final long SMALL_BODY = 64 * 1024;
    private static final String TAKEN = UploadsInFlight.class.getName() + ".taken";

    private final Semaphore places;
    private final int size;
    private final Duration wait;

    @Autowired
    UploadsInFlight(IntakeSettings settings) {
        this(settings.uploadsAtOnce(Runtime.getRuntime().maxMemory()), settings.decodeWait());
    }

    UploadsInFlight(int places, Duration wait) {
        this.places = new Semaphore(places, true);
        this.size = places;
        this.wait = wait;
    }

    /** A POST to the intake form or the follow-up page: the public's uploads. */
    static boolean publicUpload(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && (path.startsWith("/intake/") || path.equals("/follow-up"));
    }

    @Override
    public Optional<Duration> busyFor(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (!publicUpload(request) || (length >= 0 && length <= SMALL_BODY)) {
            return Optional.empty();
        }
        boolean acquired;
        try {
            acquired = places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            return Optional.of(Duration.ofSeconds(IntakePages.BUSY_RETRY_SECONDS));
        }
        request.setAttribute(TAKEN, Boolean.TRUE);
        return Optional.empty();
    }

    @Override
    public void done(HttpServletRequest request) {
        if (request.getAttribute(TAKEN) != null) {
            request.removeAttribute(TAKEN);
            places.release();
        }
    }

    @Override
    public String toString() {
        return "UploadsInFlight[" + places.availablePermits() + " of " + size + " free]";
    }
}
