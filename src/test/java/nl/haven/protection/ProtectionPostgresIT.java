package nl.haven.protection;

import java.util.UUID;
import nl.haven.persistence.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The protection tests, the canary test included, on PostgreSQL (a full scan of every table). */
class ProtectionPostgresIT extends ProtectionIT {
    static final String SCHEMA = "haven_prot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

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
}
