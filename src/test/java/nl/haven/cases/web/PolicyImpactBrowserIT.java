package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseDecisionSupport;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.PolicyImpact;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.StaffMember;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicySource;
import nl.haven.shared.OrgId;
import nl.haven.testing.TotpCodes;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #17 in Chromium without JavaScript, axe-core on every page: Haven runs with the shipped data set plus the example
 * change (trans people from the US a risk group from 2026-01-01), after a start with the shipped set alone (recorded in
 * the ledger here, as that start would have). The coordinator sees the summary on the staff home (counts only), the
 * case page the task "Policy changed: review" and the timeline entry with the old and the new framework, and the
 * decision-support page whether the recorded framework is still current.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "haven.policy.change=docs/examples/what-if-us-trans-risk-group-2026.yaml", "haven.policy.impact-at-start=false" })
@BrowserSupport.NoJavaScript
class PolicyImpactBrowserIT {
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
    CaseReading caseReading;
    @Autowired
    CaseDecisionSupport support;
    @Autowired
    PolicyImpact impact;
    @Autowired
    PolicyEngine engine;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theCoordinatorSeesTheSummaryTheTaskTheTimelineAndTheRecordedFramework() {
        String slug = "impact-browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Impact Browser Organisation", slug);
        String email = "coordinator-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "COORDINATOR", "Browser coordinator");
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), code(enrolment.secret()));
        UUID org = jdbc.sql("select org_id from app_user where id = ?").param(invitation.user().value()).query(UUID.class).single();
        StaffMember coordinator = staff.colleague(new OrgId(org), invitation.user()).orElseThrow();
        UUID id = caseOpening.open(coordinator, new NewCase("US", null, new CaseDetails("Robin", "she/her", null, List.of("trans"),
                List.of(), false, "I need advice.", "en", null, Map.of()), "STAFF")).id();
        support.record(coordinator, id, null, null, null, "en");

        // The start before this one ran with the shipped data set.
        PolicyDataSet shipped = PolicyDataSet.shipped();
        jdbc.sql("insert into policy_impact_dataset (version, files, first_seen_on, first_seen_at) values (?, ?, date '2026-11-01', "
                + "timestamp with time zone '2026-11-01 00:00:00+00')")
                .params(shipped.version(), JsonMapper.builder().build().writeValueAsString(
                        new PolicySource(PolicyFiles.shipped(), null, null).asMap()))
                .update();
        assertThat(engine.dataSet().version()).isNotEqualTo(shipped.version());
        assertThat(impact.runDue()).filteredOn(PolicyImpact.Run::ranNow).singleElement()
                .satisfies(run -> assertThat(run.casesChanged()).isGreaterThanOrEqualTo(1));

        WebDriver driver = browser.open("/login");
        type(driver, "username", email);
        type(driver, "password", PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        type(driver, "code", code(enrolment.secret()));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");
        String notice = driver.findElement(By.id("notices")).getText();
        assertThat(notice).contains("Policy changes", "1 open cases", "Policy changed: review").doesNotContain("Robin");
        browser.assertAccessible();

        browser.clickAndWaitForNextPage(driver.findElement(By.id("cases-link")));
        String reference = caseReading.get(coordinator, id).reference();
        browser.clickAndWaitForNextPage(driver.findElement(By.linkText(reference)));
        assertThat(driver.findElement(By.cssSelector("table.tasks")).getText()).contains("Policy changed: review");
        assertThat(driver.findElement(By.cssSelector("table.timeline")).getText()).contains("Policy changed: framework to review",
                "Individual assessment", "Minor indications suffice", "what-if-us-trans-2026");
        browser.assertAccessible();

        driver.get(browser.url("/cases/" + id + "/decision-support"));
        assertThat(driver.findElement(By.cssSelector("td.framework-now")).getText()).isNotBlank();
        browser.assertAccessible();
    }

    static String code(String secret) {
        try {
            return TotpCodes.fresh(secret);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void type(WebDriver driver, String id, String text) {
        driver.findElement(By.id(id)).clear();
        driver.findElement(By.id(id)).sendKeys(text);
    }
}
