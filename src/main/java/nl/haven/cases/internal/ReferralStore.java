package nl.haven.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Referrals between organisations, and the low-level moves they need: every encrypted column of a case read and
 * written back (re-encrypted by the caller under the receiving organisation) together with the rows' organisation.
 */
@Repository
public class ReferralStore {
    /** Every table with an encrypted column of a case, and that column (documents' streamed content is separate). */
    public static final List<EncryptedField> ENCRYPTED = List.of(EncryptedField.NOTE_BODY, EncryptedField.MESSAGE_BODY,
            EncryptedField.TASK_TITLE, EncryptedField.DOCUMENT_NAME, EncryptedField.DOCUMENT_CONTENT, EncryptedField.RECEIPT_BODY,
            EncryptedField.EVENT_DETAIL, EncryptedField.APPOINTMENT_PLACE, EncryptedField.APPOINTMENT_NOTE);
    /** Tables whose rows only carry the organisation (no encrypted column of their own, or none in these rows). */
    static final List<String> PLAIN = List.of("case_event", "policy_impact_case");

    private final JdbcClient jdbc;

    ReferralStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code thread}: the value is under the case's thread key (a document the requester added after the intake). */
    public record Cell(UUID id, byte @Nullable [] value, boolean thread) {
    }

    public List<Cell> cells(EncryptedField field, UUID caseId, UUID org) {
        String thread = "case_document".equals(field.table()) ? "thread" : "false";
        return jdbc.sql("select id, " + field.column() + ", " + thread + " from " + field.table() + " where case_id = ? and org_id = ?")
                .params(caseId, org)
                .query((rs, n) -> new Cell(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getBoolean(3))).list();
    }

    public void rewrite(EncryptedField field, UUID id, UUID from, UUID to, byte @Nullable [] value) {
        jdbc.sql("update " + field.table() + " set " + field.column() + " = ?, org_id = ? where id = ? and org_id in (?, ?)")
                .params(value, to, id, from, to)
                .update();
    }

    public void moveRows(UUID caseId, UUID from, UUID to) {
        for (String table : PLAIN) {
            jdbc.sql("update " + table + " set org_id = ? where case_id = ? and org_id = ?").params(to, caseId, from).update();
        }
        // Blind indexes are keyed per organisation and the identifiers themselves are not stored: the receiving
        // organisation records them again.
        jdbc.sql("delete from case_identifier where case_id = ? and org_id = ?").params(caseId, from).update();
        jdbc.sql("update case_task set assignee_id = null where case_id = ?").param(caseId).update();
        // How far the sending organisation's staff had read the messages means nothing to the receiving one.
        jdbc.sql("delete from case_read where case_id = ?").param(caseId).update();
    }

    public void deleteNotes(UUID caseId, UUID org) {
        jdbc.sql("delete from case_note where case_id = ? and org_id = ?").params(caseId, org).update();
    }

    public void moveCase(UUID caseId, UUID from, UUID to, String handling, byte[] details, Instant now) {
        int moved = jdbc.sql("""
                update case_file set org_id = ?, handling = ?, assignee_id = null, source = 'REFERRAL', details = ?, updated_at = ?,
                    version = version + 1
                where id = ? and org_id = ?""")
                .params(to, handling, details, CaseStore.utc(now), caseId, from).update();
        if (moved != 1) {
            throw new IllegalStateException("case moved meanwhile");
        }
    }

    public record Referral(UUID id, UUID caseId, UUID from, UUID to, String reference, Instant referredAt, @Nullable Instant withdrawnAt) {
    }

    /**
     * Records a referral together with the case's assignee and handling just before it moved: what decides, from then
     * on, who on the referring side sees the referral (see {@link CaseScope#referralCondition()}).
     */
    public void insert(Referral referral, Instant consentAt, @Nullable UUID assignee, String handling) {
        jdbc.sql("insert into case_referral (id, case_id, from_org, to_org, reference, consent_at, referred_at, assignee_id, handling)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(referral.id(), referral.caseId(), referral.from(), referral.to(), referral.reference(), CaseStore.utc(consentAt),
                        CaseStore.utc(referral.referredAt()), assignee, handling)
                .update();
    }

    /**
     * A referral made by the caller's organisation of a case the caller could see (the referring side keeps this record,
     * nothing of the case's content); empty for any other, exactly as for one that does not exist.
     */
    public Optional<Referral> inScope(CaseScope scope, UUID id) {
        List<Object> params = new ArrayList<>();
        params.add(id);
        params.addAll(scope.parameters());
        return jdbc.sql("select id, case_id, from_org, to_org, reference, referred_at, withdrawn_at from case_referral r where r.id = ? and "
                + scope.referralCondition()).params(params).query((rs, n) -> referral(rs)).optional();
    }

    /** The referrals the caller's organisation made of cases the caller could see, newest first. */
    public List<Referral> madeBy(CaseScope scope) {
        return jdbc.sql("select id, case_id, from_org, to_org, reference, referred_at, withdrawn_at from case_referral r where "
                + scope.referralCondition() + " order by referred_at desc").params(scope.parameters()).query((rs, n) -> referral(rs)).list();
    }

    public void withdrawn(UUID id, Instant at) {
        jdbc.sql("update case_referral set withdrawn_at = ? where id = ?").params(CaseStore.utc(at), id).update();
    }

    private static Referral referral(ResultSet rs) throws SQLException {
        OffsetDateTime withdrawn = rs.getObject("withdrawn_at", OffsetDateTime.class);
        return new Referral(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class), rs.getObject("from_org", UUID.class),
                rs.getObject("to_org", UUID.class), rs.getString("reference"), rs.getObject("referred_at", OffsetDateTime.class).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant());
    }
}
