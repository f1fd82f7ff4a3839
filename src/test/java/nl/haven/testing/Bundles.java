package nl.haven.testing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The UI texts as the application reads them: the public bundle ({@code messages*.properties}) and the staff bundle
 * ({@code staff*.properties}), one file per language of the registry ({@code nl.haven.shared.Languages}).
 */
public final class Bundles {
    public static final Path RESOURCES = Path.of("src/main/resources");
    public static final String PUBLIC = "messages";
    public static final String STAFF = "staff";

    private Bundles() {
    }

    /** One file: {@code file("staff", "nl")} is staff_nl.properties; English is the file without a suffix. */
    public static Properties file(String basename, String language) {
        Properties properties = new Properties();
        Path path = path(basename, language);
        if (Files.exists(path)) {
            try (var in = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    public static Path path(String basename, String language) {
        return RESOURCES.resolve(basename + ("en".equals(language) ? "" : "_" + language) + ".properties");
    }

    /** Every text of a language, public and staff, without falling back to English. */
    public static Properties texts(String language) {
        Properties all = new Properties();
        all.putAll(file(PUBLIC, language));
        all.putAll(file(STAFF, language));
        return all;
    }

    /** A message source as {@code spring.messages.*} configures the application's. */
    public static ResourceBundleMessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(PUBLIC, STAFF);
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
