package nl.haven.bench;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import nl.haven.HavenApplication;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.OrgId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The resilience benchmark of the hardening issue (#15): the staff queue page's p99 at a constant rate alone, and while
 * anonymous clients flood the intake with maximum-size uploads and endless chunked bodies at the rate limits' edge. Goal:
 * p99 under the flood ≤ 2 × the p99 alone, and no error on the staff side, measured in one run.
 *
 * <p>Method: a real Haven (embedded Tomcat, PostgreSQL in a fresh schema, the shipped limits: 20 intakes per visitor and
 * hour, 10 MB per file, 20 MB per request, 256 KB per JSON body) with {@code --cases} generated cases (as
 * {@link QueueLoad} makes them) and the loopback address trusted as a reverse proxy, so that each flooding "visitor" is
 * told apart by its {@code X-Forwarded-For} (addresses from the documentation ranges, never contacted). The staff side
 * is {@code GET /api/v1/cases?status=ACCEPTED&assignee=…&size=25} with a coordinator's API token at a constant rate,
 * latency counted from each call's due time ({@link QueueLoad#run}: no coordinated omission); any non-200 answer is a
 * staff error and fails the run. Phases: warm-up, queue alone, queue under flood, queue alone again (the two alone
 * phases bracket the flood, so drift shows). The flood is closed-loop clients of two kinds:
 * <ul>
 * <li><b>uploads</b>: the intake form ({@code POST /intake/{org}}, multipart, with its CSRF token) with two noise PNGs
 * just under the per-file limit, so each request is as large as the limits allow and its images must be decoded; each
 * visitor address sends exactly the hourly limit, then the next address takes over (every request at the edge);</li>
 * <li><b>chunked</b>: {@code POST /api/v1/intake/{org}} with a JSON body sent chunked (no {@code Content-Length}) that
 * would go on for 64 MB, which Haven must refuse once past its JSON limit.</li>
 * </ul>
 * The flood runs in a JVM of its own ({@link Flooder}; {@code --flood same-jvm} runs it in the server's JVM instead).
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Dbench.main=nl.haven.bench.IntakeFlood -Djmh.args="--rate 20
 * --seconds 30 --uploaders 3 --chunkers 3 --cases 100000"}; {@code -Dhaven.bench.postgres=jdbc:postgresql://…} picks the
 * server; {@code -Dhaven.bench.args="--a=b,--c=d"} adds Spring arguments; {@code --flood-nice N} and {@code --flood-cpu
 * PERCENT} (a CPU quota for the generator's process, as root) keep the generator from taking the server's cores; JVM
 * options before the class name in {@code -Dbench.main} apply to the server (the launcher's are
 * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -Xms64m}).
 */
public final class IntakeFlood {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern SUBMISSION = Pattern.compile("name=\"submission\"\\s+value=\"([^\"]+)\"");
    private static final int PER_HOUR = 20;

    private IntakeFlood() {
    }

    public static void main(String[] args) throws Exception {
        int rate = BenchArgs.number(args, "--rate", 20);
        int seconds = BenchArgs.number(args, "--seconds", 30);
        int uploaders = BenchArgs.number(args, "--uploaders", 3);
        int chunkers = BenchArgs.number(args, "--chunkers", 3);
        int cases = BenchArgs.number(args, "--cases", 100_000);
        boolean separateProcess = !"same-jvm".equals(BenchArgs.text(args, "--flood", "process"));
        int floodNice = BenchArgs.number(args, "--flood-nice", 0);
        int floodCpu = BenchArgs.number(args, "--flood-cpu", 0);
        String extra = System.getProperty("haven.bench.args", "");
        System.out.printf(Locale.ROOT, "[flood] queue at %d/s, %d s per phase, %d upload and %d chunked flooders, %,d cases, %d processors%n", rate,
                seconds, uploaders, chunkers, cases, Runtime.getRuntime().availableProcessors());
        byte[] png = noisePng(10 * 1024 * 1024 - 64 * 1024);
        System.out.printf(Locale.ROOT, "[flood] one upload file: %,d bytes (a noise PNG), two per request%n", png.length);
        try (BenchDatabase db = BenchDatabase.open("postgresql", "intake-flood")) {
            List<String> springArgs = new ArrayList<>(db.args());
            springArgs.addAll(List.of("--server.port=0", "--logging.level.root=WARN", "--haven.intake.submissions-per-hour=" + PER_HOUR,
                    "--server.tomcat.remoteip.internal-proxies=127.0.0.1/32, ::1/128"));
            for (String arg : extra.split(",")) {
                if (!arg.isBlank()) {
                    springArgs.add(arg.strip());
                }
            }
            ConfigurableApplicationContext app = new SpringApplicationBuilder(HavenApplication.class).run(springArgs.toArray(String[]::new));
            try {
                run(app, db, rate, seconds, uploaders, chunkers, cases, png, separateProcess, floodNice, floodCpu);
            } finally {
                app.close();
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, BenchDatabase db, int rate, int seconds, int uploaders, int chunkers, int cases,
            byte[] png, boolean separateProcess, int floodNice, int floodCpu) throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "0"));
        String base = "http://127.0.0.1:" + port;
        IdentityManagement identity = app.getBean(IdentityManagement.class);
        OrgId org = identity.createOrganisation("Flood benchmark", "bench-flood");
        List<UUID> assignees = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assignees.add(identity.invite("bench-flood", "cw" + i + "@flood.example", "CASEWORKER", null).user().value());
        }
        IdentityManagement.Invitation coordinator = identity.invite("bench-flood", "coord@flood.example", "COORDINATOR", null);
        identity.activate(coordinator.token(), "violet harbour lantern seventeen");
        String token = identity.createApiToken("coord@flood.example", 1);
        String url = app.getEnvironment().getProperty("spring.datasource.url");
        try (Connection c = DriverManager.getConnection(url)) {
            long t0 = System.nanoTime();
            QueueLoad.generate(c, org.value(), assignees, 1, cases);
            try (Statement st = c.createStatement()) {
                st.execute("analyze case_file");
                st.execute("analyze case_task");
            }
            System.out.printf(Locale.ROOT, "[flood] generated %,d cases in %.1f s%n", cases, (System.nanoTime() - t0) / 1e9);
        }
        HttpClient staff = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest queue = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases?status=ACCEPTED&assignee=" + assignees.get(3) + "&size=25"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(Duration.ofSeconds(60)).build();
        LongAdder staffErrors = new LongAdder();
        QueueLoad.Call staffCall = () -> {
            HttpResponse<String> response = staff.send(queue, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                staffErrors.increment();
                throw new IllegalStateException("staff queue answered HTTP " + response.statusCode());
            }
        };

        QueueLoad.run("warm-up", staffCall, rate, Math.max(10, seconds / 2));
        List<Long> alone = new ArrayList<>(QueueLoad.run("alone", staffCall, rate, seconds));

        List<Long> flooded;
        if (separateProcess) {
            // The flood from a JVM of its own, as wrk and pgbench are processes of their own: its threads, allocation and
            // garbage collection do not run in the server's JVM (they still share the machine's two cores).
            Process flooder = startFlooder(base, uploaders, chunkers, seconds + 10, floodNice, floodCpu);
            try {
                Thread.sleep(5_000); // the flood at full strength before the staff side is measured
                flooded = QueueLoad.run("flooded", staffCall, rate, seconds);
            } finally {
                if (!flooder.waitFor(180, TimeUnit.SECONDS)) {
                    flooder.destroyForcibly();
                }
                if (floodCpu > 0) {
                    java.nio.file.Files.deleteIfExists(floodGroup());
                }
            }
        } else {
            Flood flood = new Flood(base, png);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < uploaders; i++) {
                threads.add(start("flood-upload-" + i, flood::uploads));
            }
            for (int i = 0; i < chunkers; i++) {
                threads.add(start("flood-chunked-" + i, flood::chunked));
            }
            Thread.sleep(5_000); // the flood at full strength before the staff side is measured
            try {
                flooded = QueueLoad.run("flooded", staffCall, rate, seconds);
            } finally {
                flood.stop.set(true);
                for (Thread t : threads) {
                    t.join(120_000);
                }
            }
            flood.report();
        }
        alone.addAll(QueueLoad.run("alone again", staffCall, rate, seconds));

        double p99Alone = QueueLoad.report("queue alone (both phases)", alone);
        double p99Flooded = QueueLoad.report("queue under the flood", flooded);
        System.out.printf(Locale.ROOT, "[flood] staff errors: %d; p99 alone %.2f ms, p99 flooded %.2f ms, ratio %.2f (goal ≤ 2, no staff error)%n",
                staffErrors.sum(), p99Alone, p99Flooded, p99Flooded / p99Alone);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                var rs = st.executeQuery("select count(*) from case_file where source <> 'STAFF'")) {
            rs.next();
            System.out.printf(Locale.ROOT, "[flood] cases opened by the flood: %d%n", rs.getLong(1));
        }
    }

    /** The cgroup v1 {@code cpu} group of {@code --flood-cpu}, one per benchmark process. */
    private static Path floodGroup() {
        return Path.of("/sys/fs/cgroup/cpu", "haven-flood-" + ProcessHandle.current().pid());
    }

    /**
     * Starts {@link Flooder} in a JVM of its own with this class path and returns once it has made its pictures and
     * started its clients; its output is copied to this one's.
     */
    private static Process startFlooder(String base, int uploaders, int chunkers, int seconds, int nice, int cpuPercent) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (cpuPercent > 0) {
            // `--flood-cpu 50`: the generator confined to half of one core by a CPU quota (a cgroup v1 `cpu` group, which
            // needs root), as an attacker on another machine uses none of the server's cores. The flood it can then send
            // is what that much CPU generates; the server's side of each connection (accepting, reading, refusing) is
            // still the server's.
            Path group = floodGroup();
            java.nio.file.Files.createDirectories(group);
            java.nio.file.Files.writeString(group.resolve("cpu.cfs_period_us"), "100000");
            java.nio.file.Files.writeString(group.resolve("cpu.cfs_quota_us"), Integer.toString(cpuPercent * 1000));
            command.addAll(List.of("sh", "-c", "echo $$ > " + group.resolve("cgroup.procs") + " && exec \"$0\" \"$@\""));
            System.out.printf(Locale.ROOT, "[flood] the flood's generator is confined to %d %% of one core (%s)%n", cpuPercent, group);
        }
        if (nice != 0) {
            // The attacker's own CPU is not the server's on a real deployment; on one 2-core machine it competes with it.
            // `--flood-nice 19` lets the flood's generator have only what the server and the staff side leave.
            command.addAll(List.of("nice", "-n", Integer.toString(nice)));
        }
        command.addAll(List.of(javaBin, "-Xmx2g", "-cp", System.getProperty("java.class.path"), Flooder.class.getName(), base,
                Integer.toString(uploaders), Integer.toString(chunkers), Integer.toString(seconds)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        start("flooder-output", () -> {
            try (BufferedReader lines = process.inputReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(line);
                    if (line.startsWith("[flood] flooding")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                System.out.println("[flood] the flooder's output ended: " + e);
            }
            ready.countDown();
        });
        ready.await();
        return process;
    }

    /** The flood as a program of its own: {@code BASE UPLOADERS CHUNKERS SECONDS}; prints what it got at the end. */
    public static final class Flooder {
        private Flooder() {
        }

        public static void main(String[] args) throws Exception {
            Flood flood = new Flood(args[0], noisePng(10 * 1024 * 1024 - 64 * 1024));
            int uploaders = Integer.parseInt(args[1]);
            int chunkers = Integer.parseInt(args[2]);
            List<Thread> threads = new ArrayList<>();
            System.out.printf(Locale.ROOT, "[flood] flooding from process %d: %d uploaders, %d chunkers, %s s%n", ProcessHandle.current().pid(),
                    uploaders, chunkers, args[3]);
            for (int i = 0; i < uploaders; i++) {
                threads.add(start("flood-upload-" + i, flood::uploads));
            }
            for (int i = 0; i < chunkers; i++) {
                threads.add(start("flood-chunked-" + i, flood::chunked));
            }
            Thread.sleep(Long.parseLong(args[3]) * 1000);
            flood.stop.set(true);
            for (Thread t : threads) {
                t.join(120_000);
            }
            flood.report();
        }
    }

    /** The anonymous side: closed-loop clients until {@link #stop}. */
    static final class Flood {
        final String base;
        final byte[] png;
        final AtomicBoolean stop = new AtomicBoolean();
        final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong receipts = new AtomicLong();
        final AtomicLong visitor = new AtomicLong();

        Flood(String base, byte[] png) {
            this.base = base;
            this.png = png;
        }

        void report() {
            System.out.println("[flood] flood answers (kind status → count): " + new TreeMap<>(answers));
            System.out.printf(Locale.ROOT, "[flood] flood bytes generated: %,d; uploads accepted (200 with a receipt): %d%n", bytesSent.get(),
                    receipts.get());
        }

        private void count(String kind, String status) {
            answers.computeIfAbsent(kind + " " + status, k -> new LongAdder()).increment();
        }

        /** A fresh documentation-range address (RFC 5737 / RFC 3849) for every {@link #PER_HOUR} requests. */
        private String address(long request) {
            long v = request / PER_HOUR;
            return v % 2 == 0 ? "198.51." + ((v / 2 / 256) % 256) + "." + (v / 2 % 256) : "2001:db8:" + Long.toHexString((v / 2) % 65536) + "::1";
        }

        void uploads() {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            while (!stop.get()) {
                try {
                    HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/intake/bench-flood")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String cookie = form.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                            .reduce((a, b) -> a + "; " + b).orElse("");
                    String csrf = first(CSRF, form.body());
                    String submission = first(SUBMISSION, form.body());
                    String boundary = "----haven-flood-" + UUID.randomUUID();
                    byte[] body = multipart(boundary, csrf, submission);
                    long request = visitor.getAndIncrement();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/intake/bench-flood"))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", cookie)
                            .header("X-Forwarded-For", address(request)).timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    bytesSent.addAndGet(body.length);
                    count("upload", Integer.toString(response.statusCode()));
                    if (response.statusCode() == 200 && response.body().contains("codename")) {
                        receipts.incrementAndGet();
                    }
                } catch (IOException e) {
                    count("upload", "io-error");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void chunked() {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            while (!stop.get()) {
                long request = visitor.getAndIncrement();
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/intake/bench-flood"))
                            .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                            .header("X-Forwarded-For", address(request)).timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new EndlessJson(64L * 1024 * 1024, bytesSent))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    count("chunked", Integer.toString(response.statusCode()));
                } catch (IOException e) {
                    // The server may close the connection once it has refused the body: that is the refusal working.
                    count("chunked", "closed");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private byte[] multipart(String boundary, String csrf, String submission) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(2 * png.length + 4096);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("_csrf", csrf);
            fields.put("submission", submission);
            fields.put("nationality", "RU");
            fields.put("countryOfResidence", "RU");
            fields.put("groups", "gay");
            fields.put("message", "A fictional benchmark request: I need advice about asking for asylum.");
            fields.put("contactChannel", "none");
            fields.put("consentProcessing", "true");
            for (Map.Entry<String, String> field : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue()
                        + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 2; i++) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"photo" + i
                        + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(png);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private static String first(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("the intake form has no " + pattern.pattern());
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** A JSON object whose message never ends (up to {@code limit} bytes), produced as it is read. */
    static final class EndlessJson extends InputStream {
        private static final byte[] HEAD = "{\"language\":\"en\",\"nationality\":\"RU\",\"groups\":[\"gay\"],\"message\":\"".getBytes(StandardCharsets.UTF_8);
        private static final byte[] FILLER = new byte[64 * 1024];

        static {
            Arrays.fill(FILLER, (byte) 'a');
        }

        private final long limit;
        private final AtomicLong counter;
        private long position;

        EndlessJson(long limit, AtomicLong counter) {
            this.limit = limit;
            this.counter = counter;
        }

        @Override
        public int read() {
            if (position >= limit) {
                return -1;
            }
            int b = position < HEAD.length ? HEAD[(int) position] : 'a';
            position++;
            counter.incrementAndGet();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= limit) {
                return -1;
            }
            if (position < HEAD.length) {
                int n = (int) Math.min(length, HEAD.length - position);
                System.arraycopy(HEAD, (int) position, buffer, offset, n);
                position += n;
                counter.addAndGet(n);
                return n;
            }
            int n = (int) Math.min(Math.min(length, FILLER.length), limit - position);
            System.arraycopy(FILLER, 0, buffer, offset, n);
            position += n;
            counter.addAndGet(n);
            return n;
        }
    }

    /** An incompressible PNG (random pixels) of at most {@code maxBytes}: the most expensive image per byte to decode. */
    static byte[] noisePng(int maxBytes) throws IOException {
        SplittableRandom random = new SplittableRandom(15);
        int side = (int) Math.sqrt(maxBytes / 3.0);
        while (true) {
            BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            if (out.size() <= maxBytes) {
                return out.toByteArray();
            }
            side = (int) (side * 0.97);
        }
    }
}
