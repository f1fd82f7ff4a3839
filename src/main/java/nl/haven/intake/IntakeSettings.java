package nl.haven.intake;

import java.time.Duration;
import nl.haven.web.UploadLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The public intake ({@code haven.intake.*}).
 *
 * @param maxFiles how many files one request may carry (default 5)
 * @param maxFileSize the largest single file (default 10 MB)
 * @param maxUploadSize all files of one request together (default 20 MB); the servlet container's multipart limits are
 *     derived from it (as {@link UploadLimits}, see {@code web.MultipartLimits}), and a larger request is refused before
 *     it is read
 * @param submissionsPerHour new requests accepted per visitor bucket and hour (default 20); 0 switches the limit off
 *     (benchmarks only)
 * @param followUpFailuresPerHour wrong codenames per bucket and hour before the follow-up page answers 429 (default 10)
 * @param idempotencyRetention how long the answer to a request with an Idempotency-Key is kept for retries (default 24 h)
 * @param quickExitUrl where the quick-exit button leads: a neutral site
 * @param maxPixels the most pixels one picture may declare (default 24 million, e.g. 6000 x 4000); a larger one is
 *     refused from its header, before it is decoded (at most {@link Uploads#MAX_PIXELS})
 * @param maxPixelsPerRequest the most pixels the pictures of one request may declare together (default 64 million)
 * @param concurrentDecodes how many requests may have their files decoded and re-encoded at once (default 2)
 * @param decodeWait how long a request waits for such a slot before it is asked to send again (503; default 2 s)
 * @param concurrentUploads how many uploads to the intake form and the follow-up page are received at once (each is
 *     held in memory, never on disk); 0, the default, derives it from the heap: one per 8 × max-upload-size of maximum
 *     heap, at least one (one with the launcher's 256 MB); see {@link UploadsInFlight}
 */
@ConfigurationProperties("haven.intake")
public record IntakeSettings(@DefaultValue("5") int maxFiles, @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("20MB") DataSize maxUploadSize, @DefaultValue("20") int submissionsPerHour,
        @DefaultValue("10") int followUpFailuresPerHour, @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("https://www.google.com/") String quickExitUrl,
        // issue #15 point 7: what decoding pictures may cost
        @DefaultValue("24000000") long maxPixels, @DefaultValue("64000000") long maxPixelsPerRequest, @DefaultValue("2") int concurrentDecodes,
        @DefaultValue("2s") Duration decodeWait, @DefaultValue("0") int concurrentUploads) implements UploadLimits {

    public IntakeSettings {
        if (maxFiles < 0 || maxFiles > 20) {
            throw new IllegalArgumentException("haven.intake.max-files is " + maxFiles + "; expected 0 to 20");
        }
        if (maxFileSize.toBytes() < 1 || maxUploadSize.toBytes() < maxFileSize.toBytes()) {
            throw new IllegalArgumentException("haven.intake.max-upload-size (" + maxUploadSize + ") must be at least haven.intake.max-file-size ("
                    + maxFileSize + ")");
        }
        if (submissionsPerHour < 0 || followUpFailuresPerHour < 1) {
            throw new IllegalArgumentException("haven.intake.submissions-per-hour must be 0 or more and follow-up-failures-per-hour 1 or more");
        }
        if (maxPixels < 1 || maxPixels > Uploads.MAX_PIXELS || maxPixelsPerRequest < maxPixels) {
            throw new IllegalArgumentException("haven.intake.max-pixels is " + maxPixels + " and max-pixels-per-request " + maxPixelsPerRequest
                    + "; expected 1 <= max-pixels <= " + Uploads.MAX_PIXELS + " and max-pixels-per-request >= max-pixels");
        }
        if (concurrentDecodes < 1 || decodeWait.isNegative()) {
            throw new IllegalArgumentException("haven.intake.concurrent-decodes is " + concurrentDecodes + " and decode-wait " + decodeWait
                    + "; expected at least 1 and a duration of 0 or more");
        }
        if (concurrentUploads < 0) {
            throw new IllegalArgumentException("haven.intake.concurrent-uploads is " + concurrentUploads
                    + "; expected 0 (derived from the heap) or more");
        }
        if (!quickExitUrl.startsWith("https://")) {
            throw new IllegalArgumentException("haven.intake.quick-exit-url must be an https:// address of a neutral site");
        }
    }

    /** How many public uploads are received at once: the setting, or one per 8 × max-upload-size of {@code maxHeap}. */
    int uploadsAtOnce(long maxHeap) {
        return concurrentUploads > 0 ? concurrentUploads : (int) Math.max(1, Math.min(64, maxHeap / (8 * maxUploadSize.toBytes())));
    }

    /** The container accepts one part as large as all files together; the intake checks each file itself. */
    @Override
    public DataSize largestUploadPart() {
        return maxUploadSize;
    }

    /** All files and the form's text fields and framing beside them. */
    @Override
    public DataSize largestUploadRequest() {
        return DataSize.ofBytes(IntakeConfig.maxRequest(this));
    }

    @Override
    public String uploadLimitProperty() {
        return "haven.intake.max-upload-size";
    }

    /** Megabytes, rounded down, for messages. */
    long maxFileMegabytes() {
        return maxFileSize.toMegabytes();
    }

    long maxUploadMegabytes() {
        return maxUploadSize.toMegabytes();
    }
}
