package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.policy.Deadline;
import nl.haven.policy.LegalTerms;
import nl.haven.policy.PolicyEngine;
import nl.haven.testing.TotpCodes;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16: the demo's cases get deadlines for today's dates. In Chromium without JavaScript, a coordinator of the demo
 * organisation moves the demo case in the extended procedure (applied 2 March 2026, before the EU Pact) to "intended
 * rejection received" with today's date and sees the response term as a task with its due date, although the law from
 * 12 June 2026 has no such step: procedure.yaml keeps the four weeks for applications lodged before that date (with a
 * warning that the transitional law is unconfirmed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.identity.demo=true")
@BrowserSupport.NoJavaScript
class DemoCaseDeadlineBrowserIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PolicyEngine engine;
    @Autowired
    Clock clock;

    @Test
    void aDemoCaseMovedToIntendedRejectionTodayGetsAResponseDeadline() {
        String email = "coordinator-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite("demo-trans-network", email, "COORDINATOR", "Browser coordinator");
        identity.activate(invitation.token(), CaseBrowserIT.PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        UUID org = jdbc.sql("select id from organisation where slug = 'demo-trans-network'").query(UUID.class).single();
        // Demo Gus: the one demo case whose current stage is the extended procedure (CaseDemoData).
        UUID id = jdbc.sql("select id from case_file where org_id = ? and stage = 'EXTENDED_PROCEDURE'").param(org).query(UUID.class).single();
        LocalDate applied = jdbc.sql("select application_date from case_file where id = ?").param(id).query(LocalDate.class).single();
        assertThat(applied).as("the demo application predates the EU Pact").isBefore(LocalDate.parse("2026-06-12"));
        LocalDate today = LocalDate.now(clock);

        WebDriver driver = browser.open("/login");
        CaseBrowserIT.type(driver, "username", email);
        CaseBrowserIT.type(driver, "password", CaseBrowserIT.PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        CaseBrowserIT.type(driver, "code", CaseBrowserIT.code(enrolment.secret()));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");

        driver.get(browser.url("/cases/" + id));
        CaseBrowserIT.type(driver, "transition-INTENDED_DECISION-date", today.toString());
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#transition-INTENDED_DECISION button[type=submit]")));
        String main = driver.findElement(By.tagName("main")).getText();
        assertThat(main).contains("The case moved to: ").doesNotContain("No task for");

        // The due date the data gives for today (worked out by hand in deadlines-golden.yaml for fixed dates), in the page.
        Deadline expected = LegalTerms.of(engine.dataSet()).due("response-to-intended-decision", today, null, applied);
        assertThat(expected.due()).isAfterOrEqualTo(today.plusWeeks(4)).isBefore(today.plusWeeks(4).plusDays(7));
        assertThat(expected.regime()).isEqualTo("vw2000-before-pact");
        WebElement task = driver.findElements(By.cssSelector("table.tasks tbody tr")).stream()
                .filter(r -> r.getText().contains("Response to an intended rejection")).findFirst().orElseThrow();
        assertThat(task.getText()).contains("legal deadline", expected.due().toString());
        browser.screenshot("demo-case-intended-rejection-today");
        browser.assertAccessible();
    }
}
