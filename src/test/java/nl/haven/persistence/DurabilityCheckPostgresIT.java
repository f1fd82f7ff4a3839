package nl.haven.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import nl.haven.HavenApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** SECURITY.md S9: on PostgreSQL whose commits are not durable for Haven's connections, Haven refuses to start. */
class DurabilityCheckPostgresIT {

    @Test
    void startUpIsRefusedWhenSynchronousCommitIsOff() {
        TestPostgres.assumeAvailable();
        String schema = "durability_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestPostgres.URL + (TestPostgres.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&options=-c%20synchronous_commit%3Doff";
        SpringApplication app = new SpringApplication(HavenApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Throwable failure = null;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            app.run("--spring.datasource.url=" + url, "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true",
                    "--haven.data-dir=" + Path.of("target/test-data", schema).toAbsolutePath());
        } catch (Throwable e) {
            failure = e;
        } finally {
            System.setErr(err);
            System.setOut(out);
            TestPostgres.dropSchema(schema);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(failure).isNotNull();
        assertThat(log).contains("Haven refuses to start: PostgreSQL has synchronous_commit = off");
    }
}
