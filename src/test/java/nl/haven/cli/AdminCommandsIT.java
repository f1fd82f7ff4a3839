package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administration commands as a person runs them: real processes on one data directory. */
class AdminCommandsIT {

    record Result(int exit, String output) {
    }

    static Result haven(Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "nl.haven.cli.HavenCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HAVEN_DATA_DIR", data.toString());
        builder.environment().remove("HAVEN_DB_URL");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void auditVerifyBackupAndKeyRotationOnAFreshDataDirectory(@TempDir Path data) throws Exception {
        Result verify = haven(data, "audit", "verify");
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("OK: 0 events verified").doesNotContain("Haven has no organisation yet");

        Result rotate = haven(data, "keys", "rotate");
        assertThat(rotate.exit()).as(rotate.output()).isZero();
        assertThat(rotate.output()).contains("Rotated: 0 organisation key(s), 0 case key(s) re-wrapped");

        Path backup = data.resolve("backup.zip");
        Result create = haven(data, "backup", "create", "--out", backup.toString());
        assertThat(create.exit()).as(create.output()).isZero();
        assertThat(create.output()).contains("Backed up").contains("schema version");
        assertThat(Files.size(backup)).isPositive();

        Result again = haven(data, "backup", "create", "--out", backup.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.output().strip()).endsWith("exists already: choose a new name").doesNotContain("\tat ");

        Result notABackup = haven(data, "backup", "restore", "--in", data.resolve("keys/master.json").toString());
        assertThat(notABackup.exit()).isEqualTo(2);
        assertThat(notABackup.output()).contains("is not a Haven backup");
    }
}
