package nl.haven.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./haven backup create | restore}: a consistent, logical snapshot of every table (one
 * repeatable-read, read-only transaction), portable between H2 and PostgreSQL: a ZIP with a manifest
 * and one JSON-lines file per table. The key tables are left out on purpose — keys are backed up
 * separately (the key files under {@code keys/}), so that a case erased by crypto-shredding stays
 * unreadable in every database backup, even one taken before the erasure. Staff sessions are left out
 * too: a session id is a credential. So is the statistics' published release, a copy of counts the backup holds.
 */
@Service
public class Backups {
    static final int FORMAT = 1;
    /**
     * Staff sessions (Spring Session JDBC): left out of every backup. A session id is a credential that
     * must not outlive its session in a file, and a restored session would be worth nothing anyway.
     */
    static final Set<String> SESSIONS = Set.of("spring_session", "spring_session_attributes");
    /**
     * The statistics' published release (issue #15, point 9): a copy of the counts made at a release point, which a
     * backup needs no more than an index. Left out of every backup and emptied by a restore, so that the restored Haven
     * releases anew from the restored counts at its next start (a Haven that was started before the restore has
     * already made a release of its empty database; that is no reason to refuse the restore).
     */
    static final Set<String> DERIVED = Set.of("stat_release", "stat_request_published", "stat_open_published");
    /**
     * The first start's set-up link (only while no organisation exists): a restored Haven has organisations, so it is
     * no part of a backup, and one that a server's first start on the empty database issued before the restore is
     * deleted by it rather than making the database "not empty" (the restore drill of docs/deploy.md ran into it).
     */
    static final Set<String> FIRST_START = Set.of("setup_token");
    /**
     * Tables a start writes by itself (the policy data set it runs with, the ledger of policy-impact runs): backed up and
     * restored like the rest, but a fresh start's rows in them do not make the database "not empty"; they are replaced by
     * the backup's, so that a restored Haven knows which impact runs its restored cases have had. In delete order.
     */
    /**
     * A key table a start writes by itself (the key files' check values, {@code KeyCheck}): in the keys backup with the
     * keys, and replaced by the backup's on a restore of it, since the key files restored with that backup are the ones
     * its check values describe.
     */
    static final Set<String> KEYS_WRITTEN_AT_START = Set.of("key_check");
    static final List<String> WRITTEN_AT_START = List.of("policy_impact_case", "policy_impact_run", "policy_impact_dataset", "policy_version");
    /** Marks binary values (written as Base64), so they are never confused with text or a UUID. */
    static final String BINARY = "base64:";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final Clock clock;

    Backups(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** What a backup holds: its tables and their row counts. */
    public record Summary(String schemaVersion, Map<String, Long> rows) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** What a backup file holds. */
    public enum Kind {
        /** Every table but the key tables. */
        DATABASE,
        /** Only the key tables (keys wrapped by the master key): to be kept apart from database backups. */
        KEYS;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Summary create(Path out) {
        return create(out, Kind.DATABASE);
    }

    public Summary create(Path out, Kind kind) {
        if (Files.exists(out)) {
            throw new BadInputException("out", "the backup file " + out + " exists already: choose a new name");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String version = schemaVersion(c);
            try (OutputStream file = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW); ZipOutputStream zip = new ZipOutputStream(file)) {
                for (String table : tables(c, kind)) {
                    zip.putNextEntry(new ZipEntry("tables/" + table + ".jsonl"));
                    counts.put(table, dump(c, table, zip));
                    zip.closeEntry();
                }
                ObjectNode manifest = JSON.createObjectNode();
                manifest.put("format", FORMAT);
                manifest.put("kind", kind.label());
                manifest.put("createdAt", OffsetDateTime.now(clock).toString());
                manifest.put("schemaVersion", version);
                manifest.put("database", c.getMetaData().getDatabaseProductName());
                ObjectNode rows = manifest.putObject("rows");
                counts.forEach(rows::put);
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
            }
            c.rollback();
            Files.move(partial, out);
            return new Summary(version, counts);
        } catch (SQLException e) {
            throw new IllegalStateException("the database could not be read for a backup (" + e.getSQLState() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup file " + out + " could not be written", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing to clean up
            }
        }
    }

    /** Restores a backup into this (empty, freshly migrated) database, all or nothing: {@link BackupRestore}. */
    public Summary restore(Path in) {
        return new BackupRestore(dataSource).restore(in);
    }

    // --- reading ----------------------------------------------------------------------------------------

    static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version from flyway_schema_history where success = true and version is not null "
                        + "order by installed_rank desc")) {
            return rs.next() ? rs.getString(1) : "0";
        }
    }

    /** The tables of a kind of backup: the key tables, or every other table but Flyway's history and the sessions. */
    static List<String> tables(Connection c, Kind kind) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] { "TABLE" })) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                boolean key = Protection.KEY_TABLES.contains(name);
                if (!name.equals("flyway_schema_history") && !SESSIONS.contains(name) && !DERIVED.contains(name) && !FIRST_START.contains(name)
                        && key == (kind == Kind.KEYS)) {
                    tables.add(name);
                }
            }
        }
        tables.sort(String::compareTo);
        return tables;
    }

    private static long dump(Connection c, String table, OutputStream out) throws SQLException, IOException {
        long rows = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                ObjectNode row = JSON.createObjectNode();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                    Object value = rs.getObject(i);
                    if (value == null) {
                        row.putNull(column);
                    } else if (value instanceof byte[] bytes) {
                        row.put(column, BINARY + Base64.getEncoder().encodeToString(bytes));
                    } else if (value instanceof Boolean bool) {
                        row.put(column, bool);
                    } else if (value instanceof Number number) {
                        row.put(column, new BigDecimal(number.toString()));
                    } else if (value instanceof Timestamp || value instanceof OffsetDateTime) {
                        row.put(column, rs.getObject(i, OffsetDateTime.class).toString());
                    } else {
                        row.put(column, value.toString());
                    }
                }
                out.write(JSON.writeValueAsBytes(row));
                out.write('\n');
                rows++;
            }
        }
        return rows;
    }
}
