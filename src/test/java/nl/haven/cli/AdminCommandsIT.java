package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.policy.PolicyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administration commands as a person runs them: real processes on one data directory. */
class AdminCommandsIT {

    record Result(int exit, String output) {
    }

    static Result haven(Path data, String... args) throws Exception {
        return haven(data, null, args);
    }

    /** A command in a JVM of its own, with the launcher's quick-start flags (./haven: C1 only, the serial GC). */
    static Result haven(Path data, @org.jspecify.annotations.Nullable Path policyDir, String... args) throws Exception {
        return run(data, policyDir, "", args);
    }

    /** A command with {@code input} on its standard input. */
    static Result havenWithInput(Path data, String input, String... args) throws Exception {
        return run(data, null, input, args);
    }

    private static Result run(Path data, @org.jspecify.annotations.Nullable Path policyDir, String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "nl.haven.cli.HavenCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HAVEN_DATA_DIR", data.toString());
        builder.environment().remove("HAVEN_DB_URL");
        builder.environment().remove("HAVEN_POLICY_DIR");
        if (policyDir != null) {
            builder.environment().put("HAVEN_POLICY_DIR", policyDir.toString());
        }
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
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

    /** Issue #17: each data set a command runs with is recorded in the database; {@code policy changes} diffs consecutive ones. */
    @Test
    void policyChangesReadsTheRecordedVersionsFromTheDatabase(@TempDir Path data) throws Exception {
        Result first = haven(data, "policy", "changes");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("1 recorded version(s)").contains("2026-12-06  sha256:").contains("(current)");

        // A changed data set: the shipped one with another label and Egypt's EU listing from 1 July 2026.
        Path policy = data.resolve("policy-next");
        for (Map.Entry<String, String> file : PolicyFiles.shipped().byPath().entrySet()) {
            Path target = policy.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Files.writeString(policy.resolve("dataset.yaml"), "schemaVersion: 1\nlabel: \"2026-12-07\"\n");
        Path safe = policy.resolve("safe-countries.yaml");
        String text = Files.readString(safe);
        int at = text.indexOf("  - id: eu-safe-eg");
        Files.writeString(safe, text.substring(0, at) + text.substring(at).replaceFirst("validFrom: 2026-06-12", "validFrom: 2026-07-01"));

        Result second = haven(data, policy, "policy", "changes");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("2 recorded version(s)").contains("From 2026-12-06 to 2026-12-07")
                .contains("changed safe country listing eu-safe-eg (from 2026-07-01)").contains("validFrom: 2026-06-12 -> 2026-07-01");

        Result again = haven(data, policy, "policy", "changes", "--json");
        assertThat(again.exit()).isZero();
        assertThat(again.output()).contains("\"label\" : \"2026-12-07\"").contains("\"change\" : \"CHANGED\"");
        assertThat(again.output().split("\"hash\" :", -1)).hasSize(3); // still two versions
    }

    /** Issue #23: an organisation's recovery key is printed once; {@code keys recover} reads it from standard input only. */
    @Test
    void aRecoveryKeyIsPrintedOnceAndRecoverReadsItFromStandardInputAndRefusesWhatItCannotUse(@TempDir Path data) throws Exception {
        Result created = haven(data, "orgs", "create", "--name", "Recovery drill", "--slug", "recovery-drill");
        assertThat(created.exit()).as(created.output()).isZero();
        assertThat(created.output()).contains("Its recovery key (shown once)").containsPattern("([A-Z2-7]{4}-){12}[A-Z2-7]{4}");
        // A new one replaces it (the first was, say, lost before it was written down).
        Result made = haven(data, "keys", "recovery-key", "--org", "recovery-drill");
        assertThat(made.exit()).as(made.output()).isZero();
        Matcher key = Pattern.compile("([A-Z2-7]{4}-){12}[A-Z2-7]{4}").matcher(made.output());
        assertThat(key.find()).as(made.output()).isTrue();
        assertThat(made.output()).contains("shown once").contains("keep it where the server is not");

        Result nobody = havenWithInput(data, key.group() + "\n", "keys", "recover", "--org", "recovery-drill", "--to", "nobody@recovery.example");
        assertThat(nobody.exit()).isEqualTo(2);
        assertThat(nobody.output()).contains("no active COORDINATOR").doesNotContain(key.group()).doesNotContain("\tat ");
        Result unknown = havenWithInput(data, key.group() + "\n", "keys", "recover", "--org", "no-such-org", "--to", "nobody@recovery.example");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown organisation 'no-such-org'");
    }

    /**
     * Issue #23, ADR 0006 step 11: {@code keys seal} seals once (a second run has nothing to do), after which the server
     * refuses what needs the master key's copies — a key rotation, a recovery key made by the server for an organisation
     * with key holders — and an organisation made after the seal still gets its recovery key, from keys made for it then.
     */
    @Test
    void keysSealSealsOnceAndAfterItTheServerMakesNoKeysOfItsOwnButANewOrganisationStillGetsItsRecoveryKey(@TempDir Path data) throws Exception {
        Result created = haven(data, "orgs", "create", "--name", "Seal drill", "--slug", "seal-drill");
        assertThat(created.exit()).as(created.output()).isZero();

        Result sealed = haven(data, "keys", "seal");
        assertThat(sealed.exit()).as(sealed.output()).isZero();
        assertThat(sealed.output()).contains("Sealed: the keys of 1 organisation(s)").contains("Destroy older keys backups");
        Result again = haven(data, "keys", "seal");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("sealed already");

        Result rotate = haven(data, "keys", "rotate");
        assertThat(rotate.exit()).isEqualTo(2);
        assertThat(rotate.output()).contains("the installation is sealed").contains("--org SLUG").doesNotContain("\tat ");
        // One organisation's keys, with its recovery key on standard input (ADR 0006 C.10).
        Matcher key = Pattern.compile("([A-Z2-7]{4}-){12}[A-Z2-7]{4}").matcher(created.output());
        assertThat(key.find()).as(created.output()).isTrue();
        Result wrongKey = havenWithInput(data, "AAAA-AAAA\n", "keys", "rotate", "--org", "seal-drill");
        assertThat(wrongKey.exit()).as(wrongKey.output()).isEqualTo(2);
        assertThat(wrongKey.output()).contains("not the current recovery key of organisation 'seal-drill'").doesNotContain("\tat ");
        Result rotated = havenWithInput(data, key.group() + "\n", "keys", "rotate", "--org", "seal-drill");
        assertThat(rotated.exit()).as(rotated.output()).isZero();
        assertThat(rotated.output()).contains("Rotated: 1 organisation key(s), 0 case key(s) re-wrapped").doesNotContain(key.group());

        Result later = haven(data, "orgs", "create", "--name", "After the seal", "--slug", "after-seal");
        assertThat(later.exit()).as(later.output()).isZero();
        assertThat(later.output()).contains("Its recovery key (shown once)").containsPattern("([A-Z2-7]{4}-){12}[A-Z2-7]{4}");
        Result byServer = haven(data, "keys", "recovery-key", "--org", "after-seal");
        assertThat(byServer.exit()).as(byServer.output()).isEqualTo(2);
        assertThat(byServer.output()).contains("a key holder must").doesNotContain("\tat ");
    }
}
