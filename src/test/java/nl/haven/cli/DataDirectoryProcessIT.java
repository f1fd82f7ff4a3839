package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15, point 3: the embedded database as another local user or a machine on the network would find it. The
 * real launcher runs under a umask of 000 (everything it creates would be world-readable and writable if Haven left it
 * to the umask); the data directory, db/ and every file under them must still be owner-only, H2's auto-server must
 * listen on the loopback interface only, and the database must have a password (kept in keys/) so that the lock
 * file's key alone opens nothing. A data directory that others can read is refused at start: exit 1 and one line.
 */
class DataDirectoryProcessIT {

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000 && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "nl.haven.cli.HavenCli"));
        command.addAll(List.of(args));
        return command;
    }

    static ProcessBuilder haven(Path data, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true);
        builder.environment().put("HAVEN_DATA_DIR", data.toString());
        builder.environment().remove("HAVEN_DB_URL");
        builder.environment().remove("HAVEN_DB_PASSWORD");
        return builder;
    }

    static String h2Url(Path data) {
        return "jdbc:h2:file:" + data.resolve("db/haven").toAbsolutePath() + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void underAUmaskOf000TheDataDirectoryStaysOwnerOnlyTheAutoServerListensOnLoopbackAndTheDatabaseHasAPassword(@TempDir Path tmp)
            throws Exception {
        Path data = tmp.resolve("data"); // Haven creates it
        Process server = haven(data, "serve", "--port", "0").start();
        try {
            List<String> output = new ArrayList<>();
            String base = null;
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (base == null && (line = lines.readLine()) != null) {
                output.add(line);
                Matcher ready = ServeProcessIT.READY.matcher(line);
                if (ready.find()) {
                    base = ready.group(1);
                }
            }
            assertThat(base).as("server output: %s", output).isNotNull();

            // Owner-only, whatever the umask: the directories 0700, every file 0600.
            List<String> notOwnerOnly = new ArrayList<>();
            try (Stream<Path> all = Files.walk(data)) {
                for (Path path : all.toList()) {
                    String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                    if (!mode(path).equals(expected)) {
                        notOwnerOnly.add(data.relativize(path) + " " + mode(path));
                    }
                }
            }
            assertThat(notOwnerOnly).as("paths under the data directory that others may use").isEmpty();

            // The auto-server: the address it wrote into the lock file is a loopback one ...
            Properties lock = new Properties();
            try (Reader reader = Files.newBufferedReader(data.resolve("db/haven.lock.db"), StandardCharsets.ISO_8859_1)) {
                lock.load(reader);
            }
            String address = lock.getProperty("server");
            assertThat(address).as("lock file: %s", lock.stringPropertyNames()).isNotNull();
            String host = address.substring(0, address.lastIndexOf(':'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            assertThat(InetAddress.getByName(host).isLoopbackAddress()).as("auto-server address %s", address).isTrue();
            // ... and it does not answer on this machine's other addresses.
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress other : Collections.list(nic.getInetAddresses())) {
                    if (other.isLoopbackAddress() || other.isLinkLocalAddress()) {
                        continue;
                    }
                    try (Socket socket = new Socket()) {
                        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other, port), 5_000))
                                .as("auto-server reachable on %s", other).isInstanceOf(ConnectException.class);
                    }
                }
            }

            // The database has a password, kept owner-only in keys/; the empty password of before opens nothing.
            assertThatThrownBy(() -> DriverManager.getConnection(h2Url(data), "", "").close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Wrong user name or password");
            Path passwordFile = data.resolve("keys/db-password");
            assertThat(mode(passwordFile)).isEqualTo("rw-------");
            try (Connection connection = DriverManager.getConnection(h2Url(data), "", Files.readString(passwordFile).strip());
                    ResultSet rs = connection.createStatement().executeQuery("select count(*) from organisation")) {
                assertThat(rs.next()).isTrue();
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aDataDirectoryOthersCanReadIsRefusedWithOneLine(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process process = haven(data, "serve", "--port", "0").start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.contains("Haven is ready on")) {
                    break; // started: the attack worked
                }
            }
        } finally {
            if (process.isAlive()) {
                process.destroy();
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).as("output: %s", output).isEqualTo(1);
        List<String> said = output.stream().filter(l -> !l.isBlank()).toList();
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).contains(data.toString()).contains("rwxr-xr-x").contains("chmod").doesNotContain("\tat ");
        assertThat(mode(data)).as("left as it was").isEqualTo("rwxr-xr-x");
    }

    @Test
    void aDatabaseMadeWithAnEmptyPasswordGetsARandomOneOnTheFirstStartOfThisVersion(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("db"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(data.resolve("db"), PosixFilePermissions.fromString("rwx------"));
        // The database as an earlier version left it: user "" with an empty password, and something in it (in a schema of
        // its own, which Flyway leaves alone).
        try (Connection connection = DriverManager.getConnection(h2Url(data).replace(";AUTO_SERVER=TRUE", ""), "", "")) {
            connection.createStatement().execute("create schema keep");
            connection.createStatement().execute("create table keep.earlier (id int)");
        }
        Process verify = haven(data, "audit", "verify").start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(output).isZero();

        assertThatThrownBy(() -> DriverManager.getConnection(h2Url(data), "", "").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("Wrong user name or password");
        String password = Files.readString(data.resolve("keys/db-password")).strip();
        try (Connection connection = DriverManager.getConnection(h2Url(data), "", password);
                ResultSet rs = connection.createStatement().executeQuery("select count(*) from keep.earlier")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
