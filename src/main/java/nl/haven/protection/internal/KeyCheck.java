package nl.haven.protection.internal;

import java.security.GeneralSecurityException;
import java.util.Optional;
import nl.haven.protection.ProtectionSettings;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At every start, before anything is written: the key files under {@code keys/} are the ones this database was written
 * with. The first start with a key file records its check value ({@code key_check}); every later start, on any node,
 * compares. A node whose key file differs — it made its own when a new version added a file and {@code keys/} was not
 * copied to it, an old copy, {@code keys/} restored without its key backup — stops with one line naming the file, instead
 * of sealing TOTP secrets, sessions or audit events that the other nodes cannot open (docs/deploy.md, "New key files").
 * The master key is checked already: another master key cannot open these files at all ({@link KeyRing}).
 */
@Component
@DependsOnDatabaseInitialization
class KeyCheck {

    KeyCheck(KeyRing ring, JdbcClient jdbc, ProtectionSettings settings) {
        for (String file : ring.checkedFiles()) {
            Optional<byte[]> stored = stored(jdbc, file);
            if (stored.isEmpty()) {
                try {
                    jdbc.sql("insert into key_check (key_file, check_value) values (?, ?)").params(file, ring.checkValue(file)).update();
                } catch (DuplicateKeyException anotherNodeFirst) {
                    // another node recorded its check value at the same moment: compared below like any other
                } catch (GeneralSecurityException e) {
                    throw new KeyFileException(settings.keysDir().resolve(file), "cannot make its check value: " + e.getClass().getSimpleName());
                }
                stored = stored(jdbc, file);
            }
            if (stored.isEmpty() || !ring.matches(file, stored.get())) {
                throw new KeyFileException(settings.keysDir().resolve(file), "is not the key this database was written with (a key "
                        + "this node made itself, or an old copy): copy keys/ from a node that starts, or restore keys-dir.tar together "
                        + "with its key backup (docs/deploy.md, \"The key files\")");
            }
        }
    }

    private static Optional<byte[]> stored(JdbcClient jdbc, String file) {
        return jdbc.sql("select check_value from key_check where key_file = ?").param(file).query(byte[].class).optional();
    }
}
