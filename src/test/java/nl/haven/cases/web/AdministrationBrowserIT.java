package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseReading;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.TotpCodes;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #19 point 11 in Chromium without JavaScript, in English and in Dutch (one browser per language), with the
 * axe-core check on every new page: an administrator unlocks a locked account, saves the organisation's settings after a
 * refused quick-exit address, and filters the audit log; a coordinator chooses a referral partner from the list (and
 * goes back from its confirmation), then erases a case after its confirmation page, and finds the erasure in the audit
 * log by the case's id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class AdministrationBrowserIT {
    static final String PASSWORD = "walnut signal harbour thirteen";

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    CaseMoves caseMoves;
    @Autowired
    CaseReading caseReading;
    @Autowired
    CurrentStaff staff;
    @Autowired
    JdbcClient jdbc;

    record Account(UUID id, String email, String secret) {
    }

    Account account(String slug, String role) {
        String email = role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role, "Browser " + role.toLowerCase(Locale.ROOT));
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        return new Account(invitation.user().value(), email, enrolment.secret());
    }

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    WebDriver logIn(Account account, String lang) {
        WebDriver driver = browser.open("/login?lang=" + lang);
        type(driver, "username", account.email());
        type(driver, "password", PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        type(driver, "code", TotpCodes.fresh(account.secret()));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");
        return driver;
    }

    void lockOut(Account account) {
        for (int i = 0; i < IdentityManagement.LOCK_AFTER_FAILURES + 5; i++) {
            identity.passwordFailed(account.email());
        }
    }

    void logOut(WebDriver driver) {
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("form[action^='/logout'] button")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "en", "nl" })
    void administrationPagesWorkWithoutJavaScriptAndPassAxe(String lang) {
        boolean en = lang.equals("en");
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Administration " + slug, slug);
        String partner = "partner-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Partner " + partner, partner);
        Account admin = account(slug, "ADMIN");
        Account coordinator = account(slug, "COORDINATOR");
        Account caseworker = account(slug, "CASEWORKER");

        // 1. Unlock, from the users page. Locked by failed log-ins right before the page is opened, with enough failures
        // beyond the fifth that the wait (doubling, at most five minutes) outlasts a slow machine.
        WebDriver driver = logIn(admin, lang);
        lockOut(caseworker);
        driver.get(browser.url("/admin/users?lang=" + lang));
        WebElement row = driver.findElement(By.id("user-" + caseworker.id()));
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(row.findElement(By.cssSelector("form[action*='/unlock'] button")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
                .contains(en ? "The account is unlocked" : "Het account is ontgrendeld");
        assertThat(driver.findElements(By.cssSelector("#user-" + caseworker.id() + " form[action*='/unlock']"))).isEmpty();
        browser.screenshot("admin-unlocked-" + lang);
        browser.assertAccessible();

        // 2. Organisation settings: a refused address is named at its field, then saved.
        driver.get(browser.url("/staff?lang=" + lang));
        browser.clickAndWaitForNextPage(driver.findElement(By.id("admin-organisation-link")));
        browser.assertAccessible();
        type(driver, "quickExitUrl", "http://weather.example.org/");
        type(driver, "intakeWelcome", "Welcome <b>friends</b>.");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#settings-form button[type=submit]")));
        assertThat(driver.findElement(By.id("quickExitUrl-error")).getText()).startsWith(en ? "Quick-exit address:" : "Adres van de snelle uitgang:");
        assertThat(driver.findElement(By.id("quickExitUrl")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("admin-organisation-refused-" + lang);
        browser.assertAccessible();
        type(driver, "quickExitUrl", "https://weather.example.org/");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#settings-form button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains(en ? "The settings are saved" : "De instellingen zijn opgeslagen");
        browser.assertAccessible();
        driver.get(browser.url("/intake/" + slug + "?lang=" + lang));
        assertThat(driver.findElement(By.id("intake-welcome")).getText()).isEqualTo("Welcome <b>friends</b>.");
        assertThat(driver.findElement(By.cssSelector("a.quick-exit")).getAttribute("href")).isEqualTo("https://weather.example.org/");
        browser.assertAccessible();

        // 3. The audit log, filtered by the caseworker's id and a day typed the Dutch way.
        driver.get(browser.url("/staff?lang=" + lang));
        browser.clickAndWaitForNextPage(driver.findElement(By.id("audit-link")));
        type(driver, "audit-userId", caseworker.id().toString());
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#audit-filter button[type=submit]")));
        // In words, never the stored codes (they stay in the action's title).
        assertThat(driver.findElement(By.id("audit-events")).getText())
                .contains(en ? "Unlocked an account" : "Account ontgrendeld",
                        en ? "Log-in blocked for a while after repeated failures" : "Inloggen tijdelijk geblokkeerd na herhaalde mislukkingen")
                .doesNotContain("user.unlocked", "auth.locked");
        browser.screenshot("audit-log-" + lang);
        browser.assertAccessible();
        type(driver, "audit-userId", "not-an-id");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#audit-filter button[type=submit]")));
        assertThat(driver.findElement(By.id("audit-userId-error")).getText()).contains("not-an-id");
        browser.assertAccessible();
        logOut(driver);

        // 4. A coordinator: the referral partner from a list, then erasure after its confirmation page.
        UUID id = caseOpening.open(staff.colleague(new OrgId(orgOf(coordinator)), new UserId(coordinator.id()))
                .orElseThrow(), new NewCase("US", null, new CaseDetails("Robin", "she/her", null, List.of("trans"), List.of(), false, "help", "en",
                        null, Map.of()), "STAFF")).id();
        String reference = jdbc.sql("select reference from case_file where id = ?").param(id).query(String.class).single();
        driver = logIn(coordinator, lang);
        driver.get(browser.url("/cases/" + id + "?lang=" + lang));
        new Select(driver.findElement(By.id("referral-toOrg"))).selectByValue(partner);
        driver.findElement(By.id("referral-consent")).click();
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#referral-form button[type=submit]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(reference, "Partner " + partner);
        browser.screenshot("referral-partner-confirm-" + lang);
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(driver.findElement(By.id("confirm-cancel")));

        browser.clickAndWaitForNextPage(driver.findElement(By.id("erasure-link")));
        assertThat(driver.findElement(By.tagName("h1")).getText())
                .isEqualTo(en ? "Erase everything about case " + reference + "?" : "Alles over zaak " + reference + " wissen?");
        assertThat(driver.findElement(By.id("confirm-consequences")).getText()).contains(en ? "cannot be undone" : "niet ongedaan");
        browser.screenshot("erasure-confirm-" + lang);
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(driver.findElement(By.id("confirm-submit")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains(reference);
        assertThat(jdbc.sql("select erased_at is not null from case_file where id = ?").param(id).query(Boolean.class).single()).isTrue();
        browser.assertAccessible();

        driver.get(browser.url("/audit?lang=" + lang + "&caseId=" + id));
        assertThat(driver.findElement(By.id("audit-events")).getText())
                .contains(en ? "Erased the person’s data (GDPR)" : "Gegevens van de persoon gewist (AVG)").doesNotContain("case.erased", "Robin");
        browser.assertAccessible();
    }

    UUID orgOf(Account account) {
        return jdbc.sql("select org_id from app_user where id = ?").param(account.id()).query(UUID.class).single();
    }
}
