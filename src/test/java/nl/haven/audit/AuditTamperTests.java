package nl.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import nl.haven.shared.AuditKeys;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md S8: on a 10,000-event log, 1,000 random single tamperings (edit a field, delete a row,
 * insert a forged row, swap two rows) are each detected, and the verifier names the right first bad
 * sequence number. The expected number follows from the tampering alone, never from the verifier.
 */
class AuditTamperTests {
    static final int EVENTS = 10_000;
    static final int TAMPERINGS = 1_000;

    enum Kind { EDIT, DELETE, INSERT, SWAP }

    record Tampering(Kind kind, String what, List<AuditRow> rows, long expectedFirstBad) {
    }

    record Outcome(Kind kind, boolean found, String description) {
    }

    static final long SEED = 20260105L;
    static final long[] EDGES = { 1, 2, 999, 1_000, 1_001, 5_000, 9_999, EVENTS };
    final ChainFixture chain = ChainFixture.build(new RememberingKeys(new TestAuditKeys()), new Random(SEED), EVENTS, 1_000);

    /**
     * HMAC-SHA256 and signature verification are functions: remembering their results changes no
     * answer, and keeps a thousand verifications of 10,000 rows and 10 checkpoints fast on a JVM without
     * the SHA intrinsics (Surefire runs on C1). Every row is still encoded, and its mac looked up and
     * compared, by the verifier.
     */
    static final class RememberingKeys implements AuditKeys {
        private final AuditKeys keys;
        private final Map<Bytes, byte[]> macs = new ConcurrentHashMap<>();
        private final Map<Bytes, Boolean> verified = new ConcurrentHashMap<>();

        /** A byte array as a map key, by content. */
        record Bytes(byte[] value) {
            @Override
            public boolean equals(Object other) {
                return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
            }

            /** A sample of the bytes is enough for a hash (equality still compares them all). */
            @Override
            public int hashCode() {
                int hash = value.length;
                for (int i = 0; i < value.length; i += 5) {
                    hash = 31 * hash + value[i];
                }
                return hash;
            }
        }

        RememberingKeys(AuditKeys keys) {
            this.keys = keys;
        }

        @Override
        public byte[] mac(byte[] data) {
            // eventBytes makes a new array for every call and nothing changes the result: no copies needed
            return macs.computeIfAbsent(new Bytes(data), b -> keys.mac(data));
        }

        @Override
        public byte[] sign(byte[] data) {
            return keys.sign(data);
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            // the data's length first, so that no two (data, signature) pairs make the same key
            byte[] both = ByteBuffer.allocate(4 + data.length + signature.length).putInt(data.length).put(data).put(signature).array();
            return verified.computeIfAbsent(new Bytes(both), b -> keys.verify(data, signature));
        }
    }

    @Test
    void untamperedLogVerifies() {
        VerifyResult result = chain.verify(chain.rows);
        assertThat(result.ok()).as(result.summary()).isTrue();
        assertThat(result.eventsVerified()).isEqualTo(EVENTS);
        assertThat(result.summary()).isEqualTo("OK: 10000 events verified");
    }

    @Test
    void everyOneOfAThousandRandomTamperingsIsFoundAtTheRightSequenceNumber() {
        // Each tampering has a random generator of its own (seeded by its index), so the run is the
        // same whichever thread verifies which copy.
        List<Outcome> outcomes = IntStream.range(0, TAMPERINGS).parallel()
                .mapToObj(i -> new Tamperer(new Random(SEED * 1_000_003L + i)).make(Kind.values()[i % Kind.values().length]))
                .map(tampering -> {
                    VerifyResult result = chain.verify(tampering.rows());
                    Long named = result.firstBadSeq();
                    boolean found = !result.ok() && named != null && named == tampering.expectedFirstBad();
                    return new Outcome(tampering.kind(), found, tampering.what() + ": expected first bad sequence number "
                            + tampering.expectedFirstBad() + ", got " + result.summary());
                })
                .toList();
        assertThat(outcomes.stream().filter(o -> !o.found()).map(Outcome::description))
                .as("tamperings not found at the right sequence number").isEmpty();
        assertThat(outcomes.stream().collect(Collectors.groupingBy(Outcome::kind, () -> new EnumMap<>(Kind.class), Collectors.counting())))
                .containsEntry(Kind.EDIT, 250L).containsEntry(Kind.DELETE, 250L).containsEntry(Kind.INSERT, 250L).containsEntry(Kind.SWAP, 250L);
        // The original is untouched by all of this.
        assertThat(chain.verify(chain.rows).ok()).isTrue();
    }

    /** Makes one tampered copy of the log. */
    final class Tamperer {
        final Random random;

        Tamperer(Random random) {
            this.random = random;
        }

        Tampering make(Kind kind) {
            return switch (kind) {
                case EDIT -> edit();
                case DELETE -> delete();
                case INSERT -> insert();
                case SWAP -> swap();
            };
        }

        UUID uuid() {
            return new UUID(random.nextLong(), random.nextLong());
        }

        /** Any row; one time in twenty a boundary: the first or last row, or one next to a checkpoint. */
        long anySeq() {
            if (random.nextInt(20) == 0) {
                return EDGES[random.nextInt(EDGES.length)];
            }
            return 1 + random.nextInt(EVENTS);
        }

