package nl.haven.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import nl.haven.shared.AuditKeys;

/** An audit log built in memory, as the writer would build it: rows, head and checkpoints. */
final class ChainFixture {
    static final String[] ACTIONS = { "case.read", "case.update", "case.export", "case.document-download", "case.access-denied",
            "user.login", "user.login-denied", "intake.submit" };

    final AuditKeys keys;
    final List<AuditRow> rows;
    final List<Checkpoint> checkpoints;
    final AuditHead head;

    private ChainFixture(AuditKeys keys, List<AuditRow> rows, List<Checkpoint> checkpoints, AuditHead head) {
        this.keys = keys;
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.head = head;
    }

    /** {@code events} rows with random ids and actions, a checkpoint after every {@code every} of them. */
    static ChainFixture build(AuditKeys keys, Random random, int events, int every) {
        List<UUID> orgs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<AuditRow> rows = new ArrayList<>(events);
        List<Checkpoint> checkpoints = new ArrayList<>();
        Instant at = Instant.parse("2026-01-05T08:00:00.000001Z");
        String prev = AuditChain.GENESIS;
        for (long seq = 1; seq <= events; seq++) {
            at = at.plusNanos(1_000L * (1 + random.nextInt(5_000_000)));
            boolean subject = random.nextInt(4) != 0;
            AuditRow unsealed = new AuditRow(seq, at, random.nextInt(5) == 0 ? null : orgs.get(random.nextInt(orgs.size())),
                    actor(random), ACTIONS[random.nextInt(ACTIONS.length)], subject ? "case" : null,
                    subject ? UUID.randomUUID().toString() : null, prev, null);
            AuditRow row = seal(keys, unsealed);
            rows.add(row);
            prev = row.mac();
            if (every > 0 && seq % every == 0) {
                checkpoints.add(checkpoint(keys, new AuditHead(seq, row.mac()), at.plusMillis(5)));
            }
        }
        return new ChainFixture(keys, rows, checkpoints, new AuditHead(events, prev));
    }

    static String actor(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> AuditEvent.SYSTEM;
            case 1 -> AuditEvent.ANONYMOUS;
            default -> new UUID(random.nextLong(), random.nextLong()).toString();
        };
    }

    static AuditRow seal(AuditKeys keys, AuditRow row) {
        return new AuditRow(row.seq(), row.occurredAt(), row.orgId(), row.actor(), row.action(), row.subjectType(), row.subjectId(),
                row.prevMac(), AuditChain.mac(keys, row));
    }

    static Checkpoint checkpoint(AuditKeys keys, AuditHead head, Instant at) {
        byte[] signature = keys.sign(AuditChain.checkpointBytes(head.seq(), head.mac(), at));
        return new Checkpoint(head.seq(), head.mac(), at, Base64.getEncoder().encodeToString(signature));
    }

    AuditRow row(long seq) {
        return rows.get((int) (seq - 1));
    }

    VerifyResult verify(List<AuditRow> someRows, AuditHead someHead, List<Checkpoint> someCheckpoints) {
        return new AuditVerifier(keys).verify(someRows, someHead, someCheckpoints, AuditVerifier.Mode.FULL);
    }

    VerifyResult verify(List<AuditRow> someRows) {
        return verify(someRows, head, checkpoints);
    }
}
