package nl.haven.cases.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.haven.audit.AuditLog;
import nl.haven.identity.StaffNotices;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.AtwCalendar;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.PolicySource;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The impact of a policy change on the open cases (issue #17, point 3). When Haven starts with a data set this ledger
 * has not run with, or the calendar reaches a day on which a provision or a list statement starts or ends (midnight
 * Europe/Amsterdam), every open case of every organisation is evaluated as the what-if does — its nationality, groups,
 * facts and route profile, each distinct combination once — under the old and the new answer, and each case whose
 * evidentiary standard, safe-country presumption, internal-relocation answer or route outcome (the route advice's
 * outcome for each route: open, not open, information needed, not applicable) changes gets a task "Policy changed: review", a
 * timeline entry naming the old and the new framework with the sources (encrypted under the case's key), and an audit
 * event. The comparison is always the previous answer for the same day: the previous data set on the day of the start,
 * or the same data set on the day before the provision's date — not the case's recorded receipts, which may be for
 * another day (those are compared on the decision-support page, {@link #receiptStatus}).
 *
 * <p>Once per run key, across restarts and nodes: the run's row in {@code policy_impact_run} is locked by every batch,
 * which reads the cursor (organisation, last case id) and moves it on in the same transaction; {@code policy_impact_case}
 * has one row per (run, case). Runs started together take turns batch by batch; a crash resumes after the last batch.
 */
@Service
public class PolicyImpact {
    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** The task's term id: the pages show it as "Policy changed: review". */
    public static final String TASK_TERM = "policy-changed";
    public static final String EVENT = CaseEventType.POLICY_CHANGED.code();
    static final int WORKING_DAYS = 5;
    public static final String OPEN = "c.erased_at is null and c.handling not in ('CLOSED', 'DECLINED', 'REFERRED') "
            + "and c.stage not in ('GRANTED', 'REGULAR_GRANTED')";

    private static final Logger log = LoggerFactory.getLogger(PolicyImpact.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final PolicyEngine engine;
    private final Protection protection;
    private final Clock clock;
    private final int batchSize;
    private final boolean atStart;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ImpactLedger ledger;
    private final ImpactEvaluation evaluation;

    PolicyImpact(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, PolicyEngine engine, PolicySource source, Protection protection,
            AuditLog audit, StaffNotices notices, Clock clock,
            @Value("${haven.policy.impact-batch:1000}") int batchSize, @Value("${haven.policy.impact-at-start:true}") boolean atStart) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = new TransactionTemplate(transactions);
        this.engine = engine;
        this.protection = protection;
        this.clock = clock;
        this.batchSize = Math.max(1, batchSize);
        this.atStart = atStart;
        this.ledger = new ImpactLedger(jdbc, batch, tx, source, protection, audit, notices, clock, json);
        this.evaluation = new ImpactEvaluation(engine, clock, json);
    }

    /** What a run did; {@code ranNow} false when it had been finished before (another node or an earlier start). */
    public record Run(String key, LocalDate onDate, long casesSeen, long casesChanged, boolean ranNow) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (atStart) {
            runDue();
        }
    }

    @Scheduled(cron = "0 0 0 * * *", zone = "Europe/Amsterdam")
    void midnight() {
        runDue();
    }

    /** Today in Amsterdam, where the law takes effect. */
    public LocalDate today() {
        return clock.instant().atZone(AMSTERDAM).toLocalDate();
    }

    /** Runs every impact that is due now: the data set's version, then every provision date up to today. */
    public List<Run> runDue() {
        LocalDate today = today();
        String current = engine.dataSet().version();
        List<Run> runs = new ArrayList<>();
        Optional<String> previous = ledger.previousVersion(current);
        LocalDate firstSeen = ledger.remember(current, today);
        if (previous.isPresent() && !previous.get().equals(current)) {
            PolicyDataSet old = PolicySource.fromMap(ledger.readFiles(previous.get())).load();
            PolicyEngine oldEngine = new PolicyEngine(old);
            runs.add(run(ImpactScope.versionKey(current), "VERSION", today, oldEngine, today, old.version(), current, ImpactScope.changedCountries(old, engine.dataSet())));
        }
        for (LocalDate day : ImpactScope.boundaries(engine.dataSet())) {
            if (day.isAfter(firstSeen) && !day.isAfter(today)) {
                runs.add(run("date:" + day, "DATE", day, engine, day.minusDays(1), current, current, ImpactScope.countriesChangingOn(engine.dataSet(), day)));
            }
        }
        return runs;
    }

    // --- one run --------------------------------------------------------------------------------------------------

    /**
     * What the timeline entry holds (encrypted): the run, the day, the old and the new answer; {@code PolicyImpactChange}
     * in the OpenAPI document (routes has a {@code Change} of its own).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "PolicyImpactChange")
    public record Change(String run, LocalDate onDate, String oldVersion, String newVersion, FrameworkAnswer before, FrameworkAnswer after) {
    }

    private record Cursor(@Nullable UUID org, @Nullable UUID lastCase, long seen, long changed, @Nullable Instant finished) {
    }

    record Candidate(UUID id, UUID org, @Nullable UUID assignee, @Nullable String nationality, byte[] details) {
    }

    private Run run(String key, String kind, LocalDate onDate, PolicyEngine oldEngine, LocalDate oldDate, String oldVersion, String newVersion,
            @Nullable Set<String> countries) {
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(s -> jdbc.sql("insert into policy_impact_run (run_key, kind, on_date, old_version, new_version, started_at, "
                    + "cases_seen, cases_changed) values (?, ?, ?, ?, ?, ?, 0, 0)")
                    .params(key, kind, onDate, oldVersion, newVersion, now.atOffset(ZoneOffset.UTC)).update());
        } catch (DuplicateKeyException e) {
            // started before: here, on another node, or before a crash; the cursor says where it is
        }
        String only = countries == null ? "" : countries.isEmpty() ? " and 1 = 0" : " and c.nationality in ("
                + String.join(", ", countries.stream().filter(cc -> cc.matches("[A-Z]{2}")).map(cc -> "'" + cc + "'").toList()) + ")";
        long total = jdbc.sql("select count(*) from case_file c where " + OPEN).query(Long.class).single();
        List<UUID> orgs = jdbc.sql("select id from organisation order by id").query(UUID.class).list();
        Map<String, Change> evaluated = new HashMap<>();
        LocalDate due = dueDate(today());
        boolean first = true;
        long lastLogged = 0;
        while (true) {
            Cursor cursor = tx.execute(s -> batch(key, orgs, only, onDate, oldEngine, oldDate, oldVersion, newVersion, evaluated, due));
            if (cursor.finished() != null) {
                if (!first) {
                    log.info("policy impact {}: done, {} open cases of the nationalities concerned evaluated ({} open in all), {} to review", key,
                            cursor.seen(), total, cursor.changed());
                }
                return new Run(key, onDate, cursor.seen(), cursor.changed(), !first);
            }
            first = false;
            if (cursor.seen() - lastLogged >= 50_000) {
                log.info("policy impact {}: {} open cases of the nationalities concerned evaluated ({} open in all), {} to review", key,
                        cursor.seen(), total, cursor.changed());
                lastLogged = cursor.seen();
            }
        }
    }

    /** One batch under the run's lock; returns the cursor after it (finished when the last organisation is done). */
    private Cursor batch(String key, List<UUID> orgs, String only, LocalDate onDate, PolicyEngine oldEngine, LocalDate oldDate, String oldVersion,
            String newVersion, Map<String, Change> evaluated, LocalDate due) {
        Cursor c = jdbc.sql("select last_org_id, last_case_id, cases_seen, cases_changed, finished_at from policy_impact_run where run_key = ? for update")
                .param(key).query((rs, n) -> {
                    OffsetDateTime f = rs.getObject(5, OffsetDateTime.class);
                    return new Cursor(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3), rs.getLong(4),
                            f == null ? null : f.toInstant());
                }).single();
        if (c.finished() != null) {
            return c;
        }
        int orgIndex = c.org() == null ? 0 : orgs.indexOf(c.org());
        @Nullable UUID after = c.lastCase();
        Instant now = clock.instant();
        while (orgIndex >= 0 && orgIndex < orgs.size()) {
            UUID org = orgs.get(orgIndex);
            List<Candidate> cases = jdbc.sql("select c.id, c.org_id, c.assignee_id, c.nationality, c.details from case_file c "
                    + "where c.org_id = ? and " + (after == null ? "" : "c.id > ? and ") + OPEN + only + " order by c.id limit " + batchSize)
                    .params(after == null ? List.of(org) : List.of(org, after))
                    .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getBytes(5)))
                    .list();
            if (cases.isEmpty()) {
                orgIndex++;
                after = null;
                continue;
            }
            List<Pending> pending = new ArrayList<>();
            Map<CaseId, byte[]> ciphertexts = new HashMap<>();
            for (Candidate k : cases) {
                if (k.nationality() != null) {
                    ciphertexts.put(new CaseId(k.id()), k.details());
                }
            }
            Map<CaseId, byte[]> plain = protection.decryptAll(new OrgId(org), EncryptedField.CASE_DETAILS.table(), EncryptedField.CASE_DETAILS.column(), ciphertexts);
            for (Candidate k : cases) {
                byte[] details = plain.get(new CaseId(k.id()));
                Change change = details == null ? null : evaluation.evaluate(k, details, key, onDate, oldEngine, oldDate, oldVersion, newVersion, evaluated);
                if (change != null) {
                    pending.add(new Pending(k, change));
                }
            }
            long changed = ledger.reviewAll(pending, key, due, now);
            UUID last = cases.get(cases.size() - 1).id();
            jdbc.sql("update policy_impact_run set last_org_id = ?, last_case_id = ?, cases_seen = cases_seen + ?, cases_changed = cases_changed + ? "
                    + "where run_key = ?").params(org, last, cases.size(), changed, key).update();
            return new Cursor(org, last, c.seen() + cases.size(), c.changed() + changed, null);
        }
        jdbc.sql("update policy_impact_run set finished_at = ?, last_case_id = null where run_key = ?")
                .params(now.atOffset(ZoneOffset.UTC), key).update();
        ledger.notify(key, onDate);
        return new Cursor(null, null, c.seen(), c.changed(), now);
    }

    record Pending(Candidate k, Change change) {
    }

    /** Five working days after {@code from}: the Algemene termijnenwet's calendar where it covers the year, else Monday-Friday. */
    LocalDate dueDate(LocalDate from) {
        AtwCalendar calendar = new AtwCalendar(engine.dataSet().procedure());
        LocalDate day = from;
        int counted = 0;
        while (counted < WORKING_DAYS) {
            day = day.plusDays(1);
            boolean working;
            if (calendar.covers(day.getYear())) {
                working = calendar.isWorkingDay(day);
            } else {
                working = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
            }
            if (working) {
                counted++;
            }
        }
        return day;
    }

    // --- the decision-support page: recorded frameworks compared (point 4) -------------------------------------------

    /**
     * Whether a recorded framework is still current: its inputs assessed today under the data set Haven runs now, the
     * standard, the presumption and relocation compared; when they differ, the day of the latest policy change that
     * reviewed this case after the receipt was recorded (or the day the current data set was first run).
     */
    public record ReceiptStatus(UUID receipt, boolean current, @Nullable LocalDate changedOn, @Nullable FrameworkAnswer recorded, @Nullable FrameworkAnswer now) {
    }

    public ReceiptStatus receiptStatus(UUID caseId, UUID org, UUID receipt, Instant recordedAt, CaseDecisionSupport.Inputs inputs,
            AssessmentDocument recordedAnswer) {
        LocalDate today = today();
        FrameworkAnswer recorded = FrameworkAnswer.of(recordedAnswer);
        FrameworkAnswer now;
        try {
            now = FrameworkAnswer.of(engine.assess(engine.query(inputs.nationality(), inputs.region(), inputs.groups(), inputs.facts(), today.toString(),
                    null)));
        } catch (PolicyInputException e) {
            return new ReceiptStatus(receipt, true, null, recorded, null);
        }
        if (recorded.sameAs(now)) {
            return new ReceiptStatus(receipt, true, null, recorded, now);
        }
        LocalDate on = jdbc.sql("select max(r.on_date) from policy_impact_case p join policy_impact_run r on r.run_key = p.run_key "
                + "where p.case_id = ? and p.org_id = ? and r.started_at >= ?")
                .params(caseId, org, recordedAt.atOffset(ZoneOffset.UTC)).query(LocalDate.class).optional().orElse(null);
        if (on == null) {
            on = jdbc.sql("select first_seen_on from policy_impact_dataset where version = ?").param(engine.dataSet().version())
                    .query(LocalDate.class).optional().orElse(today);
        }
        return new ReceiptStatus(receipt, false, on, recorded, now);
    }


    /** Ordered keys for tests and the CLI: which runs exist with their counts. */
    public List<Run> runs() {
        return ledger.runs();
    }
}
