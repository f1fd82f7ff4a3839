package nl.haven;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Pins {@code haven.data-dir} ({@code HAVEN_DATA_DIR}) to one absolute path before anything reads it:
 * H2 refuses implicitly relative file paths, and a value with {@code ${random.uuid}} must resolve
 * once, not once per reader.
 */
class DataDirectory implements EnvironmentPostProcessor, Ordered {
    static final String PROPERTY = "haven.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY, "./data");
        String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
        environment.getPropertySources().addFirst(new MapPropertySource("havenDataDirectory", Map.of(PROPERTY, absolute)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
