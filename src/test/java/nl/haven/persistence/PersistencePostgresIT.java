package nl.haven.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The persistence contract on PostgreSQL, in a schema of its own that is dropped afterwards. Runs
 * when a server answers at {@code HAVEN_TEST_DB_URL} (default 127.0.0.1:5432, database test);
 * skipped loudly otherwise, and a failure when {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
// Closed after the class: left in the context cache, its scheduled work (session clean-up every minute) would run on
// against the schema PostgresSchema drops and log errors into the next test class (MalformedRequestsIT saw them).
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PersistencePostgresIT extends PersistenceContract {

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }

    @Override
    String expectedDatabaseProduct() {
        return "PostgreSQL";
    }
}
