package nl.haven.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import nl.haven.shared.AuditKeys;
import org.springframework.stereotype.Component;

/** Signs checkpoints and keeps them in the checkpoint file. */
@Component
class Checkpointer {
    private final CheckpointFile file;
    private final AuditKeys keys;
    private final Clock clock;

    Checkpointer(AuditSettings settings, AuditKeys keys, Clock clock) {
        this.file = new CheckpointFile(settings.checkpointFile());
        this.keys = keys;
        this.clock = clock;
    }

    /** Signs "the chain ended at this head now" and appends it to the file. */
    Checkpoint write(AuditHead head) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String signature = Base64.getEncoder().encodeToString(keys.sign(AuditChain.checkpointBytes(head.seq(), head.mac(), at)));
        Checkpoint checkpoint = new Checkpoint(head.seq(), head.mac(), at, signature);
        file.append(checkpoint);
        return checkpoint;
    }

    CheckpointFile.Contents read() {
        return file.read();
    }
}
