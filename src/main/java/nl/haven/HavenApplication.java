package nl.haven;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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

}
