package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads through the real servlet container (Tomcat), which MockMvc leaves out: its multipart limits give the same
 * 413 problem+json as the service's own check, and an upload in progress leaves no plaintext in any file: not in
 * {@code java.io.tmpdir} (where Tomcat's temp directory lives), not in the data directory. The scan runs while the
 * server is in the middle of reading the upload, because a temporary upload file is deleted when its request ends;
 * {@link CaseDocumentUploadServerControlIT} shows that the same scan does find the canary when the container is
 * configured to spill uploads to disk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseDocumentUploadServerIT {
    static final String CANARY = "CANARY-upload-3f0a77c2-haven";
    static final int LIMIT = 10 * 1024 * 1024;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Value("${haven.data-dir}")
    Path dataDir;
    @Autowired
    ServletContext servletContext;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    JdbcClient jdbc;

    StaffFixture staff;
    UUID caseId;

    @BeforeEach
    void aCase() {
        staff = StaffFixture.create(identity, "upload");
        caseId = caseOpening.open(staff.member(Role.CASEWORKER), new NewCase(null, null, CaseDetails.empty(), "STAFF")).id();
    }

    URI documents() {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/cases/" + caseId + "/documents");
    }

    /** Where a file could be written: the JVM's temp directory, the container's temp directory, the data directory. */
    List<Path> roots() {
        File containerTemp = (File) servletContext.getAttribute(ServletContext.TEMPDIR);
        assertThat(containerTemp).as("the container's temp directory").isNotNull();
        return List.of(Path.of(System.getProperty("java.io.tmpdir")), containerTemp.toPath(), dataDir);
    }

    /** Text lines, each with the canary, {@code size} bytes in all. */
    static byte[] canaryText(int size) {
        byte[] line = ("Statement line with " + CANARY + " and Алексей\n").getBytes(StandardCharsets.UTF_8);
        byte[] text = new byte[size];
        for (int i = 0; i < size; i++) {
            text[i] = line[i % line.length];
        }
        return text;
    }

    long storedDocuments() {
        return jdbc.sql("select count(*) from case_document where case_id = ?").param(caseId).query(Long.class).single();
    }

    @Test
    void anUploadInProgressLeavesNoPlaintextInTheTempOrDataDirectory() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] needle = CANARY.getBytes(StandardCharsets.UTF_8);
        byte[] content = canaryText(3 * 1024 * 1024);
        UploadInFlight upload = UploadInFlight.start(documents(), staff.bearer(Role.CASEWORKER), "statement-" + CANARY + ".txt", content,
                2 * 1024 * 1024);
        upload.awaitPause();
        // The control test finds the canary within milliseconds when the container spills to disk; watch much longer.
        List<Path> whileUploading = UploadInFlight.watch(needle, roots(), start, Duration.ofSeconds(3));
        HttpResponse<String> response = upload.resume();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(whileUploading).as("files with the canary while the upload was in progress").isEmpty();

        // Afterwards, everything on disk (the database file flushed): ciphertext only.
        if ("H2".equals(jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName())
                .single())) {
            jdbc.sql("checkpoint sync").update();
        }
        assertThat(UploadInFlight.filesContaining(needle, roots(), Instant.EPOCH)).as("files with the canary after the upload").isEmpty();

        // And it comes back whole through the real server.
        String id = JSON.readTree(response.body()).get("id").stringValue();
        HttpResponse<byte[]> download = UploadInFlight.CLIENT.send(HttpRequest.newBuilder(URI.create(documents() + "/" + id))
                .header("Authorization", staff.bearer(Role.CASEWORKER)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/plain");
    }

    HttpResponse<String> post(byte[] content, boolean declareLength) throws Exception {
        String boundary = "haven-test-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.BodyPublisher publisher = declareLength ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)); // chunked, no length
        return UploadInFlight.CLIENT.send(HttpRequest.newBuilder(documents()).timeout(Duration.ofSeconds(60))
                .header("Authorization", staff.bearer(Role.CASEWORKER)).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theContainersLimitGivesA413NamingTheLimitAndStoresNothing() throws Exception {
        byte[] over = new byte[LIMIT + 1];
        Arrays.fill(over, (byte) 'a');
        for (boolean declareLength : new boolean[] { true, false }) {
            HttpResponse<String> response = post(over, declareLength);
            assertThat(response.statusCode()).as("with a declared length: " + declareLength).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(response.body()).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("detail").stringValue()).contains("10 MB (10485760 bytes)");
            assertThat(problem.get("limitBytes").longValue()).isEqualTo(LIMIT);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        }
        assertThat(storedDocuments()).isZero();
        // Far over the limit, with its length declared (as browsers and curl send uploads): refused before it is read,
        // and still a clean 413, not a reset connection.
        HttpResponse<String> huge = post(new byte[3 * LIMIT], true);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(huge.body()).get("detail").stringValue()).contains("10 MB (10485760 bytes)");
        assertThat(storedDocuments()).isZero();

        // Exactly at the limit it fits, multipart framing included.
        HttpResponse<String> atTheLimit = post(Arrays.copyOf(over, LIMIT), true);
        assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(201);
        assertThat(storedDocuments()).isEqualTo(1);
    }
}
