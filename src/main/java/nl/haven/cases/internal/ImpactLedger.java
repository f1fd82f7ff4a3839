package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.Role;
import nl.haven.identity.StaffNotices;
import nl.haven.policy.PolicySource;
import nl.haven.protection.Protection;
import nl.haven.shared.OrgId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the impact runs write and read besides their cursor (V20__policy_impact.sql): the data sets they ran with, the
 * review tasks, timeline entries and audit events of the changed cases, the coordinators' summaries, and the list of
 * runs (issue #17). Nothing here holds case content in the clear: the timeline entry is encrypted under the case's key.
 */
final class ImpactLedger {
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final PolicySource source;
    private final Protection protection;
    private final AuditLog audit;
    private final StaffNotices notices;
    private final Clock clock;
    private final JsonMapper json;

    ImpactLedger(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, PolicySource source, Protection protection, AuditLog audit,
            StaffNotices notices, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.source = source;
        this.protection = protection;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
        this.json = json;
    }

    /** The version this ledger ran with last before {@code current} was first seen (the latest one, if it is new). */
    Optional<String> previousVersion(String current) {
        return jdbc.sql("select version from policy_impact_dataset where version <> ? and (not exists (select 1 from policy_impact_dataset "
                + "where version = ?) or first_seen_at <= (select first_seen_at from policy_impact_dataset where version = ?)) "
                + "order by first_seen_at desc, version limit 1")
                .params(current, current, current).query(String.class).optional();
    }

    /** Records the data set Haven runs with (its files, to compare the next one with); the day it was first seen. */
    LocalDate remember(String version, LocalDate today) {
        Optional<LocalDate> seen = jdbc.sql("select first_seen_on from policy_impact_dataset where version = ?").param(version)
                .query(LocalDate.class).optional();
        if (seen.isPresent()) {
            return seen.get();
        }
        try {
            tx.executeWithoutResult(s -> jdbc.sql("insert into policy_impact_dataset (version, files, first_seen_on, first_seen_at) values (?, ?, ?, ?)")
                    .params(version, json.writeValueAsString(source.asMap()), today, clock.instant().atOffset(ZoneOffset.UTC)).update());
        } catch (DuplicateKeyException e) {
            // another node recorded it at the same moment
        }
        return jdbc.sql("select first_seen_on from policy_impact_dataset where version = ?").param(version).query(LocalDate.class).single();
    }

    @SuppressWarnings("unchecked")
    Map<String, String> readFiles(String version) {
        String files = jdbc.sql("select files from policy_impact_dataset where version = ?").param(version).query(String.class).single();
        return json.readValue(files, Map.class);
    }

    /**
     * The tasks, the timeline entries and the audit events of one batch's changed cases; the guard rows, tasks and
     * entries are each written as one JDBC batch, the audit events one statement each (AuditLog). Returns how many.
     */
    long reviewAll(List<PolicyImpact.Pending> pending, String key, LocalDate due, Instant now) {
        if (pending.isEmpty()) {
            return 0;
        }
        List<UUID> tasks = pending.stream().map(p -> UUID.randomUUID()).toList();
        List<Object[]> guards = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            PolicyImpact.Candidate k = pending.get(i).k();
            guards.add(new Object[] { key, k.id(), k.org(), tasks.get(i) });
        }
        // Under the run's lock and after the cursor no case comes twice; the primary key (run, case) is the last guard and
        // would roll the batch back rather than create a second task. (Not "where not exists": planned while the table
        // was empty, that is a scan per row of a table that grows with the run.)
        batch.batchUpdate("insert into policy_impact_case (run_key, case_id, org_id, task_id) values (?, ?, ?, ?)", guards);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<Object[]> taskRows = new ArrayList<>();
        List<Object[]> eventRows = new ArrayList<>();
        List<PolicyImpact.Candidate> reviewed = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            PolicyImpact.Candidate k = pending.get(i).k();
            PolicyImpact.Change change = pending.get(i).change();
            taskRows.add(new Object[] { tasks.get(i), k.id(), k.org(), PolicyImpact.TASK_TERM, due, k.assignee(), at });
            byte[] detail = protection.encrypt(EncryptedField.EVENT_DETAIL.of(new OrgId(k.org()), k.id()),
                    json.writeValueAsBytes(change));
            eventRows.add(new Object[] { UUID.randomUUID(), k.id(), k.org(), at, CaseEventType.POLICY_CHANGED.code(), change.onDate(), detail });
            reviewed.add(k);
        }
        batch.batchUpdate("insert into case_task (id, case_id, org_id, kind, term_id, title, due_on, assignee_id, created_at) "
                + "values (?, ?, ?, 'POLICY', ?, null, ?, ?, ?)", taskRows);
        batch.batchUpdate("insert into case_event (id, case_id, org_id, occurred_at, actor_id, type, from_state, to_state, on_date, detail) "
                + "values (?, ?, ?, ?, null, ?, null, null, ?, ?)", eventRows);
        for (PolicyImpact.Candidate k : reviewed) {
            audit.record(AuditEvent.of(new OrgId(k.org()), AuditEvent.SYSTEM, CaseAuditAction.POLICY_REVIEW_ADDED.code(), "case", k.id()));
        }
        return reviewed.size();
    }

    /**
     * The organisation's part of the run waits for one of its key holders (ADR 0006 C.9): its coordinators see so on the
     * staff home, with the number of open cases concerned, until it is done.
     */
    void waiting(String key, LocalDate onDate, UUID org, long cases) {
        notices.post(new OrgId(org), "policy-wait:" + key, Role.COORDINATOR, StaffNotices.POLICY_WAITING, onDate, cases, 0);
    }

    /** The organisation's summary of this run, for its coordinators, if it had reviews: counts only; a notice that it waited goes. */
    void notify(String key, LocalDate onDate, UUID org) {
        notices.withdraw(new OrgId(org), "policy-wait:" + key);
        List<Object[]> counts = jdbc.sql("select p.org_id, count(*), sum(case when c.assignee_id is null then 1 else 0 end) from policy_impact_case p "
                + "join case_file c on c.id = p.case_id and c.org_id = p.org_id where p.run_key = ? and p.org_id = ? group by p.org_id")
                .params(key, org).query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3) }).list();
        for (Object[] row : counts) {
            notices.post(new OrgId((UUID) row[0]), "policy:" + key, Role.COORDINATOR, StaffNotices.POLICY_CHANGED, onDate, (Long) row[1],
                    (Long) row[2]);
        }
    }

    /** Ordered keys for tests and the CLI: which runs exist with their counts. */
    List<PolicyImpact.Run> runs() {
        return jdbc.sql("select run_key, on_date, cases_seen, cases_changed from policy_impact_run order by started_at, run_key")
                .query((rs, n) -> new PolicyImpact.Run(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4), false)).list();
    }
}
