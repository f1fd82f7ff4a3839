package nl.haven.cases;

import nl.haven.persistence.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CaseUnreadIT} on PostgreSQL (V24's {@code case_read}, its upsert and the unread conditions), in a schema of
 * its own. Skipped loudly without a server; a failure with {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
// Closed after the class: its scheduled work would run on against the schema PostgresSchema drops.
@DirtiesContext
class CaseUnreadPostgresIT extends CaseUnreadIT {
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }
}
