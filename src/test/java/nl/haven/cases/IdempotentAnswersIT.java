package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.Protection;
import nl.haven.protection.ProtectionException;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue #23 (ADR 0006, step 2): an answer kept for a retry — an intake's holds the requester's codename — is sealed
 * under a key derived from the client's {@code Idempotency-Key}, which the server does not keep. With every key the
 * server has (its organisation's key included) the stored row opens nothing; the same key opens it, another does not.
 * Before this change the row was sealed under the organisation's key, which {@code openForOrganisation} opened.
 */
@SpringBootTest
class IdempotentAnswersIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    IdempotentAnswers answers;
    @Autowired
    Protection protection;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityManagement identity;

    @Test
    void aCopyWithTheKeyFilesButNotTheClientsKeyOpensNoAnswer() {
        StaffFixture staff = StaffFixture.create(identity, "idem-seal");
        IdempotentAnswers.Scope scope = new IdempotentAnswers.Scope(staff.org(), "intake", "form");
        String key = UUID.randomUUID().toString();
        String canary = "Codename-canary тест قناري " + UUID.randomUUID();
        ObjectNode answer = JSON.createObjectNode().put("codename", canary);
        answers.record(scope, key, "fingerprint-1", () -> new IdempotentAnswers.Made<>("made", answer));

        byte[] sealed = jdbc.sql("select sealed from intake_idempotency where key_hash = ?").param(IdempotentAnswers.keyHash(scope, key))
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Codename-canary");
        // what a seized server holds: every key file and the organisation's key — none opens it
        assertThatThrownBy(() -> protection.openForOrganisation(staff.org(), scope.purpose(), sealed)).isInstanceOf(ProtectionException.class);
        assertThatThrownBy(() -> protection.openWithClientSecret(IdempotentAnswers.purpose(scope),
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), sealed)).isInstanceOf(ProtectionException.class);
        // the client's key does, through the service as through Protection
        assertThat(answers.kept(scope, key)).get().extracting(a -> a.path("codename").asString()).isEqualTo(canary);
        assertThat(new String(protection.openWithClientSecret(IdempotentAnswers.purpose(scope), key.getBytes(StandardCharsets.UTF_8), sealed),
                StandardCharsets.UTF_8)).contains(canary);
        // the same key of another owner finds nothing and opens nothing
        IdempotentAnswers.Scope other = new IdempotentAnswers.Scope(staff.org(), "intake", "another-form");
        assertThat(answers.kept(other, key)).isEmpty();
        assertThatThrownBy(() -> protection.openWithClientSecret(IdempotentAnswers.purpose(other), key.getBytes(StandardCharsets.UTF_8), sealed))
                .isInstanceOf(ProtectionException.class);
    }

    @Test
    void anAnswerKeptBeforeThisVersionUnderTheOrganisationsKeyIsStillReplayedUntilItExpires() {
        StaffFixture staff = StaffFixture.create(identity, "idem-old");
        IdempotentAnswers.Scope scope = new IdempotentAnswers.Scope(staff.org(), "intake", "form");
        String key = UUID.randomUUID().toString();
        byte[] old = protection.sealForOrganisation(staff.org(), scope.purpose(),
                "{\"reference\":\"HV-OLD\",\"fingerprint\":\"f\"}".getBytes(StandardCharsets.UTF_8));
        jdbc.sql("insert into intake_idempotency (key_hash, org_id, sealed, created_at) values (?, ?, ?, ?)")
                .params(IdempotentAnswers.keyHash(scope, key), staff.org().value(), old, OffsetDateTime.now(ZoneOffset.UTC)).update();
        assertThat(answers.earlier(scope, key, "f")).get().extracting(a -> a.path("reference").asString()).isEqualTo("HV-OLD");
        assertThat(answers.kept(scope, UUID.randomUUID().toString())).as("another key finds nothing").isEmpty();
    }
}
