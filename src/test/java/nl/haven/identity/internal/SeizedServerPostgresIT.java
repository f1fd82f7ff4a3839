package nl.haven.identity.internal;

import nl.haven.persistence.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link SeizedServerIT} on PostgreSQL, in a schema of its own: the copy is a {@code pg_dump} of the schema (scanned for
 * canaries) and the database itself, which the fresh process reads. Skipped loudly without a server; a failure with
 * {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
class SeizedServerPostgresIT extends SeizedServerIT {
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_seized");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }

    @Override
    PostgresSchema postgres() {
        return POSTGRES;
    }
}
