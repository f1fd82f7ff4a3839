package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import nl.haven.protection.KeyLoan;
import nl.haven.protection.KeysOpened;
import nl.haven.protection.OpenedKeys;
import org.springframework.beans.factory.DisposableBean;
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
 * which reads the organisation's cursor ({@code policy_impact_org}: last case id) and moves it on in the same
 * transaction; {@code policy_impact_case} has one row per (run, case). Runs started together take turns batch by batch;
 * a crash resumes after the last batch.
 *
 * <p>Reading a case's details needs its organisation's keys (issue #23, ADR 0006 C.9): a run does every organisation
 * whose concerned open cases this thread may read (all of them while the legacy opener is on) and leaves the others
 * waiting, told to their coordinators; the next request of one of their key holders lends its keys to a job that does
 * that organisation's part ({@link #keysOpened}). The run is finished when every organisation's part is.
 */
@Service
public class PolicyImpact implements DisposableBean {
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
    /** How long one job with a key holder's lent keys goes on before it leaves the rest to the next request (C.9). */
    static final Duration KEY_HOLDER_WORK_LIMIT = Duration.ofMinutes(30);
    /** Organisations whose part of a run waits for a key holder, as this node saw at its last run or job. */
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private final Set<UUID> working = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor keyHolderWork = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64), runnable -> {
        Thread thread = new Thread(runnable, "haven-policy-review");
        thread.setDaemon(true);
        return thread;
    }, new ThreadPoolExecutor.AbortPolicy());

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

    @Override
    public void destroy() {
        keyHolderWork.shutdownNow();
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
            runs.add(run(new Spec(ImpactScope.versionKey(current), "VERSION", today, new PolicyEngine(old), today, old.version(), current,
                    ImpactScope.changedCountries(old, engine.dataSet()))));
        }
        for (LocalDate day : ImpactScope.boundaries(engine.dataSet())) {
            if (day.isAfter(firstSeen) && !day.isAfter(today)) {
                runs.add(run(dateSpec(day)));
            }
        }
        return runs;
    }

    private Spec dateSpec(LocalDate day) {
        String current = engine.dataSet().version();
        return new Spec("date:" + day, "DATE", day, engine, day.minusDays(1), current, current, ImpactScope.countriesChangingOn(engine.dataSet(), day));
    }

    // --- work that waits for a key holder (ADR 0006 C.9) -------------------------------------------------------------

    /** The organisations whose part of a run waits for one of their key holders (on this node's knowledge). */
    public Set<OrgId> waiting() {
        Set<OrgId> orgs = new HashSet<>();
        waiting.forEach(org -> orgs.add(new OrgId(org)));
        return orgs;
    }

    /**
     * A key holder's request opened its organisation's keys: if that organisation's part of a run waits, it goes on
     * now, on a thread of its own with the keys lent by the request, so the request is not held up. One job per
     * organisation at a time on this node; other nodes take turns through the run's row lock.
     */
    @EventListener
    void keysOpened(KeysOpened opened) {
        UUID org = opened.org().value();
        if (!waiting.contains(org) || !working.add(org)) {
            return;
        }
        KeyLoan loan;
        try {
            loan = protection.lend(opened.org());
        } catch (RuntimeException e) {
            working.remove(org);
            return;
        }
        try {
            keyHolderWork.execute(() -> {
                try (loan; OpenedKeys keys = loan.open()) {
                    resume(org);
                } catch (RuntimeException e) {
                    log.warn("the policy review of organisation {} stopped ({}); the next key holder's request goes on with it", org,
                            e.getClass().getSimpleName());
                } finally {
                    working.remove(org);
                }
            });
        } catch (RejectedExecutionException e) {
            loan.close();
            working.remove(org);
        }
    }

    /** The organisation's part of every unfinished run, with its keys on this thread; the run finishes with its last organisation. */
    void resume(UUID org) {
        Instant until = clock.instant().plus(KEY_HOLDER_WORK_LIMIT);
        List<RunRow> unfinished = jdbc.sql("select run_key, kind, on_date, old_version, new_version from policy_impact_run where finished_at is null "
                + "order by started_at, run_key").query((rs, n) -> new RunRow(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5))).list();
        LocalDate due = dueDate(today());
        boolean waits = false;
        for (RunRow row : unfinished) {
            Spec spec = specOf(row);
            if (spec == null) {
                continue;
            }
            Map<String, Change> evaluated = new HashMap<>();
            Step step;
            do {
                step = tx.execute(s -> batch(spec, org, evaluated, due));
            } while (step == Step.MORE && clock.instant().isBefore(until));
            waits |= step != Step.DONE;
            finishIfAllDone(spec.key());
            log.info("policy impact {}: organisation {} {} with a key holder's keys", spec.key(), org, step == Step.DONE ? "done" : "paused");
        }
        if (!waits) {
            waiting.remove(org);
        }
    }

    private record RunRow(String key, String kind, LocalDate onDate, String oldVersion, String newVersion) {
    }

    /**
     * A run as it was started, rebuilt from its row: the data set it compares with is the one it was started with (kept in
     * {@code policy_impact_dataset}); null when that is gone.
     */
    private @Nullable Spec specOf(RunRow row) {
        if ("DATE".equals(row.kind())) {
            return dateSpec(row.onDate());
        }
        try {
            PolicyDataSet old = PolicySource.fromMap(ledger.readFiles(row.oldVersion())).load();
            return new Spec(row.key(), row.kind(), row.onDate(), new PolicyEngine(old), row.onDate(), row.oldVersion(), row.newVersion(),
                    ImpactScope.changedCountries(old, engine.dataSet()));
        } catch (RuntimeException e) {
            log.warn("policy impact {}: the data set it compares with ({}) cannot be read ({})", row.key(), row.oldVersion(), e.getClass().getSimpleName());
            return null;
        }
    }

    // --- one run --------------------------------------------------------------------------------------------------

    /**
     * What the timeline entry holds (encrypted): the run, the day, the old and the new answer; {@code PolicyImpactChange}
     * in the OpenAPI document (routes has a {@code Change} of its own).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "PolicyImpactChange")
    public record Change(String run, LocalDate onDate, String oldVersion, String newVersion, FrameworkAnswer before, FrameworkAnswer after) {
    }

    /** What one run compares. */
    private record Spec(String key, String kind, LocalDate onDate, PolicyEngine oldEngine, LocalDate oldDate, String oldVersion, String newVersion,
            @Nullable Set<String> countries) {
        String only() {
            return countries == null ? "" : countries.isEmpty() ? " and 1 = 0" : " and c.nationality in ("
                    + String.join(", ", countries.stream().filter(cc -> cc.matches("[A-Z]{2}")).map(cc -> "'" + cc + "'").toList()) + ")";
        }
    }

    /** What a batch left: more to do, the organisation done, or its cases waiting for one of its key holders. */
    private enum Step {
        MORE, DONE, WAITS
    }

    record Candidate(UUID id, UUID org, @Nullable UUID assignee, @Nullable String nationality, byte[] details) {
    }

    /**
     * Every organisation's part of the run that this thread can do: an organisation with open cases of the nationalities
     * concerned needs its keys (the legacy opener, or a key holder's), else its part waits ({@link #keysOpened}).
     */
    private Run run(Spec spec) {
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(s -> jdbc.sql("insert into policy_impact_run (run_key, kind, on_date, old_version, new_version, started_at, "
                    + "cases_seen, cases_changed) values (?, ?, ?, ?, ?, ?, 0, 0)")
                    .params(spec.key(), spec.kind(), spec.onDate(), spec.oldVersion(), spec.newVersion(), now.atOffset(ZoneOffset.UTC)).update());
        } catch (DuplicateKeyException e) {
            // started before: here, on another node, or before a crash; the cursors say where it is
        }
        List<UUID> orgs = jdbc.sql("select id from organisation order by id").query(UUID.class).list();
        Map<String, Change> evaluated = new HashMap<>();
        LocalDate due = dueDate(today());
        boolean ranNow = false;
        for (UUID org : orgs) {
            Step step = tx.execute(s -> batch(spec, org, evaluated, due));
            while (step == Step.MORE) {
                ranNow = true;
                step = tx.execute(s -> batch(spec, org, evaluated, due));
            }
            if (step == Step.WAITS) {
                waiting.add(org);
                long concerned = jdbc.sql("select count(*) from case_file c where c.org_id = ? and " + OPEN + spec.only()).param(org).query(Long.class)
                        .single();
                ledger.waiting(spec.key(), spec.onDate(), org, concerned);
            }
        }
        finishIfAllDone(spec.key());
        boolean ran = ranNow;
        Run run = jdbc.sql("select cases_seen, cases_changed from policy_impact_run where run_key = ?").param(spec.key())
                .query((rs, n) -> new Run(spec.key(), spec.onDate(), rs.getLong(1), rs.getLong(2), ran)).single();
        if (ran) {
            log.info("policy impact {}: {} open cases of the nationalities concerned evaluated, {} to review{}", spec.key(), run.casesSeen(),
                    run.casesChanged(), waiting.isEmpty() ? "" : "; organisations waiting for a key holder: " + waiting.size());
        }
        return run;
    }

    /** Marks the run finished once every organisation's part is. */
    private void finishIfAllDone(String key) {
        tx.executeWithoutResult(s -> {
            if (jdbc.sql("select finished_at from policy_impact_run where run_key = ? for update").param(key).query(OffsetDateTime.class).optional()
                    .isEmpty()) {
                long open = jdbc.sql("select count(*) from organisation o where not exists (select 1 from policy_impact_org p where p.run_key = ? "
                        + "and p.org_id = o.id and p.finished_at is not null)").param(key).query(Long.class).single();
                if (open == 0) {
                    jdbc.sql("update policy_impact_run set finished_at = ? where run_key = ?").params(clock.instant().atOffset(ZoneOffset.UTC), key)
                            .update();
                }
            }
        });
    }

    /**
     * One batch of one organisation under the run's lock: reads the organisation's cursor, evaluates its next open cases of
     * the nationalities concerned and moves the cursor on; at its end the organisation's part is finished and its
     * coordinators are told.
     */
    private Step batch(Spec spec, UUID org, Map<String, Change> evaluated, LocalDate due) {
        String key = spec.key();
        Optional<OffsetDateTime> runFinished = jdbc.sql("select finished_at from policy_impact_run where run_key = ? for update").param(key)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single();
        if (runFinished.isPresent()) {
            return Step.DONE;
        }
        record OrgCursor(@Nullable UUID lastCase, boolean finished) {
        }
        Optional<OrgCursor> cursor = jdbc.sql("select last_case_id, finished_at from policy_impact_org where run_key = ? and org_id = ?").params(key, org)
                .query((rs, n) -> new OrgCursor(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class) != null)).optional();
        if (cursor.isEmpty()) {
            jdbc.sql("insert into policy_impact_org (run_key, org_id, cases_seen, cases_changed) values (?, ?, 0, 0)").params(key, org).update();
        } else if (cursor.get().finished()) {
            return Step.DONE;
        }
        @Nullable UUID after = cursor.map(OrgCursor::lastCase).orElse(null);
        Instant now = clock.instant();
        List<Candidate> cases = jdbc.sql("select c.id, c.org_id, c.assignee_id, c.nationality, c.details from case_file c "
                + "where c.org_id = ? and " + (after == null ? "" : "c.id > ? and ") + OPEN + spec.only() + " order by c.id limit " + batchSize)
                .params(after == null ? List.of(org) : List.of(org, after))
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getBytes(5)))
                .list();
        if (cases.isEmpty()) {
            jdbc.sql("update policy_impact_org set finished_at = ?, last_case_id = null where run_key = ? and org_id = ?")
                    .params(now.atOffset(ZoneOffset.UTC), key, org).update();
            ledger.notify(key, spec.onDate(), org);
            return Step.DONE;
        }
        if (!protection.mayOpenCaseKeys(new OrgId(org))) {
            return Step.WAITS;
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
            Change change = details == null ? null : evaluation.evaluate(k, details, key, spec.onDate(), spec.oldEngine(), spec.oldDate(),
                    spec.oldVersion(), spec.newVersion(), evaluated);
            if (change != null) {
                pending.add(new Pending(k, change));
            }
        }
        long changed = ledger.reviewAll(pending, key, due, now);
        UUID last = cases.get(cases.size() - 1).id();
        jdbc.sql("update policy_impact_org set last_case_id = ?, cases_seen = cases_seen + ?, cases_changed = cases_changed + ? "
                + "where run_key = ? and org_id = ?").params(last, cases.size(), changed, key, org).update();
        jdbc.sql("update policy_impact_run set cases_seen = cases_seen + ?, cases_changed = cases_changed + ? where run_key = ?")
                .params(cases.size(), changed, key).update();
        return Step.MORE;
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
