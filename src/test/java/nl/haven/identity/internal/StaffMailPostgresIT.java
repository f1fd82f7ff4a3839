package nl.haven.identity.internal;

import nl.haven.persistence.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The staff e-mail tests on PostgreSQL: the V21 tables, the counts' queries, the digest's claim and the upsert. */
// Closed after the class: left in the context cache, its scheduled work (session clean-up every minute) would run on
// against the schema PostgresSchema drops and log errors into the next test class (MalformedRequestsIT saw them).
@DirtiesContext
class StaffMailPostgresIT extends StaffMailIT {
    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_mail");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }
}
