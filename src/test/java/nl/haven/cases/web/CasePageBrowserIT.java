package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.cases.internal.CaseWorkflow;
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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #19, points 8, 12 and 5, in Chromium without JavaScript and with the axe-core check, in English and Dutch: the
 * case page in sections, its navigation linking every section, the lawyer's summary PDF linked and downloaded, an
 * appointment added through its form (a missing time named at its field first), and undoing a referral that first
 * shows its own confirmation page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class CasePageBrowserIT {
    static final String PASSWORD = "cobalt meadow lantern forty";
    static final List<String> SECTIONS = List.of("summary", "people", "procedure", "tasks", "conversation", "documents", "decision-support",
            "referral", "timeline", "export");

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
    CaseReading caseReading;
    @Autowired
    CaseReferrals caseReferrals;
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

    WebDriver logIn(Account account) throws Exception {
        WebDriver driver = browser.open("/login");
        CaseBrowserIT.type(driver, "username", account.email());
        CaseBrowserIT.type(driver, "password", PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        CaseBrowserIT.type(driver, "code", TotpCodes.fresh(account.secret()));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");
        return driver;
    }

    /** An organisation with a coordinator and a case in preparation; the coordinator's browser, logged in. */
    record Setting(String slug, Account coordinator, UUID caseId, String reference) {
    }

    Setting setting() {
        String slug = "casepage-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Case Page Organisation", slug);
        Account coordinator = account(slug, "COORDINATOR");
        StaffMember c = coordinator.member();
        UUID id = caseOpening.open(c, new NewCase("US", "US", new CaseDetails("Robin", "she/her", "Legal Name On Passport", List.of("trans"),
                List.of(), true, "I need advice about asylum.", "en", new CaseDetails.SafeContact("signal", "+1 555 0100", "evenings", "Do not "
                        + "mention the organisation"), Map.of()), "STAFF")).id();
        caseMoves.transition(c, id, new CaseWorkflow.Request("TRIAGE", null, null, 2));
        caseMoves.assign(c, id, c.id().value());
        caseMoves.transition(c, id, new CaseWorkflow.Request("ACCEPTED", null, null, null));
        caseMoves.transition(c, id, new CaseWorkflow.Request("PREPARING", null, null, null));
        return new Setting(slug, coordinator, id, caseReading.get(c, id).reference());
    }

    @Test
    void theCasePageInSectionsWithItsPdfAndAnAppointmentInEnglish() throws Exception {
        walk("en", "Sections of this case", "Court hearing (zitting)", "at 10:30", "The appointment is added.", "Undo the referral of case",
                "case-page-1280");
    }

    @Test
    void theCasePageInSectionsWithItsPdfAndAnAppointmentInDutch() throws Exception {
        walk("nl", "Onderdelen van deze zaak", "Zitting bij de rechtbank", "om 10:30", "De afspraak is toegevoegd.",
                "Doorverwijzing van zaak", "case-page-1280-nl");
    }

    void walk(String lang, String navLabel, String hearing, String at, String added, String withdrawHeading, String screenshot)
            throws Exception {
        Setting s = setting();
        WebDriver driver = logIn(s.coordinator());
        driver.get(browser.url("/cases/" + s.caseId() + "?lang=" + lang));

        // The navigation: one link per section, each to a <section> with a heading, in this order on the page.
        WebElement nav = driver.findElement(By.id("case-sections"));
        assertThat(nav.getTagName()).isEqualTo("nav");
        assertThat(nav.getAttribute("aria-label")).isEqualTo(navLabel);
        List<String> targets = new ArrayList<>();
        for (WebElement link : nav.findElements(By.tagName("a"))) {
            targets.add(link.getAttribute("href").substring(link.getAttribute("href").indexOf('#') + 1));
        }
        assertThat(targets).containsExactlyElementsOf(SECTIONS);
        List<String> onPage = new ArrayList<>();
        for (WebElement section : driver.findElements(By.cssSelector("main section.case-section"))) {
            onPage.add(section.getAttribute("id"));
            assertThat(section.findElement(By.cssSelector("h2")).getText()).isNotBlank();
        }
        assertThat(onPage).containsExactlyElementsOf(SECTIONS);
        // The safe contact in "people", before the forms; the appointments within "procedure".
        assertThat(driver.findElement(By.cssSelector("#people #contact")).getText()).contains("Signal");
        assertThat(driver.findElements(By.cssSelector("#procedure #appointment-form"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#decision-support a")).getAttribute("href")).contains("/cases/" + s.caseId()
                + "/decision-support");
        browser.screenshot(screenshot);
        browser.assertAccessible();

        // The lawyer's summary: linked from the summary, and what it downloads is a PDF.
        WebElement pdf = driver.findElement(By.cssSelector("#summary #summary-pdf-link"));
        assertThat(pdf.getAttribute("href")).contains("/api/v1/cases/" + s.caseId() + "/summary.pdf");
        pdf.click();
        Path downloads = browser.downloads();
        Path saved = browser.waitFor(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        browser.waitFor(d -> !Files.exists(saved.resolveSibling(saved.getFileName() + ".crdownload")) && size(saved) > 4);
        assertThat(new String(Files.readAllBytes(saved), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // An appointment: first without a time (named at its field), then complete.
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(20);
        new Select(driver.findElement(By.id("appointment-kind"))).selectByValue("HEARING");
        CaseBrowserIT.type(driver, "appointment-date", day.toString());
        CaseBrowserIT.type(driver, "appointment-place", "Rechtbank Haarlem");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#appointment-form button[type=submit]")));
        assertThat(driver.findElement(By.id("appointment-time-error")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("appointment-time")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("appointment-place")).getAttribute("value")).isEqualTo("Rechtbank Haarlem");
        browser.assertAccessible();
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '10:30';", driver.findElement(By.id("appointment-time")));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#appointment-form button[type=submit]")));
        assertThat(driver.getCurrentUrl()).endsWith("#appointments");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(added);
        WebElement appointment = driver.findElement(By.cssSelector("ol.appointments > li"));
        assertThat(appointment.getText()).contains(hearing, day.toString(), at, "Rechtbank Haarlem");
        assertThat(driver.findElement(By.cssSelector("table.timeline")).getText()).contains(day.toString());
        browser.assertAccessible();

        // Undoing a referral asks first, on a page of its own; going through with it brings the case back in triage.
        String otherSlug = "casepage-other-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Receiving Organisation", otherSlug);
        caseReferrals.refer(s.coordinator().member(), s.caseId(), otherSlug, true, false);
        driver.get(browser.url("/cases?lang=" + lang));
        browser.clickAndWaitForNextPage(driver.findElement(By.id("referrals-link")));
        WebElement row = driver.findElement(By.xpath("//tr[th[normalize-space()='" + s.reference() + "']]"));
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(row.findElement(By.cssSelector("button[type=submit]")));
        assertThat(driver.findElement(By.id("confirm-heading")).getText()).contains(withdrawHeading, s.reference(), otherSlug);
        assertThat(driver.findElement(By.id("confirm-consequences")).getText()).contains(otherSlug);
        assertThat(jdbc.sql("select handling from case_file where id = ?").param(s.caseId()).query(String.class).single())
                .as("nothing happens before the confirmation").isEqualTo("NEW");
        browser.screenshot("referral-withdrawal-confirm-" + lang);
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(driver.findElement(By.id("confirm-submit")));
        assertThat(driver.getCurrentUrl()).contains("/cases/" + s.caseId());
        assertThat(jdbc.sql("select handling from case_file where id = ?").param(s.caseId()).query(String.class).single()).isEqualTo("TRIAGE");
        browser.assertAccessible();
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
