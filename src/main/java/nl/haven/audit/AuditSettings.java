package nl.haven.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkpointFile where signed checkpoints are appended (JSON lines, each chained to the one before); outside the
 *        database, and best also copied off the machine (the witness directory)
 * @param checkpointEvery also write a checkpoint after every this many events (0: by time, shutdown and on demand only)
 * @param checkpointInterval write a checkpoint at least this often while events arrive ({@code HAVEN_AUDIT_CHECKPOINT_INTERVAL});
 *        the events after the newest checkpoint are the window in which a cut tail goes unnoticed
 * @param witnessDir a directory on another disk or host ({@code HAVEN_AUDIT_WITNESS_DIR}) that gets a copy of every
 *        checkpoint line; {@code haven audit verify} compares the two. Empty: no witness copy
 */
@ConfigurationProperties("haven.audit")
public record AuditSettings(Path checkpointFile, @DefaultValue("1000") int checkpointEvery, @DefaultValue("60s") Duration checkpointInterval,
        @DefaultValue("") String witnessDir) {
    public AuditSettings {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("haven.audit.checkpoint-every must be 0 (only by time and on demand) or more");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("haven.audit.checkpoint-interval (HAVEN_AUDIT_CHECKPOINT_INTERVAL) must be positive, e.g. 60s");
        }
        if (!witnessDir.isBlank() && checkpointFile != null
                && Path.of(witnessDir).toAbsolutePath().normalize().equals(checkpointFile.toAbsolutePath().normalize().getParent())) {
            throw new IllegalArgumentException("haven.audit.witness-dir (HAVEN_AUDIT_WITNESS_DIR) must not be the checkpoint file's own directory");
        }
    }

    /** The witness copy of the checkpoint file (same file name, in {@code witnessDir}), or null when none is configured. */
    public @Nullable Path witnessFile() {
        return witnessDir.isBlank() ? null : Path.of(witnessDir).toAbsolutePath().normalize().resolve(checkpointFile.getFileName());
    }
}
