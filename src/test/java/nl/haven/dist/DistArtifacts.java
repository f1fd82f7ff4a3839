package nl.haven.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.haven.persistence.TestPostgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The artifacts of {@code mvn -Pdist package} (the profile {@code dist} in pom.xml) in target/, for the tests that read
 * them. Without them (a build without -Pdist, or older than target/haven.jar) the test class is skipped loudly, or fails
 * when {@code HAVEN_REQUIRE_DIST=1} (.ci/run sets it), as {@code HAVEN_REQUIRE_POSTGRES} does for PostgreSQL.
 */
final class DistArtifacts {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path TARGET = PROJECT.resolve("target");

    private DistArtifacts() {
    }

    static boolean required() {
        return "1".equals(System.getenv("HAVEN_REQUIRE_DIST"));
    }

    /** The .deb in target/, built from the current target/haven.jar; skips or fails without one. */
    static Path deb() {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> debs = files.filter(file -> file.getFileName().toString().matches("haven_.*_all\\.deb")).toList();
            return fresh(debs.size() == 1 ? debs.get(0) : null, debs.size() > 1 ? "more than one .deb in target/: " + debs : "no target/haven_*_all.deb");
        } catch (IOException e) {
            return fresh(null, "no target/ (" + e + ")");
        }
    }

    /** The OCI image tarball of Jib in target/; skips or fails without one. */
    static Path imageTarball() {
        Path tar = TARGET.resolve("haven-image.tar");
        return fresh(Files.isRegularFile(tar) ? tar : null, "no target/haven-image.tar");
    }

    private static Path fresh(Path artifact, String missing) {
        String problem = null;
        if (artifact == null) {
            problem = missing;
        } else {
            Path jar = TARGET.resolve("haven.jar");
            try {
                if (Files.exists(jar) && Files.getLastModifiedTime(artifact).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                    problem = artifact.getFileName() + " is older than target/haven.jar (left from an earlier -Pdist build)";
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (problem == null) {
            return artifact;
        }
        if (required()) {
            Assertions.fail(problem + " and HAVEN_REQUIRE_DIST=1: build with mvn -Pdist");
        }
        System.err.println("DIST TESTS SKIPPED: " + problem + ". Build with mvn -Pdist verify; .ci/run does.");
        Assumptions.abort(problem);
        return artifact;
    }

    /**
     * A database of its own on the test PostgreSQL server ({@link TestPostgres#URL}, whose query gives the user and maybe
     * the password), for a packaged Haven started against it: {@code url} is what {@code HAVEN_DB_URL} takes (no query).
     */
    record OwnDatabase(String url, String user, String password) {
        /** Creates it empty on the test server, dropping what an earlier run left. */
        static OwnDatabase create(String name) throws SQLException {
            Matcher parts = Pattern.compile("^(jdbc:postgresql://[^/]+/)[^?]*(?:\\?(.*))?$").matcher(TestPostgres.URL);
            Assertions.assertTrue(parts.matches(), "not a jdbc:postgresql URL: HAVEN_TEST_DB_URL");
            Map<String, String> query = new LinkedHashMap<>();
            if (parts.group(2) != null) {
                for (String parameter : parts.group(2).split("&")) {
                    int equals = parameter.indexOf('=');
                    if (equals > 0) {
                        query.put(parameter.substring(0, equals), parameter.substring(equals + 1));
                    }
                }
            }
            execute(TestPostgres.URL, "drop database if exists " + name + " with (force)", "create database " + name);
            return new OwnDatabase(parts.group(1) + name, query.getOrDefault("user", "postgres"), query.getOrDefault("password", ""));
        }

        /** HAVEN_DB_URL, HAVEN_DB_USER and, when there is one, HAVEN_DB_PASSWORD. */
        Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>(Map.of("HAVEN_DB_URL", url, "HAVEN_DB_USER", user));
            if (!password.isEmpty()) {
                settings.put("HAVEN_DB_PASSWORD", password);
            }
            return settings;
        }

        Connection connect() throws SQLException {
            Properties credentials = new Properties();
            credentials.setProperty("user", user);
            if (!password.isEmpty()) {
                credentials.setProperty("password", password);
            }
            return DriverManager.getConnection(url, credentials);
        }

        /** Drops it (from the test server's own database: one cannot drop the database one is connected to). */
        void drop() throws SQLException {
            execute(TestPostgres.URL, "drop database if exists " + url.substring(url.lastIndexOf('/') + 1) + " with (force)");
        }

        private static void execute(String server, String... statements) throws SQLException {
            try (Connection connection = DriverManager.getConnection(server); Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** The JVM flags of the ./haven launcher in the source tree (its jvm_flags="..." line). */
    static String launcherJvmFlags(Path launcher) {
        try {
            Matcher flags = Pattern.compile("(?m)^jvm_flags=\"([^\"]*)\"$").matcher(Files.readString(launcher));
            Assertions.assertTrue(flags.find(), "no jvm_flags=\"...\" line in " + launcher);
            return flags.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end (at most two minutes) and returns its standard output; fails on a non-zero exit. */
    static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = readAll(process.getInputStream());
            Assertions.assertTrue(process.waitFor(2, TimeUnit.MINUTES), "still running: " + String.join(" ", command));
            Assertions.assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits up to 3 minutes for the started server's {@code /actuator/health} to answer 200 with status UP, while it
     * lives; fails with the server's output so far ({@code output}, filled by the caller's reader) when it does not.
     */
    static void awaitHealthy(Process server, int port, List<String> output) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        HttpResponse<String> answer = null;
        while (server.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                answer = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        synchronized (output) {
            assertThat(answer).as("no answer from /actuator/health; output:\n%s", String.join("\n", output)).isNotNull();
            assertThat(answer.statusCode()).as("output:\n%s", String.join("\n", output)).isEqualTo(200);
        }
        assertThat(answer.body()).contains("\"status\":\"UP\"");
    }
}
