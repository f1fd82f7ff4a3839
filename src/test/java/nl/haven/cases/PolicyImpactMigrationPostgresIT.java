package nl.haven.cases;

import java.util.UUID;
import nl.haven.cases.internal.PolicyImpactMigrationTests;
import nl.haven.persistence.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link PolicyImpactMigrationTests} on PostgreSQL (V33's carry-over compares organisation ids, whose order is the
 * database's own), in a schema of its own. Skipped loudly without a server; a failure with {@code HAVEN_REQUIRE_POSTGRES=1}.
 */
class PolicyImpactMigrationPostgresIT {
    private final String schema = "v33_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @AfterEach
    void drop() {
        TestPostgres.dropSchema(schema);
    }

    @Test
    void aRunCutShortBeforeV33GoesOnWhereItStoppedPerOrganisation() {
        TestPostgres.assumeAvailable();
        DriverManagerDataSource data = new DriverManagerDataSource(TestPostgres.properties(schema).get("spring.datasource.url"));
        PolicyImpactMigrationTests.carriesOver(data, () -> Flyway.configure().dataSource(data).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql"));
    }
}
