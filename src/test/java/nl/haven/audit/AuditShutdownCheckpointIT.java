package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import nl.haven.HavenApplication;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue #15, point 4: the events of a server's last minutes are covered by a checkpoint written when it stops, so
 * deleting them afterwards is found. Two application contexts, one after the other, on one data directory (with
 * its real keys), as a restart would be.
 */
class AuditShutdownCheckpointIT {

    static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE)
                .run("--haven.data-dir=" + data, "--haven.audit.checkpoint-interval=1h", "--logging.level.root=WARN");
    }

    @Test
    void theEventsSinceTheNewestCheckpointAreCheckpointedOnShutdown(@TempDir Path data) {
        OrgId org = OrgId.random();
        String user = AuditEvent.user(UserId.random());
        long last;
        try (ConfigurableApplicationContext running = start(data)) {
            AuditLog audit = running.getBean(AuditLog.class);
            TransactionTemplate tx = new TransactionTemplate(running.getBean(PlatformTransactionManager.class));
            long seq = 0;
            for (int i = 0; i < 4; i++) {
                seq = tx.execute(status -> audit.record(AuditEvent.of(org, user, "case.read", "case", UUID.randomUUID())));
            }
            last = seq;
        }
        try (ConfigurableApplicationContext restarted = start(data)) {
            restarted.getBean(JdbcClient.class).sql("delete from audit_event where seq >= ?").param(last - 1).update();
            VerifyResult result = restarted.getBean(AuditAdmin.class).verify(AuditVerifier.Mode.FULL);
            assertThat(result.ok()).as(result.summary()).isFalse();
            assertThat(result.firstBadSeq()).as(result.summary()).isEqualTo(last - 1);
        }
    }
}
