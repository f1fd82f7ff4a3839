package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V33 (issue #23, ADR 0006 C.9) carries a policy-impact run cut short before it (a crash mid-run) over to the cursors
 * per organisation: the organisations before the old cursor are done, the one at it goes on after its last case, the
 * ones after it start from their first case — in the order the old cursor took them, the database's order of ids.
 */
public class PolicyImpactMigrationTests {

    @Test
    void aRunCutShortBeforeV33GoesOnWhereItStoppedPerOrganisation() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:v33-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        carriesOver(data, () -> Flyway.configure().dataSource(data).locations("classpath:db/migration"));
    }

    /** The check on any database: {@code flyway} gives a configuration for it (the target is set here). */
    public static void carriesOver(DataSource data, Supplier<FluentConfiguration> flyway) {
        flyway.get().target("32").load().migrate();
        JdbcClient db = JdbcClient.create(data);
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 6, 10, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 3; i++) {
            db.sql("insert into organisation (id, slug, name, created_at) values (?, ?, ?, ?)").params(UUID.randomUUID(), "org-" + i, "Org " + i, at)
                    .update();
        }
        List<UUID> orgs = new ArrayList<>(db.sql("select id from organisation order by id").query(UUID.class).list());
        UUID lastCase = UUID.randomUUID();
        db.sql("insert into policy_impact_run (run_key, kind, on_date, old_version, new_version, started_at, last_org_id, last_case_id, cases_seen, "
                + "cases_changed) values ('version:cut', 'VERSION', ?, 'a', 'b', ?, ?, ?, 7, 2)").params(at.toLocalDate(), at, orgs.get(1), lastCase).update();
        db.sql("insert into policy_impact_run (run_key, kind, on_date, old_version, new_version, started_at, finished_at, cases_seen, cases_changed) "
                + "values ('version:done', 'VERSION', ?, 'a', 'b', ?, ?, 9, 3)").params(at.toLocalDate(), at, at).update();

        flyway.get().target("33").load().migrate();

        record Cursor(UUID org, UUID lastCase, boolean finished) {
        }
        List<Cursor> cursors = db.sql("select org_id, last_case_id, finished_at from policy_impact_org where run_key = 'version:cut'")
                .query((rs, n) -> new Cursor(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class) != null))
                .list();
        assertThat(cursors).containsExactlyInAnyOrder(new Cursor(orgs.get(0), null, true), new Cursor(orgs.get(1), lastCase, false));
        assertThat(db.sql("select count(*) from policy_impact_org where run_key = 'version:done'").query(Long.class).single())
                .as("a finished run needs no cursor").isZero();
    }
}
