package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.StaffMember;
import nl.haven.shared.OrgId;
import nl.haven.testing.TotpCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Documents through the case page, on the real server as a browser talks to it (no MockMvc in this class, so the CSRF
 * token lives in its cookie as in production), with a 2 KB limit for documents (the container's multipart limits are
 * the larger of it and the intake's, here 1 MB): an accepted upload is listed and audited once and downloads byte for
 * byte; a file of another type is refused at the field (415); a file over the documents' limit is refused at the field
 * (413); a file over the container's limit gets the error page that says so (413). Nothing refused is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "haven.cases.documents.max-size=2KB",
        "haven.intake.max-file-size=512KB", "haven.intake.max-upload-size=1MB" })
class CaseDocumentPagesIT {
    static final String PASSWORD = "cobalt meadow lantern forty";

    @Autowired
    IdentityManagement identity;
    @Autowired
    CurrentStaff staff;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    HttpClient client;
    StaffMember caseworker;
    UUID caseId;

    @BeforeEach
    void loggedInCaseworkerWithACase() throws Exception {
        String slug = "docs-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Document Pages " + slug, slug);
        String email = "caseworker-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "CASEWORKER", "Pages caseworker");
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        UUID org = jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single();
        caseworker = staff.colleague(new OrgId(org), invitation.user()).orElseThrow();
        caseId = caseOpening.open(caseworker, new NewCase("RU", null, new CaseDetails("Sasha", "they/them", null, List.of(), List.of(),
                false, null, null, null, Map.of()), "STAFF")).id();

        // The log-in pages, as a browser uses them: the cookies (SESSION, XSRF-TOKEN) kept by a cookie manager.
        client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        postForm("/login", csrf(get("/login").body()), "username", email, "password", PASSWORD);
        HttpResponse<String> mfa = postForm("/mfa", csrf(get("/mfa").body()), "code", code(enrolment.secret()));
        assertThat(mfa.headers().firstValue("Location").orElse("")).endsWith("/staff");
    }

    static String code(String secret) throws Exception {
        // A step not used before for this secret: Haven accepts each code once.
        return TotpCodes.fresh(secret);
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field").isTrue();
        return m.group(1);
    }

    HttpResponse<String> postForm(String path, String token, String... params) throws Exception {
        StringBuilder form = new StringBuilder("_csrf=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < params.length; i += 2) {
            form.append('&').append(params[i]).append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a file as the case page's upload form does: to the form's own address, with the CSRF token in the body too. */
    HttpResponse<String> upload(String page, String fileName, byte[] content) throws Exception {
        Matcher action = Pattern.compile("<form id=\"document-form\"[^>]*action=\"([^\"]+)\"").matcher(page);
        assertThat(action.find()).as("the upload form").isTrue();
        String address = action.group(1).replace("&amp;", "&");
        String boundary = "----haven" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(page) + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + address)).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    List<String> eventsSince(long seq) {
        return jdbc.sql("select action from audit_event where seq > ? order by seq").param(seq).query(String.class).list();
    }

    long lastEvent() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
    }

    @Test
    void anAcceptedUploadIsListedAndAuditedOnce() throws Exception {
        byte[] letter = "A letter from the IND, line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        String form = get("/cases/" + caseId).body();
        long before = lastEvent();
        HttpResponse<String> uploaded = upload(form, "ind letter.txt", letter);
        assertThat(uploaded.statusCode()).isEqualTo(302);
        String location = uploaded.headers().firstValue("Location").orElse("");
        assertThat(location).endsWith("/cases/" + caseId + "?lang=en#documents");
        assertThat(eventsSince(before)).containsExactly("case.document-added");

        before = lastEvent();
        String page = get(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery()).body();
        assertThat(eventsSince(before)).as("the page with its document list is one read").containsExactly("case.read");
        assertThat(page).contains("The document is added.", "ind letter.txt", "Text", letter.length + " bytes");
        Matcher link = Pattern.compile("<a class=\"download\" href=\"([^\"]+)\"").matcher(page);
        assertThat(link.find()).isTrue();
        HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(letter);
        assertThat(download.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
    }

    @Test
    void aFileOfAnotherTypeIsRefusedAtTheFieldAndNothingIsStored() throws Exception {
        byte[] program = new byte[512];
        program[0] = 'M';
        program[1] = 'Z';
        String form = get("/cases/" + caseId).body();
        long before = lastEvent();
        HttpResponse<String> refused = upload(form, "invoice.pdf", program);
        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(refused.body()).contains("id=\"document-file-error\"", "Haven accepts PDF, JPEG, PNG and plain text only",
                "aria-describedby=\"document-file-hint document-file-error\"");
        assertThat(eventsSince(before)).as("only the page, read again").containsExactly("case.read");
        assertThat(jdbc.sql("select count(*) from case_document where case_id = ?").param(caseId).query(Long.class).single()).isZero();
    }

    @Test
    void aFileOverTheDocumentLimitIsRefusedAtTheFieldWithTheLimitNamed() throws Exception {
        String form = get("/cases/" + caseId).body();
        assertThat(form).as("the limit beside the field beforehand").contains("PDF, JPEG, PNG or plain text, at most 2 KB.");
        long before = lastEvent();
        HttpResponse<String> refused = upload(form, "scan.txt", "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("id=\"document-file-error\"", "The file is larger than 2 KB, the most Haven accepts.");
        assertThat(eventsSince(before)).as("only the page, read again").containsExactly("case.read");
        assertThat(jdbc.sql("select count(*) from case_document where case_id = ?").param(caseId).query(Long.class).single()).isZero();
    }

    /**
     * Tomcat 11 refuses a form whose file is over the container's limit as soon as anything reads the form's
     * parameters, which the CSRF check does before any controller: the answer is the error page, 413, saying what
     * happened.
     */
    @Test
    void aFileOverTheContainersLimitGetsTheErrorPageThatSaysSo() throws Exception {
        String form = get("/cases/" + caseId).body();
        long before = lastEvent();
        HttpResponse<String> refused = upload(form, "scan.txt", "x".repeat(1536 * 1024).getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("What you sent is too large.").doesNotContain("scan.txt");
        assertThat(eventsSince(before)).isEmpty();
        assertThat(jdbc.sql("select count(*) from case_document where case_id = ?").param(caseId).query(Long.class).single()).isZero();
    }
}
