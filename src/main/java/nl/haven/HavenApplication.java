package nl.haven;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Haven: one modular Spring Boot application. The jar's entry point is the command line
 * ({@code nl.haven.cli.HavenCli}); its {@code serve} command starts this application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HavenApplication {

    /** The one clock; tests replace it to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Once the database is open (H2 has made its lock file, and on a first start its database file), and before
     * Haven says it is ready: H2's files in db/ owner-only, whatever the umask (issue #15).
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void dataDirectoryOwnerOnly(ApplicationReadyEvent ready) {
        String directory = ready.getApplicationContext().getEnvironment().getProperty(DataDirectory.PROPERTY);
        if (directory != null) {
            DataDirectory.tighten(Path.of(directory).resolve("db"));
        }
    }

}
