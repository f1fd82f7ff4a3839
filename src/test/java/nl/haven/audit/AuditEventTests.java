package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventTests {
    static final OrgId ORG = OrgId.random();

    @Test
    void idsAndActionNamesAreAccepted() {
        UserId user = UserId.random();
        AuditEvent event = AuditEvent.of(ORG, AuditEvent.user(user), "case.read", "case", UUID.randomUUID());
        assertThat(event.actor()).isEqualTo(user.value().toString());
        assertThat(AuditEvent.of(null, AuditEvent.SYSTEM, "audit.checkpoint").subjectId()).isNull();
        assertThat(AuditEvent.of(ORG, AuditEvent.ANONYMOUS, "intake.submit", "intake-reference", "HVN-7K2M-9QXT").subjectType())
                .isEqualTo("intake-reference");
        new AuditEvent(ORG, AuditEvent.SYSTEM, "case.document-download", "case-document", "x".repeat(64));
        new AuditEvent(ORG, AuditEvent.SYSTEM, "a." + "b".repeat(62), null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "case", "Case.read", "case.", ".read", "case..read", "case.read ", "case.read\n", "case.1", "case_read.x",
            "case.réad" })
    void actionsOutsideThePatternAreRefusedWithoutEchoingThem(String action) {
        assertThatThrownBy(() -> AuditEvent.of(ORG, AuditEvent.SYSTEM, action))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action must match")
                .satisfies(e -> {
                    if (!action.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain("'" + action + "'");
                    }
                });
    }

    @Test
    void overlongActionIsRefused() {
        assertThatThrownBy(() -> AuditEvent.of(ORG, AuditEvent.SYSTEM, "a." + "b".repeat(63))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "jan@example.org", "Jan de Vries", "192.168.1.20", "admin", "SYSTEM", "6F1C1A9E-0E4B-4B7A-9E0C-2B3D4E5F6A7B",
            "" })
    void actorsThatAreNotAUserIdSystemOrAnonymousAreRefusedWithoutEchoingThem(String actor) {
        assertThatThrownBy(() -> AuditEvent.of(ORG, actor, "case.read"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actor must be")
                .satisfies(e -> {
                    if (!actor.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(actor);
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "jan@example.org", "two words", "tab\tbed", "line\nbreak", "<script>", "quote'd", "ünïcode" })
    void subjectIdsWithWhitespaceOrThatAreNotIdsAreRefusedWithoutEchoingThem(String subjectId) {
        assertThatThrownBy(() -> AuditEvent.of(ORG, AuditEvent.SYSTEM, "case.read", "case", subjectId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subjectId")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(subjectId));
    }

    @Test
    void overlongSubjectIdAndOddSubjectTypesAreRefused() {
        assertThatThrownBy(() -> AuditEvent.of(ORG, AuditEvent.SYSTEM, "case.read", "case", "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditEvent.of(ORG, AuditEvent.SYSTEM, "case.read", "Case", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditEvent.of(ORG, AuditEvent.SYSTEM, "case.read", "c".repeat(33), "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent(ORG, AuditEvent.SYSTEM, "case.read", "case", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent(ORG, AuditEvent.SYSTEM, "case.read", null, "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
