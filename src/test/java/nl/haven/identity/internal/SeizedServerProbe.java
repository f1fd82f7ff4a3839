package nl.haven.identity.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import java.nio.file.Path;
import nl.haven.HavenApplication;
import nl.haven.backup.Backups;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.FieldRef;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.OpenedKeys;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fresh process of the seized-server test ({@link SeizedServerIT}, issue #23): Haven's own application context,
 * booted on a copy of a server (its data directory, key files included, and its database), tries every way Haven has to
 * read what is stored — every encrypted column of every case table through {@link Protection#decrypt} (both the case's and
 * the thread's key), every document through {@link Protection#decryptingStream}, the organisation's keys the legacy way
 * ({@link Protection#open}), the blind index of a guessed identifier — and prints each value it opened and a count.
 * The legacy opener is asked for on the command line, as an attacker would: a sealed installation ignores it.
 *
 * <p>Modes: {@code nothing} (a copy as found); {@code passwords USER:ORG:PASSWORD...} (the positive control: key holders'
 * passwords open their organisations' keys, and the same probe opens everything); {@code recover SLUG EMAIL USER ORG
 * PASSWORD} with the recovery key on standard input (every key holder's grant of the organisation deleted first: nothing
 * opens; then the recovery key grants the coordinator, whose password opens the keys again); {@code restore DATABASE KEYS}
 * (the backups restored onto an empty data directory, for a later probe there).
 */
public final class SeizedServerProbe {
    private SeizedServerProbe() {
    }

    public static void main(String[] args) throws Exception {
        SpringApplication app = new SpringApplication(HavenApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        List<String> springArgs = new ArrayList<>(List.of("--haven.protection.legacy-opener=true", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        String extra = System.getenv("PROBE_SPRING_ARGS");
        if (extra != null && !extra.isBlank()) {
            springArgs.addAll(List.of(extra.split(" ")));
        }
        PrintStream out = System.out;
        int status;
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            Probe probe = new Probe(context, out);
            out.println("SEALED " + context.getBean(Protection.class).sealed());
            switch (args[0]) {
            case "nothing" -> probe.everything();
            case "passwords" -> {
                List<OpenedKeys> opened = new ArrayList<>();
                for (int i = 1; i < args.length; i++) {
                    String[] parts = args[i].split(":", 3);
                    Optional<OpenedKeys> keys = context.getBean(KeyHolders.class).openWithPassword(new UserId(UUID.fromString(parts[0])),
                            new OrgId(UUID.fromString(parts[1])), parts[2]);
                    out.println(keys.isPresent() ? "KEYS-OPENED " + parts[1] : "NO-GRANT " + parts[1]);
                    keys.ifPresent(opened::add);
                }
                try {
                    probe.everything();
                } finally {
                    for (int i = opened.size() - 1; i >= 0; i--) {
                        opened.get(i).close();
                    }
                }
            }
            case "restore" -> {
                // A restore of the sealed installation's backups onto an empty data directory, as `haven backup restore` does.
                Backups backups = context.getBean(Backups.class);
                backups.restore(Path.of(args[1]));
                backups.restore(Path.of(args[2]));
                out.println("RESTORED");
            }
            case "recover" -> probe.recover(args[1], args[2], new UserId(UUID.fromString(args[3])), new OrgId(UUID.fromString(args[4])), args[5],
                    new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip());
            default -> throw new IllegalArgumentException("mode: nothing, passwords or recover");
            }
            out.println("ATTEMPTS " + probe.attempts + " OPENED " + probe.opened);
            status = 0;
        }
        out.flush();
        System.exit(status);
    }

    private static final class Probe {
        private final ConfigurableApplicationContext context;
        private final Protection protection;
        private final JdbcClient jdbc;
        private final PrintStream out;
        long attempts;
        long opened;

        Probe(ConfigurableApplicationContext context, PrintStream out) {
            this.context = context;
            this.protection = context.getBean(Protection.class);
            this.jdbc = context.getBean(JdbcClient.class);
            this.out = out;
        }

        void recover(String slug, String email, UserId coordinator, OrgId org, String password, String recoveryKey) {
            // Every key holder of the organisation lost: their grants are gone, the recovery key's stays.
            int deleted = jdbc.sql("delete from org_grant where org_id = ? and principal_id in (select id from principal where kind <> 'RECOVERY')")
                    .param(org.value()).update();
            out.println("GRANTS-DELETED " + deleted);
            KeyHolders holders = context.getBean(KeyHolders.class);
            Optional<OpenedKeys> before = holders.openWithPassword(coordinator, org, password);
            out.println(before.isPresent() ? "KEYS-OPENED-BEFORE-RECOVERY" : "NO-GRANT " + org.value());
            before.ifPresent(OpenedKeys::close);
            everything();
            context.getBean(IdentityManagement.class).recover(slug, recoveryKey, email);
            out.println("RECOVERED");
            try (OpenedKeys keys = holders.openWithPassword(coordinator, org, password).orElseThrow()) {
                out.println("KEYS-OPENED " + keys.org().value());
                everything();
            }
        }

        /** Every encrypted value of every case table, every document, the legacy opening and the blind index. */
        void everything() {
            for (Map.Entry<String, List<String>> table : caseTables().entrySet()) {
                fields(table.getKey(), table.getValue());
            }
            String guesses = System.getenv("PROBE_GUESS"); // kind:normalised value, e.g. a V-number the attacker knows
            for (UUID org : jdbc.sql("select distinct org_id from case_identifier").query(UUID.class).list()) {
                if (guesses != null) {
                    for (String guess : guesses.split(",")) {
                        String[] parts = guess.split(":", 2);
                        guess(new OrgId(org), parts[0], parts[1]);
                    }
                }
            }
            for (UUID org : jdbc.sql("select distinct org_id from case_key").query(UUID.class).list()) {
                attempts++;
                try (OpenedKeys keys = protection.open(new OrgId(org))) {
                    opened++;
                    out.println("OPENED legacy opener for " + org);
                } catch (RuntimeException refused) {
                    // the master key no longer opens the organisation's keys
                }
            }
        }

        /** The tables with an organisation, a case and encrypted (binary) columns: {table → its binary columns}. */
        Map<String, List<String>> caseTables() {
            Map<String, List<String>> tables = new LinkedHashMap<>();
            DataSource dataSource = context.getBean(DataSource.class);
            try (Connection connection = dataSource.getConnection()) {
                DatabaseMetaData meta = connection.getMetaData();
                Map<String, List<String>> columns = new LinkedHashMap<>();
                Map<String, List<String>> binary = new LinkedHashMap<>();
                try (ResultSet rs = meta.getColumns(null, connection.getSchema(), "%", "%")) {
                    while (rs.next()) {
                        String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                        String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                        columns.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
                        String type = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                        if (type.contains("bytea") || type.contains("binary")) {
                            binary.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
                        }
                    }
                }
                for (Map.Entry<String, List<String>> table : binary.entrySet()) {
                    List<String> all = columns.get(table.getKey());
                    boolean caseTable = all.contains("org_id") && (all.contains("case_id") || table.getKey().equals("case_file"));
                    if (caseTable && !Protection.KEY_TABLES.contains(table.getKey())) {
                        tables.put(table.getKey(), table.getValue().stream().filter(c -> !c.equals("blind")).toList());
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            out.println("TABLES " + tables);
            return tables;
        }

        void fields(String table, List<String> columns) {
            String caseColumn = table.equals("case_file") ? "id" : "case_id";
            for (String column : columns) {
                List<Object[]> rows = jdbc.sql("select org_id, " + caseColumn + ", " + column + " from " + table + " where " + column + " is not null")
                        .query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3) }).list();
                for (Object[] row : rows) {
                    attempts++;
                    OrgId org = new OrgId((UUID) row[0]);
                    CaseId caseId = new CaseId((UUID) row[1]);
                    byte[] value = (byte[]) row[2];
                    String text = open(new FieldRef(org, caseId, table, column, false), value);
                    if (text == null) {
                        text = open(new FieldRef(org, caseId, table, column, true), value);
                    }
                    if (text != null) {
                        opened++;
                        out.println("OPENED " + table + "." + column + " " + text);
                    }
                }
            }
        }

        /** The value, as text, if any way Haven has opens it; else null. */
        private String open(FieldRef field, byte[] value) {
            try {
                return new String(protection.decrypt(field, value), StandardCharsets.UTF_8);
            } catch (RuntimeException notThisWay) {
                // next: as a document's content
            }
            try (InputStream in = protection.decryptingStream(field, new ByteArrayInputStream(value))) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (Exception notThisWayEither) {
                return null;
            }
        }

        /** Whether a guessed identifier's blind value (computed as Haven does) matches a stored one. */
        void guess(OrgId org, String kind, String normalised) {
            attempts++;
            try {
                byte[] blind = protection.blindIndex(org, "case." + kind, normalised);
                boolean found = jdbc.sql("select blind from case_identifier where org_id = ? and kind = ?").params(org.value(), kind).query(byte[].class)
                        .list().stream().anyMatch(stored -> Arrays.equals(stored, blind));
                if (found) {
                    opened++;
                    out.println("OPENED blind index " + kind + " " + normalised);
                }
            } catch (RuntimeException refused) {
                // the index's key is not open
            }
        }
    }
}
