package nl.haven.policy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken data set given with HAVEN_POLICY_DIR stops start-up with the loader's FILE:LINE messages. */
class BrokenPolicyStartupIT {

    @Test
    void brokenDataSetStopsStartupWithFileAndLineAndNoStackTrace(@TempDir Path data) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "nl.haven.cli.HavenCli", "serve", "--port", "0");
        builder.environment().put("HAVEN_POLICY_DIR", Path.of("src/test/resources/policy-fixtures/invalid").toAbsolutePath().toString());
        builder.environment().put("HAVEN_DATA_DIR", data.toString());
        builder.environment().remove("HAVEN_DB_URL");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("countries/RU.yaml:17: 'ru-contradiction' (NO_GROUP_POLICY) contradicts")
                .contains("safeguards.yaml:1: unknown schemaVersion '2'")
                .contains("haven: serve: the policy data set has errors")
                .doesNotContain("\tat ");
    }
}
