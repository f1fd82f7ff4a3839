package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import nl.haven.backup.Backups;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.persistence.PostgresSchema;
import nl.haven.persistence.TestPostgres;
import nl.haven.protection.Protection;
import nl.haven.protection.Sealing;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.StaffFixture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Issue #23's seized-server test (ADR 0006 step 11), on H2 ({@link SeizedServerPostgresIT}: PostgreSQL). Canaries —
 * Latin, Cyrillic and Arabic, one per way in — go in through the intake (JSON API and form, with a file), the follow-up
 * page (a reply and a file), the staff API (note, message, task, appointment place, document, V-number) and a referral to a
 * second organisation; a staff member stays logged in in a browser session. The installation is sealed ({@code keys
 * seal}'s own call), backed up (database and keys) and copied while it runs: its whole data directory, master key and key
 * files included, and its database. Then:
 * <ul>
 * <li>no canary is in any file of the copy, the backups or the database dump, in UTF-8, UTF-16 or Base64;</li>
 * <li>a fresh process booting Haven's own code on the copy ({@link SeizedServerProbe}) opens nothing and prints no canary,
 * though it asks for the legacy opener;</li>
 * <li>the positive control: the same probe given the two organisations' coordinators' passwords opens every value and prints
 * every canary, so the probe is not blind; and given only the recovery key after every key holder's grant was deleted, it
 * opens nothing until the recovery key grants the coordinator, then everything of that organisation.</li>
 * </ul>
 * After the seal the running server works as before: the token and the browser session read the case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
class SeizedServerIT {
    static final Path DATA = Path.of("target", "test-data", "seized-" + UUID.randomUUID()).toAbsolutePath();
    static final String C_API = "canary-api-Анна-سارة-01";
    static final String C_FORM = "canary-form-Лев-ليلى-02";
    static final String C_FORM_FILE = "canary-file-Вера-نور-03";
    static final String C_REPLY = "canary-reply-Ольга-رنا-04";
    static final String C_REPLY_FILE = "canary-replyfile-Юрий-هدى-05";
    static final String C_NOTE = "canary-note-Дарья-سلمى-06";
    static final String C_MESSAGE = "canary-message-Иван-يوسف-07";
    static final String C_TASK = "canary-task-Мария-مريم-08";
    static final String C_PLACE = "canary-place-Пётр-عمر-09";
    static final String C_DOCUMENT = "canary-document-Нина-دينا-10";
    static final String V_NUMBER = "V 913-572-468";
    static final String DB_PASSWORD = "seized-" + UUID.randomUUID();
    static final List<String> CANARIES = List.of(C_API, C_FORM, C_FORM_FILE, C_REPLY, C_REPLY_FILE, C_NOTE, C_MESSAGE, C_TASK, C_PLACE, C_DOCUMENT);

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("haven.data-dir", DATA::toString);
        // Given, not made: the test framework adds these after Haven chose where the embedded database's password file goes.
        // A real copy holds that file (keys/db-password); the probe is simply given the password.
        registry.add("spring.datasource.password", () -> DB_PASSWORD);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    Protection protection;
    @Autowired
    Backups backups;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    /** The PostgreSQL schema this class runs in, or null for the embedded H2. */
    @Nullable PostgresSchema postgres() {
        return null;
    }

    @Test
    void aCopyOfTheSealedServerWithEveryKeyFileOpensNoRequestButTheKeyHoldersSecretsAndTheRecoveryKeyDo() throws Exception {
        StaffFixture a = StaffFixture.create(identity, "seized-a");
        StaffFixture b = StaffFixture.create(identity, "seized-b");
        String recoveryA = identity.newRecoveryKey(a.slug());
        identity.newRecoveryKey(b.slug());

        // The intake: the JSON API (referred to B below) and the form with a file.
        MvcResult viaApi = mvc.perform(post("/api/v1/intake/" + a.slug()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).accept(MediaType.APPLICATION_JSON)
                .content("{\"language\": \"ru\", \"nationality\": \"RU\", \"countryOfResidence\": \"RU\", \"groups\": [\"gay\"], \"message\": \"" + C_API + "\"}")
                .with(from("203.0.113.81"))).andReturn();
        assertThat(viaApi.getResponse().getStatus()).as(viaApi.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        UUID referred = jdbc.sql("select id from case_file where org_id = ?").param(a.org().value()).query(UUID.class).single();
        String page = mvc.perform(multipart("/intake/" + a.slug() + "?lang=en").file(new MockMultipartFile("files", C_FORM_FILE + ".png", "image/png",
                png())).param("submission", UUID.randomUUID().toString()).param("nameUsed", "Robin").param("groups", "trans").param("nationality", "US")
                .param("countryOfResidence", "US").param("message", C_FORM).param("contactChannel", "none").param("contactValue", "")
                .param("consentProcessing", "true").with(csrf()).with(from("203.0.113.82"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Matcher codename = Pattern.compile("id=\"codename\"[^>]*>([a-z0-9 -]+)<").matcher(page);
        assertThat(codename.find()).as("a codename on the receipt page").isTrue();
        UUID kept = jdbc.sql("select id from case_file where org_id = ? and id <> ?").params(a.org().value(), referred).query(UUID.class).single();

        // The follow-up page: a reply and a file.
        followUp(post("/follow-up?lang=en").param("codename", codename.group(1)).param("action", "reply").param("message", C_REPLY));
        followUp(multipart("/follow-up?lang=en").file(new MockMultipartFile("files", C_REPLY_FILE + ".png", "image/png", png()))
                .param("codename", codename.group(1)).param("action", "files"));

        // Staff through the API: note, message, task, appointment, identifier, document; and the referral to B.
        String caseApi = "/api/v1/cases/" + kept;
        api(a, caseApi + "/notes", "{\"body\": \"" + C_NOTE + "\"}");
        api(a, caseApi + "/messages", "{\"body\": \"" + C_MESSAGE + "\"}");
        api(a, caseApi + "/tasks", "{\"title\": \"" + C_TASK + "\", \"dueOn\": \"2027-01-20\"}");
        api(a, caseApi + "/appointments", "{\"kind\": \"DETAILED_INTERVIEW\", \"startsAt\": \"2027-01-14T09:30\", \"place\": \"" + C_PLACE + "\"}");
        api(a, caseApi + "/identifiers", "{\"kind\": \"v-number\", \"value\": \"" + V_NUMBER + "\"}");
        MvcResult document = mvc.perform(multipart(caseApi + "/documents").file(new MockMultipartFile("file", C_DOCUMENT + ".png", "image/png", png()))
                .header("Authorization", a.bearer(Role.COORDINATOR))).andReturn();
        assertThat(document.getResponse().getStatus()).as(document.getResponse().getContentAsString(StandardCharsets.UTF_8)).isBetween(200, 201);
        api(a, "/api/v1/cases/" + referred + "/referrals", "{\"toOrg\": \"" + b.slug() + "\", \"consent\": true}");

        // A coordinator of A in a browser session, past the second factor, reading the case: stays logged in through the copy.
        LogInHttp browser = LogInHttp.newCoordinator(identity, a.slug(), port);
        assertThat(browser.get("/cases/" + kept).body()).contains(C_FORM);
        assertThat(browser.get("/staff").body()).as("the staff home says the server is not sealed").contains("id=\"not-sealed\"");

        // The seal: what `haven keys seal` calls.
        Sealing sealing = identity.seal();
        assertThat(sealing.alreadySealed()).isFalse();
        assertThat(sealing.organisations()).isGreaterThanOrEqualTo(2);
        assertThat(protection.sealed()).isTrue();
        assertThat(jdbc.sql("select count(*) from org_key where keyset is not null or private_keyset is not null").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from blind_index_key").query(Long.class).single()).isZero();

        // The running server works as before: the token, the V-number search (blind index from the grant), the browser session.
        assertThat(apiGet(a, caseApi)).contains(C_FORM);
        assertThat(apiGet(a, "/api/v1/cases?q=v913572468")).contains(kept.toString());
        assertThat(apiGet(b, "/api/v1/cases/" + referred)).contains(C_API);
        assertThat(browser.get("/cases/" + kept).body()).contains(C_FORM);
        assertThat(browser.get("/staff").body()).doesNotContain("id=\"not-sealed\"");

        // Backups of the sealed installation, and the copy: data directory (key files, master key) and database.
        // Per run: the PostgreSQL subclass shares this class's data directory, not what each run takes from it.
        String run = "-" + UUID.randomUUID().toString().substring(0, 8);
        Path evidence = Files.createDirectories(DATA.resolveSibling(DATA.getFileName() + run + "-evidence"));
        Path databaseBackup = evidence.resolve("database.zip");
        Path keysBackup = evidence.resolve("keys.zip");
        backups.create(databaseBackup, Backups.Kind.DATABASE);
        backups.create(keysBackup, Backups.Kind.KEYS);
        Path copy = DATA.resolveSibling(DATA.getFileName() + run + "-copy");
        copyDirectory(DATA, copy);
        List<Path> scanned = new ArrayList<>(List.of(databaseBackup, keysBackup));
        PostgresSchema schema = postgres();
        if (schema == null) {
            Path h2 = evidence.resolve("h2-backup.zip");
            jdbc.sql("backup to '" + h2 + "'").update();
            try (Stream<Path> old = Files.list(copy.resolve("db"))) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            unzip(h2, copy.resolve("db"));
            scanned.add(h2);
        } else {
            Path dump = evidence.resolve("dump.sql");
            Process pgDump = new ProcessBuilder("pg_dump", "--dbname=" + TestPostgres.URL.substring("jdbc:".length()), "--schema=" + schema.name(),
                    "--file=" + dump).redirectErrorStream(true).start();
            String said = new String(pgDump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(pgDump.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(pgDump.exitValue()).as(said).isZero();
            assertThat(Files.size(dump)).isGreaterThan(10_000);
            scanned.add(dump);
        }
        try (Stream<Path> files = Files.walk(copy)) {
            files.filter(Files::isRegularFile).forEach(scanned::add);
        }
        assertThat(scanned.size()).isGreaterThan(5);
        boolean plainSeen = false;
        for (Path file : scanned) {
            byte[] content = Files.readAllBytes(file);
            assertNoCanary(file.toString(), content);
            plainSeen |= new String(content, StandardCharsets.ISO_8859_1).contains(a.slug());
        }
        // The scan's control: what is stored in plain text (an organisation's slug) is found in the same files.
        assertThat(plainSeen).as("the scan finds a plain value").isTrue();

        // A fresh process on the copy opens nothing, though it asks for the legacy opener.
        String nothing = probe(copy, "", "nothing");
        assertThat(nothing).contains("SEALED true").contains(" OPENED 0").doesNotContain("OPENED legacy");
        assertThat(attempts(nothing)).as(nothing).isGreaterThan(10);
        assertNoCanary("the probe's output", nothing.getBytes(StandardCharsets.UTF_8));

        // The positive control: the coordinators' passwords open every canary with the same probe.
        String withPasswords = probe(copy, "", "passwords", a.ids().get(Role.COORDINATOR).value() + ":" + a.org().value() + ":" + StaffFixture.PASSWORD,
                b.ids().get(Role.COORDINATOR).value() + ":" + b.org().value() + ":" + StaffFixture.PASSWORD);
        assertThat(withPasswords).contains("KEYS-OPENED " + a.org().value()).contains("KEYS-OPENED " + b.org().value())
                .contains("OPENED blind index v-number");
        for (String canary : CANARIES) {
            assertThat(withPasswords).as(canary).contains(canary);
        }

        // Every key holder of A lost: nothing opens; the recovery key gives the coordinator the keys again.
        UserId coordinator = a.ids().get(Role.COORDINATOR);
        String recovered = probe(copy, recoveryA, "recover", a.slug(), a.emails().get(Role.COORDINATOR), coordinator.value().toString(),
                a.org().value().toString(), StaffFixture.PASSWORD);
        int recovery = recovered.indexOf("RECOVERED");
        assertThat(recovery).as(recovered).isPositive();
        assertThat(recovered.substring(0, recovery)).contains("NO-GRANT " + a.org().value()).doesNotContain(C_FORM).doesNotContain(" OPENED ");
        assertThat(recovered.substring(recovery)).contains("KEYS-OPENED " + a.org().value()).contains(C_FORM).contains(C_NOTE).contains(C_REPLY)
                .contains(C_DOCUMENT).doesNotContain(C_API); // A's own cases: the referred one is B's now

        // The backups of the sealed installation restore onto an empty data directory (with the key files), sealed, and
        // there too only a key holder's password opens the cases.
        if (schema == null) {
            Path restored = DATA.resolveSibling(DATA.getFileName() + run + "-restored");
            Files.createDirectories(restored.resolve("keys"));
            Files.setPosixFilePermissions(restored, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(restored.resolve("keys"), PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> keyFiles = Files.list(DATA.resolve("keys"))) {
                for (Path file : keyFiles.toList()) {
                    Files.copy(file, restored.resolve("keys").resolve(file.getFileName()));
                }
            }
            assertThat(run(restored, false, "", "restore", databaseBackup.toString(), keysBackup.toString())).contains("RESTORED");
            String fromBackup = run(restored, false, "", "passwords",
                    b.ids().get(Role.COORDINATOR).value() + ":" + b.org().value() + ":" + StaffFixture.PASSWORD);
            assertThat(fromBackup).contains("SEALED true").contains("KEYS-OPENED " + b.org().value()).contains(C_API).doesNotContain(C_FORM);
            String nothingFromBackup = run(restored, false, "", "nothing");
            assertThat(nothingFromBackup).contains("SEALED true").contains(" OPENED 0");
            assertNoCanary("the probe's output on the restored backups", nothingFromBackup.getBytes(StandardCharsets.UTF_8));
        }

        anOrganisationMadeAfterTheSealGetsKeysTheMasterKeyNeverHeld();
    }

    /**
     * On the sealed installation, an organisation made since has no keys until its first key holder (its recovery key)
     * gets keys made then: an intake before that is refused (503, nothing stored), after it accepted; the master key never
     * held a copy of those keys.
     */
    private void anOrganisationMadeAfterTheSealGetsKeysTheMasterKeyNeverHeld() throws Exception {
        String slug = "seized-late-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId late = identity.createOrganisation("Made after the seal " + slug, slug);
        String intake = "{\"language\": \"en\", \"nationality\": \"US\", \"countryOfResidence\": \"US\", \"groups\": [\"trans\"], \"message\": \"hello\"}";
        MvcResult early = mvc.perform(post("/api/v1/intake/" + slug).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .accept(MediaType.APPLICATION_JSON).content(intake).with(from("203.0.113.84"))).andReturn();
        assertThat(early.getResponse().getStatus()).isEqualTo(503);
        assertThat(early.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(early.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("set-up is not finished");
        assertThat(jdbc.sql("select count(*) from case_file where org_id = ?").param(late.value()).query(Long.class).single()).isZero();

        assertThat(identity.newRecoveryKey(slug)).isNotBlank();
        MvcResult accepted = mvc.perform(post("/api/v1/intake/" + slug).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .accept(MediaType.APPLICATION_JSON).content(intake).with(from("203.0.113.85"))).andReturn();
        assertThat(accepted.getResponse().getStatus()).as(accepted.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from org_key where org_id = ? and keyset is null and private_keyset is null and public_keyset is not null")
                .param(late.value()).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from blind_index_key").query(Long.class).single()).isZero();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private void followUp(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        MvcResult result = mvc.perform(request.with(csrf()).with(from("198.51.100.83"))).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
    }

    private void api(StaffFixture org, String path, String json) throws Exception {
        MvcResult result = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json).accept(MediaType.APPLICATION_JSON)
                .header("Authorization", org.bearer(Role.COORDINATOR))).andReturn();
        assertThat(result.getResponse().getStatus()).as(path + ": " + result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isBetween(200, 204);
    }

    private String apiGet(StaffFixture org, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).accept(MediaType.APPLICATION_JSON).header("Authorization", org.bearer(Role.COORDINATOR))).andReturn();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(path + ": " + body).isEqualTo(200);
        return body;
    }

    private static byte[] png() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Runs {@link SeizedServerProbe} in a JVM of its own on the copy; {@code input} on its standard input. */
    private String probe(Path copy, String input, String... args) throws Exception {
        return run(copy, true, input, args);
    }

    /** {@code givenPassword}: the embedded database's password is given (the copy), else read from the copy's keys/ (a restore). */
    private String run(Path copy, boolean givenPassword, String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), SeizedServerProbe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HAVEN_DATA_DIR", copy.toString());
        builder.environment().remove("HAVEN_DB_URL");
        List<String> spring = new ArrayList<>(List.of("--haven.data-dir=" + copy));
        if (givenPassword) {
            spring.add("--spring.datasource.password=" + DB_PASSWORD);
        }
        PostgresSchema schema = postgres();
        if (schema != null) {
            schema.properties().forEach((name, value) -> spring.add("--" + name + "=" + value));
        }
        builder.environment().put("PROBE_SPRING_ARGS", String.join(" ", spring));
        builder.environment().put("PROBE_GUESS", "v-number:" + V_NUMBER.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s-]", ""));
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("\tat ");
        return output;
    }

    private static long attempts(String output) {
        Matcher m = Pattern.compile("ATTEMPTS (\\d+) OPENED (\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** No canary in the bytes: as UTF-8, UTF-16 (either order) or Base64 of its UTF-8 (at each of the three alignments). */
    static void assertNoCanary(String where, byte[] content) {
        String latin = new String(content, StandardCharsets.ISO_8859_1);
        for (String canary : CANARIES) {
            for (String form : forms(canary)) {
                assertThat(latin.contains(form)).as(canary + " in " + where).isFalse();
            }
        }
        String digits = V_NUMBER.replaceAll("[^0-9]", "");
        assertThat(latin.contains(digits)).as("the V-number in " + where).isFalse();
    }

    /** The canary's forms as ISO-8859-1 strings of their bytes. */
    static List<String> forms(String canary) {
        List<String> forms = new ArrayList<>();
        byte[] utf8 = canary.getBytes(StandardCharsets.UTF_8);
        forms.add(new String(utf8, StandardCharsets.ISO_8859_1));
        forms.add(new String(canary.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        forms.add(new String(canary.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[utf8.length + shift];
            System.arraycopy(utf8, 0, shifted, shift, utf8.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // the characters that depend on the canary alone: skip the first block touched by the shift and the last one
            forms.add(encoded.substring(shift == 0 ? 0 : 4, encoded.length() - 4));
        }
        return forms;
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else if (!path.getFileName().toString().endsWith(".lock.db")) {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Files.write(into.resolve(Path.of(entry.getName()).getFileName().toString()), in.readAllBytes());
            }
        }
    }
}
