package nl.haven.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
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
import javax.sql.DataSource;
import nl.haven.backup.Backups.Kind;
import nl.haven.backup.Backups.Summary;
import nl.haven.shared.BadInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./haven backup restore} for {@link Backups}: reads a backup file, checks its format, kind and schema version
 * and that the database is empty, and inserts its rows in an order that satisfies the foreign keys, all in one transaction.
 */
final class BackupRestore {
    private final DataSource dataSource;

    BackupRestore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Restores a backup into this (empty, freshly migrated) database, all or nothing. */
    Summary restore(Path in) {
        if (!Files.isReadable(in)) {
            throw new BadInputException("in", "the backup file " + in + " does not exist or cannot be read");
        }
        Map<String, List<JsonNode>> tables = new LinkedHashMap<>();
        JsonNode manifest = null;
        try (InputStream file = Files.newInputStream(in); ZipInputStream zip = new ZipInputStream(file)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals("manifest.json")) {
                    manifest = Backups.JSON.readTree(zip.readAllBytes());
                } else if (entry.getName().startsWith("tables/") && entry.getName().endsWith(".jsonl")) {
                    String table = entry.getName().substring("tables/".length(), entry.getName().length() - ".jsonl".length());
                    List<JsonNode> rows = new ArrayList<>();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            rows.add(Backups.JSON.readTree(line));
                        }
                    }
                    tables.put(table, rows);
                }
            }
        } catch (IOException | JacksonException e) {
            throw new BadInputException("in", "the file " + in + " is not a Haven backup (" + e.getClass().getSimpleName() + ")");
        }
        Kind kind = manifest == null ? null : switch (manifest.path("kind").asString("")) {
            case "database" -> Kind.DATABASE;
            case "keys" -> Kind.KEYS;
            default -> null;
        };
        if (manifest == null || manifest.path("format").asInt() != Backups.FORMAT || kind == null) {
            throw new BadInputException("in", "the file " + in + " is not a Haven backup of format " + Backups.FORMAT);
        }
        try (Connection c = dataSource.getConnection()) {
            String version = Backups.schemaVersion(c);
            if (!version.equals(manifest.path("schemaVersion").asString(""))) {
                throw new BadInputException("in", "the backup has schema version " + manifest.path("schemaVersion").asString("?")
                        + " but this Haven has " + version + ": restore it with the Haven version that made it");
            }
            List<String> ordered = insertionOrder(c, tables.keySet(), kind);
            for (String table : ordered) {
                // (a backup made before FIRST_START existed may hold setup_token: the restore replaces it like these)
                if (kind == Kind.DATABASE && (Backups.WRITTEN_AT_START.contains(table) || Backups.FIRST_START.contains(table))
                        || kind == Kind.KEYS && Backups.KEYS_WRITTEN_AT_START.contains(table)) {
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
                    for (String table : union(Backups.DERIVED, Backups.FIRST_START)) {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("delete from " + table);
                        }
                    }
                    for (String table : Backups.WRITTEN_AT_START) {
                        if (tables.containsKey(table)) {
                            try (Statement s = c.createStatement()) {
                                s.executeUpdate("delete from " + table);
                            }
                        }
                    }
                }
                if (kind == Kind.KEYS) {
                    for (String table : Backups.KEYS_WRITTEN_AT_START) {
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

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Tables in an order that satisfies foreign keys: referenced tables first. */
    private static List<String> insertionOrder(Connection c, Set<String> names, Kind kind) throws SQLException {
        Set<String> known = new LinkedHashSet<>(Backups.tables(c, kind));
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
        if (value.isString() && value.asString().startsWith(Backups.BINARY)) {
            return Base64.getDecoder().decode(value.asString().substring(Backups.BINARY.length()));
        }
        return switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.OTHER -> uuidOrText(value.asString());
            case Types.BOOLEAN, Types.BIT -> value.asBoolean();
            case Types.BIGINT -> value.asLong();
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> value.asInt();
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL, Types.FLOAT -> value.decimalValue();
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> OffsetDateTime.parse(value.asString());
            case Types.DATE -> LocalDate.parse(value.asString());
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

    private static List<String> union(Set<String> first, Set<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
