package nl.haven.persistence;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own on the test PostgreSQL server ({@link TestPostgres}) for one test class, as a JUnit extension:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresSchema POSTGRES = new PostgresSchema("haven_it");
 *
 * &#64;DynamicPropertySource                      // a Spring test; an application started by hand takes POSTGRES.properties()
 * static void database(DynamicPropertyRegistry registry) {
 *     POSTGRES.register(registry);
 * }
 * </pre>
 *
 * Before the class (before its own {@code @BeforeAll} methods) it checks that the server answers: without one the class
 * is skipped loudly, or fails when {@code HAVEN_REQUIRE_POSTGRES=1}. Flyway creates the schema at the first start.
 * After the class (after its own {@code @AfterAll} methods, which stop what they started) the schema is dropped. The
 * field must be static.
 */
public final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {
    private final String name;

    /** A new schema name: the prefix and 12 random hex digits. */
    public PostgresSchema(String prefix) {
        this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public String name() {
        return name;
    }

    /** The properties that point an application at this schema (see {@link TestPostgres#properties}). */
    public Map<String, String> properties() {
        return TestPostgres.properties(name);
    }

    public void register(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, name);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestPostgres.assumeAvailable();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestPostgres.dropSchema(name);
    }

    @Override
    public String toString() {
        return "PostgresSchema[" + name + "]";
    }
}
