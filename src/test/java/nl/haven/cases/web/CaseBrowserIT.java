package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseReading;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.StaffMember;
import nl.haven.shared.OrgId;
import nl.haven.testing.TotpCodes;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In Chromium with JavaScript switched off, and the axe-core check on every page: a caseworker logs in with password
 * and TOTP, opens a case from the queue, adds a note (first empty: the message is tied to the field), moves the case
 * from preparation to "application registered" with the registration date, and sees the decision time limit as a new
 * task with its due date.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class CaseBrowserIT {
    static final String PASSWORD = "juniper harbour quartz eleven";

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Autowired
    IdentityManagement identity;
    @Autowired
    CurrentStaff staff;
    @Autowired
    CaseMoves caseMoves;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    CaseQueue caseQueue;
    @Autowired
    CaseReading caseReading;
    @Autowired
    JdbcClient jdbc;

    record Account(StaffMember member, String email, String secret) {
    }

    Account account(String slug, String role) {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role, "Browser " + role.toLowerCase(Locale.ROOT));
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        UUID org = jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single();
        return new Account(staff.colleague(new OrgId(org), invitation.user()).orElseThrow(), email, enrolment.secret());
    }

    static String code(String secret) {
        try {
            return TotpCodes.fresh(secret); // a step not used before for this secret: Haven accepts each code once
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Types into a field. A date field takes its value as its date picker sets it (ISO, YYYY-MM-DD): keystrokes go into
     * the picker's day, month and year parts in the order of the browser's locale, which a test does not pin.
     */
    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        if ("date".equals(field.getAttribute("type"))) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, text);
            return;
        }
        field.clear();
        field.sendKeys(text);
    }

    WebDriver logIn(Account account) {
        WebDriver driver = browser.open("/login");
        type(driver, "username", account.email());
        type(driver, "password", PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).matches(".*/mfa\\?lang=[a-z]{2}"); // the log-in page posts with its language
        type(driver, "code", code(account.secret()));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");
        return driver;
    }

    @Test
    void aCaseworkerOpensACaseFromTheQueueAddsANoteAndRecordsTheApplicationWithItsDeadline() {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Case Organisation", slug);
        Account coordinator = account(slug, "COORDINATOR");
        Account caseworker = account(slug, "CASEWORKER");
        StaffMember c = coordinator.member();
        UUID id = caseOpening.open(c, new NewCase("US", "US", new CaseDetails("Robin", "she/her", "Legal Name On Passport",
                List.of("trans"), List.of(), true, "I need advice about asylum.", "en",
                new CaseDetails.SafeContact("signal", "+1 555 0100", "weekday evenings", "Do not mention the organisation's name"), Map.of()), "STAFF")).id();
        caseMoves.transition(c, id, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        caseMoves.assign(c, id, caseworker.member().id().value());
        caseMoves.transition(c, id, new CaseWorkflow.Request("ACCEPTED", null, null, null));
        caseMoves.transition(c, id, new CaseWorkflow.Request("PREPARING", null, null, null));
        String reference = caseReading.get(c, id).reference();

        WebDriver driver = logIn(caseworker);
        browser.clickAndWaitForNextPage(driver.findElement(By.id("cases-link")));
        assertThat(driver.getCurrentUrl()).contains("/cases");
        WebElement row = driver.findElement(By.id("case-" + id));
        assertThat(row.getText()).contains(reference, "Accepted – Preparing the application", "2 – soon", "Browser caseworker", "United States");
        // the name the person uses is the case's label for a caseworker (#19 point 2, an audited read); nothing else of theirs
        assertThat(row.findElement(By.cssSelector(".case-label")).getText()).isEqualTo("Robin");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Legal Name On Passport");
        browser.screenshot("case-queue");
        browser.assertAccessible();

        browser.clickAndWaitForNextPage(row.findElement(By.linkText(reference)));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Robin");
        assertThat(driver.findElement(By.cssSelector(".pronouns")).getText()).contains("she/her");
        assertThat(driver.findElement(By.id("contact")).getText()).contains("Signal", "weekday evenings", "Do not mention the organisation's name");
        assertThat(driver.findElement(By.id("mismatch")).getText()).contains("Gender marker in the travel document");
        WebElement legalName = driver.findElement(By.id("legal-name"));
        assertThat(legalName.getAttribute("open")).as("the legal name stays folded away").isNull();
        assertThat(legalName.getText()).doesNotContain("Legal Name On Passport");
        browser.screenshot("case-page");
        browser.assertAccessible();

        // An empty note: refused, with the message tied to the field; nothing is written.
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#note-form button[type=submit]")));
        assertThat(driver.findElement(By.id("note-body-error")).getText()).contains("This is empty");
        assertThat(driver.findElement(By.id("note-body")).getAttribute("aria-describedby")).isEqualTo("note-body-error");
        assertThat(driver.findElement(By.id("note-body")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("case-note-refused");
        browser.assertAccessible();

        type(driver, "note-body", "Called on Signal in the evening; documents follow next week.");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#note-form button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/cases/" + id).endsWith("#notes");
        assertThat(driver.findElement(By.cssSelector(".notes")).getText()).contains("Called on Signal in the evening", "Browser caseworker");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("The note is added.");

        // Preparing → application registered on 2 March 2026: the decision time limit (six months) becomes a task.
        type(driver, "transition-APPLIED-date", "2026-03-02");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#transition-APPLIED button[type=submit]")));
        assertThat(driver.findElement(By.id("case-state")).getText()).isEqualTo("Accepted – Application registered");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("The case moved to: Application registered.");
        WebElement task = driver.findElement(By.cssSelector("table.tasks tbody tr"));
        assertThat(task.getText()).contains("Decision time limit", "legal deadline", "2026-09-02");
        assertThat(driver.findElements(By.id("transition-REST_AND_PREPARATION"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("table.timeline")).getText()).contains("Application registered", "2026-03-02",
                "Note added", "Browser caseworker");
        browser.screenshot("case-applied-deadline");
        browser.assertAccessible();

        // The same page in Dutch and Russian passes the same check.
        driver.get(browser.url("/cases/" + id + "?lang=nl"));
        assertThat(driver.findElement(By.cssSelector("table.tasks")).getText()).contains("Beslistermijn", "2026-09-02");
        browser.assertAccessible();
        driver.get(browser.url("/cases?lang=ru"));
        assertThat(driver.findElement(By.id("case-" + id)).getText()).contains("Заявление зарегистрировано");
        browser.screenshot("case-queue-ru");
        browser.assertAccessible();
    }

    /**
     * Issue #19, points 5 and 6, without JavaScript: a day in the future is refused at its field; Close asks first on a
     * page of its own that says what will happen (in English and Dutch), going back changes nothing, confirming closes.
     */
    @Test
    void closingAsksFirstAndAFutureDayIsRefusedAtItsField() {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Close Organisation", slug);
        Account coordinator = account(slug, "COORDINATOR");
        Account caseworker = account(slug, "CASEWORKER");
        StaffMember c = coordinator.member();
        UUID id = caseOpening.open(c, new NewCase("US", null, new CaseDetails("Kim", "they/them", null, List.of("trans"), List.of(), false,
                null, null, null, Map.of()), "STAFF")).id();
        caseMoves.transition(c, id, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        caseMoves.assign(c, id, caseworker.member().id().value());
        caseMoves.transition(c, id, new CaseWorkflow.Request("ACCEPTED", null, null, null));
        caseMoves.transition(c, id, new CaseWorkflow.Request("PREPARING", null, null, null));
        String reference = caseReading.get(c, id).reference();
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(1);

        WebDriver driver = logIn(caseworker);
        driver.get(browser.url("/cases/" + id + "?lang=en"));
        type(driver, "transition-APPLIED-date", tomorrow.toString());
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#transition-APPLIED button[type=submit]")));
        assertThat(driver.findElement(By.id("transition-APPLIED-date-error")).getText())
                .startsWith("The day it happened: " + tomorrow + " is in the future");
        assertThat(driver.findElement(By.id("transition-APPLIED-date")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("case-future-date-refused");
        browser.assertAccessible();

        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#transition-CLOSED button[type=submit]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Close case " + reference + "?");
        assertThat(driver.findElement(By.id("confirm-consequences")).getText()).contains("no longer counts among the open cases");
        browser.screenshot("case-close-confirm");
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(driver.findElement(By.id("confirm-cancel")));
        assertThat(driver.findElement(By.id("case-state")).getText()).isEqualTo("Accepted – Preparing the application");

        driver.get(browser.url("/cases/" + id + "?lang=nl"));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#transition-CLOSED button[type=submit]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Zaak " + reference + " sluiten?");
        browser.screenshot("case-close-confirm-nl");
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(driver.findElement(By.id("confirm-submit")));
        assertThat(driver.getCurrentUrl()).contains("/cases/" + id + "?lang=nl");
        assertThat(driver.findElement(By.id("case-state")).getText()).startsWith("Gesloten");
        assertThat(caseReading.get(c, id).handling().name()).isEqualTo("CLOSED");
    }

    /**
     * A document through the case page: a file whose content is not an accepted type is refused with the message at the
     * field; a text file is uploaded, listed, and downloaded again byte for byte (Chromium saves it to the test's own
     * download directory).
     */
    @Test
    void aCaseworkerUploadsADocumentAndDownloadsItByteForByte() throws Exception {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Documents Organisation", slug);
        Account caseworker = account(slug, "CASEWORKER");
        UUID id = caseOpening.open(caseworker.member(), new NewCase("RU", null, new CaseDetails("Sasha", "they/them", null, List.of(),
                List.of(), false, null, null, null, Map.of()), "STAFF")).id();
        Path files = Files.createDirectories(Path.of("target", "test-uploads", UUID.randomUUID().toString()));
        byte[] letter = "Письмо из суда / letter from the court\nHV test document, line two\n".getBytes(StandardCharsets.UTF_8);
        Path text = Files.write(files.resolve("court letter.txt"), letter);
        byte[] program = new byte[2048];
        program[0] = 'M';
        program[1] = 'Z';
        Path exe = Files.write(files.resolve("looks-like.pdf"), program);

        WebDriver driver = logIn(caseworker);
        driver.get(browser.url("/cases/" + id));
        WebElement form = driver.findElement(By.id("document-form"));
        assertThat(form.getAttribute("enctype")).isEqualTo("multipart/form-data");
        assertThat(driver.findElement(By.id("document-file-hint")).getText()).contains("PDF, JPEG, PNG or plain text, at most 10 MB");

        driver.findElement(By.id("document-file")).sendKeys(exe.toAbsolutePath().toString());
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#document-form button[type=submit]")));
        assertThat(driver.findElement(By.id("document-file-error")).getText()).contains("Haven accepts PDF, JPEG, PNG and plain text only");
        assertThat(driver.findElement(By.id("document-file")).getAttribute("aria-describedby")).isEqualTo("document-file-hint document-file-error");
        browser.screenshot("case-document-refused");
        browser.assertAccessible();

        driver.findElement(By.id("document-file")).sendKeys(text.toAbsolutePath().toString());
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#document-form button[type=submit]")));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("The document is added.");
        WebElement row = driver.findElement(By.cssSelector("table.documents tbody tr"));
        assertThat(row.getText()).contains("court letter.txt", "Text");
        browser.screenshot("case-document-added");
        browser.assertAccessible();

        row.findElement(By.cssSelector("a.download")).click();
        Path saved = browser.downloads().resolve("court letter.txt");
        browser.waitFor(d -> Files.exists(saved) && !Files.exists(saved.resolveSibling(saved.getFileName() + ".crdownload")));
        assertThat(Files.readAllBytes(saved)).as("the downloaded document").isEqualTo(letter);
    }

    /**
     * A new CSRF token is made when a page first asks for one (after log-in, for instance), and its cookie is written
     * then. When that first page is the queue, which is longer than the response buffer, the cookie must still arrive:
     * the search posted from it works.
     */
    @Test
    void theSearchWorksWhenTheQueueIsTheFirstPageToNeedACsrfToken() {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Search Organisation", slug);
        Account coordinator = account(slug, "COORDINATOR");
        UUID id = caseOpening.open(coordinator.member(), new NewCase("IR", null, CaseDetails.empty(), "STAFF")).id();
        caseQueue.addIdentifier(coordinator.member(), id, "v-number", "V 987-654");
        String reference = caseReading.get(coordinator.member(), id).reference();

        WebDriver driver = logIn(coordinator);
        driver.manage().deleteCookieNamed("XSRF-TOKEN");
        driver.get(browser.url("/cases"));
        type(driver, "search-q", "v987654");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#search-form button[type=submit]")));
        assertThat(driver.findElement(By.tagName("caption")).getText()).isEqualTo("Cases found: 1");
        assertThat(driver.findElement(By.id("case-" + id)).getText()).contains(reference);
        assertThat(driver.getCurrentUrl()).as("the identifier is not in the address").doesNotContain("987");
        browser.screenshot("case-search");
        browser.assertAccessible();
    }
}
