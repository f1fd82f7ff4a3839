package nl.haven.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import nl.haven.shared.AuditKeys;
import org.jspecify.annotations.Nullable;

/**
 * The chain's arithmetic, shared by the writer and the verifier. Plain Java.
 *
 * <p>Canonical encoding of an event: a domain tag, then every field in a fixed order, each either a
 * fixed-width 8-byte big-endian number (seq, occurred_at in microseconds since the epoch) or a
 * length-prefixed UTF-8 string (4-byte big-endian length, -1 for null). No two different rows have the
 * same encoding, so no edit of one field can be hidden by an edit of its neighbour.
 */
public final class AuditChain {
    /** The mac "before" the first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final String EVENT_TAG = "haven.audit.event.v1";
    private static final String CHECKPOINT_TAG = "haven.audit.checkpoint.v1";
    /** Chained checkpoints: the signature also covers the hash of the checkpoint file's line before. */
    private static final String CHAINED_CHECKPOINT_TAG = "haven.audit.checkpoint.v2";
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** Timestamps are kept at microsecond precision: what PostgreSQL and H2 both store exactly. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The bytes the mac of a row covers: every column except the mac itself. */
    public static byte[] eventBytes(long seq, Instant occurredAt, @Nullable UUID orgId, @Nullable String actor, @Nullable String action,
            @Nullable String subjectType, @Nullable String subjectId, @Nullable String prevMac) {
        return new Encoder(EVENT_TAG)
                .number(seq)
                .number(epochMicros(occurredAt))
                .text(orgId == null ? null : orgId.toString())
                .text(actor)
                .text(action)
                .text(subjectType)
                .text(subjectId)
                .text(prevMac)
                .bytes();
    }

    /** The mac (hex) a row must carry. */
    public static String mac(AuditKeys keys, AuditRow row) {
        return HEX.formatHex(keys.mac(eventBytes(row.seq(), row.occurredAt(), row.orgId(), row.actor(), row.action(), row.subjectType(),
                row.subjectId(), row.prevMac())));
    }

    /** The bytes a checkpoint's signature covers. */
    public static byte[] checkpointBytes(long seq, String mac, Instant at) {
        return new Encoder(CHECKPOINT_TAG).number(seq).text(mac).text(at.toString()).bytes();
    }

    /** The bytes a chained checkpoint's signature covers; {@code prev} null: the unchained format above. */
    public static byte[] checkpointBytes(long seq, String mac, Instant at, @Nullable String prev) {
        if (prev == null) {
            return checkpointBytes(seq, mac, at);
        }
        return new Encoder(CHAINED_CHECKPOINT_TAG).number(seq).text(mac).text(at.toString()).text(prev).bytes();
    }

    /**
     * Equality of two macs (hex). A plain comparison: verification reads stored rows offline, so there is
     * no one to time it and learn a mac byte by byte (the writer compares nothing).
     */
    static boolean sameMac(@Nullable String a, @Nullable String b) {
        return a != null && a.equals(b);
    }

    /** Fixed-width numbers and length-prefixed UTF-8 strings, big-endian, into one growing array. */
    private static final class Encoder {
        private byte[] buffer = new byte[256];
        private int size;

        Encoder(String tag) {
            text(tag);
        }

        Encoder number(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
            return this;
        }

        Encoder text(@Nullable String value) {
            if (value == null) {
                return length(-1);
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            length(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buffer, size, utf8.length);
            size += utf8.length;
            return this;
        }

        private Encoder length(int value) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
            return this;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
