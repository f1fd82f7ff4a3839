package nl.haven.statistics.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statistics tables (V12): counts only. An increment makes sure the row exists ({@code on conflict do nothing},
 * which H2's PostgreSQL mode and PostgreSQL both accept) and then adds to it, so two transactions counting into the
 * same new row never lose a count; a decrement never goes below zero (a case counted before the statistics existed).
 */
@Repository
public class CountStore {
    private final JdbcClient jdbc;

    public CountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code delta} requests to one bucket of one dimension. */
    public void addRequests(UUID org, int year, String dimension, String bucket, long delta) {
        if (delta > 0) {
            jdbc.sql("insert into stat_request_count (org_id, stat_year, dimension, bucket, requests) values (?, ?, ?, ?, 0) on conflict do nothing")
                    .params(org, year, dimension, bucket).update();
        }
        jdbc.sql("update stat_request_count set requests = requests + ? where org_id = ? and stat_year = ? and dimension = ? and bucket = ?"
                + " and requests + ? >= 0")
                .params(delta, org, year, dimension, bucket, delta).update();
    }

    /** Adds {@code delta} open cases to one combination of nationality, group codes and fact codes. */
    public void addOpen(UUID org, String nationality, String groups, String facts, long delta) {
        if (delta > 0) {
            jdbc.sql("insert into stat_open_profile (org_id, nationality, group_codes, fact_codes, cases) values (?, ?, ?, ?, 0) on conflict do nothing")
                    .params(org, nationality, groups, facts).update();
        }
        jdbc.sql("update stat_open_profile set cases = cases + ? where org_id = ? and nationality = ? and group_codes = ? and fact_codes = ?"
                + " and cases + ? >= 0")
                .params(delta, org, nationality, groups, facts, delta).update();
    }

    /**
     * A release point: the live counts copied into the published tables (V18), all in the caller's transaction, so a
     * reader sees either the previous release or this one, never a mix.
     */
    public void release(Instant at) {
        // First, so that a release running on another node at the same time finishes before this one copies anything
        // (the row lock). The very first release inserts the row; two first releases at once: one fails on the key and
        // is run again by StatisticsRelease, and then waits on the row like any other.
        OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        if (jdbc.sql("update stat_release set released_at = ? where id = 1").param(time).update() == 0) {
            jdbc.sql("insert into stat_release (id, released_at) values (1, ?)").param(time).update();
        }
        jdbc.sql("delete from stat_request_published").update();
        jdbc.sql("insert into stat_request_published (org_id, stat_year, dimension, bucket, requests)"
                + " select org_id, stat_year, dimension, bucket, requests from stat_request_count").update();
        jdbc.sql("delete from stat_open_published").update();
        jdbc.sql("insert into stat_open_published (org_id, nationality, group_codes, fact_codes, cases)"
                + " select org_id, nationality, group_codes, fact_codes, cases from stat_open_profile where cases > 0").update();
    }

    /** When the published counts were released; empty before the first release. */
    public Optional<Instant> releasedAt() {
        return jdbc.sql("select released_at from stat_release where id = 1").query((rs, n) -> rs.getObject(1, OffsetDateTime.class)
                .toInstant()).optional();
    }

    /** The organisation's published requests of one year: dimension → bucket → count (buckets with 0 included). */
    public Map<String, Map<String, Long>> year(UUID org, int year) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        jdbc.sql("select dimension, bucket, requests from stat_request_published where org_id = ? and stat_year = ?")
                .params(org, year)
                .query(rs -> {
                    out.computeIfAbsent(rs.getString(1), d -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                });
        return out;
    }

    /** One dimension of the organisation's published requests over several years: year → bucket → count. */
    public Map<Integer, Map<String, Long>> dimensionOverYears(UUID org, String dimension, int fromYear, int toYear) {
        Map<Integer, Map<String, Long>> out = new LinkedHashMap<>();
        jdbc.sql("select stat_year, bucket, requests from stat_request_published where org_id = ? and dimension = ? and stat_year between ? and ?")
                .params(org, dimension, fromYear, toYear)
                .query(rs -> {
                    out.computeIfAbsent(rs.getInt(1), y -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                });
        return out;
    }

    /** One row of the what-if counts. */
    public record OpenRow(String nationality, String groups, String facts, long cases) {
    }

    /** How many combination rows the what-if will read (for progress). */
    public long openRows(@Nullable UUID org) {
        return org == null ? jdbc.sql("select count(*) from stat_open_published where cases > 0").query(Long.class).single()
                : jdbc.sql("select count(*) from stat_open_published where org_id = ? and cases > 0").param(org).query(Long.class).single();
    }

    /**
     * Streams the published open-case combinations of one organisation, or of all (summed over organisations, so one
     * combination is evaluated once). The what-if reads the release too: with a change file of their own making an
     * analyst could otherwise ask "does exactly one more open case of nationality X and group Y exist than a minute
     * ago?".
     */
    public void forEachOpen(@Nullable UUID org, Consumer<OpenRow> each) {
        RowCallbackHandler handler = rs -> each.accept(new OpenRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4)));
        if (org == null) {
            jdbc.sql("select nationality, group_codes, fact_codes, sum(cases) from stat_open_published where cases > 0"
                    + " group by nationality, group_codes, fact_codes").withFetchSize(10_000).query(handler);
        } else {
            jdbc.sql("select nationality, group_codes, fact_codes, cases from stat_open_published where org_id = ? and cases > 0")
                    .param(org).withFetchSize(10_000).query(handler);
        }
    }
}
