package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.GpsDirectory;
import javax.imageio.ImageIO;
import nl.haven.testing.Bytes;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.Languages;
import nl.haven.shared.OrgId;
import nl.haven.web.browser.BrowserSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intake over real HTTP, as a browser sends it: no session and no cookie but the CSRF one (S6), the S5 marker test
 * (a marker address and User-Agent are found nowhere), the S3 canary test over text and uploads, the S10 metadata test
 * (a JPEG with EXIF GPS and a PDF with an author, checked with independent parsers), and a 50 MB upload refused in the
 * requester's language with nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class IntakeHttpIT {
    static final String MARKER_IP = "203.0.113.177";
    static final String MARKER_AGENT = "HavenMarkerAgent/7.3-c0ffee";
    static final String CANARY = "CANARY-5e1d-intake";
    /** The contact value must have its channel's form (#20 point 8): a Signal username that is a canary of its own. */
    static final String CONTACT_CANARY = "CANARY_5e1d_contact.07";

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Protection protection;
    @Autowired
    Environment environment;
    @Value("${haven.data-dir}")
    Path dataDir;

    String org;

    @BeforeEach
    void organisation() {
        org = IntakeFixture.organisation(identity, "http");
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    List<IntakeHttp.Part> request(String csrf, String message, IntakeHttp.Part... files) {
        List<IntakeHttp.Part> parts = new ArrayList<>(List.of(IntakeHttp.field("_csrf", csrf),
                IntakeHttp.field("submission", UUID.randomUUID().toString()), IntakeHttp.field("nameUsed", "Alexei " + CANARY),
                IntakeHttp.field("groups", "gay"), IntakeHttp.field("nationality", "RU"), IntakeHttp.field("message", message),
                IntakeHttp.field("contactChannel", "signal"), IntakeHttp.field("contactValue", CONTACT_CANARY),
                IntakeHttp.field("consentProcessing", "true")));
        parts.addAll(List.of(files));
        return parts;
    }

    @Test
    void aFloodOfVisitsCreatesNoSessionAndOnlyTheCsrfCookie() {
        long sessions = count("spring_session");
        for (int i = 0; i < 300; i++) {
            IntakeHttp visitor = new IntakeHttp(port); // a new visitor each time, as a flood would be
            // in every language of the registry (#20: the no-session property holds in each)
            String lang = Languages.codes().get((i / 2) % Languages.codes().size());
            HttpResponse<String> page = visitor.get((i % 2 == 0 ? "/intake/" + org : "/follow-up") + "?lang=" + lang);
            assertThat(page.statusCode()).isEqualTo(200);
            List<String> cookies = page.headers().allValues("Set-Cookie");
            assertThat(cookies).hasSize(1);
            assertThat(cookies.get(0)).startsWith("XSRF-TOKEN=").contains("HttpOnly").contains("SameSite=Strict");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(count("spring_session")).isEqualTo(sessions).isZero();
    }

    @Test
    void theWholeRequestWorksOverHttpAndTheSubmitPageCarriesNoSessionEither() {
        IntakeHttp visitor = new IntakeHttp(port);
        String csrf = visitor.csrf(visitor.get("/intake/" + org + "?lang=ru"));
        HttpResponse<String> answer = visitor.postMultipart("/intake/" + org + "?lang=ru", request(csrf, "Помогите, пожалуйста."));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Ваше кодовое имя");
        assertThat(IntakeFixture.codename(answer.body())).as("Russian has no word list: digit groups").matches("[0-9]{5}( [0-9]{5}){4}");
        assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION") || c.startsWith("JSESSIONID"));
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(count("spring_session")).isZero();
    }

    @Test
    void aFiftyMegabyteFileIsRefusedInTheRequestersLanguageAndNothingIsStored() {
        long cases = count("case_file");
        long documents = count("case_document");
        for (String[] lang : List.of(new String[] { "en", "too large" }, new String[] { "nl", "te groot" }, new String[] { "ru", "слишком большой" })) {
            IntakeHttp visitor = new IntakeHttp(port).header("Accept-Language", lang[0]).header("Accept", "text/html");
            String csrf = visitor.csrf(visitor.get("/intake/" + org + "?lang=" + lang[0]));
            byte[] big = new byte[50 * 1024 * 1024];
            System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
            HttpResponse<String> refused = visitor.postMultipart("/intake/" + org + "?lang=" + lang[0],
                    request(csrf, "Here is a large scan.", IntakeHttp.file("files", "scan.pdf", "application/pdf", big)));
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.body()).contains(lang[1]);
        }
        assertThat(count("case_file")).isEqualTo(cases);
        assertThat(count("case_document")).isEqualTo(documents);
    }

    /**
     * SECURITY.md S5: a marker address (X-Forwarded-For) and a marker User-Agent on every kind of request (a good one, a
     * bad one, an unknown organisation, the API, a wrong and a right codename) appear in no log line, no table and no
     * file of the data directory.
     */
    @Test
    void theMarkerAddressAndUserAgentAreFoundNowhere(CapturedOutput output) throws IOException {
        assertThat(environment.getProperty("server.tomcat.accesslog.enabled")).isEqualTo("false");
        IntakeHttp visitor = new IntakeHttp(port).header("X-Forwarded-For", MARKER_IP).header("User-Agent", MARKER_AGENT)
                .header("X-Real-IP", MARKER_IP).header("Forwarded", "for=" + MARKER_IP);
        String csrf = visitor.csrf(visitor.get("/intake/" + org));
        HttpResponse<String> answer = visitor.postMultipart("/intake/" + org, request(csrf, "Marker test request",
                IntakeHttp.file("files", "photo.jpg", "image/jpeg", IntakeFixture.jpegWithGps())));
        assertThat(answer.statusCode()).isEqualTo(200);
        String codename = IntakeFixture.codename(answer.body());
        assertThat(visitor.postMultipart("/intake/" + org, request(csrf, " ")).statusCode()).isEqualTo(400);
        assertThat(visitor.postMultipart("/intake/" + org, request(csrf, "x", IntakeHttp.file("files", "a.pdf", "application/pdf",
                IntakeFixture.windowsExecutable()))).statusCode()).isEqualTo(400);
        assertThat(visitor.get("/intake/no-such-org").statusCode()).isEqualTo(404);
        assertThat(visitor.postJson("/api/v1/intake/" + org, UUID.randomUUID().toString(), "{\"message\": \"api marker test\"}").statusCode()).isEqualTo(201);
        assertThat(visitor.postJson("/api/v1/intake/" + org, UUID.randomUUID().toString(), "{malformed").statusCode()).isEqualTo(400);
        String followUpCsrf = visitor.csrf(visitor.get("/follow-up"));
        assertThat(visitor.postForm("/follow-up", Map.of("_csrf", followUpCsrf, "codename", "wrong words", "action", "view")).statusCode())
                .isEqualTo(200);
        assertThat(visitor.postForm("/follow-up", Map.of("_csrf", followUpCsrf, "codename", codename, "action", "reply", "message", "marker reply"))
                .body()).contains("marker reply");
        assertThat(visitor.postForm("/follow-up", Map.of("codename", codename)).statusCode()).isEqualTo(403); // no CSRF token

        for (String marker : List.of(MARKER_IP, MARKER_AGENT, "HavenMarkerAgent")) {
            assertThat(output.getAll()).as("logs").doesNotContain(marker);
            assertNowhereInTheDatabase(marker);
            assertNowhereInTheDataDirectory(marker);
        }
        assertThat(output.getAll()).as("logs").doesNotContain(codename);
    }

    /** SECURITY.md S3 over the intake: canary text in fields, a reply and an uploaded PDF (kept with its original). */
    @Test
    void canariesFromTheIntakeAppearNowhereInTheDatabaseTheDataDirectoryOrTheLogs(CapturedOutput output) throws IOException {
        IntakeHttp visitor = new IntakeHttp(port);
        String csrf = visitor.csrf(visitor.get("/intake/" + org));
        List<IntakeHttp.Part> parts = request(csrf, "My story " + CANARY + " in Chechnya",
                IntakeHttp.file("files", "letter.pdf", "application/pdf", IntakeFixture.pdfWithAuthor("Letter " + CANARY + " page")),
                IntakeHttp.file("files", "photo.png", "image/png", IntakeFixture.png(40, 20)));
        parts.add(IntakeHttp.field("consentOriginals", "true"));
        HttpResponse<String> answer = visitor.postMultipart("/intake/" + org, parts);
        assertThat(answer.statusCode()).isEqualTo(200);
        String codename = IntakeFixture.codename(answer.body());
        String followUpCsrf = visitor.csrf(visitor.get("/follow-up"));
        visitor.postForm("/follow-up", Map.of("_csrf", followUpCsrf, "codename", codename, "action", "reply", "message", "Reply " + CANARY));
        assertThat(visitor.postJson("/api/v1/intake/" + org, UUID.randomUUID().toString(), "{\"message\": \"api " + CANARY + "\", \"nameUsed\": \""
                + CANARY + "\"}").statusCode()).isEqualTo(201);
        UUID caseId = caseOf(answer.body());
        assertThat(jdbc.sql("select count(*) from case_document where case_id = ?").param(caseId).query(Long.class).single())
                .as("derivative and original of two files").isEqualTo(4);
        assertNowhereInTheDatabase(CANARY);
        assertNowhereInTheDataDirectory(CANARY);
        assertNowhereInTheDatabase(CONTACT_CANARY);
        assertNowhereInTheDataDirectory(CONTACT_CANARY);
        assertNowhereInTheDataDirectory(codename);
        assertNowhereInTheDatabase(codename);
        assertThat(output.getAll()).doesNotContain(CANARY).doesNotContain(codename);
        // And yet the organisation can read it: the stored original decrypts to the letter (the derivative, stored first,
        // is pictures of its pages since issue #15, point 8: one page, no text layer).
        List<byte[]> letters = stored(caseId, "application/pdf");
        try (PDDocument original = Loader.loadPDF(letters.get(1)); PDDocument derivative = Loader.loadPDF(letters.get(0))) {
            assertThat(new PDFTextStripper().getText(original)).contains(CANARY);
            assertThat(derivative.getNumberOfPages()).isEqualTo(original.getNumberOfPages());
        }
    }

    /** SECURITY.md S10: the stored copies carry no GPS position, camera, author or XMP; the original only with consent. */
    @Test
    void storedDerivativesHaveNoLocationNoCameraAndNoAuthor() throws Exception {
        IntakeHttp visitor = new IntakeHttp(port);
        String csrf = visitor.csrf(visitor.get("/intake/" + org));
        byte[] jpeg = IntakeFixture.jpegWithGps();
        byte[] pdf = IntakeFixture.pdfWithAuthor("A letter");
        // The fixtures do carry what must go (read with the same independent parsers).
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg)).getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation()
                .getLatitude()).isCloseTo(IntakeFixture.LATITUDE, within(0.001));
        try (PDDocument original = Loader.loadPDF(pdf)) {
            assertThat(original.getDocumentInformation().getAuthor()).isEqualTo(IntakeFixture.PDF_AUTHOR);
        }
        HttpResponse<String> answer = visitor.postMultipart("/intake/" + org, request(csrf, "Two documents",
                IntakeHttp.file("files", "street.jpg", "image/jpeg", jpeg), IntakeHttp.file("files", "letter.pdf", "application/pdf", pdf)));
        assertThat(answer.statusCode()).isEqualTo(200);
        UUID caseId = caseOf(answer.body());
        List<byte[]> jpegs = stored(caseId, "image/jpeg");
        List<byte[]> pdfs = stored(caseId, "application/pdf");
        assertThat(jpegs).hasSize(1);
        assertThat(pdfs).hasSize(1);

        Metadata photo = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpegs.get(0)));
        assertThat(photo.getFirstDirectoryOfType(GpsDirectory.class)).as("GPS directory").isNull();
        List<String> tags = new ArrayList<>();
        for (Directory directory : photo.getDirectories()) {
            for (Tag tag : directory.getTags()) {
                tags.add(directory.getName() + ": " + tag.getTagName() + " = " + tag.getDescription());
            }
        }
        assertThat(tags).noneMatch(t -> t.startsWith("Exif") || t.startsWith("GPS") || t.startsWith("XMP") || t.contains("MarkerCam"));
        assertThat(new String(jpegs.get(0), StandardCharsets.ISO_8859_1)).doesNotContain("MarkerCam").doesNotContain("Exif");
        var image = ImageIO.read(new ByteArrayInputStream(jpegs.get(0)));
        assertThat(image.getWidth()).as("turned upright by its EXIF orientation (6)").isEqualTo(32);
        assertThat(image.getHeight()).isEqualTo(64);

        try (PDDocument letter = Loader.loadPDF(pdfs.get(0))) {
            assertThat(letter.getDocumentInformation().getAuthor()).isNull();
            assertThat(letter.getDocumentInformation().getCreator()).isNull();
            assertThat(letter.getDocumentCatalog().getMetadata()).isNull();
            // Pictures of the pages (issue #15, point 8): the text is in the pixels, not in a text layer.
            assertThat(letter.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(letter)).doesNotContain("A letter");
        }
        assertThat(new String(pdfs.get(0), StandardCharsets.ISO_8859_1)).doesNotContain(IntakeFixture.PDF_AUTHOR);
        exiftoolFindsNoLocationOrAuthor(jpegs.get(0), pdfs.get(0));

        // With consent the original is kept too, exactly as sent.
        List<IntakeHttp.Part> parts = request(csrf, "Keep my original", IntakeHttp.file("files", "street.jpg", "image/jpeg", jpeg));
        parts.add(IntakeHttp.field("consentOriginals", "true"));
        UUID withOriginal = caseOf(visitor.postMultipart("/intake/" + org, parts).body());
        assertThat(stored(withOriginal, "image/jpeg")).hasSize(2).anySatisfy(copy -> assertThat(copy).isEqualTo(jpeg));
    }

    /** A second, independent oracle when Debian's exiftool is installed (SECURITY.md lists it); skipped otherwise. */
    void exiftoolFindsNoLocationOrAuthor(byte[] jpeg, byte[] pdf) throws IOException, InterruptedException {
        Path exiftool = Path.of("/usr/bin/exiftool");
        if (!Files.isExecutable(exiftool)) {
            System.err.println("exiftool not installed: the metadata test used metadata-extractor and PDFBox only");
            return;
        }
        Path dir = Files.createTempDirectory("exif");
        Path j = Files.write(dir.resolve("a.jpg"), jpeg);
        Path p = Files.write(dir.resolve("a.pdf"), pdf);
        Process process = new ProcessBuilder(exiftool.toString(), "-a", "-G1", j.toString(), p.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        assertThat(out).doesNotContainIgnoringCase("GPS").doesNotContain("MarkerCam").doesNotContain(IntakeFixture.PDF_AUTHOR);
        Files.delete(j);
        Files.delete(p);
        Files.delete(dir);
    }

    UUID caseOf(String answerPage) {
        return jdbc.sql("select id from case_file where reference = ?").param(IntakeFixture.reference(answerPage)).query(UUID.class).single();
    }

    /** The case's stored documents of a type, decrypted with the case's key (as the organisation would read them). */
    List<byte[]> stored(UUID caseId, String mediaType) throws IOException {
        UUID orgId = jdbc.sql("select org_id from case_file where id = ?").param(caseId).query(UUID.class).single();
        List<byte[]> contents = jdbc.sql("select content from case_document where case_id = ? and media_type = ? order by created_at")
                .params(caseId, mediaType).query((rs, n) -> rs.getBytes(1)).list();
        List<byte[]> plain = new ArrayList<>();
        for (byte[] content : contents) {
            try (InputStream in = protection.decryptingStream(new FieldRef(new OrgId(orgId), new CaseId(caseId), "case_document", "content"),
                    new ByteArrayInputStream(content))) {
                plain.add(in.readAllBytes());
            }
        }
        return plain;
    }

    void assertNowhereInTheDatabase(String marker) {
        boolean h2 = jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName()).single()
                .equals("H2");
        if (h2) {
            jdbc.sql("checkpoint sync").update();
        }
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema()")
                .query(String.class).list();
        assertThat(tables).contains("case_file", "intake_codename", "audit_event");
        for (String table : tables) {
            jdbc.sql("select * from " + table).query((rs, n) -> {
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
                    assertThat(text).as("%s column %d", table, c).doesNotContain(marker);
                }
                return n;
            }).list();
        }
    }

    void assertNowhereInTheDataDirectory(String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        byte[] needle16 = marker.getBytes(StandardCharsets.UTF_16LE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".mv.db"));
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            assertThat(Bytes.indexOf(content, needle)).as("%s in %s", marker, file).isEqualTo(-1);
            assertThat(Bytes.indexOf(content, needle16)).as("%s (UTF-16) in %s", marker, file).isEqualTo(-1);
        }
    }

}
