package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import nl.haven.testing.Bytes;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case documents and the lawyer's summary PDF through the real security chain (MockMvc, API tokens): uploads are
 * sniffed by content, limited in size, stored encrypted and downloaded byte for byte; refusals store nothing; foreign
 * and nonexistent ids are the same 404; every upload, list, download and export is exactly one audit event.
 * (MockMvc has no servlet container: the container's multipart limits and temporary files are CaseDocumentTempFilesIT's.)
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseDocumentsIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CANARY = "CANARY-document-5d1c9b7e-haven";
    static final int LIMIT = 10 * 1024 * 1024; // the default haven.cases.documents.max-size

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    StaffFixture own;
    StaffFixture other;

    @BeforeEach
    void organisations() {
        own = StaffFixture.create(identity, "docs");
        other = StaffFixture.create(identity, "docs-other");
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    ResultActions call(AbstractMockHttpServletRequestBuilder<?> request, StaffFixture org, Role role) throws Exception {
        // If-Match: * (any version): these tests are not about concurrent changes (issue #21: ConcurrencyAndPagingIT is).
        return mvc.perform(request.header("Authorization", org.bearer(role)).header("If-Match", "*").accept(MediaType.APPLICATION_JSON));
    }

    ResultActions upload(String caseId, String fileName, String declaredType, byte[] content, StaffFixture org, Role role) throws Exception {
        return call(multipart("/api/v1/cases/{id}/documents", caseId).file(new MockMultipartFile("file", fileName, declaredType, content)), org,
                role);
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    String open(StaffFixture org, Role role, String details) throws Exception {
        return body(call(post("/api/v1/cases").contentType(MediaType.APPLICATION_JSON).content(details), org, role)
                .andExpect(status().isCreated())).get("id").stringValue();
    }

    String open(StaffFixture org) throws Exception {
        return open(org, Role.CASEWORKER, "{\"details\": {\"nameUsed\": \"Sam\"}}");
    }

    long auditEvents() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    long auditEvents(String action, String caseId) {
        return jdbc.sql("select count(*) from audit_event where action = ? and subject_id = ?").params(action, caseId).query(Long.class).single();
    }

    long storedDocuments(String caseId) {
        return jdbc.sql("select count(*) from case_document where case_id = ?").param(UUID.fromString(caseId)).query(Long.class).single();
    }


    // --- samples, made here ---------------------------------------------------------------------------------------------

    /** An uncompressed PDF, so the canary stands in its bytes as plain text (the test checks that it does). */
    static byte[] pdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.getDocumentInformation().setTitle(text);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x7b2d8e));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.fillOval(16, 8, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("ImageIO writes " + format).isTrue();
        return out.toByteArray();
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // --- tests ------------------------------------------------------------------------------------------------------------

    @Test
    void pdfPngJpegAndTextGoInAndComeOutTypedByTheirContent() throws Exception {
        String caseId = open(own);
        Map<String, byte[]> samples = new LinkedHashMap<>();
        samples.put("application/pdf", pdf(CANARY + " statement"));
        samples.put("image/png", image("png"));
        samples.put("image/jpeg", image("jpg"));
        samples.put("text/plain", text("Interview notes " + CANARY + "\nАлексей, Чечня, 2017\n"));
        assertThat(Bytes.indexOf(samples.get("application/pdf"), CANARY.getBytes(StandardCharsets.US_ASCII))).as("the canary is in the PDF's bytes")
                .isNotNegative();

        long before = auditEvents();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            // A misleading name and declared type: neither counts, only the content does.
            JsonNode added = body(upload(caseId, "upload-" + CANARY + ".bin", "application/octet-stream", sample.getValue(), own, Role.CASEWORKER)
                    .andExpect(status().isCreated()));
            assertThat(added.get("mediaType").stringValue()).isEqualTo(sample.getKey());
            if (!sample.getKey().equals("application/pdf")) { // a PDF is stored as pictures of its pages (PdfActiveContentIT)
                assertThat(added.get("size").longValue()).isEqualTo(sample.getValue().length);
            }
            ids.put(sample.getKey(), added.get("id").stringValue());
        }
        assertThat(auditEvents("case.document-added", caseId)).isEqualTo(4);

        JsonNode list = body(call(get("/api/v1/cases/{id}/documents", caseId), own, Role.CASEWORKER).andExpect(status().isOk()));
        assertThat(list).hasSize(4);
        assertThat(list.get(0).get("name").stringValue()).isEqualTo("upload-" + CANARY + ".bin.pdf"); // the extension follows the content
        assertThat(list.get(3).get("name").stringValue()).isEqualTo("upload-" + CANARY + ".bin.txt");
        assertThat(list.get(1).get("createdAt").stringValue()).isNotBlank();
        assertThat(auditEvents("case.documents-read", caseId)).isEqualTo(1);

        for (Map.Entry<String, String> document : ids.entrySet()) {
            MockHttpServletResponse download = call(get("/api/v1/cases/{id}/documents/{docId}", caseId, document.getValue()), own, Role.CASEWORKER)
                    .andExpect(status().isOk()).andReturn().getResponse();
            if (document.getKey().equals("application/pdf")) {
                // Since issue #15, point 8 a PDF comes back as the derivative of pictures of its pages: same pages, no text layer.
                try (PDDocument derivative = Loader.loadPDF(download.getContentAsByteArray());
                        PDDocument sent = Loader.loadPDF(samples.get(document.getKey()))) {
                    assertThat(derivative.getNumberOfPages()).isEqualTo(sent.getNumberOfPages());
                    assertThat(new PDFTextStripper().getText(derivative)).doesNotContain(CANARY);
                }
            } else {
                assertThat(download.getContentAsByteArray()).as(document.getKey()).isEqualTo(samples.get(document.getKey()));
            }
            assertThat(download.getContentType()).isEqualTo(document.getKey());
            assertThat(download.getHeader("Content-Disposition")).startsWith("attachment;").contains("upload-" + CANARY);
            assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(download.getHeader("Cache-Control")).isEqualTo("no-store");
        }
        assertThat(auditEvents("case.document-downloaded", caseId)).isEqualTo(4);
        assertThat(auditEvents() - before).isEqualTo(4 + 1 + 4);

        // Stored: only ciphertext. Neither the canary (in the text and the PDF) nor the file name is in any column.
        byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
        List<byte[]> stored = jdbc.sql("select content from case_document where case_id = ?").param(UUID.fromString(caseId))
                .query(byte[].class).list();
        assertThat(stored).hasSize(4).allSatisfy(content -> assertThat(Bytes.indexOf(content, canary)).isEqualTo(-1));
        List<byte[]> names = jdbc.sql("select name from case_document where case_id = ?").param(UUID.fromString(caseId)).query(byte[].class).list();
        assertThat(names).allSatisfy(name -> assertThat(Bytes.indexOf(name, canary)).isEqualTo(-1));
        List<String> types = jdbc.sql("select media_type from case_document where case_id = ? order by created_at").param(UUID.fromString(caseId))
                .query(String.class).list();
        assertThat(types).containsExactlyInAnyOrderElementsOf(samples.keySet());
    }

    @Test
    void anExecutableNamedPdfAndOtherTypesAreRefusedByContentAndNothingIsStored() throws Exception {
        String caseId = open(own);
        long before = auditEvents();
        byte[] windows = new byte[4096];
        windows[0] = 'M';
        windows[1] = 'Z';
        byte[] linux = Arrays.copyOf(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1 }, 4096);
        Map<String, byte[]> refused = new LinkedHashMap<>();
        refused.put("a Windows executable", windows);
        refused.put("a Linux executable", linux);
        refused.put("HTML", text("<html><body><script>alert(1)</script></body></html>"));
        refused.put("SVG", text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"));
        refused.put("a ZIP archive", new byte[] { 'P', 'K', 3, 4, 20, 0, 0, 0 });
        for (Map.Entry<String, byte[]> sample : refused.entrySet()) {
            JsonNode problem = body(upload(caseId, "report.pdf", "application/pdf", sample.getValue(), own, Role.CASEWORKER)
                    .andExpect(status().isUnsupportedMediaType()));
            assertThat(problem.get("detail").stringValue()).as(sample.getKey())
                    .contains("expected PDF (application/pdf), JPEG (image/jpeg), PNG (image/png), plain text (text/plain)")
                    .doesNotContain("report.pdf");
            assertThat(problem.get("accepted").toString()).contains("application/pdf");
        }
        JsonNode empty = body(upload(caseId, "empty.pdf", "application/pdf", new byte[0], own, Role.CASEWORKER)
                .andExpect(status().isBadRequest()));
        assertThat(empty.get("detail").stringValue()).contains("empty").contains("10 MB");
        // Not multipart at all, or without the field 'file': 4xx problem+json, never a stack trace.
        call(post("/api/v1/cases/{id}/documents", caseId).contentType(MediaType.APPLICATION_PDF).content(pdf("x")), own, Role.CASEWORKER)
                .andExpect(status().isUnsupportedMediaType());
        call(multipart("/api/v1/cases/{id}/documents", caseId).file(new MockMultipartFile("attachment", "a.png", "image/png", image("png"))), own,
                Role.CASEWORKER).andExpect(status().isBadRequest());
        assertThat(storedDocuments(caseId)).isZero();
        assertThat(auditEvents()).isEqualTo(before);
    }

    @Test
    void aDocumentOverTheLimitIsRefusedNamingTheLimitAndOneAtTheLimitIsAccepted() throws Exception {
        String caseId = open(own);
        long before = auditEvents();
        byte[] over = new byte[LIMIT + 1];
        Arrays.fill(over, (byte) 'a');
        JsonNode problem = body(upload(caseId, "big.txt", "text/plain", over, own, Role.CASEWORKER).andExpect(status().isPayloadTooLarge()));
        assertThat(problem.get("detail").stringValue()).contains("10 MB (10485760 bytes)");
        assertThat(problem.get("limitBytes").longValue()).isEqualTo(LIMIT);
        assertThat(storedDocuments(caseId)).isZero();
        assertThat(auditEvents()).isEqualTo(before);

        byte[] atTheLimit = Arrays.copyOf(over, LIMIT);
        String id = body(upload(caseId, "big.txt", "text/plain", atTheLimit, own, Role.CASEWORKER).andExpect(status().isCreated())).get("id")
                .stringValue();
        byte[] back = call(get("/api/v1/cases/{id}/documents/{docId}", caseId, id), own, Role.CASEWORKER).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray();
        assertThat(back).isEqualTo(atTheLimit);
    }

    @Test
    void anotherOrganisationsOrAnotherCasesDocumentIsTheSame404AsANonexistentOne() throws Exception {
        String caseA = open(own);
        String caseB = open(own);
        String foreignCase = open(other);
        String docA = body(upload(caseA, "a.png", "image/png", image("png"), own, Role.CASEWORKER).andExpect(status().isCreated())).get("id")
                .stringValue();
        String docB = body(upload(caseB, "b.png", "image/png", image("png"), own, Role.CASEWORKER).andExpect(status().isCreated())).get("id")
                .stringValue();
        String foreignDoc = body(upload(foreignCase, "c.png", "image/png", image("png"), other, Role.CASEWORKER).andExpect(status().isCreated()))
                .get("id").stringValue();
        long before = auditEvents();
        long deniedBefore = jdbc.sql("select count(*) from audit_event where action = 'case.access-denied'").query(Long.class).single();

        // A document id that is not this case's: another case of the same organisation, another organisation's, none.
        String nonexistentDoc = call(get("/api/v1/cases/{id}/documents/{docId}", caseA, UUID.randomUUID()), own, Role.CASEWORKER)
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        for (String wrong : List.of(docB, foreignDoc)) {
            String body = call(get("/api/v1/cases/{id}/documents/{docId}", caseA, wrong), own, Role.CASEWORKER).andExpect(status().isNotFound())
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).isEqualTo(nonexistentDoc);
        }

        // Another organisation's case: the same 404 as a case that does not exist, on every route.
        for (Role role : List.of(Role.INTAKE, Role.CASEWORKER, Role.LAWYER, Role.COORDINATOR)) {
            String nonexistentCase = UUID.randomUUID().toString();
            String[][] pairs = { { "/api/v1/cases/" + caseA + "/documents/" + docA, "/api/v1/cases/" + nonexistentCase + "/documents/" + docA },
                    { "/api/v1/cases/" + caseA + "/documents", "/api/v1/cases/" + nonexistentCase + "/documents" },
                    { "/api/v1/cases/" + caseA + "/summary.pdf", "/api/v1/cases/" + nonexistentCase + "/summary.pdf" } };
            for (String[] pair : pairs) {
                String foreign = call(get(pair[0]), other, role).andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
                String none = call(get(pair[1]), other, role).andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
                assertThat(foreign).as(pair[0] + " as " + role).isEqualTo(none);
            }
            String foreign = upload(caseA, "x.png", "image/png", image("png"), other, role).andExpect(status().isNotFound()).andReturn()
                    .getResponse().getContentAsString();
            String none = upload(nonexistentCase, "x.png", "image/png", image("png"), other, role).andExpect(status().isNotFound()).andReturn()
                    .getResponse().getContentAsString();
            assertThat(foreign).isEqualTo(none);
        }
        // Analysts and administrators see no case content; without credentials, 401.
        for (Role role : List.of(Role.ANALYST, Role.ADMIN)) {
            upload(caseA, "x.png", "image/png", image("png"), own, role).andExpect(status().isForbidden());
            call(get("/api/v1/cases/{id}/documents", caseA), own, role).andExpect(status().isForbidden());
            call(get("/api/v1/cases/{id}/documents/{docId}", caseA, docA), own, role).andExpect(status().isForbidden());
            call(get("/api/v1/cases/{id}/summary.pdf", caseA), own, role).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/v1/cases/{id}/documents/{docId}", caseA, docA)).andExpect(status().isUnauthorized());
        assertThat(storedDocuments(caseA)).isEqualTo(1);
        // Refused requests write no document events; each look-up of a case the caller may not see is one
        // case.access-denied event (SECURITY.md S8).
        long denied = jdbc.sql("select count(*) from audit_event where action = 'case.access-denied'").query(Long.class).single();
        assertThat(auditEvents() - denied).as("refused requests write no document events").isEqualTo(before - deniedBefore);
    }

    @Test
    void theSummaryPdfHasTheCaseForTheLawyerWithCyrillicNamesAndOneAuditEvent() throws Exception {
        String details = """
                {"nationality": "RU", "details": {"nameUsed": "Robin", "pronouns": "they/them", "legalName": "Алексей Смирнов",
                 "request": "Help with the asylum procedure.", "language": "ru"}}""";
        String caseId = open(own, Role.CASEWORKER, details);
        String reference = body(call(get("/api/v1/cases/{id}", caseId), own, Role.CASEWORKER)).get("reference").stringValue();
        call(post("/api/v1/cases/{id}/notes", caseId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"body\": \"Интервью в понедельник; bring the letter.\\u0001 <b>not markup</b> & more\"}"), own, Role.CASEWORKER)
                .andExpect(status().isCreated());
        call(post("/api/v1/cases/{id}/tasks", caseId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\": \"Ask for the medical report\", \"dueOn\": \"2026-12-01\"}"), own, Role.CASEWORKER)
                .andExpect(status().isCreated());
        call(post("/api/v1/cases/{id}/transitions", caseId).contentType(MediaType.APPLICATION_JSON).content("{\"to\": \"TRIAGE\", \"priority\": 2}"),
                own, Role.CASEWORKER).andExpect(status().isOk());
        long before = auditEvents();

        MockHttpServletResponse response = call(get("/api/v1/cases/{id}/summary.pdf", caseId), own, Role.CASEWORKER).andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;").contains("case-summary-" + reference + ".pdf");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(auditEvents() - before).isEqualTo(1);
        assertThat(auditEvents("case.summary-exported", caseId)).isEqualTo(1);

        try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(reference, "Robin", "they/them", "Алексей Смирнов", "Russia (RU)", "Triage",
                    "Ask for the medical report", "2026-12-01", "Moved to triage", "Интервью в понедельник", "<b>not markup</b> & more");
            // Handling, stage and timeline in words, not codes (issue #19, point 4).
            assertThat(text).doesNotContain("TRIAGE", "case.triaged", "case.opened");
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Case summary " + reference); // no name in the metadata
            for (PDPage page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as("font %s is embedded", font.getName()).isTrue();
                    assertThat(font.getName()).contains("DejaVuSans");
                }
            }
        }

        // In Russian, on request; the coordinator sees it too; the person's details are not in the response headers.
        MockHttpServletResponse russian = call(get("/api/v1/cases/{id}/summary.pdf?lang=ru", caseId), own, Role.COORDINATOR)
                .andExpect(status().isOk()).andReturn().getResponse();
        try (PDDocument pdf = Loader.loadPDF(russian.getContentAsByteArray())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Сводка по делу " + reference, "Имя по документам", "Россия (RU)");
        }
        assertThat(russian.getHeaderNames().stream().map(russian::getHeader).toList().toString()).doesNotContain("Robin", "Алексей");
        assertThat(auditEvents("case.summary-exported", caseId)).isEqualTo(2);
    }
}
