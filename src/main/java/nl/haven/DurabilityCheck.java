package nl.haven;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.stereotype.Component;

/**
 * SECURITY.md S9: Haven acknowledges a request only after its transaction has committed, which promises nothing if the
 * database does not keep commits. On PostgreSQL, start-up is refused when {@code fsync}, {@code synchronous_commit} or
 * {@code full_page_writes} is off (as the application's own connections see them: a role or database setting counts).
 * The embedded H2 database is not checked: it is for trying Haven out, not for production.
 */
@Component
class DurabilityCheck implements InitializingBean {
    static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    private final DataSource dataSource;

    DurabilityCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        check(dataSource);
    }

    /** Throws {@link NotDurable} naming every setting that is off; nothing on a database other than PostgreSQL. */
    static void check(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            List<String> off = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                for (String setting : SETTINGS) {
                    try (ResultSet rs = statement.executeQuery("show " + setting)) {
                        rs.next();
                        if ("off".equalsIgnoreCase(rs.getString(1))) {
                            off.add(setting);
                        }
                    }
                }
            }
            if (!off.isEmpty()) {
                throw new NotDurable(off);
            }
        }
    }

    static final class NotDurable extends IllegalStateException {
        NotDurable(List<String> off) {
            super("PostgreSQL has " + String.join(", ", off.stream().map(s -> s + " = off").toList())
                    + ": a crash could lose requests Haven has already acknowledged");
        }
    }

    /** One clear line instead of a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<NotDurable> {
        @Override
        protected FailureAnalysis analyze(Throwable root, NotDurable cause) {
            return new FailureAnalysis("Haven refuses to start: " + cause.getMessage() + ".",
                    "Turn " + String.join(", ", SETTINGS) + " on in postgresql.conf (and for Haven's role and database), then start Haven again.",
                    cause);
        }
    }
}
