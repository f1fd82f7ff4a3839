package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The canonical encoding is unambiguous and fixes timestamps at microseconds. */
class AuditChainTests {
    static final Instant AT = Instant.parse("2026-04-01T12:00:00.123456Z");
    static final UUID ORG = UUID.fromString("1b2c3d4e-0000-4000-8000-000000000001");

    static byte[] bytes(String actor, String action, String type, String id) {
        return AuditChain.eventBytes(7, AT, ORG, actor, action, type, id, AuditChain.GENESIS);
    }

    @Test
    void movingCharactersBetweenNeighbouringFieldsChangesTheEncoding() {
        assertThat(bytes("system", "case.read", "case", "ab")).isNotEqualTo(bytes("system", "case.read", "casea", "b"));
        assertThat(bytes("system", "case.read", "case", "1")).isNotEqualTo(bytes("system", "case.readc", "ase", "1"));
        assertThat(bytes("system", "case.read", null, null)).isNotEqualTo(bytes("system", "case.read", "", ""));
        assertThat(bytes("system", "case.read", "case", null)).isNotEqualTo(bytes("system", "case.read", null, "case"));
        assertThat(AuditChain.eventBytes(7, AT, null, "system", "case.read", null, null, AuditChain.GENESIS))
                .isNotEqualTo(AuditChain.eventBytes(7, AT, ORG, "system", "case.read", null, null, AuditChain.GENESIS));
    }

    @Test
    void everyFieldIsCovered() {
        byte[] base = AuditChain.eventBytes(7, AT, ORG, "system", "case.read", "case", "1", AuditChain.GENESIS);
        assertThat(AuditChain.eventBytes(8, AT, ORG, "system", "case.read", "case", "1", AuditChain.GENESIS)).isNotEqualTo(base);
        assertThat(AuditChain.eventBytes(7, AT.plusNanos(1_000), ORG, "system", "case.read", "case", "1", AuditChain.GENESIS)).isNotEqualTo(base);
        assertThat(AuditChain.eventBytes(7, AT, ORG, "system", "case.read", "case", "1", "1" + AuditChain.GENESIS.substring(1)))
                .isNotEqualTo(base);
    }

    @Test
    void timestampsCountInMicroseconds() {
        Instant withNanos = Instant.parse("2026-04-01T12:00:00.123456789Z");
        assertThat(AuditChain.micros(withNanos)).isEqualTo(AT);
        assertThat(AuditChain.eventBytes(7, AuditChain.micros(withNanos), ORG, "system", "case.read", null, null, AuditChain.GENESIS))
                .isEqualTo(AuditChain.eventBytes(7, AT, ORG, "system", "case.read", null, null, AuditChain.GENESIS));
        assertThat(AuditChain.epochMicros(Instant.parse("1970-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002L);
        assertThat(AuditChain.epochMicros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1L);
    }

    @Test
    void macIsSixtyFourHexDigits() {
        TestAuditKeys keys = new TestAuditKeys();
        AuditRow row = new AuditRow(1, AT, ORG, "system", "case.read", null, null, AuditChain.GENESIS, null);
        assertThat(AuditChain.mac(keys, row)).matches("[0-9a-f]{64}");
        assertThat(AuditChain.sameMac("ab", "ab")).isTrue();
        assertThat(AuditChain.sameMac("ab", "ac")).isFalse();
        assertThat(AuditChain.sameMac("ab", "abc")).isFalse();
        assertThat(AuditChain.sameMac(null, "ab")).isFalse();
    }
}
