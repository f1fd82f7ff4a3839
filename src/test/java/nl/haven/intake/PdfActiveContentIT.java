package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.haven.cases.PdfDerivative;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import nl.haven.testing.StaffFixture;
import nl.haven.web.browser.BrowserSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #15, point 8: the PDF a caseworker opens carries no active content. A PDF with every kind of it (an
 * {@code /OpenAction} script, a {@code /JavaScript} name tree, a {@code /Launch} action, an embedded file, an XFA form
 * and a URI link) goes in through the real public intake and through a staff upload; the stored derivative, decrypted
 * as the organisation reads it, has none of these anywhere in its object tree, and keeps the page count and the page
 * sizes. Through the real server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PdfActiveContentIT {
    static final String MARKER = "ActiveContentMarker-7d3f";
    /** Keys of active content or of anything that can carry it; none may appear in a derivative. */
    static final List<COSName> ACTIVE = List.of(COSName.OPEN_ACTION, COSName.JAVA_SCRIPT, COSName.JS, COSName.getPDFName("Launch"),
            COSName.EMBEDDED_FILES, COSName.EMBEDDED_FILE, COSName.EF, COSName.XFA, COSName.ACRO_FORM, COSName.URI, COSName.AA,
            COSName.ANNOTS, COSName.NAMES, COSName.A);

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

    byte[] hostile;

    @BeforeEach
    void aPdfWithEveryKindOfActiveContent() throws IOException {
        hostile = hostilePdf();
        // The fixture does carry all of it (so that the checks below can fail).
        try (PDDocument original = Loader.loadPDF(hostile)) {
            assertThat(keysIn(original)).contains("OpenAction", "JavaScript", "JS", "Launch", "EmbeddedFiles", "EF", "XFA", "AcroForm", "URI",
                    "Annots");
        }
    }

    /** Two pages, A4 portrait and letter landscape, with text and every kind of active content. */
    static byte[] hostilePdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage first = new PDPage(PDRectangle.A4);
            PDPage second = new PDPage(new PDRectangle(PDRectangle.LETTER.getHeight(), PDRectangle.LETTER.getWidth()));
            document.addPage(first);
            document.addPage(second);
            for (PDPage page : List.of(first, second)) {
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                    content.newLineAtOffset(72, 400);
                    content.showText("A letter " + MARKER);
                    content.endText();
                }
            }
            var catalog = document.getDocumentCatalog();
            catalog.setOpenAction(new PDActionJavaScript("app.alert('" + MARKER + " open');"));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(catalog);
            PDJavascriptNameTreeNode scripts = new PDJavascriptNameTreeNode();
            scripts.setNames(Map.of("init", new PDActionJavaScript("app.launchURL('https://attacker.example/" + MARKER + "');")));
            names.setJavascript(scripts);
            PDEmbeddedFile payload = new PDEmbeddedFile(document, new ByteArrayInputStream(("payload " + MARKER).getBytes(StandardCharsets.US_ASCII)));
            payload.setSubtype("application/octet-stream");
            PDComplexFileSpecification attachment = new PDComplexFileSpecification();
            attachment.setFile("payload.exe");
            attachment.setEmbeddedFile(payload);
            PDEmbeddedFilesNameTreeNode files = new PDEmbeddedFilesNameTreeNode();
            files.setNames(Map.of("payload.exe", attachment));
            names.setEmbeddedFiles(files);
            catalog.setNames(names);
            PDAcroForm form = new PDAcroForm(document);
            form.getCOSObject().setItem(COSName.XFA, new COSStream());
            try (var out = ((COSStream) form.getCOSObject().getDictionaryObject(COSName.XFA)).createOutputStream()) {
                out.write(("<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"><script>" + MARKER + "</script></xdp:xdp>")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            catalog.setAcroForm(form);
            PDActionLaunch launch = new PDActionLaunch();
            launch.setFile(new PDSimpleFileSpecification(new COSString("calc.exe")));
            PDAnnotationLink launchLink = new PDAnnotationLink();
            launchLink.setRectangle(new PDRectangle(72, 72, 200, 40));
            launchLink.setAction(launch);
            PDActionURI uri = new PDActionURI();
            uri.setURI("https://attacker.example/track/" + MARKER);
            PDAnnotationLink uriLink = new PDAnnotationLink();
            uriLink.setRectangle(new PDRectangle(72, 150, 200, 40));
            uriLink.setAction(uri);
            first.getAnnotations().add(launchLink);
            second.getAnnotations().add(uriLink);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    /** Every dictionary key and name in the whole object tree, from the trailer down (each object once). */
    static Set<String> keysIn(PDDocument document) {
        Set<String> keys = new TreeSet<>();
        walk(document.getDocument().getTrailer(), keys, Collections.newSetFromMap(new IdentityHashMap<>()));
        return keys;
    }

    static void walk(COSBase node, Set<String> keys, Set<COSBase> seen) {
        COSBase base = node instanceof COSObject object ? object.getObject() : node;
        if (base == null || !seen.add(base)) {
            return;
        }
        if (base instanceof COSDictionary dictionary) {
            for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                keys.add(entry.getKey().getName());
                walk(entry.getValue(), keys, seen);
            }
        } else if (base instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), keys, seen);
            }
        } else if (base instanceof COSName name) {
            keys.add(name.getName());
        }
    }

    /** What a caseworker gets: no active content anywhere, same pages, same sizes, a picture of what was written. */
    void assertSafeDerivative(byte[] derivative) throws IOException {
        assertThat(new String(derivative, StandardCharsets.ISO_8859_1)).doesNotContain(MARKER).doesNotContain("calc.exe")
                .doesNotContain("attacker.example");
        try (PDDocument document = Loader.loadPDF(derivative); PDDocument original = Loader.loadPDF(hostile)) {
            Set<String> keys = keysIn(document);
            for (COSName active : ACTIVE) {
                assertThat(keys).as("keys of the derivative's object tree").doesNotContain(active.getName());
            }
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            for (int i = 0; i < 2; i++) {
                PDRectangle kept = document.getPage(i).getMediaBox();
                PDRectangle sent = original.getPage(i).getMediaBox();
                assertThat(kept.getWidth()).as("page " + (i + 1) + " width").isCloseTo(sent.getWidth(), Offset.offset(1f));
                assertThat(kept.getHeight()).as("page " + (i + 1) + " height").isCloseTo(sent.getHeight(), Offset.offset(1f));
            }
            // The text is there as pixels: the rendered page has dark pixels where the line was written.
            var picture = new PDFRenderer(document).renderImageWithDPI(0, 72);
            int dark = 0;
            for (int x = 72; x < 300; x++) {
                for (int y = picture.getHeight() - 410; y < picture.getHeight() - 390; y++) {
                    if ((picture.getRGB(x, y) & 0xff) < 128) {
                        dark++;
                    }
                }
            }
            assertThat(dark).as("dark pixels of the written line").isGreaterThan(20);
        }
    }

    @Test
    void theIntakesDerivativeOfAPdfCarriesNoActiveContent() throws Exception {
        String org = IntakeFixture.organisation(identity, "active");
        IntakeHttp visitor = new IntakeHttp(port);
        String csrf = visitor.csrf(visitor.get("/intake/" + org));
        HttpResponse<String> answer = visitor.postMultipart("/intake/" + org, intake(csrf, hostile));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        UUID caseId = jdbc.sql("select id from case_file where reference = ?").param(IntakeFixture.reference(answer.body())).query(UUID.class)
                .single();
        List<byte[]> stored = stored(caseId);
        assertThat(stored).hasSize(1);
        assertSafeDerivative(stored.get(0));
    }

    @Test
    void aStaffUploadOfAPdfIsStoredAsADerivativeWithoutActiveContent() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "active-staff");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> opened = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases"))
                .header("Authorization", staff.bearer(Role.CASEWORKER)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nationality\": \"RU\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        UUID caseId = UUID.fromString(opened.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
        HttpResponse<String> uploaded = upload(client, staff, caseId, hostile);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        List<byte[]> stored = stored(caseId);
        assertThat(stored).hasSize(1);
        assertSafeDerivative(stored.get(0));
        // What the caseworker downloads is that derivative.
        String documentId = uploaded.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
        HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases/" + caseId
                + "/documents/" + documentId)).header("Authorization", staff.bearer(Role.CASEWORKER)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(stored.get(0));
    }

    @Test
    void aPdfWithTooManyPagesIsRefusedAsTooLargeAndNothingIsStored() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "active-pages");
        byte[] many;
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i <= PdfDerivative.MAX_PAGES; i++) {
                document.addPage(new PDPage(PDRectangle.A4));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            many = out.toByteArray();
        }
        byte[] huge;
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(new PDRectangle(14_400, 14_400))); // 200 by 200 inches: 900 million pixels at 150 dpi
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            huge = out.toByteArray();
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> opened = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases"))
                .header("Authorization", staff.bearer(Role.CASEWORKER)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nationality\": \"RU\"}")).build(), HttpResponse.BodyHandlers.ofString());
        UUID caseId = UUID.fromString(opened.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
        for (byte[] pdf : List.of(many, huge)) {
            HttpResponse<String> refused = upload(client, staff, caseId, pdf);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(stored(caseId)).isEmpty();

        // The intake refuses them too, and opens no case.
        String org = IntakeFixture.organisation(identity, "active-pages");
        long cases = jdbc.sql("select count(*) from case_file").query(Long.class).single();
        for (byte[] pdf : List.of(many, huge)) {
            IntakeHttp visitor = new IntakeHttp(port).header("Accept", "text/html");
            String csrf = visitor.csrf(visitor.get("/intake/" + org));
            HttpResponse<String> refused = visitor.postMultipart("/intake/" + org, intake(csrf, pdf));
            // As a picture with too many pixels: the form again, saying what is wrong with which file.
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("too many pages");
        }
        assertThat(jdbc.sql("select count(*) from case_file").query(Long.class).single()).isEqualTo(cases);
    }

    static List<IntakeHttp.Part> intake(String csrf, byte[] pdf) {
        return List.of(IntakeHttp.field("_csrf", csrf), IntakeHttp.field("submission", UUID.randomUUID().toString()),
                IntakeHttp.field("nameUsed", "Alexei"), IntakeHttp.field("groups", "gay"), IntakeHttp.field("nationality", "RU"),
                IntakeHttp.field("message", "My letter"), IntakeHttp.field("contactChannel", "signal"), IntakeHttp.field("contactValue", "+7 900 000 00 00"),
                IntakeHttp.field("consentProcessing", "true"), IntakeHttp.file("files", "letter.pdf", "application/pdf", pdf));
    }

    HttpResponse<String> upload(HttpClient client, StaffFixture staff, UUID caseId, byte[] content) throws Exception {
        String boundary = "haven-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"letter.pdf\"\r\nContent-Type: application/pdf"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cases/" + caseId + "/documents"))
                .header("Authorization", staff.bearer(Role.CASEWORKER)).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The case's stored PDFs, decrypted with the case's key (as the organisation reads them). */
    List<byte[]> stored(UUID caseId) throws IOException {
        UUID orgId = jdbc.sql("select org_id from case_file where id = ?").param(caseId).query(UUID.class).single();
        List<byte[]> contents = jdbc.sql("select content from case_document where case_id = ? and media_type = 'application/pdf' order by created_at")
                .param(caseId).query((rs, n) -> rs.getBytes(1)).list();
        List<byte[]> plain = new ArrayList<>();
        for (byte[] content : contents) {
            try (InputStream in = protection.decryptingStream(new FieldRef(new OrgId(orgId), new CaseId(caseId), "case_document", "content"),
                    new ByteArrayInputStream(content))) {
                plain.add(in.readAllBytes());
            }
        }
        return plain;
    }
}
