package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a module takes a multipart upload now, asked before any of its body is read. A module whose uploads each
 * cost much memory and CPU (the public intake holds every upload in memory, never on disk, and decodes and re-encodes
 * its pictures) implements it to bound how many it serves at once: a refused upload is answered 503 with
 * {@code Retry-After} through Haven's error page, and its body is never parsed (issue 15: three maximum-size uploads
 * at once exhausted the shipped 256 MB heap, with {@code OutOfMemoryError} and 500s).
 */
public interface UploadAdmission {

    /**
     * Empty to take the upload, in which case {@link #done} is called once it has been answered; otherwise how long the
     * client should wait before sending again (at least a second).
     */
    Optional<Duration> busyFor(HttpServletRequest request);

    /** The upload that {@link #busyFor} took has been answered (also when serving it failed). */
    void done(HttpServletRequest request);
}
