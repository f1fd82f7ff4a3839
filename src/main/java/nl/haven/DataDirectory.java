package nl.haven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The data directory ({@code haven.data-dir}, {@code HAVEN_DATA_DIR}) and the embedded database in it.
 *
 * <ul>
 * <li>Pins {@code haven.data-dir} to one absolute path before anything reads it: H2 refuses implicitly relative file
 *     paths, and a value with {@code ${random.uuid}} must resolve once, not once per reader.</li>
 * <li>Owner-only whatever the umask (issue #15): the directory and {@code db/} are created 0700; one that others may
 *     read, write or enter is refused ({@link #check}, which the command line runs before anything starts, so that the
 *     refusal is one line and exit 1). H2's files in {@code db/} are made 0600 before the database opens and again once
 *     Haven is up ({@link #tighten}); files H2 makes later (a trace or temporary file) get the umask's mode, inside a
 *     0700 directory no one else can enter. Haven writes its other files owner-only itself (keys/, audit/); a file
 *     someone else put in the data directory is not changed (a key file others can read is refused, not repaired).</li>
 * <li>H2's auto-server (which lets the command line use the database while the server runs) listens on the loopback
 *     interface only: the system property {@code h2.bindAddress}, set before H2 is loaded. Without it the auto-server
 *     listens on every interface, with {@code -tcpAllowOthers}.</li>
 * <li>The embedded database has a random password, kept owner-only in {@code keys/db-password} ({@link #PASSWORD_FILE})
 *     and given to the data source; see {@link #embeddedPassword}. Not used when {@code HAVEN_DB_URL} names another
 *     database or {@code HAVEN_DB_PASSWORD} is set.</li>
 * </ul>
 */
public final class DataDirectory implements EnvironmentPostProcessor, Ordered {
    static final String PROPERTY = "haven.data-dir";
    /** Relative to the keys directory. */
    public static final String PASSWORD_FILE = "db-password";
    private static final String BIND_ADDRESS = "h2.bindAddress";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** A data directory Haven refuses; the message is the one line the command line prints. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY, "./data");
        Path directory = Path.of(configured).toAbsolutePath().normalize();
        Map<String, Object> pinned = new HashMap<>();
        pinned.put(PROPERTY, directory.toString());
        environment.getPropertySources().addFirst(new MapPropertySource("havenDataDirectory", pinned));
        loopbackOnly();
        prepare(directory);
        String url = environment.getProperty("spring.datasource.url", "");
        String password = environment.getProperty("spring.datasource.password", "");
        if (embedded(url) && password.isEmpty()) {
            Path keys = Path.of(environment.getProperty("haven.protection.keys-dir", directory.resolve("keys").toString()));
            pinned.put("spring.datasource.password", embeddedPassword(keys, url, environment.getProperty("spring.datasource.username", "")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** H2 reads {@code h2.bindAddress} once, when it is loaded: set it first thing (also in the command line's main). */
    public static void loopbackOnly() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
    }

    /**
     * The data directory as the command line finds it before Spring starts: {@code -Dhaven.data-dir}, else
     * {@code HAVEN_DATA_DIR}, else {@code ./data} (what application.properties says).
     */
    public static Path configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv("HAVEN_DATA_DIR");
        }
        if (value == null || value.isBlank()) {
            value = "./data";
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    /**
     * Creates the data directory and {@code db/} owner-only when missing, refuses them when others may use them
     * ({@link Refused}), and makes the files in them owner-only.
     */
    public static void prepare(Path directory) {
        check(directory);
        try {
            createOwnerOnly(directory);
            createOwnerOnly(directory.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException("the data directory " + directory + " cannot be created", e);
        }
        check(directory.resolve("db"));
        tighten(directory.resolve("db"));
    }

    /** Refuses a directory that exists and that anyone but its owner may read, write or enter. */
    public static void check(Path directory) {
        if (!POSIX || !Files.isDirectory(directory)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("the data directory " + directory + " cannot be read", e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new Refused("Haven refuses to start: the data directory " + directory + " is open to others ("
                    + PosixFilePermissions.toString(permissions) + "); allow only its owner: chmod -R go-rwx " + directory);
        }
    }

    /**
     * Makes every file under the directory 0600 and every directory 0700 (a file that disappears meanwhile is skipped).
     * For {@code db/}, whose files H2 creates with the umask's mode.
     */
    public static void tighten(Path directory) {
        if (!POSIX || !Files.isDirectory(directory)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> all = Files.walk(directory)) {
            paths = all.toList();
        } catch (IOException | UncheckedIOException e) {
            return; // something changed meanwhile: the next pass makes up for it, the directory itself is 0700
        }
        for (Path path : paths) {
            try {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                String wanted = Files.isDirectory(path) ? "rwx------" : "rw-------";
                Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(wanted);
                if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                    Files.setPosixFilePermissions(path, permissions);
                }
            } catch (IOException e) {
                // gone meanwhile (e.g. a temporary file of H2's), or not ours: nothing to tighten
            }
        }
    }

    private static void createOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(directory);
        }
    }

    static boolean embedded(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
    }

    /**
     * The embedded database's password, from {@code keys/db-password}. On the first start of this version the file is
     * made: a random password (32 bytes, hex), written to {@code db-password.new} first; a database that exists already
     * (made by an earlier version with an empty password) gets it with {@code SET PASSWORD}; then the file is moved into
     * place. A start that dies in between finds {@code db-password.new} and finishes the job, whichever of the two
     * passwords the database has by then. A new database is simply created with the password.
     */
    static String embeddedPassword(Path keys, String url, @Nullable String user) {
        Path file = keys.resolve(PASSWORD_FILE);
        Path pending = keys.resolve(PASSWORD_FILE + ".new");
        try {
            if (Files.exists(file)) {
                return readOwnerOnly(file);
            }
            createOwnerOnly(keys);
            String password;
            if (Files.exists(pending)) {
                password = readOwnerOnly(pending);
            } else {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                password = HexFormat.of().formatHex(random);
                writeOwnerOnly(pending, password);
            }
            setOnExistingDatabase(url, user == null ? "" : user, password);
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded database's password file " + file + " cannot be read or written", e);
        }
    }

    private static void setOnExistingDatabase(String url, String user, String password) {
        String existing = url + ";IFEXISTS=TRUE";
        try (Connection connection = DriverManager.getConnection(existing, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute("SET PASSWORD '" + password + "'"); // hex: nothing to escape
        } catch (SQLException e) {
            if (e.getErrorCode() == 90146) {
                return; // DATABASE_NOT_FOUND_WITH_IF_EXISTS_1: a new database, created with the password on first use
            }
            if (e.getErrorCode() == 28000) {
                // Wrong user name or password: a start before this one already set the password (and died before the move)?
                try (Connection connection = DriverManager.getConnection(existing, user, password)) {
                    return;
                } catch (SQLException again) {
                    throw new Refused("Haven refuses to start: the embedded database has a password that is neither empty nor the one in "
                            + "the keys directory; set HAVEN_DB_PASSWORD to it");
                }
            }
            throw new IllegalStateException("the embedded database cannot be opened to set its password (" + e.getSQLState() + ")", e);
        }
    }

    private static String readOwnerOnly(Path file) throws IOException {
        if (POSIX && Files.getPosixFilePermissions(file).stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new Refused("Haven refuses to start: key file " + file + " is readable or writable by others ("
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + "); allow only its owner: chmod 600 " + file);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (POSIX) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
