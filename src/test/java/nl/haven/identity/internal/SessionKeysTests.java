package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The session's keys as the session stores them: plain bytes, read back only in the shape this version writes. */
class SessionKeysTests {

    @Test
    void whatIsWrittenIsReadBackAndNothingElseIs() {
        SessionKeys.Stored stored = new SessionKeys.Stored(UUID.randomUUID(), UUID.randomUUID(), new byte[] { 1, 2, 3, 4, 5 }, true);
        byte[] bytes = stored.toBytes();
        assertThat(SessionKeys.Stored.fromBytes(bytes)).isEqualTo(stored);
        SessionKeys.Stored waiting = new SessionKeys.Stored(stored.org(), stored.user(), stored.wrapped(), false);
        assertThat(SessionKeys.Stored.fromBytes(waiting.toBytes())).isEqualTo(waiting).isNotEqualTo(stored);

        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 2;
        byte[] badFlag = bytes.clone();
        badFlag[1] = 7;
        assertThat(SessionKeys.Stored.fromBytes(otherVersion)).isNull();
        assertThat(SessionKeys.Stored.fromBytes(badFlag)).isNull();
        assertThat(SessionKeys.Stored.fromBytes(Arrays.copyOf(bytes, 34))).as("no wrap").isNull();
        assertThat(SessionKeys.Stored.fromBytes(null)).isNull();
        assertThat(SessionKeys.Stored.fromBytes("not bytes")).isNull();
        assertThat(stored.toString()).doesNotContain(stored.org().toString()).isEqualTo("SessionKeys.Stored[ready]");
    }
}