        List<AuditRow> copy() {
            return new ArrayList<>(chain.rows);
        }

        Tampering edit() {
            long seq = anySeq();
            AuditRow r = chain.row(seq);
            int field = random.nextInt(8);
            AuditRow edited = switch (field) {
                case 0 -> new AuditRow(seq, r.occurredAt().plusNanos(1_000L * (1 + random.nextInt(1_000_000))), r.orgId(), r.actor(), r.action(),
                        r.subjectType(), r.subjectId(), r.prevMac(), r.mac());
                case 1 -> new AuditRow(seq, r.occurredAt(), r.orgId() == null ? uuid() : random.nextBoolean() ? null : uuid(),
                        r.actor(), r.action(), r.subjectType(), r.subjectId(), r.prevMac(), r.mac());
                case 2 -> new AuditRow(seq, r.occurredAt(), r.orgId(), other(r.actor(), ChainFixture.actor(random)), r.action(), r.subjectType(),
                        r.subjectId(), r.prevMac(), r.mac());
                case 3 -> new AuditRow(seq, r.occurredAt(), r.orgId(), r.actor(),
                        other(r.action(), ChainFixture.ACTIONS[random.nextInt(ChainFixture.ACTIONS.length)]), r.subjectType(), r.subjectId(),
                        r.prevMac(), r.mac());
                case 4 -> new AuditRow(seq, r.occurredAt(), r.orgId(), r.actor(), r.action(), r.subjectType() == null ? "case" : "user",
                        r.subjectId(), r.prevMac(), r.mac());
                case 5 -> new AuditRow(seq, r.occurredAt(), r.orgId(), r.actor(), r.action(), r.subjectType(),
                        r.subjectId() == null ? uuid().toString() : random.nextBoolean() ? null : uuid().toString(),
                        r.prevMac(), r.mac());
                case 6 -> new AuditRow(seq, r.occurredAt(), r.orgId(), r.actor(), r.action(), r.subjectType(), r.subjectId(), flipOneHexDigit(r.prevMac()),
                        r.mac());
                default -> new AuditRow(seq, r.occurredAt(), r.orgId(), r.actor(), r.action(), r.subjectType(), r.subjectId(), r.prevMac(),
                        flipOneHexDigit(r.mac()));
            };
            assertThat(edited).isNotEqualTo(r);
            List<AuditRow> rows = copy();
            rows.set((int) seq - 1, edited);
            return new Tampering(Kind.EDIT, "edit field " + field + " of row " + seq, rows, seq);
        }

        Tampering delete() {
            long seq = anySeq();
            List<AuditRow> rows = copy();
            rows.remove((int) seq - 1);
            return new Tampering(Kind.DELETE, "delete row " + seq, rows, seq);
        }

        /** A row made up without the key: into a gap made by deleting a row, or after the last row. */
        Tampering insert() {
            List<AuditRow> rows = copy();
            boolean atEnd = random.nextInt(3) == 0;
            long seq = atEnd ? EVENTS + 1 : anySeq();
            String prevMac = chain.row(seq - 1 == 0 ? 1 : seq - 1).mac();
            if (seq == 1) {
                prevMac = AuditChain.GENESIS;
            }
            AuditRow forged;
            if (random.nextBoolean()) {
                // content and mac made up, linked to the real previous row
                byte[] mac = new byte[32];
                random.nextBytes(mac);
                forged = new AuditRow(seq, chain.row(Math.min(seq, EVENTS)).occurredAt(), uuid(), AuditEvent.SYSTEM, "case.read", "case",
                        uuid().toString(), prevMac, HexFormat.of().formatHex(mac));
            } else {
                // a replay: another genuine row (with its genuine mac) copied to the new sequence number
                long original;
                do {
                    original = anySeq();
                } while (original == seq);
                forged = chain.row(original).withSeq(seq);
            }
            if (!atEnd) {
                rows.remove((int) seq - 1);
            }
            rows.add(forged);
            return new Tampering(Kind.INSERT, "forged row " + seq + (atEnd ? " at the end" : " in place of a deleted one"), ordered(rows), seq);
        }

        Tampering swap() {
            long a = anySeq();
            long b;
            do {
                b = anySeq();
            } while (b == a);
            List<AuditRow> rows = copy();
            rows.set((int) a - 1, chain.row(a).withSeq(b));
            rows.set((int) b - 1, chain.row(b).withSeq(a));
            return new Tampering(Kind.SWAP, "swap rows " + a + " and " + b, ordered(rows), Math.min(a, b));
        }

        String flipOneHexDigit(String hex) {
            int at = random.nextInt(hex.length());
            char c = hex.charAt(at);
            char flipped = c == '0' ? '1' : '0';
            return hex.substring(0, at) + flipped + hex.substring(at + 1);
        }
    }

    /** As the database returns them: {@code order by seq}. */
    static List<AuditRow> ordered(List<AuditRow> rows) {
        rows.sort(Comparator.comparingLong(AuditRow::seq));
        return rows;
    }

    static String other(String current, String candidate) {
        return candidate.equals(current) ? current + "x" : candidate;
    }
}
