package nl.haven.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The OCI image tarball Jib writes with {@code mvn -Pdist package} (issue #24), read without a container runtime: the
 * index, manifest and configuration (user, entry point with the JVM flags of ./haven, port, volume, environment, the
 * health probe's label) and every file of every layer (owners, modes, nothing that looks like a key or secret, the
 * application's class path complete). As root, the image's file system is then started read-only as its user, with
 * only the volume writable, until /actuator/health answers UP.
 */
class ImageTarballIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VOLUME = "/var/lib/haven";
    /** Names of files that hold keys or secrets: Haven's own key files, the package's configuration, key stores. */
    static final Pattern SECRET_FILE = Pattern.compile(
            "(?i)(^|/)(master\\.json|db-password|staff-sessions\\.json|checkpoints\\.jsonl|haven\\.env|\\.env|id_(rsa|dsa|ecdsa|ed25519)|"
                    + "[^/]*\\.(pem|key|p12|pfx|jks|keystore|jceks))$");
    static final Pattern SECRET_CONTENT = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----|\"primaryKeyId\"");
    static final Pattern SECRET_NAME = Pattern.compile("(?i)password|secret|token|credential|private|_key\\b|apikey");

    static Path work;
    static JsonNode config;
    static String reference;
    static List<String> layers;
    /** Every entry of every layer, by path (a later layer's entry replaces an earlier one's). */
    static Map<String, TarReader.Entry> files;

    @BeforeAll
    static void read() throws Exception {
        Path tarball = DistArtifacts.imageTarball();
        work = Files.createTempDirectory(Path.of("/tmp"), "haven-image-it");
        Path layout = Files.createDirectory(work.resolve("layout"));
        DistArtifacts.run(work, "tar", "-xf", tarball.toString(), "-C", layout.toString());

        assertThat(JSON.readTree(layout.resolve("oci-layout").toFile()).get("imageLayoutVersion").asString()).isEqualTo("1.0.0");
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        assertThat(index.get("manifests")).hasSize(1);
        JsonNode descriptor = index.get("manifests").get(0);
        assertThat(descriptor.get("mediaType").asString()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        reference = descriptor.path("annotations").path("org.opencontainers.image.ref.name").asString();
        JsonNode manifest = JSON.readTree(blob(layout, descriptor.get("digest").asString()));
        config = JSON.readTree(blob(layout, manifest.get("config").get("digest").asString()));
        layers = new ArrayList<>();
        files = new LinkedHashMap<>();
        for (JsonNode layer : manifest.get("layers")) {
            assertThat(layer.get("mediaType").asString()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            Path file = layout.resolve("blobs/sha256").resolve(layer.get("digest").asString().substring("sha256:".length()));
            blob(layout, layer.get("digest").asString());
            layers.add(file.toString());
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                TarReader tar = new TarReader(in);
                for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                    files.put(entry.path(), entry);
                    if (entry.regular() && entry.size() < 2_000_000 && !entry.path().matches(".*\\.(class|jar|so(\\.[0-9.]+)?|jsa)$")) {
                        String text = new String(tar.content(), StandardCharsets.ISO_8859_1);
                        assertThat(SECRET_CONTENT.matcher(text).find()).as("key material in %s", entry.path()).isFalse();
                    }
                }
            }
        }
    }

    /** A blob's bytes, after checking that they match their digest. */
    static byte[] blob(Path layout, String digest) throws Exception {
        assertThat(digest).startsWith("sha256:");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Path file = layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
            }
        }
        assertThat("sha256:" + HexFormat.of().formatHex(sha256.digest())).as(file.toString()).isEqualTo(digest);
        return Files.size(file) < 1_000_000 ? Files.readAllBytes(file) : new byte[0];
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    @Test
    void runsAsAnUnprivilegedUser() throws IOException {
        JsonNode container = config.get("config");
        String user = container.get("User").asString();
        assertThat(user).isEqualTo("10001:10001");
        assertThat(files.get("etc/passwd")).isNotNull();
        assertThat(config.path("os").asString()).isEqualTo("linux");
        assertThat(reference).startsWith("haven:");
    }

    @Test
    void entryPointRunsHavenWithTheFlagsOfTheLauncher() {
        JsonNode container = config.get("config");
        List<String> entrypoint = strings(container.get("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
        TarReader.Entry java = files.get("opt/java/bin/java");
        assertThat(java).isNotNull();
        assertThat(java.regular()).isTrue();
        assertThat(java.mode() & 0111).as("java is executable").isEqualTo(0111);
        assertThat(files.get("lib64/ld-linux-x86-64.so.2")).as("the dynamic loader").isNotNull();
        String flags = DistArtifacts.launcherJvmFlags(DistArtifacts.PROJECT.resolve("haven"));
        assertThat(String.join(" ", entrypoint.subList(1, entrypoint.size()))).startsWith(flags + " ");
        assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size())).containsExactly("-cp", "@/app/jib-classpath-file",
                "nl.haven.cli.HavenCli");
        assertThat(strings(container.get("Cmd"))).containsExactly("serve");
        // temporary files go to the volume: the root file system may be read-only
        assertThat(entrypoint).contains("-Djava.io.tmpdir=" + VOLUME, "-XX:-UsePerfData");
        // the class-data-sharing archive of the Java runtime (jlink --generate-cds-archive), used by default
        assertThat(files).containsKey("opt/java/lib/server/classes.jsa");
    }

    @Test
    void exposesThePortAndNamesTheHealthProbe() {
        JsonNode container = config.get("config");
        assertThat(container.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(strings(container.get("Env"))).noneMatch(variable -> variable.startsWith("SERVER_PORT="));
        // OCI image configurations have no health check; the probe is named in a label and docs/deploy.md.
        assertThat(container.get("Labels").get("nl.haven.health").asString()).contains("/actuator/health", "8080");
    }

    @Test
    void dataGoesToTheVolumeOnlyAndTheEnvironmentHoldsNoSecrets() {
        JsonNode container = config.get("config");
        assertThat(container.get("Volumes").has(VOLUME)).isTrue();
        Map<String, String> env = new LinkedHashMap<>();
        for (String variable : strings(container.get("Env"))) {
            env.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        assertThat(env.get("HAVEN_DATA_DIR")).startsWith(VOLUME + "/");
        assertThat(container.get("WorkingDir").asString()).isEqualTo(VOLUME);
        assertThat(env.keySet()).noneMatch(name -> SECRET_NAME.matcher(name).find());
        assertThat(env.keySet()).doesNotContain("HAVEN_DB_URL", "HAVEN_DB_USER", "HAVEN_DB_PASSWORD", "HAVEN_MASTER_KEY_FILE");
        // the volume's mount point is in the image, empty
        assertThat(files.get(VOLUME.substring(1))).isNotNull();
        assertThat(files.keySet()).noneMatch(path -> path.startsWith(VOLUME.substring(1) + "/"));
    }

    @Test
    void noLayerHoldsKeysOrSecretsAndRootOwnsEverything() {
        assertThat(files.keySet()).noneMatch(path -> SECRET_FILE.matcher(path).find());
        assertThat(files.keySet()).noneMatch(path -> path.matches("(.*/)?keys/.*") || path.matches("(.*/)?data/.*"));
        files.forEach((path, entry) -> {
            assertThat(entry.uid()).as("owner of %s", path).isZero();
            assertThat(entry.gid()).as("group of %s", path).isZero();
            assertThat(entry.mode() & 06000).as("set-id bit on %s", path).isZero();
            if (!path.equals(VOLUME.substring(1))) {
                assertThat(entry.mode() & 0022).as("%s writable by others: %o", path, entry.mode()).isZero();
            }
        });
        assertThat(files.size()).as("files in the image").isGreaterThan(500);
    }

    @Test
    void classPathIsCompleteAndHasTheJarsDependencies() throws Exception {
        Set<String> libraries = new TreeSet<>();
        try (ZipFile jar = new ZipFile(DistArtifacts.TARGET.resolve("haven.jar").toFile())) {
            jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("BOOT-INF/lib/".length())).filter(name -> !name.startsWith("spring-boot-jarmode-tools"))
                    .forEach(libraries::add);
        }
        assertThat(libraries).isNotEmpty();
        for (String library : libraries) {
            assertThat(files).as("the image lacks the jar's %s", library).containsKey("app/libs/" + library);
        }
        assertThat(files).containsKeys("app/jib-classpath-file", "app/classes/nl/haven/cli/HavenCli.class", "app/resources/application.properties");
    }

    /**
     * The image's file system, unpacked, started as its user in a mount namespace whose root is read-only but for the
     * volume (as {@code docker run --read-only -v ...:/var/lib/haven} would): /actuator/health answers UP, and Haven made
     * its data directory owner-only on the volume. Root only (namespaces, chroot), with unshare from util-linux.
     */
    @Test
    void startsReadOnlyAsItsUserWithOnlyTheVolumeWritable() throws Exception {
        String uid = DistArtifacts.run(work, "id", "-u").strip();
        Assumptions.assumeTrue("0".equals(uid), "only root can unpack and start the image's file system (uid " + uid + ")");
        Instant begin = Instant.now();
        Path rootfs = Files.createDirectory(work.resolve("rootfs"));
        for (String layer : layers) {
            DistArtifacts.run(work, "tar", "-xzf", layer, "-C", rootfs.toString());
        }
        // What a container runtime adds: /proc, and /dev (without /dev/urandom the JVM seeds SecureRandom slowly itself).
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        Path volume = Files.createDirectory(work.resolve("volume"));
        DistArtifacts.run(work, "chown", "10001:10001", volume.toString());
        DistArtifacts.run(work, "chmod", "700", volume.toString());
        DistArtifacts.run(work, "chmod", "755", work.toString());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonNode container = config.get("config");
        // The image's environment only (env -i), then chroot into it as its user; the image has no shell or env of its own.
        StringBuilder command = new StringBuilder("exec env -i");
        for (String variable : strings(container.get("Env"))) {
            command.append(" '").append(variable).append("'");
        }
        command.append(" \"$(command -v chroot)\" --userspec=").append(container.get("User").asString()).append(" \"$1\"");
        for (String argument : strings(container.get("Entrypoint"))) {
            command.append(" '").append(argument).append("'");
        }
        command.append(" serve --port ").append(port);
        String script = "set -e; mount --make-rprivate /; mount --bind \"$1\" \"$1\"; mount --bind \"$2\" \"$1" + VOLUME + "\"; "
                + "mount -o remount,bind,ro \"$1\"; mount -t proc proc \"$1/proc\"; mount --rbind /dev \"$1/dev\"; cd \"$1\"; " + command;
        System.out.println("image file system unpacked in " + Duration.between(begin, Instant.now()).toMillis() + " ms");
        Instant started = Instant.now();
        Process server = new ProcessBuilder("unshare", "--mount", "--pid", "--fork", "--kill-child=SIGTERM", "sh", "-c", script, "sh",
                rootfs.toString(), volume.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.add(Duration.between(started, Instant.now()).toMillis() + " ms: " + line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        try {
            DistArtifacts.awaitHealthy(server, port, output);
            System.out.println("healthy after " + Duration.between(started, Instant.now()).toMillis() + " ms");
            Path data = volume.resolve("data");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(10001);
            assertThat(Files.exists(data.resolve("keys/master.json"))).isTrue();
        } finally {
            // The JVM runs under unshare, sh and chroot as another user, so no signal reaches it through them: stop it
            // (and whatever else runs below unshare) directly, then unshare.
            List<ProcessHandle> below = server.descendants().toList();
            below.forEach(ProcessHandle::destroy);
            for (ProcessHandle process : below) {
                try {
                    process.onExit().get(60, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    process.destroyForcibly();
                }
            }
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            reader.join(5000);
            synchronized (output) {
                output.forEach(System.out::println);
            }
        }
        // nothing was written into the image's file system
        try (Stream<Path> written = Files.walk(rootfs)) {
            assertThat(written.filter(path -> !path.startsWith(rootfs.resolve("proc")))
                    .filter(path -> !path.startsWith(rootfs.resolve(VOLUME.substring(1))))
                    .filter(path -> path.toFile().lastModified() > Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli()
                            && !Files.isDirectory(path))
                    .toList()).isEmpty();
        }
    }
}
