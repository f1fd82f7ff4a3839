package nl.haven.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The intake's codenames (index and hash only); the answers kept for retried requests are {@code cases.IdempotentAnswers}'. */
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
}
