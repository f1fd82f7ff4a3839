package nl.haven.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param checkpointFile where signed checkpoints are appended (JSON lines); outside the database, and
 *        best also copied off the machine (a second organisation, a DPO mailbox, WORM storage)
 * @param checkpointEvery write a checkpoint after every this many events (0: only on demand)
 */
@ConfigurationProperties("haven.audit")
public record AuditSettings(Path checkpointFile, @DefaultValue("1000") int checkpointEvery) {
    public AuditSettings {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("haven.audit.checkpoint-every must be 0 (only on demand) or more");
        }
    }
}
