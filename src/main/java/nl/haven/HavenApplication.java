package nl.haven;

import java.time.Clock;
import nl.haven.cli.HavenCli;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Haven: one modular Spring Boot application. {@link #main} is the command line; {@code serve}
 * starts the web application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HavenApplication {

    /** The one clock; tests replace it to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        System.exit(HavenCli.run(args));
    }
}
