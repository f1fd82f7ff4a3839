package nl.haven.protection;

import nl.haven.persistence.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The protection tests, the canary test included, on PostgreSQL (a full scan of every table). */
class ProtectionPostgresIT extends ProtectionIT {
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_prot");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }
}
