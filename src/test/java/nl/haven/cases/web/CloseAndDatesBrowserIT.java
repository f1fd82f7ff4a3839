package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseReading;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #19 acceptance for points 5 and 6, in Chromium without JavaScript, in English and in Dutch (one browser each),
 * axe-core on every page: Close shows a confirmation page of its own and the case stays open until it is confirmed
 * (going back changes nothing); a day in the future for "the day it happened" is refused with a message that starts
 * with the field's own label, in the page's language, and nothing moves. The language stays through every form post.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class CloseAndDatesBrowserIT {
    static final String PASSWORD = "saffron beacon tundra forty";

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

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        if ("date".equals(field.getAttribute("type"))) {
            // A date field takes the value its picker would set (ISO); keystrokes depend on the browser's locale.
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, text);
            return;
        }
        field.clear();
        field.sendKeys(text);
    }

    void click(WebDriver driver, String css) {
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector(css)));
    }

    @Test
    void inEnglish() {
        closeAndDates("en", "Close case %s?", "is in the future", "Accepted – Preparing the application", "Closed");
    }

    @Test
    void inDutch() {
        closeAndDates("nl", "Zaak %s sluiten?", "ligt in de toekomst", null, "Gesloten");
    }

    void closeAndDates(String lang, String heading, String future, String preparing, String closed) {
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

        WebDriver driver = browser.open("/login?lang=" + lang);
        type(driver, "username", caseworker.email());
        type(driver, "password", PASSWORD);
        click(driver, "main button[type=submit]");
        type(driver, "code", TotpCodes.fresh(caseworker.secret()));
        click(driver, "main button[type=submit]");
        assertThat(driver.getCurrentUrl()).endsWith("/staff?lang=" + lang);

        driver.get(browser.url("/cases/" + id + "?lang=" + lang));
        String state = driver.findElement(By.id("case-state")).getText();
        if (preparing != null) {
            assertThat(state).isEqualTo(preparing);
        }
        String label = driver.findElement(By.cssSelector("label[for='transition-APPLIED-date']")).getText().trim();
        assertThat(label).isNotBlank();
        type(driver, "transition-APPLIED-date", tomorrow.toString());
        click(driver, "#transition-APPLIED button[type=submit]");
        String error = driver.findElement(By.id("transition-APPLIED-date-error")).getText();
        assertThat(error).as("the message names the field by its label").startsWith(label.replaceAll("\\s*\\*$", ""));
        assertThat(error).contains(tomorrow.toString(), future);
        assertThat(driver.findElement(By.id("transition-APPLIED-date")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        assertThat(String.valueOf(caseReading.get(c, id).stage())).as("a refused date moves nothing").isEqualTo("PREPARING");
        browser.screenshot("future-date-refused-" + lang);
        browser.assertAccessible();

        click(driver, "#transition-CLOSED button[type=submit]");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(heading.formatted(reference));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        assertThat(driver.findElements(By.cssSelector("#confirm-consequences li"))).isNotEmpty();
        assertThat(caseReading.get(c, id).handling().name()).as("the confirmation page changes nothing").isEqualTo("ACCEPTED");
        browser.screenshot("close-confirm-" + lang);
        browser.assertAccessible();
        click(driver, "#confirm-cancel");
        assertThat(driver.findElement(By.id("case-state")).getText()).isEqualTo(state);
        assertThat(caseReading.get(c, id).handling().name()).as("going back changes nothing").isEqualTo("ACCEPTED");

        click(driver, "#transition-CLOSED button[type=submit]");
        click(driver, "#confirm-submit");
        assertThat(driver.getCurrentUrl()).contains("/cases/" + id + "?lang=" + lang);
        assertThat(driver.findElement(By.id("case-state")).getText()).startsWith(closed);
        assertThat(caseReading.get(c, id).handling().name()).isEqualTo("CLOSED");
        browser.assertAccessible();
    }
}
