package nl.haven.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code audit_event} and {@code audit_head}. */
@Repository
class AuditStore {
    private final JdbcClient jdbc;
    /** PostgreSQL appends the event and moves the head in one statement (one round trip fewer per event). */
    private final boolean postgres;

    AuditStore(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        try (java.sql.Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be reached to set up the audit log", e);
        }
    }

    /** The head, locked until the end of the current transaction: the one place writers queue. */
    AuditHead lockHead() {
        return jdbc.sql("select seq, mac from audit_head where id = 1 for update")
                .query((rs, n) -> new AuditHead(rs.getLong("seq"), rs.getString("mac")))
                .optional()
                .orElseThrow(() -> new IllegalStateException("the audit head row is missing: the audit log has been tampered with"));
    }

    Optional<AuditHead> head() {
        return jdbc.sql("select seq, mac from audit_head where id = 1")
                .query((rs, n) -> new AuditHead(rs.getLong("seq"), rs.getString("mac")))
                .optional();
    }

    /**
     * Appends the row if the head is still {@code expected} (locking the head row), in one statement on PostgreSQL;
     * false, with nothing written, if the head has moved.
     */
    boolean appendIfHeadIs(AuditRow row, AuditHead expected) {
        OffsetDateTime at = OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC);
        if (postgres) {
            return jdbc.sql("""
                    with head as (update audit_head set seq = ?, mac = ? where id = 1 and seq = ? and mac = ? returning seq)
                    insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)
                    select ?, ?, ?, ?, ?, ?, ?, ?, ? from head""")
                    .params(row.seq(), row.mac(), expected.seq(), expected.mac(), row.seq(), at, row.orgId(), row.actor(), row.action(),
                            row.subjectType(), row.subjectId(), row.prevMac(), row.mac())
                    .update() == 1;
        }
        int moved = jdbc.sql("update audit_head set seq = ?, mac = ? where id = 1 and seq = ? and mac = ?")
                .params(row.seq(), row.mac(), expected.seq(), expected.mac()).update();
        if (moved != 1) {
            return false;
        }
        jdbc.sql("""
                insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.seq(), at, row.orgId(), row.actor(), row.action(), row.subjectType(), row.subjectId(), row.prevMac(), row.mac())
                .update();
        return true;
    }

    void append(AuditRow row) {
        if (postgres) {
            // A data-modifying CTE: the insert and the head update are one statement, one round trip.
            int moved = jdbc.sql("""
                    with appended as (
                        insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning seq)
                    update audit_head set seq = (select seq from appended), mac = ? where id = 1 and seq = ?""")
                    .params(row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.orgId(), row.actor(), row.action(),
                            row.subjectType(), row.subjectId(), row.prevMac(), row.mac(), row.mac(), row.seq() - 1)
                    .update();
            if (moved != 1) {
                throw new IllegalStateException("the audit head moved while it was locked");
            }
            return;
        }
        jdbc.sql("""
                insert into audit_event (seq, occurred_at, org_id, actor, action, subject_type, subject_id, prev_mac, mac)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.orgId(), row.actor(), row.action(),
                        row.subjectType(), row.subjectId(), row.prevMac(), row.mac())
                .update();
        int moved = jdbc.sql("update audit_head set seq = ?, mac = ? where id = 1 and seq = ?")
                .params(row.seq(), row.mac(), row.seq() - 1)
                .update();
        if (moved != 1) {
            throw new IllegalStateException("the audit head moved while it was locked");
        }
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

    static AuditRow row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new AuditRow(rs.getLong("seq"), at.toInstant(), rs.getObject("org_id", UUID.class), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("prev_mac"),
                rs.getString("mac"));
    }
}
