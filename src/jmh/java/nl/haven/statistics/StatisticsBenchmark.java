package nl.haven.statistics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.PolicyChange;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.statistics.internal.CountStore;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 9's two performance goals, measured against PostgreSQL in a fresh schema (method and results in
 * benchmarks/RESULTS.md). Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.statistics.StatisticsBenchmark}
 * (database: {@code HAVEN_BENCH_DB_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 *
 * <ol>
 * <li><b>Dashboard</b>: 10,000,000 generated request events (100 organisations, skewed, 2020–2026) in a raw events table
 * (made for this benchmark only) and the same events as the statistics' counts. The dashboard's figures for one
 * organisation and year (its six breakdowns of this year and the months of the two years before, disclosure control
 * and forecast: {@link Statistics#dashboard}) against the same figures from a plain GROUP BY over the raw
 * events (the same disclosure control and forecast in Java), alternately, after a warm-up; answers checked equal.</li>
 * <li><b>What-if</b>: the open-case counts as 1,000,000 generated open cases produce them (skewed nationalities,
 * groups and facts over 100 organisations), and the what-if of docs/examples/what-if-us-trans-risk-group-2026.yaml
 * over all organisations, end to end: the change file applied through the loader, every combination streamed from
 * PostgreSQL, evaluated under both data sets, counted and disclosure-controlled.</li>
 * </ol>
 */
public final class StatisticsBenchmark {
    static final int YEAR = 2026;

    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("HAVEN_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "bench_stats_" + System.currentTimeMillis();
        int reps = Integer.parseInt(System.getProperty("reps", "15"));
        try (Connection admin = DriverManager.getConnection(url)) {
            admin.createStatement().execute("create schema " + schema);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Flyway.configure().dataSource(schemaUrl, null, null).schemas(schema).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load().migrate();
        SingleConnectionDataSource data = new SingleConnectionDataSource(schemaUrl, true);
        data.setAutoCommit(true);
        System.out.println("schema " + schema);
        JdbcClient jdbc = JdbcClient.create(data);
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            generateEvents(s);
            System.out.printf("generated 10,000,000 raw events and their counts in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            generateOpenCases(s);
            System.out.printf("generated the counts of 1,000,000 open cases in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        long events = jdbc.sql("select count(*) from raw_request_event").query(Long.class).single();
        long countRows = jdbc.sql("select count(*) from stat_request_count").query(Long.class).single();
        long openCases = jdbc.sql("select sum(cases) from stat_open_profile").query(Long.class).single();
        long openRows = jdbc.sql("select count(*) from stat_open_profile").query(Long.class).single();
        System.out.printf("raw events %,d; count rows %,d; open cases %,d in %,d combination rows%n", events, countRows, openCases, openRows);

        PolicyFiles files = PolicyFiles.shipped();
        PolicyEngine engine = new PolicyEngine(PolicyDataSet.load(files));
        Clock clock = Clock.fixed(Instant.parse(YEAR + "-11-23T12:00:00Z"), ZoneOffset.UTC);
        Statistics service = new Statistics(new CountStore(jdbc), new StatisticsSettings(5, 0), engine, files, clock);
        // The service reads the published counts (issue #15, point 9): release what was just generated.
        new CountStore(jdbc).release(clock.instant());

        dashboard(jdbc, service, reps);
        whatIf(data, service, reps);
        System.out.println("schema kept for inspection: " + schema + " (drop schema " + schema + " cascade)");
    }

    static void generateEvents(Statement s) throws Exception {
        s.execute("create table bench_org as select n, md5('org' || n)::uuid as id from generate_series(0, 99) n");
        s.execute("""
                create table raw_request_event as
                with r as (
                  select floor(power(random(), 2.5) * 100)::int as org_no,
                         2020 + least(6, floor(power(random(), 0.7) * 7)::int) as y,
                         1 + floor(random() * 12)::int as m,
                         (array['US','RU','RU','IR','IR','UG','IQ','EG','SY','AF','TR','JM','GH','MA','NG','PK','BR','CO','VE','UA','GE','AM','AL','IN','CN',
                                'KE','CM','TN','DZ','SN','LB','JO','SA','MX','HN','SV','GT','CU','BY','KZ'])[1 + floor(power(random(), 1.8) * 40)::int] as nat,
                         random() as g, random() as st, random() as sg
                  from generate_series(1, 10000000)
                )
                select x.*, case when stage in ('none', 'preparing') then 'undecided' when stage like 'regular-%' then 'regular'
                                 else 'asylum' end::varchar(16) as route
                from (
                select o.id as org_id, r.y::smallint as opened_year, r.m::smallint as opened_month, r.nat as nationality,
                       case when g < 0.38 then 'trans' when g < 0.42 then 'intersex' when g < 0.95 then 'lgb' else 'none-given' end as group_category,
                       case when st < 0.55 then 'closed' when st < 0.62 then 'declined' when st < 0.70 then 'new' when st < 0.78 then 'triage' else 'accepted' end as status,
                       case when st >= 0.78 then (array['preparing','applied','rest-and-preparation','general-procedure','extended-procedure',
                                'intended-decision','appeal','further-appeal','regular-applied'])[1 + floor(sg * 9)::int]
                            when st < 0.55 then (array['none','granted','rejected','regular-granted','regular-refused'])[1 + floor(sg * 5)::int]
                            else 'none' end as stage
                from r join bench_org o on o.n = r.org_no
                ) x
                """);
        // The plain GROUP BY gets the index a careful engineer would give it.
        s.execute("create index raw_request_event_org_year on raw_request_event (org_id, opened_year)");
        s.execute("analyze raw_request_event");
        // The counts the listener keeps, as the same events would have produced them (one +1 per dimension each).
        s.execute("""
                insert into stat_request_count (org_id, stat_year, dimension, bucket, requests)
                select org_id, opened_year, 'month', opened_year || '-' || lpad(opened_month::text, 2, '0'), count(*) from raw_request_event group by 1, 2, 4
                union all select org_id, opened_year, 'nationality', nationality, count(*) from raw_request_event group by 1, 2, 4
                union all select org_id, opened_year, 'group', group_category, count(*) from raw_request_event group by 1, 2, 4
                union all select org_id, opened_year, 'route', route, count(*) from raw_request_event group by 1, 2, 4
                union all select org_id, opened_year, 'status', status, count(*) from raw_request_event group by 1, 2, 4
                union all select org_id, opened_year, 'stage', stage, count(*) from raw_request_event group by 1, 2, 4
                """);
        s.execute("analyze stat_request_count");
    }

    static void generateOpenCases(Statement s) throws Exception {
        s.execute("""
                insert into stat_open_profile (org_id, nationality, group_codes, fact_codes, cases)
                select o.id, nat, grp, facts, count(*) from (
                  select floor(power(random(), 2.5) * 100)::int as org_no,
                         (array['US','RU','RU','IR','IR','UG','IQ','EG','SY','AF','TR','JM','GH','MA','NG','PK','BR','CO','VE','UA','GE','AM','AL','IN','CN',
                                'KE','CM','TN','DZ','SN','LB','JO','SA','MX','HN','SV','GT','CU','BY','KZ','XK','RS','MK','ME','BA','MN','TT','LK','BD','ID',
                                'MY','PH','VN','TH','ET','ER','SD','SO','LY','YE'])[1 + floor(power(random(), 1.6) * 60)::int] as nat,
                         (array['gay','gay','gay','lesbian','lesbian','trans','trans','trans','bisexual','nonbinary,trans','gay,trans','queer',
                                'intersex','lesbian,trans','bisexual,nonbinary','', 'gay,queer','nonbinary','bisexual,trans','intersex,trans',
                                'lesbian,queer','gay,intersex','lgbti','queer,trans','bisexual,lesbian'])[1 + floor(power(random(), 1.3) * 25)::int] as grp,
                         (array['','','','','','late-disclosure','military-dismissal','criminalisation-only','imprisonment-applied',
                                'sought-state-protection','late-disclosure,sought-state-protection','criminalisation-only,imprisonment-applied',
                                'imprisonment-applied,late-disclosure','military-dismissal,sought-state-protection'])[1 + floor(random() * 14)::int] as facts
                  from generate_series(1, 1000000)
                ) c join bench_org o on o.n = c.org_no
                group by 1, 2, 3, 4
                """);
        s.execute("analyze stat_open_profile");
    }

    // --- dashboard ---------------------------------------------------------------------------------------------------

    static final Map<Dimension, String> RAW_COLUMN = Map.of(Dimension.MONTH, "opened_year || '-' || lpad(opened_month::text, 2, '0')",
            Dimension.NATIONALITY, "nationality", Dimension.GROUP, "group_category", Dimension.ROUTE, "route", Dimension.STATUS, "status",
            Dimension.STAGE, "stage");

    /** The dashboard's figures from the raw events: a plain GROUP BY per breakdown, then the same Java as the service. */
    static Statistics.Dashboard rawDashboard(JdbcClient jdbc, Statistics service, UUID org, int year) {
        Map<Integer, Map<Dimension, Disclosure.Table>> populations = new HashMap<>();
        for (int y = year - 2; y <= year; y++) {
            Map<String, List<Disclosure.Raw>> tables = new LinkedHashMap<>();
            for (Dimension d : Dimension.values()) {
                Map<String, Long> counts = new HashMap<>();
                jdbc.sql("select " + RAW_COLUMN.get(d) + ", count(*) from raw_request_event where org_id = ? and opened_year = ? group by 1")
                        .params(org, y).query(rs -> {
                            counts.put(rs.getString(1), rs.getLong(2));
                        });
                tables.put(d.code(), Statistics.raw(d, y, counts));
            }
            Map<String, Disclosure.Table> published = Disclosure.protect(tables, service.rules());
            Map<Dimension, Disclosure.Table> byDimension = new LinkedHashMap<>();
            for (Dimension d : Dimension.values()) {
                byDimension.put(d, published.get(d.code()));
            }
            populations.put(y, byDimension);
        }
        Map<Integer, Disclosure.Table> previous = new TreeMap<>();
        previous.put(year - 2, populations.get(year - 2).get(Dimension.MONTH));
        previous.put(year - 1, populations.get(year - 1).get(Dimension.MONTH));
        Disclosure.Cell lastYear = previous.get(year - 1).total();
        Long target = lastYear.drawn() == 0 ? null : lastYear.drawn() + 1;
        LocalDate asOf = service.today();
        return new Statistics.Dashboard(year, asOf, populations.get(year), previous,
                Statistics.published(populations.get(year).get(Dimension.MONTH).total(), asOf, null, target), service.rules(), null);
    }

    static void dashboard(JdbcClient jdbc, Statistics service, int reps) {
        List<UUID> orgs = jdbc.sql("select org_id from raw_request_event where opened_year = ? group by org_id order by count(*) desc")
                .param(YEAR).query(UUID.class).list();
        UUID largest = orgs.get(0);
        UUID median = orgs.get(orgs.size() / 2);
        for (UUID org : List.of(largest, median)) {
            long events = jdbc.sql("select count(*) from raw_request_event where org_id = ? and opened_year between ? and ?")
                    .params(org, YEAR - 2, YEAR).query(Long.class).single();
            StaffMember analyst = new StaffMember(new UserId(UUID.randomUUID()), new OrgId(org), Role.ANALYST, "bench");
            Statistics.Dashboard fromCounts = service.dashboard(analyst, YEAR);
            Statistics.Dashboard fromRaw = rawDashboard(jdbc, service, org, YEAR);
            if (!fromCounts.equals(fromRaw)) {
                throw new IllegalStateException("the two ways to the dashboard disagree for " + org);
            }
            for (int i = 0; i < 3; i++) { // warm-up
                service.dashboard(analyst, YEAR);
                rawDashboard(jdbc, service, org, YEAR);
            }
            double[] counts = new double[reps];
            double[] raw = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                service.dashboard(analyst, YEAR);
                counts[i] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                rawDashboard(jdbc, service, org, YEAR);
                raw[i] = (System.nanoTime() - t0) / 1e6;
            }
            System.out.printf("dashboard, %s organisation (%,d events in the three years): counts median %.2f ms p95 %.2f ms; "
                    + "raw GROUP BY median %.1f ms p95 %.1f ms; ratio of medians %.0f x (answers equal)%n",
                    org.equals(largest) ? "largest" : "median", events, median(counts), p95(counts), median(raw), p95(raw), median(raw) / median(counts));
        }
    }

    // --- what-if -------------------------------------------------------------------------------------------------------

    static void whatIf(DataSource data, Statistics service, int reps) throws Exception {
        String text = Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml"), StandardCharsets.UTF_8);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(data));
        tx.setReadOnly(true);
        double[] times = new double[Math.max(3, reps / 3)];
        Statistics.WhatIf last = null;
        for (int i = -1; i < times.length; i++) {
            long t0 = System.nanoTime();
            Statistics.WhatIf result = tx.execute(status -> {
                PolicyChange change = service.change("what-if-us-trans-risk-group-2026.yaml", text);
                return service.whatIf(null, change, null, (done, total) -> { });
            });
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= 0) {
                times[i] = ms;
            } else {
                System.out.printf("what-if first (cold) run: %.0f ms%n", ms);
            }
            last = result;
        }
        System.out.printf("what-if over all organisations' open cases, end to end: median %.0f ms, max %.0f ms (%d runs)%n", median(times),
                Arrays.stream(times).max().orElse(0), times.length);
        System.out.println("  open cases " + last.openCases().text() + "; unchanged " + last.unchanged().text());
        for (Statistics.Transition t : last.changes()) {
            System.out.println("  " + t.from() + " -> " + t.to() + ": " + t.cases().text());
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double p95(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }

}
