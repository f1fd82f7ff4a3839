package nl.haven.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.haven.audit.AuditLogContract;
import nl.haven.audit.TestAuditKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit log on PostgreSQL, in a schema of its own: the same contract as on H2, plus the
 * append-only trigger. Tampering tests switch the trigger off as a superuser attacker would.
 */
// Closed after the class: left in the context cache, its scheduled work (session clean-up every minute) would run on
// against the schema PostgresSchema drops and log errors into the next test class (MalformedRequestsIT saw them).
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { AuditLogContract.CHECKPOINT_EVERY_100,
        AuditLogContract.NO_TIMED_CHECKPOINTS })
@Import(TestAuditKeys.Config.class)
class AuditPostgresIT extends AuditLogContract {

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema("haven_audit_it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        POSTGRES.register(registry);
    }

    @Override
    protected void allowTampering(boolean allowed) {
        String state = allowed ? "disable" : "enable";
        jdbc.sql("alter table audit_event " + state + " trigger audit_event_no_update_or_delete").update();
        jdbc.sql("alter table audit_event " + state + " trigger audit_event_no_truncate").update();
    }

    @Test
    void theDatabaseIsPostgres() throws Exception {
        String product = jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName())
                .single();
        assertThat(product).isEqualTo("PostgreSQL");
    }

    @Test
    void updateDeleteAndTruncateOfAuditEventsAreRefusedByTheTrigger() {
        long seq = recordOne("case.read");
        assertThatThrownBy(() -> jdbc.sql("update audit_event set action = 'case.export' where seq = ?").param(seq).update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("audit_event is append-only: UPDATE refused");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where seq = ?").param(seq).update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("audit_event is append-only: DELETE refused");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("audit_event is append-only: TRUNCATE refused");
        assertThat(row(seq).action()).isEqualTo("case.read");
        assertThat(headSeq()).isEqualTo(seq);
    }
}
