package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code haven serve --demo} as a real process on embedded H2: it prints the demo log-ins and the
 * address, serves the home page, and a second program can use the same database while it runs (H2's
 * auto-server mode, which the CLI's administration commands rely on).
 */
class ServeProcessIT {

    static final Pattern READY = Pattern.compile("Haven is ready on (http://localhost:\\d+)/");

    @Test
    void servesWithDemoDataAndSharesItsDatabaseWhileRunning(@TempDir Path data) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "nl.haven.cli.HavenCli", "serve", "--demo", "--port", "0");
        builder.environment().put("HAVEN_DATA_DIR", data.toString());
        builder.environment().remove("HAVEN_DB_URL");
        builder.redirectErrorStream(true);
        Process server = builder.start();
        try {
            List<String> output = new ArrayList<>();
            String base = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (base == null && (line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        base = ready.group(1);
                    }
                }
                assertThat(base).as("server output: %s", output).isNotNull();
                assertThat(String.join("\n", output)).contains("caseworker@trans-network.example").contains("demo-trans-network");

                HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.body()).contains("Haven");

                String url = "jdbc:h2:file:" + data.resolve("db/haven").toAbsolutePath() + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
                // The embedded database's password is in the keys directory (issue #15; it used to be empty).
                String password = Files.readString(data.resolve("keys/db-password")).strip();
                try (Connection connection = DriverManager.getConnection(url, "", password);
                        ResultSet rs = connection.createStatement().executeQuery("select count(*) from organisation")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(4);
                }
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
