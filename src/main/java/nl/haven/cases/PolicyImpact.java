package nl.haven.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.cases.internal.CaseDecisionSupport;
import nl.haven.cases.internal.CaseRecords;
import nl.haven.identity.Role;
import nl.haven.identity.StaffNotices;
import nl.haven.policy.Assessment;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.AtwCalendar;
import nl.haven.policy.Group;
import nl.haven.policy.ListStatement;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.PolicySource;
import nl.haven.policy.Provision;
import nl.haven.policy.DatedValue;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.policy.RouteStatement;
import nl.haven.protection.FieldRef;
import nl.haven.routes.Profile;
import nl.haven.routes.ProfileException;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvice;
import nl.haven.routes.RouteAdvisor;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
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
    public static final String EVENT = "case.policy-changed";
    static final int WORKING_DAYS = 5;
    static final String OPEN = "c.erased_at is null and c.handling not in ('CLOSED', 'DECLINED', 'REFERRED') "
            + "and c.stage not in ('GRANTED', 'REGULAR_GRANTED')";

    private static final Logger log = LoggerFactory.getLogger(PolicyImpact.class);

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final PolicyEngine engine;
    private final PolicySource source;
    private final Protection protection;
    private final AuditLog audit;
    private final CaseRecords records;
    private final StaffNotices notices;
    private final Clock clock;
    private final int batchSize;
    private final boolean atStart;
    private final JsonMapper json = JsonMapper.builder().build();

    PolicyImpact(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, PlatformTransactionManager transactions, PolicyEngine engine, PolicySource source, Protection protection,
            AuditLog audit, CaseRecords records, StaffNotices notices, Clock clock,
            @Value("${haven.policy.impact-batch:1000}") int batchSize, @Value("${haven.policy.impact-at-start:true}") boolean atStart) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = new TransactionTemplate(transactions);
        this.engine = engine;
        this.source = source;
        this.protection = protection;
        this.audit = audit;
        this.records = records;
        this.notices = notices;
        this.clock = clock;
        this.batchSize = Math.max(1, batchSize);
        this.atStart = atStart;
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
        Optional<String> previous = previousVersion(current);
        LocalDate firstSeen = remember(current, today);
        if (previous.isPresent() && !previous.get().equals(current)) {
            PolicyDataSet old = PolicySource.fromMap(readFiles(previous.get())).load();
            PolicyEngine oldEngine = new PolicyEngine(old);
            runs.add(run(versionKey(current), "VERSION", today, oldEngine, today, old.version(), current, changedCountries(old, engine.dataSet())));
        }
        for (LocalDate day : boundaries(engine.dataSet())) {
            if (day.isAfter(firstSeen) && !day.isAfter(today)) {
                runs.add(run("date:" + day, "DATE", day, engine, day.minusDays(1), current, current, countriesChangingOn(engine.dataSet(), day)));
            }
        }
        return runs;
    }

    /**
     * The nationalities whose answers can differ between two data sets, or null for every nationality. An answer (the
     * standard, the safe-country presumption, internal relocation) depends only on the provisions of the nationality's
     * country and the list statements that concern it, so a case of another nationality cannot change and is not
     * decrypted. Over-inclusive where in doubt (a provision moved to another line counts as changed).
     */
    static @Nullable Set<String> changedCountries(PolicyDataSet before, PolicyDataSet after) {
        if (!before.routes().equals(after.routes())) {
            return null; // a route's threshold, term or statement: any nationality's route outcome may change
        }
        if (!before.listStatements().stream().filter(st -> st.countries().isEmpty()).toList()
                .equals(after.listStatements().stream().filter(st -> st.countries().isEmpty()).toList())) {
            return null;
        }
        Set<String> all = new TreeSet<>(before.countries().keySet());
        all.addAll(after.countries().keySet());
        all.addAll(before.countriesWithProvisions());
        all.addAll(after.countriesWithProvisions());
        for (ListStatement st : before.listStatements()) {
            all.addAll(st.countries());
        }
        for (ListStatement st : after.listStatements()) {
            all.addAll(st.countries());
        }
        Set<String> changed = new TreeSet<>();
        for (String country : all) {
            if (!before.provisionsOf(country).equals(after.provisionsOf(country))
                    || !before.listStatements().stream().filter(st -> st.concerns(country)).toList()
                            .equals(after.listStatements().stream().filter(st -> st.concerns(country)).toList())) {
                changed.add(country);
            }
        }
        return changed;
    }

    /**
     * The nationalities with a provision or list statement starting or ending on the day, or null for every one (also
     * when a route's parameter value or statement starts or ends on it: route outcomes do not depend on a country).
     */
    static @Nullable Set<String> countriesChangingOn(PolicyDataSet dataSet, LocalDate day) {
        if (routeDays(dataSet).contains(day)) {
            return null;
        }
        Set<String> changed = new TreeSet<>();
        for (Provision p : dataSet.provisions()) {
            if (p.validFrom().equals(day) || day.equals(p.validTo())) {
                changed.add(p.country());
            }
        }
        for (ListStatement st : dataSet.listStatements()) {
            if (st.validFrom().equals(day) || day.equals(st.validTo())) {
                if (st.countries().isEmpty()) {
                    return null;
                }
                changed.addAll(st.countries());
            }
        }
        return changed;
    }

    static String versionKey(String version) {
        String hex = version.startsWith("sha256:") ? version.substring(7) : version;
        return "version:" + hex.substring(0, Math.min(24, hex.length()));
    }

    /** The days on which something in the data set starts or ends. */
    static TreeSet<LocalDate> boundaries(PolicyDataSet dataSet) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Provision p : dataSet.provisions()) {
            days.add(p.validFrom());
            if (p.validTo() != null) {
                days.add(p.validTo());
            }
        }
        for (ListStatement s : dataSet.listStatements()) {
            days.add(s.validFrom());
            if (s.validTo() != null) {
                days.add(s.validTo());
            }
        }
        days.addAll(routeDays(dataSet));
        return days;
    }

    /** The days on which a route's parameter value or statement starts or ends. */
    static TreeSet<LocalDate> routeDays(PolicyDataSet dataSet) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (RouteData route : dataSet.routes().values()) {
            for (RouteParameter parameter : route.parameters().values()) {
                for (DatedValue value : parameter.values()) {
                    days.add(value.validFrom());
                    if (value.validTo() != null) {
                        days.add(value.validTo());
                    }
                }
            }
            for (RouteStatement statement : route.statements()) {
                days.add(statement.validFrom());
                if (statement.validTo() != null) {
                    days.add(statement.validTo());
                }
            }
        }
        return days;
    }

    /** The version this ledger ran with last before {@code current} was first seen (the latest one, if it is new). */
    private Optional<String> previousVersion(String current) {
        return jdbc.sql("select version from policy_impact_dataset where version <> ? and (not exists (select 1 from policy_impact_dataset "
                + "where version = ?) or first_seen_at <= (select first_seen_at from policy_impact_dataset where version = ?)) "
                + "order by first_seen_at desc, version limit 1")
                .params(current, current, current).query(String.class).optional();
    }

    /** Records the data set Haven runs with (its files, to compare the next one with); the day it was first seen. */
    private LocalDate remember(String version, LocalDate today) {
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
    private Map<String, String> readFiles(String version) {
        String files = jdbc.sql("select files from policy_impact_dataset where version = ?").param(version).query(String.class).single();
        return json.readValue(files, Map.class);
    }

    // --- one run --------------------------------------------------------------------------------------------------

    /**
     * The answer the review compares: the standard, the safe-country presumption, internal relocation, with sources,
     * and the route advice's outcome per route ({@code routes}: route name to outcome; empty where routes were not
     * evaluated, as for a recorded framework, which holds the assessment only). The standard is {@link #NOT_ASSESSED}
     * for a case without a recorded group: only its routes are compared.
     */
    public record Answer(String standard, boolean safeCountryApplied, @Nullable String listingStoppedBy, List<String> relocation,
            List<String> sources, Map<String, String> routes) {
        public static final String NOT_ASSESSED = "NOT_ASSESSED";

        public Answer {
            relocation = List.copyOf(relocation);
            sources = List.copyOf(sources);
            routes = routes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(routes)); // entries stored before routes were compared have none
        }

        boolean sameAs(Answer other) {
            return standard.equals(other.standard) && safeCountryApplied == other.safeCountryApplied
                    && java.util.Objects.equals(listingStoppedBy, other.listingStoppedBy) && relocation.equals(other.relocation)
                    && (routes.isEmpty() || other.routes.isEmpty() || routes.equals(other.routes));
        }

        /** The routes whose outcome differs from {@code other}'s (both evaluated), by name. */
        public List<String> routesChangedFrom(Answer other) {
            List<String> changed = new ArrayList<>();
            if (routes.isEmpty() || other.routes.isEmpty()) {
                return changed;
            }
            for (Map.Entry<String, String> e : routes.entrySet()) {
                if (!e.getValue().equals(other.routes.get(e.getKey()))) {
                    changed.add(e.getKey());
                }
            }
            return changed;
        }

        Answer withRoutes(Map<String, String> outcomes) {
            return new Answer(standard, safeCountryApplied, listingStoppedBy, relocation, sources, outcomes);
        }

        static Answer notAssessed() {
            return new Answer(NOT_ASSESSED, false, null, List.of(), List.of(), Map.of());
        }

        static Answer of(nl.haven.policy.AssessmentDocument d) {
            Set<String> sources = new TreeSet<>();
            for (nl.haven.policy.AssessmentDocument.ProvisionView p : d.provisions()) {
                sources.addAll(p.sources());
            }
            return new Answer(d.evidentiaryStandard().name(), d.safeCountryOfOrigin().applied(), d.safeCountryOfOrigin().stoppedBy(),
                    d.internalRelocation().considered() ? List.copyOf(d.internalRelocation().regions()) : List.of(), List.copyOf(sources), Map.of());
        }

        static Answer of(Assessment a) {
            Set<String> sources = new TreeSet<>();
            for (Provision p : a.provisions()) {
                sources.addAll(p.sources());
            }
            if (a.listingStoppedBy() != null) {
                sources.addAll(a.listingStoppedBy().sources());
            }
            return new Answer(a.standard().name(), a.safeCountryApplied(), a.listingStoppedBy() == null ? null : a.listingStoppedBy().id(),
                    a.relocationConsidered() ? List.copyOf(a.relocationRegions()) : List.of(), List.copyOf(sources), Map.of());
        }
    }

    /** What the timeline entry holds (encrypted): the run, the day, the old and the new answer. */
    public record Change(String run, LocalDate onDate, String oldVersion, String newVersion, Answer before, Answer after) {
    }

    private record Cursor(@Nullable UUID org, @Nullable UUID lastCase, long seen, long changed, @Nullable Instant finished) {
    }

    private record Candidate(UUID id, UUID org, @Nullable UUID assignee, @Nullable String nationality, byte[] details) {
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
                    java.time.OffsetDateTime f = rs.getObject(5, java.time.OffsetDateTime.class);
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
            Map<CaseId, byte[]> plain = protection.decryptAll(new OrgId(org), "case_file", "details", ciphertexts);
            for (Candidate k : cases) {
                byte[] details = plain.get(new CaseId(k.id()));
                Change change = details == null ? null : evaluate(k, details, key, onDate, oldEngine, oldDate, oldVersion, newVersion, evaluated);
                if (change != null) {
                    pending.add(new Pending(k, change));
                }
            }
            long changed = reviewAll(pending, key, due, now);
            UUID last = cases.get(cases.size() - 1).id();
            jdbc.sql("update policy_impact_run set last_org_id = ?, last_case_id = ?, cases_seen = cases_seen + ?, cases_changed = cases_changed + ? "
                    + "where run_key = ?").params(org, last, cases.size(), changed, key).update();
            return new Cursor(org, last, c.seen() + cases.size(), c.changed() + changed, null);
        }
        jdbc.sql("update policy_impact_run set finished_at = ?, last_case_id = null where run_key = ?")
                .params(now.atOffset(ZoneOffset.UTC), key).update();
        notify(key, onDate);
        return new Cursor(null, null, c.seen(), c.changed(), now);
    }

    /**
     * The change for the case's nationality, groups, facts and route profile, or null when the answer stays the same.
     * The route outcomes are compared when the case's route profile can be read and both data sets have every route
     * parameter the advisor needs. On a day run both answers are for the case as it is; a birthday on the very day a
     * route's threshold changes is counted as a change too (over-inclusive: one review more, never one less).
     */
    private @Nullable Change evaluate(Candidate k, byte[] plain, String key, LocalDate onDate, PolicyEngine oldEngine, LocalDate oldDate, String oldVersion,
            String newVersion, Map<String, Change> evaluated) {
        if (k.nationality() == null) {
            return null;
        }
        CaseDetails details = json.readValue(plain, CaseDetails.class);
        Set<Group> groups = EnumSet.noneOf(Group.class);
        for (String code : details.groups()) {
            for (Group g : Group.values()) {
                if (g.code().equals(code)) {
                    groups.add(g);
                }
            }
        }
        Set<String> facts = new TreeSet<>(details.facts());
        facts.retainAll(engine.dataSet().facts().keySet());
        facts.retainAll(oldEngine.dataSet().facts().keySet());
        String combination = k.nationality() + "|" + groups + "|" + facts + "|" + json.writeValueAsString(details.routeProfile());
        if (evaluated.containsKey(combination)) {
            return evaluated.get(combination);
        }
        Change change;
        try {
            Answer before = groups.isEmpty() ? Answer.notAssessed()
                    : Answer.of(oldEngine.assess(new AssessmentQuery(k.nationality(), null, groups, facts, oldDate, null)));
            Answer now = groups.isEmpty() ? Answer.notAssessed()
                    : Answer.of(engine.assess(new AssessmentQuery(k.nationality(), null, groups, facts, onDate, null)));
            Map<String, String> routesBefore = routeOutcomes(oldEngine, k.nationality(), groups, facts, details, oldDate);
            Map<String, String> routesNow = routeOutcomes(engine, k.nationality(), groups, facts, details, onDate);
            if (!routesBefore.isEmpty() && !routesNow.isEmpty()) {
                before = before.withRoutes(routesBefore);
                now = now.withRoutes(routesNow);
            }
            change = before.sameAs(now) ? null : new Change(key, onDate, oldVersion, newVersion, before, now);
        } catch (PolicyInputException e) {
            change = null;
        }
        evaluated.put(combination, change);
        return change;
    }

    /** One route advisor per engine the runs compare; empty when the data set lacks a parameter the advisor needs. */
    private final Map<PolicyEngine, Optional<RouteAdvisor>> advisors = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The route advice's outcome per route for the case on the day, as the case's route page computes it (nationality,
     * groups, facts and the recorded route profile); empty when the profile cannot be read or the data set has no
     * route advisor.
     */
    private Map<String, String> routeOutcomes(PolicyEngine on, String nationality, Set<Group> groups, Set<String> facts, CaseDetails details,
            LocalDate day) {
        Optional<RouteAdvisor> advisor = advisors.computeIfAbsent(on, e -> {
            try {
                return Optional.of(new RouteAdvisor(e));
            } catch (IllegalStateException missing) {
                return Optional.empty();
            }
        });
        if (advisor.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> profile = new LinkedHashMap<>(details.routeProfile());
        profile.put("nationality", nationality);
        profile.put("date", day.toString());
        profile.put("protection", Map.of("groups", groups.stream().map(Group::code).toList(), "facts", List.copyOf(facts)));
        Map<String, String> outcomes = new TreeMap<>();
        try {
            Profile parsed = new ProfileParser(clock).parse(json.<JsonNode>valueToTree(profile));
            for (RouteAdvice.Answer answer : advisor.get().advise(parsed, "en").routes()) {
                outcomes.put(answer.route().name(), answer.outcome().name());
            }
        } catch (ProfileException | PolicyInputException e) {
            return Map.of(); // a route profile the advice cannot read: the case's route page says why; nothing to compare
        }
        return outcomes;
    }

    private record Pending(Candidate k, Change change) {
    }

    /**
     * The tasks, the timeline entries and the audit events of one batch's changed cases; the guard rows, tasks and
     * entries are each written as one JDBC batch, the audit events one statement each (AuditLog). Returns how many.
     */
    private long reviewAll(List<Pending> pending, String key, LocalDate due, Instant now) {
        if (pending.isEmpty()) {
            return 0;
        }
        List<UUID> tasks = pending.stream().map(p -> UUID.randomUUID()).toList();
        List<Object[]> guards = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Candidate k = pending.get(i).k();
            guards.add(new Object[] { key, k.id(), k.org(), tasks.get(i) });
        }
        // Under the run's lock and after the cursor no case comes twice; the primary key (run, case) is the last guard and
        // would roll the batch back rather than create a second task. (Not "where not exists": planned while the table
        // was empty, that is a scan per row of a table that grows with the run.)
        batch.batchUpdate("insert into policy_impact_case (run_key, case_id, org_id, task_id) values (?, ?, ?, ?)", guards);
        java.time.OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<Object[]> taskRows = new ArrayList<>();
        List<Object[]> eventRows = new ArrayList<>();
        List<Candidate> reviewed = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Candidate k = pending.get(i).k();
            Change change = pending.get(i).change();
            taskRows.add(new Object[] { tasks.get(i), k.id(), k.org(), TASK_TERM, due, k.assignee(), at });
            byte[] detail = protection.encrypt(new FieldRef(new OrgId(k.org()), new CaseId(k.id()), "case_event", "detail"),
                    json.writeValueAsBytes(change));
            eventRows.add(new Object[] { UUID.randomUUID(), k.id(), k.org(), at, EVENT, change.onDate(), detail });
            reviewed.add(k);
        }
        batch.batchUpdate("insert into case_task (id, case_id, org_id, kind, term_id, title, due_on, assignee_id, created_at) "
                + "values (?, ?, ?, 'POLICY', ?, null, ?, ?, ?)", taskRows);
        batch.batchUpdate("insert into case_event (id, case_id, org_id, occurred_at, actor_id, type, from_state, to_state, on_date, detail) "
                + "values (?, ?, ?, ?, null, ?, null, null, ?, ?)", eventRows);
        for (Candidate k : reviewed) {
            audit.record(AuditEvent.of(new OrgId(k.org()), AuditEvent.SYSTEM, "case.policy-review-added", "case", k.id()));
        }
        return reviewed.size();
    }

    /** One summary per organisation with reviews in this run, for its coordinators: counts only. */
    private void notify(String key, LocalDate onDate) {
        List<Object[]> counts = jdbc.sql("select p.org_id, count(*), sum(case when c.assignee_id is null then 1 else 0 end) from policy_impact_case p "
                + "join case_file c on c.id = p.case_id and c.org_id = p.org_id where p.run_key = ? group by p.org_id")
                .param(key).query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3) }).list();
        for (Object[] row : counts) {
            notices.post(new OrgId((UUID) row[0]), "policy:" + key, Role.COORDINATOR, "staff.notice.policyChanged", onDate, (Long) row[1],
                    (Long) row[2]);
        }
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
                working = day.getDayOfWeek() != java.time.DayOfWeek.SATURDAY && day.getDayOfWeek() != java.time.DayOfWeek.SUNDAY;
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
    public record ReceiptStatus(UUID receipt, boolean current, @Nullable LocalDate changedOn, @Nullable Answer recorded, @Nullable Answer now) {
    }

    public ReceiptStatus receiptStatus(UUID caseId, UUID org, UUID receipt, Instant recordedAt, CaseDecisionSupport.Inputs inputs,
            nl.haven.policy.AssessmentDocument recordedAnswer) {
        LocalDate today = today();
        Answer recorded = Answer.of(recordedAnswer);
        Answer now;
        try {
            now = Answer.of(engine.assess(engine.query(inputs.nationality(), inputs.region(), inputs.groups(), inputs.facts(), today.toString(),
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

    /** The decrypted detail of a policy-change timeline entry. */
    Change change(UUID caseId, UUID org, byte[] detail) {
        return json.readValue(protection.decrypt(new FieldRef(new OrgId(org), new CaseId(caseId), "case_event", "detail"), detail), Change.class);
    }

    /** Ordered keys for tests and the CLI: which runs exist with their counts. */
    public List<Run> runs() {
        return jdbc.sql("select run_key, on_date, cases_seen, cases_changed from policy_impact_run order by started_at, run_key")
                .query((rs, n) -> new Run(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4), false)).list();
    }

    static Map<String, Object> describe(Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("standard", a.standard());
        m.put("safeCountryApplied", a.safeCountryApplied());
        m.put("relocation", a.relocation());
        m.put("routes", a.routes());
        return m;
    }
}
