package nl.haven.cases.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The decision-support receipts of a case ({@code case_receipt}): the body is ciphertext under the case's key
 * ({@link EncryptedField#RECEIPT_BODY}); every query names the case and its organisation.
 */
@Repository
public class ReceiptStore {
    private final JdbcClient jdbc;

    ReceiptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, UUID caseId, UUID org, Instant recordedAt, @Nullable UUID recordedBy, String dataSetHash, byte[] body) {
        jdbc.sql("insert into case_receipt (id, case_id, org_id, recorded_at, recorded_by, data_set_hash, body) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, caseId, org, CaseStore.utc(recordedAt), recordedBy, dataSetHash, body)
                .update();
    }

    /** The bodies of the case's receipts, oldest first. */
    public List<byte[]> bodies(UUID caseId, UUID org) {
        return jdbc.sql("select body from case_receipt where case_id = ? and org_id = ? order by recorded_at, id").params(caseId, org)
                .query((rs, n) -> rs.getBytes(1)).list();
    }

    /** The body of one receipt of the case; empty for a receipt of another case, exactly as for one that does not exist. */
    public Optional<byte[]> body(UUID id, UUID caseId, UUID org) {
        return jdbc.sql("select body from case_receipt where id = ? and case_id = ? and org_id = ?").params(id, caseId, org)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }
}
