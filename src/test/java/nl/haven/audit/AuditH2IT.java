package nl.haven.audit;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The audit log on the embedded default, H2 in PostgreSQL mode (no trigger: nothing to switch off for tampering). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { AuditLogContract.CHECKPOINT_EVERY_100,
        AuditLogContract.NO_TIMED_CHECKPOINTS })
@Import(TestAuditKeys.Config.class)
class AuditH2IT extends AuditLogContract {

    @Override
    protected void allowTampering(boolean allowed) {
        // H2 has no append-only trigger: plain SQL already changes and deletes audit rows
    }
}
