package nl.haven.persistence;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The persistence contract on PostgreSQL, in a schema of its own that is dropped afterwards. Runs
 * when a server answers at {@code HAVEN_TEST_DB_URL} (default 127.0.0.1:5432, database test);
 * skipped loudly otherwise, and a failure when {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PostgresPersistenceIT extends PersistenceContract {

    static final String SCHEMA = "haven_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void requirePostgres() {
        TestPostgres.assumeAvailable();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, SCHEMA);
    }

    @AfterAll
    static void dropSchema() {
        TestPostgres.dropSchema(SCHEMA);
    }

    @Override
    String expectedDatabaseProduct() {
        return "PostgreSQL";
    }
}
