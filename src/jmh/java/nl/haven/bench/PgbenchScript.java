package nl.haven.bench;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Turns the statements one request sent ({@link SqlCapture}) into a pgbench script that sends the same statements, in
 * the same order and transactions, with the same values — except those that must differ per transaction for the
 * statements to do the same work again (a primary key met twice would make an insert fail, or do nothing):
 *
 * <ul>
 *   <li>a UUID other than the {@code keep} ones (the organisation) becomes a fresh random UUID per transaction, the
 *       same one wherever the request used the same value;</li>
 *   <li>bytes become random bytes of the same length (keys, hashes and ciphertexts are random to the database);</li>
 *   <li>a case reference ({@code HV-…}) becomes a random one;</li>
 *   <li>the audit event's sequence number becomes a random one, and the "row before" it names becomes sequence number 0,
 *       which makes {@code where ? = 0 or exists (…)} true without its index probe (noted in RESULTS.md).</li>
 * </ul>
 *
 * The random values are pgbench variables ({@code \set … random(…)}), turned into the column's type on the server.
 */
final class PgbenchScript {
    private static final Pattern REFERENCE = Pattern.compile("HV-[0-9A-Z]+");
    private static final long MAX = Long.MAX_VALUE - 1;

    private final Set<UUID> keep;
    private final List<String> sets = new ArrayList<>();
    private final Map<Object, String> fresh = new LinkedHashMap<>();
    private int variables;

    private PgbenchScript(Set<UUID> keep) {
        this.keep = keep;
    }

    static String of(List<SqlCapture.Step> steps, Set<UUID> keep) {
        return new PgbenchScript(keep).render(steps);
    }

    private String render(List<SqlCapture.Step> steps) {
        List<String> lines = new ArrayList<>();
        for (SqlCapture.Step step : steps) {
            if (step.boundary()) {
                lines.add(step.sql().toLowerCase(Locale.ROOT) + ";");
                continue;
            }
            boolean audit = step.sql().strip().toLowerCase(Locale.ROOT).startsWith("insert into audit_event");
            lines.add(oneLine(substitute(step.sql(), index -> {
                Object value = step.params().get(index);
                if (audit && index == 1) {
                    return variable("seq", "random(1, " + MAX + ")") + "::bigint";
                }
                if (audit && (index == 10 || index == 11)) {
                    return "0";
                }
                return literal(value);
            })) + ";");
        }
        StringBuilder script = new StringBuilder();
        sets.forEach(s -> script.append(s).append('\n'));
        lines.forEach(l -> script.append(l).append('\n'));
        return script.toString();
    }

    private String literal(Object value) {
        if (value == null || value == SqlCapture.NULL) {
            return "NULL";
        }
        if (value instanceof UUID uuid) {
            if (keep.contains(uuid)) {
                return "'" + uuid + "'::uuid";
            }
            return fresh.computeIfAbsent(uuid, u -> {
                String a = variable("u", "random(0, " + MAX + ")");
                String b = variable("u", "random(0, " + MAX + ")");
                return "(lpad(to_hex(" + a + "::bigint), 16, '0') || lpad(to_hex(" + b + "::bigint), 16, '0'))::uuid";
            });
        }
        if (value instanceof byte[] bytes) {
            int hexDigits = 2 * bytes.length;
            int md5s = (hexDigits + 31) / 32;
            // From a pgbench variable, not random(): a volatile expression in a where clause would keep PostgreSQL from
            // using the index (a first version did, and pgbench scanned intake_idempotency on every transaction).
            return bytes.length == 0 ? "'\\x'::bytea"
                    : "decode(substr(repeat(md5(" + variable("b", "random(0, " + MAX + ")") + "::text), " + md5s + "), 1, " + hexDigits
                            + "), 'hex')";
        }
        if (value instanceof String text && REFERENCE.matcher(text).matches()) {
            return fresh.computeIfAbsent(text, t -> "('HV-' || upper(to_hex(" + variable("r", "random(0, " + MAX + ")") + "::bigint)))");
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof OffsetDateTime || value instanceof Instant || value instanceof Timestamp) {
            return quote(value.toString()) + "::timestamptz";
        }
        if (value instanceof LocalDate || value instanceof Date) {
            return quote(value.toString()) + "::date";
        }
        return quote(value.toString());
    }

    private String variable(String prefix, String expression) {
        String name = prefix + (++variables);
        sets.add("\\set " + name + " " + expression);
        return ":" + name;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Replaces each {@code ?} outside quoted literals with {@code render(index)}, indexes from 1. */
    static String substitute(String sql, IntFunction<String> render) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int index = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted) {
                out.append(render.apply(++index));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** pgbench reads one command per line. */
    private static String oneLine(String sql) {
        return sql.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
