package nl.haven.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.haven.persistence.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Debian package of {@code mvn -Pdist package} (issue #24): unpacked with dpkg-deb, its files, owners, modes,
 * maintainer scripts, conffile, configuration and systemd units are checked, the backup script's pruning is run, and the
 * packaged launcher is started as an unprivileged user against PostgreSQL until /actuator/health answers UP (as root
 * only, with PostgreSQL reachable; see {@link TestPostgres}).
 */
class DebPackageIT {
    /** One line of dpkg-deb -c: "drwx------ haven/haven 0 2026-12-07 03:30 ./var/lib/haven/". */
    record Listed(String mode, String owner, String group) {
    }

    static final Pattern LISTING = Pattern.compile("^(\\S{10}) ([^/\\s]+)/(\\S+)\\s+\\d+ \\S+ \\S+ \\./(.*?)/?(?: -> .*)?$");
    static final List<String> HARDENING = List.of("User=haven", "EnvironmentFile=/etc/haven/haven.env", "ProtectSystem=strict",
            "ReadWritePaths=/var/lib/haven", "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectHome=yes", "PrivateDevices=yes",
            "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes", "ProtectControlGroups=yes",
            "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "LockPersonality=yes", "CapabilityBoundingSet=",
            "SystemCallArchitectures=native", "UMask=0077");
    static final String UNITS = "usr/lib/systemd/system/";

    static Path work;
    static Path root;
    static Path control;
    static Map<String, Listed> listing;

    @BeforeAll
    static void unpack() throws IOException {
        Path deb = DistArtifacts.deb();
        work = Files.createTempDirectory(Path.of("/tmp"), "haven-deb-it");
        root = Files.createDirectory(work.resolve("root"));
        control = work.resolve("control");
        DistArtifacts.run(work, "dpkg-deb", "-x", deb.toString(), root.toString());
        DistArtifacts.run(work, "dpkg-deb", "-e", deb.toString(), control.toString());
        listing = new LinkedHashMap<>();
        for (String line : DistArtifacts.run(work, "dpkg-deb", "-c", deb.toString()).split("\n")) {
            Matcher entry = LISTING.matcher(line);
            assertThat(entry.matches()).as("a dpkg-deb -c line: %s", line).isTrue();
            listing.put(entry.group(4), new Listed(entry.group(1), entry.group(2), entry.group(3)));
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void filesOwnersAndModes() {
        Map<String, Listed> expected = new LinkedHashMap<>();
        expected.put("usr/bin/haven", new Listed("-rwxr-xr-x", "root", "root"));
        expected.put("usr/share/haven/haven.jar", new Listed("-rw-r--r--", "root", "root"));
        expected.put("usr/lib/haven/haven-backup", new Listed("-rwxr-xr-x", "root", "root"));
        expected.put("etc/haven", new Listed("drwxr-xr-x", "root", "root"));
        expected.put("etc/haven/haven.env", new Listed("-rw-r-----", "root", "haven"));
        expected.put("var/lib/haven", new Listed("drwx------", "haven", "haven"));
        for (String unit : List.of("haven.service", "haven-backup.service", "haven-backup.timer", "haven-key-backup.service",
                "haven-key-backup.timer")) {
            expected.put(UNITS + unit, new Listed("-rw-r--r--", "root", "root"));
        }
        expected.forEach((path, listed) -> assertThat(listing.get(path)).as(path).isEqualTo(listed));

        // Everything else is root's and nothing is writable by others or set-id; directories the system owns stay root's.
        listing.forEach((path, listed) -> {
            if (!expected.containsKey(path)) {
                assertThat(listed.owner() + "/" + listed.group()).as(path).isEqualTo("root/root");
            }
            assertThat(listed.mode().charAt(8)).as("others may write %s", path).isEqualTo('-');
            assertThat(listed.mode()).as(path).doesNotContain("s").doesNotContain("S");
        });
        assertThat(listing).containsKeys("etc", "var", "var/lib", "usr/lib");
        assertThat(Files.isRegularFile(root.resolve("usr/share/haven/haven.jar"))).isTrue();
    }

    @Test
    void controlFilesCreateTheUserAndHandTheDirectoriesToIt() throws IOException {
        String controlFile = Files.readString(control.resolve("control"));
        assertThat(controlFile).contains("Package: haven\n", "Architecture: all\n");
        assertThat(controlFile).containsPattern("(?m)^Depends: .*openjdk-17-jre-headless \\| java17-runtime-headless");
        assertThat(controlFile).containsPattern("(?m)^Depends: .*adduser");
        assertThat(Files.readAllLines(control.resolve("conffiles"))).containsExactly("/etc/haven/haven.env");

        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).containsPattern("adduser --system --group [^\\n]*(\\\\\\n[^\\n]*)*\\bhaven\\n");
        assertThat(postinst).contains("chown haven:haven /var/lib/haven", "chmod 0700 /var/lib/haven",
                "chown root:haven /etc/haven/haven.env", "chmod 0640 /etc/haven/haven.env");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertThat(Files.readString(file)).as(script).startsWith("#!/bin/sh\n");
            assertThat(Files.isExecutable(file)).as(script).isTrue();
            DistArtifacts.run(work, "sh", "-n", file.toString());
        }
        // Purging never deletes the data directory: it holds the master key.
        assertThat(Files.readString(control.resolve("postrm"))).doesNotContain("rm -rf");
    }

    @Test
    void launcherRunsThePackagedJarWithTheFlagsOfTheSourceLauncher() throws IOException {
        Path launcher = root.resolve("usr/bin/haven");
        assertThat(DistArtifacts.launcherJvmFlags(launcher)).isEqualTo(DistArtifacts.launcherJvmFlags(DistArtifacts.PROJECT.resolve("haven")));
        String text = Files.readString(launcher);
        assertThat(text).contains("share/haven/haven.jar", "exec \"$java\" $jvm_flags ${JAVA_OPTS:-} -jar \"$jar\" \"$@\"", "umask 077");
        DistArtifacts.run(work, "sh", "-n", launcher.toString());
        DistArtifacts.run(work, "sh", "-n", root.resolve("usr/lib/haven/haven-backup").toString());
    }

    @Test
    void configurationIsCommentedAndNamesOnlyVariablesHavenReads() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("etc/haven/haven.env"));
        Set<String> named = new TreeSet<>();
        for (String line : lines) {
            String setting = line.startsWith("#") ? line.substring(1) : line;
            Matcher variable = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$").matcher(setting);
            if (variable.matches()) {
                named.add(variable.group(1));
            } else {
                assertThat(line).as("neither a comment nor NAME=value").matches("^(#.*)?$");
            }
            if (!line.startsWith("#") && !line.isBlank()) {
                assertThat(line).as("an active setting").matches("^(HAVEN_DATA_DIR|HAVEN_BACKUP_KEEP)=.*");
            }
        }
        assertThat(named).contains("HAVEN_DATA_DIR", "HAVEN_DB_URL", "HAVEN_DB_USER", "HAVEN_DB_PASSWORD", "HAVEN_BACKUP_KEEP",
                "HAVEN_IDENTITY_PUBLICURL", "HAVEN_WEBAUTHN_RP_ID", "HAVEN_TRUSTED_PROXIES", "SERVER_PORT", "JAVA_OPTS");
        assertThat(named).isSubsetOf(knownVariables());
        assertThat(lines).contains("HAVEN_DATA_DIR=/var/lib/haven", "HAVEN_BACKUP_KEEP=7");
    }

    /** Variables Haven or the packaging reads: application.properties, the main code, README's tables and the scripts. */
    static Set<String> knownVariables() throws IOException {
        Set<String> known = new TreeSet<>(Set.of("HAVEN_BACKUP_KEEP", "HAVEN_BACKUP_DIR", "JAVA_OPTS", "JAVA_HOME"));
        Pattern name = Pattern.compile("\\b((?:HAVEN|SPRING|SERVER)_[A-Z0-9_]+)");
        List<Path> sources = new ArrayList<>(List.of(DistArtifacts.PROJECT.resolve("src/main/resources/application.properties"),
                DistArtifacts.PROJECT.resolve("README.md")));
        try (Stream<Path> java = Files.walk(DistArtifacts.PROJECT.resolve("src/main/java"))) {
            java.filter(path -> path.toString().endsWith(".java")).forEach(sources::add);
        }
        for (Path source : sources) {
            Matcher found = name.matcher(Files.readString(source));
            while (found.find()) {
                known.add(found.group(1));
            }
        }
        Matcher backupScript = name.matcher(Files.readString(root.resolve("usr/lib/haven/haven-backup")));
        while (backupScript.find()) {
            known.add(backupScript.group(1));
        }
        return known;
    }

    @Test
    void serviceIsHardened() throws IOException {
        Map<String, List<String>> service = section(root.resolve(UNITS + "haven.service"), "Service");
        assertHardened("haven.service", service);
        assertThat(service.get("ExecStart")).containsExactly("/usr/bin/haven serve");
        assertThat(service.get("Type")).containsExactly("exec");
        assertThat(section(root.resolve(UNITS + "haven.service"), "Install").get("WantedBy")).containsExactly("multi-user.target");
        // The JIT writes code and runs it: MemoryDenyWriteExecute would break the JVM; the unit says so instead of setting it.
        assertThat(Files.readString(root.resolve(UNITS + "haven.service"))).contains("MemoryDenyWriteExecute=yes is left out on purpose");
    }

    @Test
    void timersRunTheBackupsWithTheSameHardening() throws IOException {
        Map<String, String> kinds = Map.of("haven-backup", "database", "haven-key-backup", "keys");
        for (Map.Entry<String, String> kind : kinds.entrySet()) {
            Map<String, List<String>> service = section(root.resolve(UNITS + kind.getKey() + ".service"), "Service");
            assertHardened(kind.getKey() + ".service", service);
            assertThat(service.get("Type")).containsExactly("oneshot");
            assertThat(service.get("ExecStart")).containsExactly("/usr/lib/haven/haven-backup " + kind.getValue());
            Map<String, List<String>> timer = section(root.resolve(UNITS + kind.getKey() + ".timer"), "Timer");
            assertThat(timer.get("OnCalendar")).hasSize(1);
            assertThat(timer.get("Persistent")).containsExactly("true");
            assertThat(section(root.resolve(UNITS + kind.getKey() + ".timer"), "Install").get("WantedBy")).containsExactly("timers.target");
        }
        String script = Files.readString(root.resolve("usr/lib/haven/haven-backup"));
        assertThat(script).contains("\"$haven\" backup create --out ", "\"$haven\" backup create --keys --out ", "HAVEN_BACKUP_KEEP");
    }

    /**
     * systemd's own reading of the units, where systemd-analyze is installed: no unknown or malformed setting (only the
     * programs, which are not installed here, may be missing), and the server's exposure rating is below 4 ("OK").
     */
    @Test
    void systemdAcceptsTheUnits() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "no systemd-analyze");
        List<String> units = new ArrayList<>();
        for (String unit : List.of("haven.service", "haven-backup.service", "haven-backup.timer", "haven-key-backup.service",
                "haven-key-backup.timer")) {
            units.add(root.resolve(UNITS + unit).toString());
        }
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        command.addAll(units);
        Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
        String complaints = DistArtifacts.readAll(verify.getInputStream());
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        for (String line : complaints.split("\n")) {
            if (!line.isBlank()) {
                assertThat(line).as("systemd-analyze verify").matches("[a-z-]+\\.service: Command (/usr/bin/haven|/usr/lib/haven/haven-backup) is not executable: .*");
            }
        }
        Process security = new ProcessBuilder("systemd-analyze", "security", "--offline=true", root.resolve(UNITS + "haven.service").toString())
                .redirectErrorStream(true).start();
        String rating = DistArtifacts.readAll(security.getInputStream());
        assertThat(security.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher exposure = Pattern.compile("Overall exposure level for haven\\.service: (\\d+\\.\\d)").matcher(rating);
        assertThat(exposure.find()).as(rating).isTrue();
        System.out.println("systemd-analyze security haven.service: " + exposure.group(1));
        assertThat(Double.parseDouble(exposure.group(1))).as(rating).isLessThan(4.0);
    }

    static void assertHardened(String unit, Map<String, List<String>> service) {
        for (String option : HARDENING) {
            String key = option.substring(0, option.indexOf('='));
            assertThat(service.get(key)).as("%s: %s", unit, key).containsExactly(option.substring(option.indexOf('=') + 1));
        }
        assertThat(service).as(unit).doesNotContainKey("MemoryDenyWriteExecute");
    }

    /** The settings of one [section] of a unit file: key to its values in order. */
    static Map<String, List<String>> section(Path unit, String name) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith("[")) {
                current = line.substring(1, line.indexOf(']'));
            } else if (name.equals(current) && !line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                settings.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
        assertThat(settings).as("[%s] of %s", name, unit).isNotEmpty();
        return settings;
    }

    @Test
    void backupScriptKeepsTheNewestBackups() throws Exception {
        Path backups = work.resolve("backups");
        Path data = Files.createDirectories(work.resolve("data/keys"));
        Files.writeString(data.resolve("master.json"), "{\"test\":\"not a key\"}");
        // A stand-in for the launcher: writes the file `backup create` was asked for and notes its arguments.
        Path fake = work.resolve("fake-haven");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do out=$a; done\necho \"$@\" > \"$out\"\n");
        fake.toFile().setExecutable(true);
        Map<String, String> env = Map.of("HAVEN_BIN", fake.toString(), "HAVEN_DATA_DIR", work.resolve("data").toString(),
                "HAVEN_BACKUP_DIR", backups.toString(), "HAVEN_BACKUP_KEEP", "2");
        for (int i = 0; i < 3; i++) {
            assertThat(backup(env, "database")).isZero();
            assertThat(backup(env, "keys")).isZero();
            Thread.sleep(1100); // the names carry the time to the second
        }
        List<String> databases = names(backups.resolve("database"));
        assertThat(databases).hasSize(2).allMatch(file -> file.matches("haven-\\d{8}T\\d{6}Z\\.backup"));
        assertThat(Files.readString(backups.resolve("database").resolve(databases.get(1)))).startsWith("backup create --out ");
        List<String> keys = names(backups.resolve("keys"));
        assertThat(keys).hasSize(2).allMatch(file -> file.matches("haven-keys-\\d{8}T\\d{6}Z"));
        Path newest = backups.resolve("keys").resolve(keys.get(1));
        assertThat(Files.readString(newest.resolve("key-tables.backup"))).startsWith("backup create --keys --out ");
        assertThat(DistArtifacts.run(work, "tar", "-tf", newest.resolve("keys-dir.tar").toString())).contains("keys/master.json");
        // the two kept are the newest: every older name sorts before them
        assertThat(databases.get(0)).isLessThan(databases.get(1));

        assertThat(backup(Map.of("HAVEN_BIN", fake.toString(), "HAVEN_BACKUP_DIR", backups.toString(), "HAVEN_BACKUP_KEEP", "0"), "database"))
                .isEqualTo(2);
        assertThat(backup(Map.of("HAVEN_BIN", fake.toString(), "HAVEN_BACKUP_DIR", backups.toString(), "HAVEN_BACKUP_KEEP", "x"), "database"))
                .isEqualTo(2);
        assertThat(names(backups.resolve("database"))).isEqualTo(databases);
    }

    int backup(Map<String, String> env, String kind) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", root.resolve("usr/lib/haven/haven-backup").toString(), kind).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = DistArtifacts.readAll(process.getInputStream());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        System.out.print(output);
        return process.exitValue();
    }

    static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The packaged launcher, started as nobody with a data directory of its own against a database of its own on the test
     * PostgreSQL server, serves a healthy /actuator/health. Root only (to become another user); without PostgreSQL the test
     * is skipped loudly, or fails with HAVEN_REQUIRE_POSTGRES=1.
     */
    @Test
    void packagedLauncherServesAsAnUnprivilegedUserAgainstPostgres() throws Exception {
        String uid = DistArtifacts.run(work, "id", "-u").strip();
        Assumptions.assumeTrue("0".equals(uid), "only root can start the launcher as another user (uid " + uid + ")");
        TestPostgres.assumeAvailable();
        DistArtifacts.OwnDatabase database = DistArtifacts.OwnDatabase.create("haven_deb_it");
        // The unpacked tree is read by nobody: world-readable directories, as dpkg would leave them.
        DistArtifacts.run(work, "chmod", "755", work.toString(), root.toString());
        Path data = work.resolve("service-data");
        DistArtifacts.run(work, "install", "-d", "-m", "0700", "-o", "nobody", "-g", "nogroup", data.toString());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--no-new-privs",
                root.resolve("usr/bin/haven").toString(), "serve", "--port", Integer.toString(port)).directory(data.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("HAVEN_") || name.startsWith("SPRING_") || name.equals("JAVA_OPTS"));
        builder.environment().put("HAVEN_DATA_DIR", data.toString());
        builder.environment().putAll(database.settings());
        builder.environment().put("JAVA_OPTS", "-Djava.io.tmpdir=" + data);
        Process server = builder.start();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            DistArtifacts.awaitHealthy(server, port, output);
            // The serving process (setpriv, then the launcher, exec'd into java: one process) runs as nobody.
            String processUid = Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            assertThat(processUid.split("\\s+")[1]).as("the server's real uid").isEqualTo(DistArtifacts.run(work, "id", "-u", "nobody").strip());
            assertThat(ProcessHandle.of(server.pid()).flatMap(handle -> handle.info().command()).orElseThrow()).endsWith("/java");
            // It used PostgreSQL (Flyway's table is in the new database) and wrote its keys as nobody, owner-only.
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                assertThat(statement.executeQuery("select count(*) from flyway_schema_history").next()).isTrue();
            }
            Path masterKey = data.resolve("keys/master.json");
            assertThat(Files.getOwner(masterKey).getName()).isEqualTo("nobody");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey))).isEqualTo("rw-------");
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            reader.join(5000);
            database.drop();
        }
    }
}
