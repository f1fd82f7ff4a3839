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
 * A case's appointments ({@code case_appointment}): kind and moment in plain columns, place and note as ciphertext.
 * Every query names the case and its organisation, or carries the caller's {@link CaseScope}.
 */
@Repository
public class AppointmentStore {
    private final JdbcClient jdbc;

    AppointmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored appointment; {@code place} and {@code note} are ciphertext. */
    record Row(UUID id, String kind, Instant startsAt, byte @Nullable [] place, byte @Nullable [] note, @Nullable Instant cancelledAt,
            Instant updatedAt) {
    }

    void insert(UUID id, UUID caseId, UUID org, String kind, Instant startsAt, byte @Nullable [] place, byte @Nullable [] note,
            @Nullable UUID by, Instant now) {
        jdbc.sql("insert into case_appointment (id, case_id, org_id, kind, starts_at, place, note, created_at, created_by, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, caseId, org, kind, CaseStore.utc(startsAt), place, note, CaseStore.utc(now), by, CaseStore.utc(now)).update();
    }

    /** Changes an appointment that is not cancelled; false when there is none such on the case. */
    boolean update(UUID id, UUID caseId, UUID org, String kind, Instant startsAt, byte @Nullable [] place, byte @Nullable [] note, Instant now) {
        return jdbc.sql("update case_appointment set kind = ?, starts_at = ?, place = ?, note = ?, updated_at = ? "
                + "where id = ? and case_id = ? and org_id = ? and cancelled_at is null")
                .params(kind, CaseStore.utc(startsAt), place, note, CaseStore.utc(now), id, caseId, org).update() == 1;
    }

    boolean cancel(UUID id, UUID caseId, UUID org, Instant now) {
        return jdbc.sql("update case_appointment set cancelled_at = ?, updated_at = ? where id = ? and case_id = ? and org_id = ? "
                + "and cancelled_at is null").params(CaseStore.utc(now), CaseStore.utc(now), id, caseId, org).update() == 1;
    }

    /** The case's appointments, the ones still on first, then by their moment. */
    List<Row> of(UUID caseId, UUID org) {
        return jdbc.sql("select id, kind, starts_at, place, note, cancelled_at, updated_at from case_appointment where case_id = ? and org_id = ? "
                + "order by case when cancelled_at is null then 0 else 1 end, starts_at, id")
                .params(caseId, org).query((rs, n) -> row(rs)).list();
    }

    Optional<Row> one(UUID id, UUID caseId, UUID org) {
        return jdbc.sql("select id, kind, starts_at, place, note, cancelled_at, updated_at from case_appointment where id = ? and case_id = ? and org_id = ?")
                .params(id, caseId, org).query((rs, n) -> row(rs)).optional();
    }

    /** An appointment as the agenda and the calendar feed list it: no place, no note. */
    public record Upcoming(UUID caseId, String reference, UUID id, String kind, Instant startsAt) {
    }

    /** The appointments still on of the open cases the scope sees, from {@code from} until before {@code until}. */
    List<Upcoming> between(CaseScope scope, Instant from, Instant until) {
        List<Object> params = new ArrayList<>(scope.parameters());
        params.add(CaseStore.utc(from));
        params.add(CaseStore.utc(until));
        return jdbc.sql("select c.id, c.reference, a.id, a.kind, a.starts_at from case_appointment a "
                + "join case_file c on c.id = a.case_id and c.org_id = a.org_id where " + scope.condition() + " and " + PolicyImpact.OPEN
                + " and a.cancelled_at is null and a.starts_at >= ? and a.starts_at < ? order by a.starts_at, c.reference, a.id")
                .params(params).query((rs, n) -> upcoming(rs)).list();
    }

    /** The appointments still on, from {@code from}, of the open cases assigned to the user (their calendar feed). */
    List<Upcoming> ofAssignee(UUID org, UUID user, Instant from) {
        return jdbc.sql("select c.id, c.reference, a.id, a.kind, a.starts_at from case_appointment a "
                + "join case_file c on c.id = a.case_id and c.org_id = a.org_id where a.org_id = ? and c.assignee_id = ? and "
                + PolicyImpact.OPEN + " and a.cancelled_at is null and a.starts_at >= ? order by a.starts_at, a.id")
                .params(org, user, CaseStore.utc(from)).query((rs, n) -> upcoming(rs)).list();
    }

    private static Upcoming upcoming(ResultSet rs) throws SQLException {
        return new Upcoming(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }

    private static Row row(ResultSet rs) throws SQLException {
        OffsetDateTime cancelled = rs.getObject("cancelled_at", OffsetDateTime.class);
        return new Row(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getBytes("place"), rs.getBytes("note"), cancelled == null ? null : cancelled.toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
