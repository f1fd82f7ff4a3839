package nl.haven.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import nl.haven.shared.AuditKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs checkpoints and keeps them in the checkpoint file, and a copy of each line in the witness copy
 * ({@code haven.audit.witness-dir}) when one is configured. Knows when this process last wrote one, so that the audit
 * log can write the next at least every {@code haven.audit.checkpoint-interval} while events arrive.
 */
@Component
class Checkpointer {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final CheckpointFile file;
    private final @Nullable CheckpointFile witness;
    private final AuditKeys keys;
    private final Clock clock;
    private final Duration interval;
    /** The newest checkpoint in the file when this process started or wrote one: what "due" is measured from. */
    private @Nullable Checkpoint newest;

    Checkpointer(AuditSettings settings, AuditKeys keys, Clock clock) {
        this.file = new CheckpointFile(settings.checkpointFile());
        this.witness = settings.witnessFile() == null ? null : new CheckpointFile(settings.witnessFile());
        this.keys = keys;
        this.clock = clock;
        this.interval = settings.checkpointInterval();
        String last = file.lastLine();
        this.newest = last == null ? null : CheckpointFile.parse(last);
    }

    /** Signs "the chain ended at this head now", chained to the file's last line, and appends it (and its witness copy). */
    synchronized Checkpoint write(AuditHead head) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Checkpoint checkpoint = file.append(prev -> {
            String signature = Base64.getEncoder().encodeToString(keys.sign(AuditChain.checkpointBytes(head.seq(), head.mac(), at, prev)));
            return new Checkpoint(head.seq(), head.mac(), at, signature, prev);
        });
        newest = checkpoint;
        if (witness != null) {
            try {
                witness.appendLine(CheckpointFile.format(checkpoint));
            } catch (RuntimeException e) {
                // The checkpoint itself is written; the next verification reports the witness copy's missing line.
                LOG.warn("audit checkpoint at sequence number {} not copied to the witness directory: {}", head.seq(),
                        e.getClass().getSimpleName());
            }
        }
        return checkpoint;
    }

    /**
     * Whether a checkpoint of {@code end} is due now: {@code end} is beyond the newest checkpoint this process knows,
     * and that one is at least an interval old (or there is none).
     */
    synchronized boolean due(AuditHead end) {
        Checkpoint last = newest;
        if (last == null) {
            return true;
        }
        return end.seq() > last.seq() && !clock.instant().isBefore(last.at().plus(interval));
    }

    /** Writes a checkpoint of {@code end} unless one at or beyond it was written already (by another thread, say). */
    synchronized @Nullable Checkpoint writeIfNewer(AuditHead end) {
        Checkpoint last = newest;
        if (last != null && last.seq() >= end.seq()) {
            return null;
        }
        return write(end);
    }

    Duration interval() {
        return interval;
    }

    CheckpointFile.Contents read() {
        return file.read();
    }

    /** The witness copy as it is now, or null when none is configured. */
    CheckpointFile.@Nullable Contents readWitness() {
        return witness == null ? null : witness.read();
    }

    @Nullable Path witnessPath() {
        return witness == null ? null : witness.path();
    }

    Path path() {
        return file.path();
    }
}
