package nl.haven.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.haven.persistence.TestPostgres;
import nl.haven.testing.TotpCodes;
import nl.haven.testing.Cookies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #24's two-node drill, as docs/deploy.md ("Production: several nodes behind a TLS reverse proxy") tells an
 * administrator to run Haven: two nodes started from the Debian package's launcher (as nobody when the test runs as
 * root, like {@link DebPackageIT}) on one PostgreSQL database, each with its own data directory, the key files copied
 * from the first node to the second with the guide's tar commands before the second ever started, and nginx in front
 * with the guide's configuration ({@code docs/examples/nginx-haven.conf}) over TLS (a self-signed certificate made here).
 * The staff member is invited with {@code haven users create} as the README says, activates the printed link, sets up
 * TOTP and logs in, all through the proxy. The node that answered the log-in's last step is then stopped (SIGTERM), while
 * anonymous intakes go through the proxy without pause; the same session keeps working on the other node (a staff page,
 * a change with its CSRF token), the requests answered by the stopped node are followed up through the survivor, and
 * every intake is either answered with 201 and stored, or refused (nginx's 502/503/504 or a broken connection) and not
 * stored.
 *
 * <p>Needs the artifacts of {@code mvn -Pdist package} ({@link DistArtifacts}), nginx, openssl and the test PostgreSQL
 * server; each missing one skips the test loudly, or fails it with {@code HAVEN_REQUIRE_DIST=1} (nginx, openssl) or
 * {@code HAVEN_REQUIRE_POSTGRES=1}. .ci/run installs nginx and sets both.
 */
class TwoNodeDrillIT {
    static final Path GUIDE = DistArtifacts.PROJECT.resolve("docs/deploy.md");
    static final Path NGINX_EXAMPLE = DistArtifacts.PROJECT.resolve("docs/examples/nginx-haven.conf");
    static final String SLUG = "drill";
    static final String EMAIL = "drill-coordinator@example.org";
    static final String PASSWORD = "copper lantern orchard ninety";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    /** One-time secrets a node or the command line prints: never into the test's output. */
    static final Pattern ONE_TIME_LINK = Pattern.compile("(/setup/|/activate/)[A-Za-z0-9_-]+");
    static final int INTAKE_THREADS = 3;
    static final Duration STEP = Duration.ofSeconds(30);

    static final class Node {
        final String name;
        final int port;
        final Path data;
        final List<String> output = new ArrayList<>();
        Process process;

        Node(String name, int port, Path data) {
            this.name = name;
            this.port = port;
            this.data = data;
        }

        /** How nginx names it in $upstream_addr. */
        String address() {
            return "127.0.0.1:" + port;
        }
    }

    /** A request through the proxy: when it was sent (System.nanoTime), which nodes nginx tried ($upstream_addr), the status. */
    record Served(long sent, String nodes, int status) {
    }

    /** One intake through the proxy: when it was sent and answered (System.nanoTime), and how. */
    record Attempt(long sent, long answered, int status, String node, String reference, String codename, String replayed, String error) {
        boolean succeeded() {
            return status == 201;
        }

        String answeredBy() {
            return lastOf(node);
        }

        /** Without the codename: it is the requester's secret, also in a test's failure message. */
        @Override
        public String toString() {
            return "Attempt[sent=" + sent + ", answered=" + answered + ", status=" + status + ", node=" + node + ", reference=" + reference
                    + ", replayed=" + replayed + ", error=" + error + "]";
        }
    }

    static boolean root;
    static Path work;
    static Path unpacked;
    static DistArtifacts.OwnDatabase database;
    static Node first;
    static Node second;
    static int https;
    static int http;
    static Path nginxDirectory;
    static Process nginx;
    static final List<String> nginxOutput = new ArrayList<>();
    static HttpClient client;
    static String activationLink;
    static volatile boolean stopIntakes;
    static final List<Thread> intakeThreads = new ArrayList<>();
    static boolean passed;

    @BeforeAll
    static void twoNodesBehindNginx() throws Exception {
        long begin = System.nanoTime();
        Path deb = DistArtifacts.deb();
        Path nginxProgram = program("nginx", "/usr/sbin/nginx");
        Path openssl = program("openssl", "/usr/bin/openssl");
        TestPostgres.assumeAvailable();
        root = "0".equals(DistArtifacts.run(Path.of("/"), "id", "-u").strip());

        work = Files.createTempDirectory(Path.of("/tmp"), "haven-drill-it");
        unpacked = work.resolve("root");
        DistArtifacts.run(work, "dpkg-deb", "-x", deb.toString(), unpacked.toString());
        // The unpacked tree is read by nobody: world-readable directories, as dpkg would leave them.
        DistArtifacts.run(work, "chmod", "755", work.toString(), unpacked.toString());
        database = DistArtifacts.OwnDatabase.create("haven_drill_it");
        int[] ports = freePorts(4);
        first = new Node("first", ports[0], work.resolve("first"));
        second = new Node("second", ports[1], work.resolve("second"));
        https = ports[2];
        http = ports[3];
        for (Node node : List.of(first, second)) {
            serviceDirectory(node.data);
        }

        // "Start the first node alone: its first start creates the key files", then copy them before the second starts.
        start(first);
        DistArtifacts.awaitHealthy(first.process, first.port, first.output);
        long firstReady = System.nanoTime();
        copyKeys(first.data, second.data);
        start(second);
        // Meanwhile the organisation and its staff member, with the command line on the first node (README, "Administration").
        cli(first, "orgs", "create", "--name", "Drill Organisation", "--slug", SLUG);
        String invited = cli(first, "users", "create", "--org", SLUG, "--email", EMAIL, "--role", "COORDINATOR");
        Matcher link = Pattern.compile("(https://\\S+/activate/\\S+)").matcher(invited);
        assertThat(link.find()).as("an activation link in the output of users create").isTrue();
        activationLink = link.group(1);
        DistArtifacts.awaitHealthy(second.process, second.port, second.output);
        long secondReady = System.nanoTime();
        // The second node took the copied key files as they are: it made none of its own.
        try (Stream<Path> keys = Files.list(first.data.resolve("keys"))) {
            for (Path key : keys.toList()) {
                assertThat(Files.readAllBytes(second.data.resolve("keys").resolve(key.getFileName()))).as("keys/%s on the second node", key.getFileName())
                        .isEqualTo(Files.readAllBytes(key));
            }
        }

        nginxDirectory = Files.createDirectory(work.resolve("nginx"));
        Path certificate = nginxDirectory.resolve("cert.pem");
        Path key = nginxDirectory.resolve("key.pem");
        DistArtifacts.run(nginxDirectory, openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-days", "1", "-subj", "/CN=haven.example.org", "-addext", "subjectAltName=DNS:haven.example.org,IP:127.0.0.1", "-keyout",
                key.toString(), "-out", certificate.toString());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        client = trusting(certificate);
        startNginx(nginxProgram, certificate, key);
        System.out.printf("two-node drill: first node healthy after %d ms, second node (and the two commands) %d ms later, nginx %d ms later%n",
                TimeUnit.NANOSECONDS.toMillis(firstReady - begin), TimeUnit.NANOSECONDS.toMillis(secondReady - firstReady),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondReady));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        stopIntakes = true;
        for (Thread thread : intakeThreads) {
            thread.join(10_000);
        }
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        for (Node node : new Node[] { first, second }) {
            if (node != null && node.process != null) {
                node.process.destroy();
                if (!node.process.waitFor(60, TimeUnit.SECONDS)) {
                    node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        if (!passed && first != null && first.process != null) {
            for (Node node : new Node[] { first, second }) {
                if (node != null) {
                    printTail("node " + node.name + " (" + node.address() + ")", node.output);
                }
            }
            printTail("nginx", nginxOutput);
            if (nginxDirectory != null && Files.exists(nginxDirectory.resolve("error.log"))) {
                printTail("nginx error.log", Files.readAllLines(nginxDirectory.resolve("error.log")));
            }
        }
        try {
            if (database != null) {
                database.drop();
            }
        } finally {
            if (work != null) {
                try (Stream<Path> paths = Files.walk(work)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    /** The guide shows exactly the file this drill runs, so an administrator copies what was tested. */
    @Test
    void theGuideShowsTheNginxConfigurationTheDrillRuns() throws IOException {
        String guide = Files.readString(GUIDE);
        Matcher block = Pattern.compile("(?s)\n```nginx\n(.*?)```\n").matcher(guide);
        assertThat(block.find()).as("a ```nginx block in docs/deploy.md").isTrue();
        assertThat(block.group(1)).isEqualTo(Files.readString(NGINX_EXAMPLE));
        assertThat(block.find()).as("a second ```nginx block in docs/deploy.md").isFalse();
        assertThat(guide).contains("(examples/nginx-haven.conf)");
    }

    @Test
    void stoppingTheNodeThatServedTheLogInLosesNeitherTheSessionNorAnIntake() throws Exception {
        long begin = System.nanoTime();
        ConcurrentLinkedQueue<Served> servedBy = new ConcurrentLinkedQueue<>();

        // The guide's port-80 server sends plain HTTP to HTTPS.
        HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location")).hasValue("https://127.0.0.1/login");

        // The link that users create printed: the public address, through the proxy.
        assertThat(activationLink.startsWith(publicUrl() + "/activate/")).as("the link starts with %s/activate/", publicUrl()).isTrue();
        Browser setUp = new Browser(servedBy);
        HttpResponse<String> activation = setUp.get(URI.create(activationLink));
        assertThat(activation.statusCode()).isEqualTo(200);
        HttpResponse<String> activated = setUp.post(URI.create(activationLink), Map.of("password", PASSWORD, "repeat", PASSWORD, "_csrf",
                csrf(activation)));
        assertThat(activated.statusCode()).isEqualTo(302);
        assertThat(activated.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).startsWith("/login?activated"));
        setUp.logInWithPassword();
        HttpResponse<String> enrol = setUp.get("/mfa/enrol");
        assertThat(enrol.statusCode()).isEqualTo(200);
        Matcher shown = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(enrol.body());
        assertThat(shown.find()).as("the TOTP secret on /mfa/enrol").isTrue();
        String secret = shown.group(1);
        HttpResponse<String> recovery = setUp.post("/mfa/enrol", Map.of("code", TotpCodes.fresh(secret), "_csrf", csrf(enrol)));
        assertThat(recovery.statusCode()).isEqualTo(200);
        assertThat(recovery.body()).contains("recovery-codes");

        // The log-in of the drill: password, then TOTP, through the proxy; the SESSION cookie is Secure (X-Forwarded-Proto).
        Browser staff = new Browser(servedBy);
        HttpResponse<String> password = staff.logInWithPassword();
        assertThat(password.headers().allValues("Set-Cookie")).filteredOn(set -> set.startsWith("SESSION=")).singleElement()
                .satisfies(set -> assertThat(set).contains("Secure", "HttpOnly", "SameSite=Strict"));
        HttpResponse<String> challenge = staff.get("/mfa");
        assertThat(challenge.statusCode()).isEqualTo(200);
        HttpResponse<String> loggedIn = staff.post("/mfa", Map.of("code", TotpCodes.fresh(secret), "_csrf", csrf(challenge)));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValue("/staff");
        String logInNode = loggedIn.headers().firstValue("X-Haven-Node").orElseThrow();
        assertThat(logInNode).as("one node answered the log-in, without a retry").isIn(first.address(), second.address());
        // Haven's own HSTS header: the proxy's X-Forwarded-Proto made the request secure for Haven (trusted proxy).
        assertThat(loggedIn.headers().allValues("Strict-Transport-Security")).as("one HSTS header, Haven's").containsExactly("max-age=31536000");
        HttpResponse<String> home = staff.get("/staff");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(EMAIL);
        Set<String> nodesBeforeTheStop = servedBy.stream().map(Served::nodes).collect(Collectors.toCollection(TreeSet::new));
        assertThat(nodesBeforeTheStop).as("nginx sent requests to both nodes").containsExactlyInAnyOrder(first.address(), second.address());
        Node stopped = logInNode.equals(first.address()) ? first : second;
        Node survivor = stopped == first ? second : first;

        // Anonymous intakes through the proxy, without pause, from before the stop until well after it.
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < INTAKE_THREADS; i++) {
            Thread thread = new Thread(() -> {
                while (!stopIntakes) {
                    attempts.add(submitIntake());
                }
            }, "drill-intake-" + i);
            intakeThreads.add(thread);
            thread.start();
        }
        awaitTrue("intakes answered by both nodes before the stop", () -> attempts.stream()
                .filter(a -> a.succeeded() && a.answeredBy().equals(stopped.address())).count() >= 3
                && attempts.stream().filter(a -> a.succeeded() && a.answeredBy().equals(survivor.address())).count() >= 3);

        // Stop the node that served the log-in, as systemctl stop does: SIGTERM, then wait for it to end.
        long stopSent = System.nanoTime();
        stopped.process.destroy();
        assertThat(stopped.process.waitFor(60, TimeUnit.SECONDS)).as("the stopped node ended within 60 s").isTrue();
        long stopDone = System.nanoTime();
        // 143 (128 + SIGTERM) is what haven.service counts as a clean stop (SuccessExitStatus, docs/deploy.md).
        assertThat(stopped.process.exitValue()).isEqualTo(143);

        // The same session keeps working on the other node: a staff page, then a change with its CSRF token.
        HttpResponse<String> after = staff.get("/staff");
        assertThat(after.statusCode()).as("the staff page after the stop, not a redirect to the log-in").isEqualTo(200);
        assertThat(after.body()).contains(EMAIL);
        assertThat(lastNode(after)).isEqualTo(survivor.address());
        HttpResponse<String> notifications = staff.get("/account/notifications");
        assertThat(notifications.statusCode()).isEqualTo(200);
        assertThat(digestChosen(notifications.body())).as("the daily digest before the change").isFalse();
        HttpResponse<String> changed = staff.post("/account/notifications", Map.of("delivery", "digest", "_csrf", csrf(notifications)));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).startsWith("/account/notifications"));
        assertThat(lastNode(changed)).isEqualTo(survivor.address());
        assertThat(digestChosen(staff.get("/account/notifications").body())).as("the daily digest after the change").isTrue();
        try (Connection connection = database.connect();
                PreparedStatement digest = connection.prepareStatement("select mail_digest from app_user where email = ?")) {
            digest.setString(1, EMAIL);
            try (ResultSet row = digest.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).as("the change is in the database").isTrue();
            }
        }

        awaitTrue("intakes answered after the stop", () -> attempts.stream().filter(a -> a.succeeded() && a.sent() > stopDone).count() >= 3);
        stopIntakes = true;
        for (Thread thread : intakeThreads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
        }
        List<Attempt> all = new ArrayList<>(attempts);
        List<Attempt> succeeded = all.stream().filter(Attempt::succeeded).toList();
        List<Attempt> refused = all.stream().filter(a -> !a.succeeded()).toList();

        // Every answer is 201 or a refusal by the proxy (502/503/504) or a broken connection; no other answer.
        assertThat(refused).as("answers that are neither 201 nor a refusal").allSatisfy(a -> assertThat(a.status()).isIn(-1, 502, 503, 504));
        assertThat(succeeded).allSatisfy(a -> {
            assertThat(a.reference()).startsWith("HV-");
            assertThat(a.codename()).isNotBlank();
            assertThat(a.replayed()).isEqualTo("false");
        });
        // Stored are exactly the answered ones: every 201 is in the database, and no refused intake is.
        Set<String> stored = new HashSet<>();
        try (Connection connection = database.connect(); PreparedStatement cases = connection.prepareStatement(
                "select c.reference from case_file c join organisation o on o.id = c.org_id where o.slug = ?")) {
            cases.setString(1, SLUG);
            try (ResultSet rows = cases.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(succeeded.stream().map(Attempt::reference).toList());
        // Intakes were sent during the switch (between SIGTERM and the node's end), and answered after it, by the survivor only.
        List<Attempt> underWay = all.stream().filter(a -> a.sent() <= stopDone && a.answered() >= stopSent).toList();
        List<Attempt> duringSwitch = underWay.stream().filter(a -> a.sent() >= stopSent).toList();
        assertThat(duringSwitch).as("intakes sent between SIGTERM and the node's end").isNotEmpty();
        List<Attempt> afterSwitch = all.stream().filter(a -> a.sent() > stopDone).toList();
        assertThat(afterSwitch).filteredOn(Attempt::succeeded).isNotEmpty();
        assertThat(afterSwitch).filteredOn(Attempt::succeeded).allSatisfy(a -> assertThat(a.answeredBy()).isEqualTo(survivor.address()));
        // nginx has no active health check: after the SIGTERM it still sent requests to the stopped node (until max_fails), and
        // sent those the stopped node refused on to the other node, which answered them.
        List<Served> triedStopped = Stream.concat(all.stream().map(a -> new Served(a.sent(), a.node(), a.status())), servedBy.stream())
                .filter(served -> served.sent() >= stopSent && served.nodes().startsWith(stopped.address() + ",")).toList();
        assertThat(triedStopped).as("requests sent after SIGTERM that nginx tried on the stopped node first").anySatisfy(served -> {
            assertThat(served.nodes()).isEqualTo(stopped.address() + ", " + survivor.address());
            assertThat(served.status()).isBetween(200, 399);
        });

        // A person whose request the stopped node answered follows it up, and replies, through the survivor: same codename keys,
        // same case keys.
        List<Attempt> byStopped = succeeded.stream().filter(a -> a.answeredBy().equals(stopped.address())).toList();
        assertThat(byStopped).isNotEmpty();
        List<Attempt> followed = byStopped.subList(Math.max(0, byStopped.size() - 3), byStopped.size());
        for (Attempt request : followed) {
            Browser person = new Browser(servedBy);
            HttpResponse<String> page = person.get("/follow-up?lang=en");
            HttpResponse<String> view = person.post("/follow-up?lang=en", Map.of("codename", request.codename(), "action", "view", "_csrf", csrf(page)));
            assertThat(view.statusCode()).isEqualTo(200);
            // Booleans, not the page: the page of a known codename holds it.
            assertThat(view.body().contains("We could not open a request")).as("the codename of a request the stopped node answered is unknown")
                    .isFalse();
            assertThat(view.body().contains("name=\"action\" value=\"reply\"")).as("the follow-up page with its reply form").isTrue();
            assertThat(lastNode(view)).isEqualTo(survivor.address());
        }
        Browser person = new Browser(servedBy);
        HttpResponse<String> page = person.get("/follow-up?lang=en");
        HttpResponse<String> reply = person.post("/follow-up?lang=en", Map.of("codename", followed.get(followed.size() - 1).codename(), "action",
                "reply", "message", "Drill reply after the switch", "_csrf", csrf(page)));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body().contains("Drill reply after the switch")).as("the reply in the thread").isTrue();

        long failedOver = all.stream().filter(a -> a.node().contains(",")).count();
        long underWayAtSigterm = byStopped.stream().filter(a -> a.sent() < stopSent && a.answered() > stopSent).count();
        Map<String, Long> refusals = refused.stream()
                .collect(Collectors.groupingBy(a -> a.status() == -1 ? a.error() : Integer.toString(a.status()), Collectors.counting()));
        System.out.printf("two-node drill: log-in served by the %s node (%s), stopped with SIGTERM; it ended after %d ms (exit %d); the %s"
                + " node (%s) carried on%n", stopped.name, stopped.address(), TimeUnit.NANOSECONDS.toMillis(stopDone - stopSent),
                stopped.process.exitValue(), survivor.name, survivor.address());
        System.out.printf("two-node drill: intakes sent %d, answered 201 %d (by the stopped node %d, %d of them under way at its SIGTERM;"
                + " by the survivor %d), answered after nginx tried the stopped node first %d, refused %d %s, stored %d; sent during the"
                + " switch %d (under way %d), sent after it %d; drill %d ms%n", all.size(), succeeded.size(), byStopped.size(), underWayAtSigterm,
                succeeded.size() - byStopped.size(), failedOver, refused.size(), refusals, stored.size(), duringSwitch.size(), underWay.size(),
                afterSwitch.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        passed = true;
    }

    // --- the intake ------------------------------------------------------------------------------------------------

    /** One anonymous intake through the API of the proxy, with a fresh Idempotency-Key; never throws. */
    static Attempt submitIntake() {
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(publicUrl() + "/api/v1/intake/" + SLUG)).timeout(STEP)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"Two-node drill: please help.\"}")).build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Attempt(sent, System.nanoTime(), answer.statusCode(), answer.headers().firstValue("X-Haven-Node").orElse(""),
                    json(answer.body(), "reference"), json(answer.body(), "codename"), answer.headers().firstValue("Idempotent-Replayed").orElse(""), "");
        } catch (IOException broken) {
            return new Attempt(sent, System.nanoTime(), -1, "", "", "", "", broken.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopIntakes = true;
            return new Attempt(sent, System.nanoTime(), -1, "", "", "", "", "interrupted");
        }
    }

    static String json(String body, String field) {
        Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        return value.find() ? value.group(1) : "";
    }

    // --- the browser ------------------------------------------------------------------------------------------------

    /** A browser without JavaScript through the proxy: keeps its cookies, follows no redirect, notes which node answered. */
    static final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();
        final ConcurrentLinkedQueue<Served> servedBy;

        Browser(ConcurrentLinkedQueue<Served> servedBy) {
            this.servedBy = servedBy;
        }

        HttpResponse<String> get(String path) throws Exception {
            return get(URI.create(publicUrl() + path));
        }

        HttpResponse<String> get(URI uri) throws Exception {
            return send(HttpRequest.newBuilder(uri).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            return post(URI.create(publicUrl() + path), form);
        }

        HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** The log-in form, then the password: a redirect to the second factor. */
        HttpResponse<String> logInWithPassword() throws Exception {
            HttpResponse<String> form = get("/login");
            assertThat(form.statusCode()).isEqualTo(200);
            HttpResponse<String> login = post("/login", Map.of("username", EMAIL, "password", PASSWORD, "_csrf", csrf(form)));
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValue("/mfa");
            return login;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            request.header("Accept", "text/html").timeout(STEP);
            if (!cookies.isEmpty()) {
                request.header("Cookie", Cookies.header(cookies));
            }
            long sent = System.nanoTime();
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                Cookies.take(cookies, set);
            }
            response.headers().firstValue("X-Haven-Node").ifPresent(nodes -> servedBy.add(new Served(sent, nodes, response.statusCode())));
            return response;
        }
    }

    static String csrf(HttpResponse<String> page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a form with a CSRF token in %s", redact(page.uri().toString())).isTrue();
        return token.group(1).replace("&#x3d;", "=").replace("&#61;", "=");
    }

    static String lastNode(HttpResponse<String> response) {
        return lastOf(response.headers().firstValue("X-Haven-Node").orElseThrow());
    }

    /** The node that answered: the last of $upstream_addr ("a, b" when nginx tried a first, and b answered). */
    static String lastOf(String nodes) {
        return nodes.substring(nodes.lastIndexOf(',') + 1).strip();
    }

    static boolean digestChosen(String page) {
        return Pattern.compile("<input id=\"delivery-digest\"[^>]*\\bchecked").matcher(page).find();
    }

    static String publicUrl() {
        return "https://127.0.0.1:" + https;
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for %s", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    // --- processes -------------------------------------------------------------------------------------------------

    /** A program on the PATH or at its Debian place; without it the drill is skipped loudly, or fails with HAVEN_REQUIRE_DIST=1. */
    static Path program(String name, String debianPlace) {
        List<Path> candidates = new ArrayList<>();
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, name));
            }
        }
        candidates.add(Path.of(debianPlace));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String problem = "no " + name + " (PATH or " + debianPlace + ")";
        if (DistArtifacts.required()) {
            Assertions.fail(problem + " and HAVEN_REQUIRE_DIST=1: install it (Debian: apt-get install " + name + "); .ci/run does");
        }
        System.err.println("TWO-NODE DRILL SKIPPED: " + problem + ". Install it (Debian: apt-get install " + name + "); .ci/run does.");
        Assumptions.abort(problem);
        return candidates.get(0);
    }

    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** A data directory as the package's is: owner-only, of the service's user (nobody here when the test runs as root). */
    static void serviceDirectory(Path directory) throws IOException {
        if (root) {
            DistArtifacts.run(work, "install", "-d", "-m", "0700", "-o", "nobody", "-g", "nogroup", directory.toString());
        } else {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /**
     * docs/deploy.md, "Copying the key files to another node", on one machine: the same tar pipe (without ssh), owner and
     * modes, into the data directory of a node that has never started.
     */
    static void copyKeys(Path from, Path to) {
        DistArtifacts.run(work, "sh", "-c", "set -e; tar -C \"$1\" -cf - keys | tar -C \"$2\" -xpf -; "
                + (root ? "chown -R nobody:nogroup \"$2/keys\"; " : "") + "chmod 700 \"$2/keys\" && chmod 600 \"$2\"/keys/*", "sh", from.toString(), to.toString());
    }

    /** The packaged launcher with the nodes' common configuration (the guide's "Settings every node needs") and this node's own. */
    static ProcessBuilder launcher(Node node, String... arguments) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--no-new-privs"));
        }
        command.add(unpacked.resolve("usr/bin/haven").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(node.data.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("HAVEN_") || name.startsWith("SPRING_") || name.equals("JAVA_OPTS")
                || name.equals("SERVER_PORT"));
        environment.put("HAVEN_DATA_DIR", node.data.toString());
        environment.putAll(database.settings());
        environment.put("HAVEN_IDENTITY_PUBLICURL", publicUrl());
        // nginx on the same machine: the guide's value for that case.
        environment.put("HAVEN_TRUSTED_PROXIES", "127.0.0.1/32");
        // Every intake of the drill comes from 127.0.0.1: the documented per-visitor budget (20 an hour) would refuse most.
        environment.put("HAVEN_INTAKE_SUBMISSIONS_PER_HOUR", "100000");
        environment.put("JAVA_OPTS", "-Djava.io.tmpdir=" + node.data);
        return builder;
    }

    static void start(Node node) throws IOException {
        node.process = launcher(node, "serve", "--port", Integer.toString(node.port)).start();
        collect(node.process.getInputStream(), node.output, "drill-output-" + node.name);
    }

    /** An administration command on a node, as the guide says (its user, its configuration); its output, which must not be printed. */
    static String cli(Node node, String... arguments) throws Exception {
        Process command = launcher(node, arguments).start();
        String output = DistArtifacts.readAll(command.getInputStream());
        assertThat(command.waitFor(2, TimeUnit.MINUTES)).as("haven %s ended", arguments[0]).isTrue();
        assertThat(command.exitValue()).as("haven %s: %s", String.join(" ", arguments), redact(output)).isZero();
        return output;
    }

    static void collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(redact(line));
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    static String redact(String text) {
        return ONE_TIME_LINK.matcher(text).replaceAll("$1(one-time token)");
    }

    /**
     * nginx of its own: the guide's file, included in the http context of a main configuration whose paths are all in this
     * test's directory, with the guide's addresses, ports and certificate replaced (each exactly once, or the test fails)
     * and one test-only header, X-Haven-Node, that names the node which answered ($upstream_addr), at server level (the
     * guide's file has no add_header of its own since Haven sends Strict-Transport-Security itself).
     */
    static void startNginx(Path program, Path certificate, Path key) throws Exception {
        String site = Files.readString(NGINX_EXAMPLE);
        site = replaceOnce(site, "server 10.0.0.11:8080 ", "server " + first.address() + " ");
        site = replaceOnce(site, "server 10.0.0.12:8080 ", "server " + second.address() + " ");
        site = replaceOnce(site, "listen 80;", "listen 127.0.0.1:" + http + ";");
        site = replaceOnce(site, "listen 443 ssl;", "listen 127.0.0.1:" + https + " ssl;");
        site = replaceOnce(site, "/etc/letsencrypt/live/haven.example.org/fullchain.pem", certificate.toString());
        site = replaceOnce(site, "/etc/letsencrypt/live/haven.example.org/privkey.pem", key.toString());
        site = replaceOnce(site, "    proxy_buffering off;",
                "    add_header X-Haven-Node $upstream_addr always;   # TwoNodeDrillIT only: which node answered\n    proxy_buffering off;");
        Path siteFile = nginxDirectory.resolve("haven.conf");
        Files.writeString(siteFile, site);
        String directory = nginxDirectory.toString();
        Path main = nginxDirectory.resolve("nginx.conf");
        Files.writeString(main, String.join("\n",
                "# TwoNodeDrillIT: nginx's main context around the guide's file; everything it writes stays in " + directory,
                "pid " + directory + "/nginx.pid;",
                "error_log " + directory + "/error.log notice;",
                "worker_processes 1;",
                "events { worker_connections 256; }",
                "http {",
                "    access_log off;",
                "    client_body_temp_path " + directory + "/client_body;",
                "    proxy_temp_path " + directory + "/proxy;",
                "    fastcgi_temp_path " + directory + "/fastcgi;",
                "    uwsgi_temp_path " + directory + "/uwsgi;",
                "    scgi_temp_path " + directory + "/scgi;",
                "    include " + siteFile + ";",
                "}", ""));
        // nginx's workers run as nobody when nginx starts as root: they may enter the directory, not read the key (the master does).
        DistArtifacts.run(work, "chmod", "755", directory);
        DistArtifacts.run(work, program.toString(), "-t", "-p", directory, "-c", main.toString());
        nginx = new ProcessBuilder(program.toString(), "-p", directory, "-c", main.toString(), "-g", "daemon off;").redirectErrorStream(true).start();
        collect(nginx.getInputStream(), nginxOutput, "drill-output-nginx");
        long deadline = System.nanoTime() + STEP.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(publicUrl() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            assertThat(nginx.isAlive()).as("nginx runs").isTrue();
            assertThat(System.nanoTime()).as("nginx answered within 30 s").isLessThan(deadline);
            try {
                if (client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
    }

    static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("docs/examples/nginx-haven.conf has %s", target).isNotNegative();
        assertThat(text.indexOf(target, at + 1)).as("docs/examples/nginx-haven.conf has %s once", target).isNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    /** An HTTP client that trusts the proxy's self-signed certificate (and checks the address against it, as always). */
    static HttpClient trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("drill-proxy", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static void printTail(String what, List<String> lines) {
        List<String> copy;
        synchronized (lines) {
            copy = new ArrayList<>(lines);
        }
        System.out.println("--- last lines of " + what + " ---");
        copy.subList(Math.max(0, copy.size() - 60), copy.size()).forEach(System.out::println);
    }
}
