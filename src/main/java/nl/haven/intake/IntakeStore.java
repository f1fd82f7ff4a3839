package nl.haven.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The intake's two tables: codenames (index and hash only) and sealed answers to retried requests. */
@Repository
class IntakeStore {
    private final JdbcClient jdbc;

    IntakeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record CodenameRow(String hash, UUID caseId) {
        @Override
        public String toString() {
            return "CodenameRow[" + caseId + "]";
        }
    }

    void insertCodename(byte[] lookup, String hash, UUID caseId, Instant at) {
        jdbc.sql("insert into intake_codename (lookup, hash, case_id, created_at) values (?, ?, ?, ?)")
                .params(lookup, hash, caseId, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    Optional<CodenameRow> codename(byte[] lookup) {
        return jdbc.sql("select hash, case_id from intake_codename where lookup = ?").param(lookup)
                .query((rs, n) -> new CodenameRow(rs.getString("hash"), rs.getObject("case_id", UUID.class))).optional();
    }

    /** Fails with a {@code DuplicateKeyException} when the key was used before (or is being used by a concurrent request). */
    void insertAnswer(byte[] keyHash, UUID org, byte[] sealed, Instant at) {
        jdbc.sql("insert into intake_idempotency (key_hash, org_id, sealed, created_at) values (?, ?, ?, ?)")
                .params(keyHash, org, sealed, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    Optional<byte[]> answer(byte[] keyHash, UUID org, Instant notBefore) {
        return jdbc.sql("select sealed from intake_idempotency where key_hash = ? and org_id = ? and created_at >= ?")
                .params(keyHash, org, OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC)).query((rs, n) -> rs.getBytes(1)).optional();
    }

    int deleteAnswersBefore(Instant before) {
        return jdbc.sql("delete from intake_idempotency where created_at < ?").param(OffsetDateTime.ofInstant(before, ZoneOffset.UTC)).update();
    }
}
