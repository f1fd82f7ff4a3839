package nl.haven.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The test PostgreSQL server: where it is, whether it is required, and a schema per test class. */
public final class TestPostgres {
    public static final String URL = envOr("HAVEN_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestPostgres() {
    }

    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static boolean required() {
        return "1".equals(System.getenv("HAVEN_REQUIRE_POSTGRES"));
    }

    /** Skips the calling test class loudly without a server; fails instead when PostgreSQL is required. */
    public static void assumeAvailable() {
        try (Connection connection = DriverManager.getConnection(URL)) {
            connection.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + URL.replaceAll("password=[^&]*", "password=***") + " (" + e.getSQLState() + ")";
            if (required()) {
                Assertions.fail(message + " and HAVEN_REQUIRE_POSTGRES=1");
            }
            System.err.println("POSTGRESQL TESTS SKIPPED: " + message + ". Set HAVEN_TEST_DB_URL or start a server; .ci/run does.");
            Assumptions.abort(message);
        }
    }

    public static void register(DynamicPropertyRegistry registry, String schema) {
        properties(schema).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The properties that point an application at its own schema (created by Flyway) on the test server. */
    public static Map<String, String> properties(String schema) {
        String separator = URL.contains("?") ? "&" : "?";
        return Map.of("spring.datasource.url", URL + separator + "currentSchema=" + schema, "spring.flyway.schemas", schema,
                "spring.flyway.create-schemas", "true");
    }

    public static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            // unreachable server: nothing was created
        }
    }
}
