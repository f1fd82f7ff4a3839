package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseOpening;
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
 * The what-if without YAML (issue #19 point 9) in Chromium without JavaScript, in English and in Dutch, axe-core on every
 * page: an empty form names its fields; the filled form writes a change file and counts; that file pasted into the
 * expert's box gives the same table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class WhatIfBrowserIT {
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
    CaseOpening caseOpening;
    @Autowired
    StatisticsRelease release;
    @Autowired
    JdbcClient jdbc;

    @Test
    void inEnglish() {
        formAndPastedFileGiveTheSameAnswer("en", "Country: choose a country.", "Individual assessment", "Minor indications suffice (risk group)");
    }

    @Test
    void inDutch() {
        formAndPastedFileGiveTheSameAnswer("nl", "Land: kies een land.", "Individuele beoordeling", "Geringe indicaties volstaan (risicogroep)");
    }

    void formAndPastedFileGiveTheSameAnswer(String lang, String countryMissing, String before, String after) {
        String slug = "what-if-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("What-if Browser Organisation", slug);
        String email = "coordinator-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "COORDINATOR", "Browser coordinator");
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), code(enrolment.secret()));
        UUID org = jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single();
        StaffMember coordinator = staff.colleague(new OrgId(org), invitation.user()).orElseThrow();
        for (int i = 0; i < 6; i++) {
            open(coordinator, "US", "trans");
            open(coordinator, "US", "gay");
        }
        release.release();

        WebDriver driver = browser.open("/login");
        type(driver, "username", email);
        type(driver, "password", PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        type(driver, "code", code(enrolment.secret()));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");

        driver.get(browser.url("/statistics/what-if?lang=" + lang));
        browser.assertAccessible();
        // Sent empty: every required field is named at once, tied to its field.
        browser.clickAndWaitForNextPage(driver.findElement(By.id("what-if-form-submit")));
        assertThat(driver.findElement(By.id("wi-country-error")).getText()).isEqualTo(countryMissing);
        assertThat(driver.findElement(By.id("wi-country")).getAttribute("aria-describedby")).isEqualTo("wi-country-error");
        assertThat(driver.findElement(By.id("wi-groups-error")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("wi-kind-error")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("wi-from")).getAttribute("aria-describedby")).isEqualTo("wi-from-hint wi-from-error");
        assertThat(driver.findElements(By.id("what-if-table"))).isEmpty();
        browser.screenshot("what-if-form-refused-" + lang);
        browser.assertAccessible();

        new Select(driver.findElement(By.id("wi-country"))).selectByValue("US");
        driver.findElement(By.id("wi-group-trans")).click();
        new Select(driver.findElement(By.id("wi-kind"))).selectByValue("RISK_GROUP");
        type(driver, "wi-from", "2026-01-01");
        browser.clickAndWaitForNextPage(driver.findElement(By.id("what-if-form-submit")));
        String formTable = driver.findElement(By.id("what-if-table")).getText();
        assertThat(formTable).contains(before + " " + after + " 6");
        String yaml = driver.findElement(By.id("generated-yaml")).getAttribute("textContent");
        assertThat(yaml).startsWith("schemaVersion: 1").contains("kind: RISK_GROUP");
        assertThat(new Select(driver.findElement(By.id("wi-country"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("US");
        browser.screenshot("what-if-form-" + lang);
        browser.assertAccessible();

        // The expert's box, given the file the form showed.
        type(driver, "change", yaml);
        browser.clickAndWaitForNextPage(driver.findElement(By.id("what-if-expert-submit")));
        assertThat(driver.findElements(By.id("generated-yaml"))).isEmpty();
        assertThat(driver.findElement(By.id("what-if-table")).getText()).isEqualTo(formTable);
        assertThat(driver.getCurrentUrl()).contains("lang=" + lang);
        browser.assertAccessible();
    }

    void open(StaffMember coordinator, String nationality, String group) {
        caseOpening.open(coordinator, new NewCase(nationality, null, new CaseDetails("Robin", null, null, List.of(group), List.of(), false, null,
                null, null, Map.of()), "STAFF"));
    }

    static String code(String secret) {
        try {
            return TotpCodes.fresh(secret);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Types into a field; a date field and the change file's box are set as a date picker and a paste would set them. */
    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        if ("date".equals(field.getAttribute("type")) || "textarea".equals(field.getTagName())) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, text);
            return;
        }
        field.clear();
        field.sendKeys(text);
    }
}
