package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.internal.KeyManagement;
import nl.haven.shared.OrgId;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * ADR 0006 step 11: {@code haven keys seal} is to be run with every node stopped; a node that runs anyway (it read the
 * installation as unsealed) must stop treating it so within seconds — reading again at most every
 * {@link KeyManagement#SEAL_RECHECK} — instead of going on with the legacy opener and making new key material under the
 * master key. The seal is written here as another process would write it: straight into the database.
 */
@SpringBootTest(properties = "haven.test.context=seal-seen-by-a-running-node")
@DirtiesContext
class SealSeenByARunningNodeIT {
    @Autowired
    Protection protection;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNodeThatReadTheInstallationAsUnsealedSeesAnotherProcesssSealWithinTheRecheckInterval() throws Exception {
        OrgId org = StaffFixture.create(identity, "seal-seen").org();
        assertThat(protection.sealed()).isFalse();
        try (OpenedKeys keys = protection.open(org)) {
            assertThat(keys.org()).isEqualTo(org); // the legacy opener, while unsealed
        }

        jdbc.sql("insert into key_seal (id, sealed_at) values (1, ?)").param(OffsetDateTime.now(ZoneOffset.UTC)).update();
        Instant deadline = Instant.now().plus(KeyManagement.SEAL_RECHECK).plus(Duration.ofSeconds(5));
        while (!protection.sealed() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(protection.sealed()).as("seen within " + KeyManagement.SEAL_RECHECK).isTrue();
        assertThatThrownBy(() -> protection.open(org)).isInstanceOf(KeyNotOpenException.class);
        assertThat(protection.mayOpenCaseKeys(org)).isFalse();
    }
}
