package nl.haven.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code audit_event}: the chain is its rows, and its end is the row with the highest sequence number. */
@Repository
class AuditStore {
    private final JdbcClient jdbc;
    /**
     * PostgreSQL: {@code on conflict do nothing}, since a failed statement there aborts the whole transaction. H2 has no
     * {@code on conflict} for {@code insert … select} but keeps a transaction usable after a failed statement, so the
     * duplicate key is caught instead.
     */
    private final String appendSql;

    AuditStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        boolean postgres;
        try (Connection connection = dataSource.getConnection()) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be reached to set up the audit log", e);
        }
        this.appendSql = """
                insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?
                where ? = 0 or exists (select 1 from audit_event where seq = ? and mac = ?)""" + (postgres ? " on conflict (seq) do nothing" : "");
    }

    /**
     * The end of the chain as committed now: the row with the highest sequence number, or sequence number 0 and the
     * genesis mac for an empty log. Not locked: {@link #appendAfter} is what makes appends safe.
     */
    AuditHead head() {
        return jdbc.sql("select seq, mac from audit_event order by seq desc limit 1")
                .query((rs, n) -> new AuditHead(rs.getLong("seq"), rs.getString("mac")))
                .optional()
                .orElse(new AuditHead(0, AuditChain.GENESIS));
    }

    /**
     * Appends {@code row} (sequence number {@code after.seq() + 1}, chained to {@code after.mac()}) only if {@code after}
     * is the last row: that row must exist with that mac, and the primary key refuses a second row with the same sequence
     * number. One statement. A concurrent transaction that has appended the same number and not yet ended makes this wait
     * for it (the unique index), so appends queue in commit order; if it commits, or {@code after} was not the end, this
     * writes nothing and returns false.
     */
    boolean appendAfter(AuditRow row, AuditHead after) {
        OffsetDateTime at = OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC);
        int inserted;
        try {
            inserted = jdbc.sql(appendSql)
                    .params(row.seq(), at, row.orgId(), row.actor(), row.action(), row.subjectType(), row.subjectId(), row.prevMac(),
                            row.mac(), after.seq(), after.seq(), after.mac())
                    .update();
        } catch (DuplicateKeyException e) {
            // H2: the number is taken (committed, or by a transaction that committed while this one waited).
            return false;
        }
        return inserted == 1;
    }

    /** Up to {@code limit} rows after {@code seq}, in order. */
    List<AuditRow> rowsAfter(long seq, int limit) {
        return jdbc.sql("""
                select seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac
                from audit_event where seq > ? order by seq limit ?""")
                .params(seq, limit)
                .query(AuditStore::row)
                .list();
    }

    /**
     * One organisation's rows, newest first, that match every given filter: a case (subject {@code case}), a user (the
     * actor, or the subject {@code user}), a time span {@code [from, before)}. {@code offset} rows skipped, at most
     * {@code limit} returned.
     */
    List<AuditRow> ofOrganisation(UUID org, @Nullable String caseId, @Nullable String userId, @Nullable Instant from, @Nullable Instant before,
            long offset, int limit) {
        StringBuilder sql = new StringBuilder("""
                select seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac
                from audit_event where org_id = ?""");
        List<Object> params = new ArrayList<>();
        params.add(org);
        if (caseId != null) {
            sql.append(" and subject_type = 'case' and subject_id = ?");
            params.add(caseId);
        }
        if (userId != null) {
            sql.append(" and (actor = ? or (subject_type = 'user' and subject_id = ?))");
            params.add(userId);
            params.add(userId);
        }
        if (from != null) {
            sql.append(" and occurred_at >= ?");
            params.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (before != null) {
            sql.append(" and occurred_at < ?");
            params.add(OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
        }
        sql.append(" order by seq desc limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(AuditStore::row).list();
    }

    static AuditRow row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new AuditRow(rs.getLong("seq"), at.toInstant(), rs.getObject("org_id", UUID.class), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("prev_mac"),
                rs.getString("mac"));
    }
}
