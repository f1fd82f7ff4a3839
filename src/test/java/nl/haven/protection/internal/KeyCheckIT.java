package nl.haven.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import nl.haven.protection.ProtectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The key files are checked against the database at every start (docs/deploy.md, "New key files"): a node that made a
 * key file of its own — as a second node does when a new version adds one and {@code keys/} was not copied to it —
 * refuses to start, naming the file; a node with the same files starts.
 */
@SpringBootTest
class KeyCheckIT {
    @Autowired
    KeyRing ring;
    @Autowired
    ProtectionSettings settings;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path otherNode;

    @Test
    void theStartRecordedACheckValueForEveryKeyFileAndTheyMatchThisNodesKeys() {
        List<String> recorded = jdbc.sql("select key_file from key_check order by key_file").query(String.class).list();
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(ring.checkedFiles());
        for (String file : ring.checkedFiles()) {
            byte[] stored = jdbc.sql("select check_value from key_check where key_file = ?").param(file).query(byte[].class).single();
            assertThat(ring.matches(file, stored)).as(file).isTrue();
        }
    }

    @Test
    void aNodeThatMadeAKeyFileOfItsOwnRefusesToStartNamingTheFile() throws IOException {
        ProtectionSettings copy = copyOfKeys();
        // The second node started the new version before keys/ was copied to it: it made its own staff-totp.json.
        Files.delete(copy.keysDir().resolve("staff-totp.json"));
        KeyRing ownKeys = new KeyRing(copy);

        assertThatThrownBy(() -> new KeyCheck(ownKeys, jdbc, copy)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("staff-totp.json").hasMessageContaining("is not the key this database was written with")
                .hasMessageContaining("copy keys/");
    }

    @Test
    void aNodeWithTheSameKeyFilesStartsAndAnEmptyRecordIsMadeAgain() throws IOException {
        ProtectionSettings copy = copyOfKeys();
        new KeyCheck(new KeyRing(copy), jdbc, copy);

        jdbc.sql("delete from key_check").update();
        new KeyCheck(ring, jdbc, settings);
        assertThat(jdbc.sql("select count(*) from key_check").query(Long.class).single()).isEqualTo(ring.checkedFiles().size());
        new KeyCheck(new KeyRing(copy), jdbc, copy);
    }

    private ProtectionSettings copyOfKeys() throws IOException {
        Path keys = otherNode.resolve("keys");
        Files.createDirectories(keys);
        try (Stream<Path> files = Files.list(settings.keysDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, keys.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path master = settings.masterKeyFile().startsWith(settings.keysDir()) ? keys.resolve(settings.keysDir().relativize(settings.masterKeyFile()))
                : copyMaster(keys);
        return new ProtectionSettings(master, keys, null, null);
    }

    private Path copyMaster(Path keys) throws IOException {
        Path master = keys.resolve("master-copy.json");
        Files.copy(settings.masterKeyFile(), master, StandardCopyOption.COPY_ATTRIBUTES);
        return master;
    }
}
