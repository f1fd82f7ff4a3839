package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCheckpointFileTests {
    @TempDir
    Path dir;

    @Test
    void appendedCheckpointsReadBackAndTheFileIsOwnerOnly() throws Exception {
        CheckpointFile file = new CheckpointFile(dir.resolve("audit/checkpoints.jsonl"));
        assertThat(file.read().checkpoints()).isEmpty();
        Checkpoint one = new Checkpoint(1_000, "ab".repeat(32), Instant.parse("2026-05-01T10:00:00.123Z"), "c2lnbmF0dXJl+/==");
        Checkpoint two = new Checkpoint(2_000, "cd".repeat(32), Instant.parse("2026-05-02T10:00:00Z"), "AAAA");
        file.append(one);
        file.append(two);
        CheckpointFile.Contents contents = file.read();
        assertThat(contents.checkpoints()).containsExactly(one, two);
        assertThat(contents.unreadable()).isEmpty();
        assertThat(Files.readAllLines(file.path())).first().asString()
                .isEqualTo("{\"seq\":1000,\"mac\":\"" + "ab".repeat(32) + "\",\"at\":\"2026-05-01T10:00:00.123Z\",\"signature\":\"c2lnbmF0dXJl+/==\"}");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        }
    }

    @Test
    void linesThatAreNotCheckpointsAreReportedByNumber() throws Exception {
        CheckpointFile file = new CheckpointFile(dir.resolve("checkpoints.jsonl"));
        file.append(new Checkpoint(1_000, "ab".repeat(32), Instant.parse("2026-05-01T10:00:00Z"), "AAAA"));
        Files.writeString(file.path(), "{\"seq\":\"x\"}\nnot json\n\n{\"seq\":5,\"mac\":\"a\",\"at\":\"yesterday\",\"signature\":\"s\"}\n",
                StandardOpenOption.APPEND);
        CheckpointFile.Contents contents = file.read();
        assertThat(contents.checkpoints()).hasSize(1);
        assertThat(contents.unreadable()).containsExactly("line 2 of the checkpoint file is not a checkpoint",
                "line 3 of the checkpoint file is not a checkpoint", "line 5 of the checkpoint file is not a checkpoint");
    }
}
