package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refuses a master key file that others can read, with a clear message and no stack trace. */
class KeyFileStartupIT {

    @Test
    void serveRefusesAMasterKeyOthersCanRead(@TempDir Path data) throws Exception {
        Path master = data.resolve("master.json");
        Files.writeString(master, "{}");
        Files.setPosixFilePermissions(master, PosixFilePermissions.fromString("rw-r--r--"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "nl.haven.cli.HavenCli", "serve", "--port", "0");
        builder.environment().put("HAVEN_DATA_DIR", data.toString());
        builder.environment().put("HAVEN_MASTER_KEY_FILE", master.toString());
        builder.environment().remove("HAVEN_DB_URL");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("Haven refuses to start: key file " + master).contains("chmod 600").doesNotContain("\tat ");
    }
}
