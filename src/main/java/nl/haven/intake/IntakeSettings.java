package nl.haven.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The public intake ({@code haven.intake.*}).
 *
 * @param maxFiles how many files one request may carry (default 5)
 * @param maxFileSize the largest single file (default 10 MB)
 * @param maxUploadSize all files of one request together (default 20 MB); the servlet container's multipart limits in
 *     application.properties must allow it, and a larger request is refused before it is read
 * @param submissionsPerHour new requests accepted per visitor bucket and hour (default 20); 0 switches the limit off
 *     (benchmarks only)
 * @param followUpFailuresPerHour wrong codenames per bucket and hour before the follow-up page answers 429 (default 10)
 * @param idempotencyRetention how long the answer to a request with an Idempotency-Key is kept for retries (default 24 h)
 * @param quickExitUrl where the quick-exit button leads: a neutral site
 */
@ConfigurationProperties("haven.intake")
public record IntakeSettings(@DefaultValue("5") int maxFiles, @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("20MB") DataSize maxUploadSize, @DefaultValue("20") int submissionsPerHour,
        @DefaultValue("10") int followUpFailuresPerHour, @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("https://www.google.com/") String quickExitUrl) {

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
        if (!quickExitUrl.startsWith("https://")) {
            throw new IllegalArgumentException("haven.intake.quick-exit-url must be an https:// address of a neutral site");
        }
    }

    /** Megabytes, rounded down, for messages. */
    long maxFileMegabytes() {
        return maxFileSize.toMegabytes();
    }

    long maxUploadMegabytes() {
        return maxUploadSize.toMegabytes();
    }
}
