package nl.haven.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where a write-cost benchmark's Haven context keeps its data: {@code h2}, Haven's embedded default (an H2 file database
 * in a temp data directory), or {@code postgresql}, the server of {@code -Dhaven.bench.postgres} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) in a fresh schema that {@link #close()} drops. Commits on
 * PostgreSQL are durable as the server is configured; {@link #open} prints its settings.
 */
final class BenchDatabase implements AutoCloseable {
    static final String DEFAULT_SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    final Path dataDir;
    private final String server;
    private final String schema;
    private final List<String> args = new ArrayList<>();

    private BenchDatabase(Path dataDir, String server, String schema) {
        this.dataDir = dataDir;
        this.server = server;
        this.schema = schema;
        args.add("--haven.data-dir=" + dataDir);
        if (schema != null) {
            args.add("--spring.datasource.url=" + server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        }
    }

    static BenchDatabase open(String database, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        return switch (database) {
            case "h2" -> new BenchDatabase(dir, null, null);
            case "postgresql" -> {
                String server = System.getProperty("haven.bench.postgres", DEFAULT_SERVER);
                String schema = "bench_" + UUID.randomUUID().toString().replace("-", "");
                try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
                    st.execute("create schema " + schema);
                    for (String setting : new String[] { "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method" }) {
                        try (ResultSet rs = st.executeQuery("show " + setting)) {
                            rs.next();
                            System.out.println("[" + prefix + "] postgresql " + setting + " = " + rs.getString(1));
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("no PostgreSQL at " + server, e);
                }
                yield new BenchDatabase(dir, server, schema);
            }
            default -> throw new IllegalArgumentException("database is '" + database + "'; expected h2 or postgresql");
        };
    }

    /** The PostgreSQL schema, or null on H2. */
    String schema() {
        return schema;
    }

    /** The Spring Boot arguments that point a Haven context here. */
    List<String> args() {
        return List.copyOf(args);
    }

    @Override
    public void close() throws IOException {
        try {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
                    st.execute("drop schema " + schema + " cascade");
                } catch (SQLException e) {
                    throw new IllegalStateException("could not drop " + schema, e);
                }
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
