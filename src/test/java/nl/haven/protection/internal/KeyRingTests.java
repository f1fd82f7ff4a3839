package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import nl.haven.protection.ProtectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key: created owner-only on first start; refused when others may read it. */
class KeyRingTests {

    @Test
    void createsOwnerOnlyKeyFilesOnFirstStartAndReadsThemAgain(@TempDir Path dir) throws Exception {
        ProtectionSettings settings = new ProtectionSettings(dir.resolve("keys/master.json"), dir.resolve("keys"), null, null);
        KeyRing first = new KeyRing(settings);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/master.json")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys")))).isEqualTo("rwx------");
        assertThat(Files.readString(dir.resolve("keys/audit-mac.json"))).contains("encryptedKeyset");
        byte[] mac = first.auditMac("event".getBytes());
        assertThat(mac).hasSize(32);
        KeyRing again = new KeyRing(settings);
        assertThat(again.auditMac("event".getBytes())).isEqualTo(mac);
        byte[] signature = again.auditSign("checkpoint".getBytes());
        assertThat(first.auditVerify("checkpoint".getBytes(), signature)).isTrue();
        assertThat(first.auditVerify("checkpoinT".getBytes(), signature)).isFalse();
    }

    @Test
    void refusesAMasterKeyOthersCanRead(@TempDir Path dir) throws Exception {
        ProtectionSettings settings = new ProtectionSettings(dir.resolve("keys/master.json"), dir.resolve("keys"), null, null);
        new KeyRing(settings);
        String secret = Files.readString(dir.resolve("keys/master.json"));
        Files.setPosixFilePermissions(dir.resolve("keys/master.json"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new KeyRing(settings)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining(dir.resolve("keys/master.json").toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret.substring(secret.indexOf("value") + 8, secret.indexOf("value") + 30)));
    }

    @Test
    void aMasterKeyThatDoesNotFitTheOtherKeyFilesIsRefused(@TempDir Path dir) throws Exception {
        ProtectionSettings settings = new ProtectionSettings(dir.resolve("keys/master.json"), dir.resolve("keys"), null, null);
        new KeyRing(settings);
        Files.delete(dir.resolve("keys/master.json"));
        assertThatThrownBy(() -> new KeyRing(settings)).isInstanceOf(KeyFileException.class).hasMessageContaining("wrong master key");
    }
}
