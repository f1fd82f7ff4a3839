package nl.haven.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many uploads to the intake form and the follow-up page are received at once ({@code haven.intake.concurrent-uploads};
 * by default one per 8 × {@code max-upload-size} of heap). An upload is held in memory, never on disk (SECURITY.md S3,
 * {@code web.MultipartLimits}), then copied, decoded, re-encoded and encrypted: a maximum-size request needs about
 * 100 MB of heap at its peak. The decode slots ({@link UploadSlots}) bound only the decoding, after the whole body has
 * been read, so three maximum-size uploads at once exhausted the launcher's 256 MB heap ({@code OutOfMemoryError},
 * 500s, and the staff pages' p99 at 1.8 s; issue 15, benchmarks/RESULTS.md "Resilience"). The intake's request filter
 * ({@link IntakeConfig.RequestSizeFilter}) takes a place before the body is read, waiting at most
 * {@code haven.intake.decode-wait}, and otherwise refuses the upload unread (503 with {@code Retry-After}, Haven's
 * error page). A form without files (a small body) needs no place.
 */
@Component
class UploadsInFlight {
    /** A multipart body at most this large is the text of a form, with small files at most: it needs no place. */
    static final long SMALL_BODY = 64 * 1024;

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

    /** A multipart POST that may carry pictures: larger than a form's text, or of unknown length (chunked). */
    static boolean needsPlace(HttpServletRequest request) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        long length = request.getContentLengthLong();
        return "POST".equals(request.getMethod()) && type.startsWith("multipart/") && (length < 0 || length > SMALL_BODY);
    }

    /** Takes a place, waiting at most {@code decode-wait}; false when none became free. */
    boolean take() {
        try {
            return places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back a place that {@link #take} gave. */
    void release() {
        places.release();
    }

    @Override
    public String toString() {
        return "UploadsInFlight[" + places.availablePermits() + " of " + size + " free]";
    }
}
