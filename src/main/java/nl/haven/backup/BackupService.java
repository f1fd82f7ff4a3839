package nl.haven.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
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
public class BackupService {
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
     * Tables a start writes by itself (the policy data set it runs with, the ledger of policy-impact runs): backed up and
     * restored like the rest, but a fresh start's rows in them do not make the database "not empty"; they are replaced by
     * the backup's, so that a restored Haven knows which impact runs its restored cases have had. In delete order.
     */
    static final List<String> WRITTEN_AT_START = List.of("policy_impact_case", "policy_impact_run", "policy_impact_dataset", "policy_version");
    /** Marks binary values (written as Base64), so they are never confused with text or a UUID. */
    private static final String BINARY = "base64:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DataSource dataSource;
    private final Clock clock;

    BackupService(DataSource dataSource, Clock clock) {
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

    /** Restores a backup into this (empty, freshly migrated) database, all or nothing. */
    public Summary restore(Path in) {
        if (!Files.isReadable(in)) {
            throw new BadInputException("in", "the backup file " + in + " does not exist or cannot be read");
        }
        Map<String, List<JsonNode>> tables = new LinkedHashMap<>();
        JsonNode manifest = null;
        try (InputStream file = Files.newInputStream(in); ZipInputStream zip = new ZipInputStream(file)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals("manifest.json")) {
                    manifest = JSON.readTree(zip.readAllBytes());
                } else if (entry.getName().startsWith("tables/") && entry.getName().endsWith(".jsonl")) {
                    String table = entry.getName().substring("tables/".length(), entry.getName().length() - ".jsonl".length());
                    List<JsonNode> rows = new ArrayList<>();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            rows.add(JSON.readTree(line));
                        }
                    }
                    tables.put(table, rows);
                }
            }
        } catch (IOException | tools.jackson.core.JacksonException e) {
            throw new BadInputException("in", "the file " + in + " is not a Haven backup (" + e.getClass().getSimpleName() + ")");
        }
        Kind kind = manifest == null ? null : switch (manifest.path("kind").asString("")) {
            case "database" -> Kind.DATABASE;
            case "keys" -> Kind.KEYS;
            default -> null;
        };
        if (manifest == null || manifest.path("format").asInt() != FORMAT || kind == null) {
            throw new BadInputException("in", "the file " + in + " is not a Haven backup of format " + FORMAT);
        }
        try (Connection c = dataSource.getConnection()) {
            String version = schemaVersion(c);
            if (!version.equals(manifest.path("schemaVersion").asString(""))) {
                throw new BadInputException("in", "the backup has schema version " + manifest.path("schemaVersion").asString("?")
                        + " but this Haven has " + version + ": restore it with the Haven version that made it");
            }
            List<String> ordered = insertionOrder(c, tables.keySet(), kind);
            for (String table : ordered) {
                if (kind == Kind.DATABASE && WRITTEN_AT_START.contains(table)) {
                    continue;
                }
                if (count(c, table) > 0) {
                    throw new BadInputException("in", "the database is not empty (table " + table
                            + " has rows): restore onto an empty data directory or database");
                }
            }
            c.setAutoCommit(false);
            Map<String, Long> counts = new LinkedHashMap<>();
            try {
                if (kind == Kind.DATABASE) {
                    for (String table : DERIVED) {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("delete from " + table);
                        }
                    }
                    for (String table : WRITTEN_AT_START) {
                        if (tables.containsKey(table)) {
                            try (Statement s = c.createStatement()) {
                                s.executeUpdate("delete from " + table);
                            }
                        }
                    }
                }
                for (String table : ordered) {
                    counts.put(table, insert(c, table, tables.get(table)));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return new Summary(version, counts);
        } catch (SQLException e) {
            throw new IllegalStateException("the backup could not be restored (" + e.getSQLState() + "); nothing was changed", e);
        }
    }

    // --- reading ----------------------------------------------------------------------------------------

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version from flyway_schema_history where success = true and version is not null "
                        + "order by installed_rank desc")) {
            return rs.next() ? rs.getString(1) : "0";
        }
    }

    /** The tables of a kind of backup: the key tables, or every other table but Flyway's history and the sessions. */
    private static List<String> tables(Connection c, Kind kind) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] { "TABLE" })) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                boolean key = Protection.KEY_TABLES.contains(name);
                if (!name.equals("flyway_schema_history") && !SESSIONS.contains(name) && !DERIVED.contains(name) && key == (kind == Kind.KEYS)) {
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
                        row.put(column, new java.math.BigDecimal(number.toString()));
                    } else if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime) {
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

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- writing ------------------------------------------------------------------------------------------

    /** Tables in an order that satisfies foreign keys: referenced tables first. */
    private static List<String> insertionOrder(Connection c, Set<String> names, Kind kind) throws SQLException {
        Set<String> known = new LinkedHashSet<>(tables(c, kind));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new BadInputException("in", "the backup has a table this Haven does not know: " + name);
            }
        }
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        for (String table : names) {
            Set<String> parents = new LinkedHashSet<>();
            for (String candidate : new String[] { table, table.toUpperCase(Locale.ROOT) }) {
                try (ResultSet rs = meta.getImportedKeys(null, c.getSchema(), candidate)) {
                    while (rs.next()) {
                        String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                        if (!parent.equals(table) && names.contains(parent)) {
                            parents.add(parent);
                        }
                    }
                }
            }
            dependsOn.put(table, parents);
        }
        List<String> order = new ArrayList<>();
        while (order.size() < names.size()) {
            boolean progressed = false;
            for (String table : names) {
                if (!order.contains(table) && order.containsAll(dependsOn.get(table))) {
                    order.add(table);
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("the tables' foreign keys form a cycle; restore cannot order them");
            }
        }
        return order;
    }

    private static long insert(Connection c, String table, List<JsonNode> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + table + " where 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
            }
        }
        List<String> columns = new ArrayList<>(types.keySet());
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values (" + "?, ".repeat(columns.size() - 1) + "?)";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (JsonNode row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode value = row.get(columns.get(i));
                    int type = types.get(columns.get(i));
                    if (value == null || value.isNull()) {
                        insert.setNull(i + 1, type);
                    } else {
                        insert.setObject(i + 1, toJdbc(value, type));
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return rows.size();
    }

    private static Object toJdbc(JsonNode value, int type) {
        if (value.isString() && value.asString().startsWith(BINARY)) {
            return Base64.getDecoder().decode(value.asString().substring(BINARY.length()));
        }
        return switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.OTHER -> uuidOrText(value.asString());
            case Types.BOOLEAN, Types.BIT -> value.asBoolean();
            case Types.BIGINT -> value.asLong();
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> value.asInt();
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL, Types.FLOAT -> value.decimalValue();
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> OffsetDateTime.parse(value.asString());
            case Types.DATE -> java.time.LocalDate.parse(value.asString());
            default -> value.asString();
        };
    }

    private static Object uuidOrText(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
