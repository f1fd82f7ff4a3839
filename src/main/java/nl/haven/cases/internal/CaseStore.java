package nl.haven.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The case tables. Every read and change of one case takes a {@link CaseScope} (or at least the organisation) and
 * puts it in the SQL itself, so a caller cannot forget the tenant: another organisation's case is simply not found.
 */
@Repository
public class CaseStore {
    static final String COLUMNS = "c.id, c.org_id, c.reference, c.handling, c.stage, c.track, c.priority, c.assignee_id, c.nationality, "
            + "c.residence, c.source, c.application_date, c.opened_at, c.updated_at, c.version, c.details";
    private final JdbcClient jdbc;

    CaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public void insert(CaseRow row) {
        jdbc.sql("""
                insert into case_file (id, org_id, reference, handling, stage, track, priority, assignee_id, nationality, residence, source,
                    application_date, opened_at, updated_at, version, details)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.id(), row.org(), row.reference(), row.handling().name(), row.stage().name(),
                        row.track(), row.priority(), row.assignee(), row.nationality(), row.residence(),
                        row.source(), row.applicationDate(), utc(row.openedAt()), utc(row.updatedAt()), row.version(), row.details())
                .update();
    }

    /** Marks the case erased (its keys are already shredded) and empties its details column. */
    public void markErased(UUID org, UUID id, Instant now) {
        jdbc.sql("update case_file set erased_at = ?, details = ?, updated_at = ?, version = version + 1 where id = ? and org_id = ?")
                .params(utc(now), new byte[0], utc(now), id, org).update();
    }

    public boolean referenceTaken(String reference) {
        return jdbc.sql("select count(*) from case_file where reference = ?").param(reference).query(Long.class).single() > 0;
    }

    /** The case if the scope may see it; empty for another organisation's case, one not visible to the role, or none. */
    public Optional<CaseRow> find(CaseScope scope, UUID id) {
        return query("select " + COLUMNS + " from case_file c where c.id = ? and " + scope.condition(), id, scope);
    }

    /** As {@link #find}, with the row locked until the end of the transaction (for a change). */
    public Optional<CaseRow> lock(CaseScope scope, UUID id) {
        return query("select " + COLUMNS + " from case_file c where c.id = ? and " + scope.condition() + " for update", id, scope);
    }

    /** A case of the organisation, whatever the role (for the system: intake, follow-up, referrals). */
    public Optional<CaseRow> findInOrganisation(UUID org, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from case_file c where c.id = ? and c.org_id = ? and c.erased_at is null").params(id, org)
                .query(CaseStore::row).optional();
    }

    /** The case a requester's codename points to, in whichever organisation holds it now; none once erased. */
    public Optional<CaseRow> findForRequester(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from case_file c where c.id = ? and c.erased_at is null").param(id)
                .query(CaseStore::row).optional();
    }

    private Optional<CaseRow> query(String sql, UUID id, CaseScope scope) {
        List<Object> params = new ArrayList<>();
        params.add(id);
        params.addAll(scope.parameters());
        return jdbc.sql(sql).params(params).query(CaseStore::row).optional();
    }

    /** Moves the case's states; the version guards against a lost update. */
    public void updateState(CaseRow before, Handling handling, Stage stage, @Nullable String track, @Nullable Integer priority,
            @Nullable UUID assignee, @Nullable LocalDate applicationDate, Instant now) {
        int updated = jdbc.sql("""
                update case_file set handling = ?, stage = ?, track = ?, priority = ?, assignee_id = ?, application_date = ?, updated_at = ?,
                    version = version + 1
                where id = ? and org_id = ? and version = ?""")
                .params(handling.name(), stage.name(), track, priority, assignee, applicationDate, utc(now),
                        before.id(), before.org(), before.version())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("case " + before.reference() + " changed meanwhile");
        }
    }

    public void updateDetails(CaseRow before, byte[] details, @Nullable String nationality, @Nullable String residence, Instant now) {
        int updated = jdbc.sql("""
                update case_file set details = ?, nationality = ?, residence = ?, updated_at = ?, version = version + 1
                where id = ? and org_id = ? and version = ?""")
                .params(details, nationality, residence, utc(now), before.id(), before.org(), before.version())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("case " + before.reference() + " changed meanwhile");
        }
    }

    /**
     * The two statements the queue runs, with their parameters: the count and the page. Public so that the queue
     * benchmark runs exactly this SQL bare, beside the HTTP request that runs it through the whole stack.
     */
    public record QueueQuery(String countSql, String pageSql, List<Object> countParams, List<Object> pageParams) {
    }

    public static @Nullable QueueQuery queueQuery(CaseScope scope, CaseFilter filter, @Nullable List<UUID> onlyIds) {
        StringBuilder where = new StringBuilder(scope.condition());
        List<Object> params = new ArrayList<>(scope.parameters());
        if (filter.status() != null) {
            // Handling and stage names are disjoint: one indexed column each, never an OR that defeats the index.
            boolean handling = Arrays.stream(Handling.values()).anyMatch(h -> h.name().equals(filter.status()));
            where.append(handling ? " and c.handling = ?" : " and c.stage = ?");
            params.add(filter.status());
        }
        if (filter.priority() != null) {
            where.append(" and c.priority = ?");
            params.add(filter.priority());
        }
        if (filter.assignee() != null) {
            where.append(" and c.assignee_id = ?");
            params.add(filter.assignee());
        } else if (filter.unassigned()) {
            where.append(" and c.assignee_id is null");
        }
        if (filter.nationality() != null) {
            where.append(" and c.nationality = ?");
            params.add(filter.nationality());
        }
        if (filter.dueBefore() != null) {
            where.append(" and exists (select 1 from case_task t where t.case_id = c.id and t.done_at is null and t.due_on <= ?)");
            params.add(filter.dueBefore());
        }
        if (onlyIds != null) {
            if (onlyIds.isEmpty()) {
                return null;
            }
            where.append(" and c.id in (").append(String.join(", ", Collections.nCopies(onlyIds.size(), "?"))).append(")");
            params.addAll(onlyIds);
        }
        // The select list's parameter (the viewer, for "unread") comes before the where clause's.
        List<Object> pageParams = new ArrayList<>();
        pageParams.add(scope.user());
        pageParams.addAll(params);
        pageParams.add(filter.size());
        pageParams.add((long) filter.page() * filter.size());
        return new QueueQuery("select count(*) from case_file c where " + where,
                "select c.id, c.reference, c.handling, c.stage, c.priority, c.assignee_id, c.nationality, c.opened_at, "
                + "(select min(t.due_on) from case_task t where t.case_id = c.id and t.done_at is null) as next_due, "
                + "case when " + CaseReadStore.UNREAD_FOR_VIEWER + " then 1 else 0 end as unread, "
                + "case when " + AgendaStore.PERSON_WROTE_LAST + " then 1 else 0 end as reply_waiting "
                + "from case_file c where " + where + " order by " + orderBy(filter) + " limit ? offset ?",
                List.copyOf(params), List.copyOf(pageParams));
    }

    /**
     * The ORDER BY of the queue: the chosen column's own expression (never the parameter as typed); without one, new
     * requests newest first when the filter is on NEW (triage starts with what just came in), otherwise by priority
     * then age. The case id is the last key, so pages never overlap.
     */
    static String orderBy(CaseFilter filter) {
        if (filter.sort() != null) {
            return filter.sort().orderBy();
        }
        if (Handling.NEW.name().equals(filter.status())) {
            return new CaseSort(CaseSort.Column.OPENED, true).orderBy();
        }
        return "c.priority asc nulls last, c.opened_at asc, c.id";
    }

    /** The queue: the scope's cases matching the filter, by priority then age; non-sensitive columns only. */
    public CasePage list(CaseScope scope, CaseFilter filter, @Nullable List<UUID> onlyIds) {
        QueueQuery query = queueQuery(scope, filter, onlyIds);
        if (query == null) {
            return new CasePage(List.of(), 0);
        }
        long total = jdbc.sql(query.countSql()).params(query.countParams()).query(Long.class).single();
        List<CaseSummary> rows = jdbc.sql(query.pageSql())
                .params(query.pageParams())
                .query((rs, n) -> new CaseSummary(rs.getObject("id", UUID.class), rs.getString("reference"),
                        Handling.valueOf(rs.getString("handling")), Stage.valueOf(rs.getString("stage")), integer(rs, "priority"),
                        rs.getObject("assignee_id", UUID.class), rs.getString("nationality"),
                        rs.getObject("opened_at", OffsetDateTime.class).toInstant(), rs.getObject("next_due", LocalDate.class),
                        rs.getInt("unread") == 1, rs.getInt("reply_waiting") == 1))
                .list();
        return new CasePage(rows, total);
    }

    /** The cases of the organisation whose identifier of this kind has this blind index. */
    public List<UUID> byIdentifier(UUID org, String kind, byte[] blind) {
        return jdbc.sql("select case_id from case_identifier where org_id = ? and kind = ? and blind = ?").params(org, kind, blind)
                .query(UUID.class).list();
    }

    public void putIdentifier(UUID caseId, UUID org, String kind, byte[] blind) {
        jdbc.sql("delete from case_identifier where case_id = ? and org_id = ? and kind = ?").params(caseId, org, kind).update();
        jdbc.sql("insert into case_identifier (case_id, org_id, kind, blind) values (?, ?, ?, ?)").params(caseId, org, kind, blind).update();
    }

    public Optional<UUID> byReference(UUID org, String reference) {
        return jdbc.sql("select id from case_file where org_id = ? and reference = ?").params(org, reference).query(UUID.class).optional();
    }

    static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).intValue();
    }

    static CaseRow row(ResultSet rs, int n) throws SQLException {
        return new CaseRow(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("reference"),
                Handling.valueOf(rs.getString("handling")), Stage.valueOf(rs.getString("stage")), rs.getString("track"),
                integer(rs, "priority"), rs.getObject("assignee_id", UUID.class), rs.getString("nationality"),
                rs.getString("residence"), rs.getString("source"), rs.getObject("application_date", LocalDate.class),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant(), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getInt("version"), rs.getBytes("details"));
    }
}
