package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseMoves;
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
 * Issue #19, points 1 and 2, in Chromium without JavaScript, in English and Dutch, axe-core on every page: two requests
 * come in through the public intake; the organisation answers one and the person replies through the follow-up page.
 * The coordinator's day lists the other as a new request and the answered one as an unread reply, each a link to its
 * case; once the coordinator has opened the answered one, the queue marks them "new" and "reply waiting" in words, labels them with the name the person uses, and the
 * coordinator assigns both to a caseworker with priority 1 in one form ("2 cases assigned to …"). A caseworker's
 * queue has no bulk form, and a bulk post forged from their page is refused (403).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class QueueDayBrowserIT {
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
    CaseMoves moves;
    @Autowired
    CaseConversation conversation;
    @Autowired
    JdbcClient jdbc;

    record Account(StaffMember member, String email, String secret) {
    }

    record Texts(String lang, String newMarker, String replyWaitingMarker, String assigned) {
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

    void logIn(WebDriver driver, Account account, String lang) throws Exception {
        driver.get(browser.url("/login?lang=" + lang));
        driver.findElement(By.id("username")).sendKeys(account.email());
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        driver.findElement(By.id("code")).sendKeys(TotpCodes.fresh(account.secret()));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");
    }

    /** A request through the public intake page; returns the reference and the codename the page shows. */
    String[] request(WebDriver driver, String slug, String lang, String name) {
        driver.get(browser.url("/intake/" + slug + "?lang=" + lang));
        driver.findElement(By.id("nameUsed")).sendKeys(name);
        driver.findElement(By.id("group-nonbinary")).click();
        new Select(driver.findElement(By.id("nationality"))).selectByValue("RU");
        driver.findElement(By.id("message")).sendKeys("Queue browser request");
        driver.findElement(By.id("contactChannel-none")).click();
        driver.findElement(By.id("consentProcessing")).click();
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("button[type=submit]")));
        return new String[] { driver.findElement(By.id("reference")).getText(), driver.findElement(By.id("codename")).getText() };
    }

    UUID caseId(String reference) {
        return jdbc.sql("select id from case_file where reference = ?").param(reference).query(UUID.class).single();
    }

    void dayQueueAndBulk(Texts t) throws Exception {
        String slug = "queue-" + t.lang() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Queue Browser Organisation", slug);
        Account coordinator = account(slug, "COORDINATOR");
        Account caseworker = account(slug, "CASEWORKER");
        WebDriver driver = browser.driver();

        // The person's side: one request answered by the organisation and replied to, one new request.
        String[] answered = request(driver, slug, t.lang(), "Alex " + t.lang());
        UUID answeredId = caseId(answered[0]);
        moves.transition(coordinator.member(), answeredId, new CaseWorkflow.Request("TRIAGE", null, null, 3));
        conversation.sendMessage(coordinator.member(), answeredId, "Can you tell us more?");
        driver.get(browser.url("/follow-up?lang=" + t.lang()));
        driver.findElement(By.id("codename")).sendKeys(answered[1]);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("button[type=submit]")));
        driver.findElement(By.id("message")).sendKeys("Yes, here is more.");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("button[type=submit]")));
        String[] fresh = request(driver, slug, t.lang(), "Sam " + t.lang());
        UUID freshId = caseId(fresh[0]);

        // The coordinator's day: the new request and the reply, each a link to its case.
        logIn(driver, coordinator, t.lang());
        browser.clickAndWaitForNextPage(driver.findElement(By.id("today-link")));
        browser.assertAccessible();
        WebElement newRequests = driver.findElement(By.id("today-newRequests-items"));
        WebElement replies = driver.findElement(By.id("today-unreadReplies-items"));
        assertThat(newRequests.findElement(By.linkText(fresh[0])).getAttribute("href")).contains("/cases/" + freshId);
        assertThat(replies.findElement(By.linkText(answered[0])).getAttribute("href")).contains("/cases/" + answeredId);
        assertThat(replies.getText()).doesNotContain(fresh[0]);
        if ("en".equals(t.lang())) {
            browser.screenshot("staff-home-1280");
        }
        browser.clickAndWaitForNextPage(replies.findElement(By.linkText(answered[0])));
        assertThat(driver.getCurrentUrl()).contains("/cases/" + answeredId);

        // The queue: markers in words and the name each person uses.
        driver.get(browser.url("/cases?lang=" + t.lang()));
        browser.assertAccessible();
        WebElement freshRow = driver.findElement(By.id("case-" + freshId));
        WebElement answeredRow = driver.findElement(By.id("case-" + answeredId));
        assertThat(freshRow.findElement(By.cssSelector(".marker-new")).getText()).isEqualToIgnoringCase(t.newMarker());
        assertThat(freshRow.findElements(By.cssSelector(".marker-unread, .marker-reply-waiting"))).isEmpty();
        assertThat(freshRow.findElement(By.cssSelector(".case-label")).getText()).isEqualTo("Sam " + t.lang());
        // The coordinator has just opened it, so it is no longer unread for them; the person still waits for an answer.
        assertThat(answeredRow.findElements(By.cssSelector(".marker-unread"))).isEmpty();
        assertThat(answeredRow.findElement(By.cssSelector(".marker-reply-waiting")).getText()).isEqualToIgnoringCase(t.replyWaitingMarker());
        assertThat(answeredRow.findElements(By.cssSelector(".marker-new"))).isEmpty();
        assertThat(answeredRow.findElement(By.cssSelector(".case-label")).getText()).isEqualTo("Alex " + t.lang());
        if ("en".equals(t.lang())) {
            // The filters fill the first screen: the picture starts at the bulk form, with the rows under it.
            ((JavascriptExecutor) driver).executeScript("document.getElementById('bulk-form').scrollIntoView();");
            browser.screenshot("queue-1280");
        }

        // Bulk: both cases to the caseworker with priority 1, in one form.
        driver.findElement(By.id("tick-" + freshId)).click();
        driver.findElement(By.id("tick-" + answeredId)).click();
        new Select(driver.findElement(By.id("bulk-assignee"))).selectByValue(caseworker.member().id().value().toString());
        new Select(driver.findElement(By.id("bulk-priority"))).selectByValue("1");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#bulk-form button[type=submit]")));
        assertThat(driver.findElement(By.id("bulk-done")).getText()).contains(t.assigned());
        browser.assertAccessible();
        for (UUID id : List.of(freshId, answeredId)) {
            assertThat(jdbc.sql("select assignee_id from case_file where id = ?").param(id).query(UUID.class).single())
                    .isEqualTo(caseworker.member().id().value());
            assertThat(jdbc.sql("select priority from case_file where id = ?").param(id).query(Integer.class).single()).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'case.assigned' and subject_id in (?, ?)")
                .params(freshId.toString(), answeredId.toString()).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'case.priority-changed' and subject_id in (?, ?)")
                .params(freshId.toString(), answeredId.toString()).query(Long.class).single()).isEqualTo(2);

        // The caseworker: no bulk form, and a bulk post forged from their queue page is refused.
        driver.findElement(By.cssSelector("form.logout button")).click();
        logIn(driver, caseworker, t.lang());
        driver.get(browser.url("/cases?lang=" + t.lang()));
        assertThat(driver.findElements(By.id("bulk-form"))).isEmpty();
        assertThat(driver.findElements(By.id("tick-" + freshId))).isEmpty();
        WebElement search = driver.findElement(By.id("search-form"));
        ((JavascriptExecutor) driver).executeScript("var f = arguments[0]; f.action = '/cases/bulk';"
                + "[['ids', arguments[1]], ['priority', '3']].forEach(function (p) { var i = document.createElement('input');"
                + "i.type = 'hidden'; i.name = p[0]; i.value = p[1]; f.appendChild(i); });", search, freshId.toString());
        browser.clickAndWaitForNextPage(search.findElement(By.cssSelector("button[type=submit]")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("403");
        assertThat(jdbc.sql("select priority from case_file where id = ?").param(freshId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theDayTheQueueAndBulkAssignInEnglish() throws Exception {
        dayQueueAndBulk(new Texts("en", "New", "Reply waiting", "2 cases assigned to Browser caseworker."));
    }

    @Test
    void theDayTheQueueAndBulkAssignInDutch() throws Exception {
        dayQueueAndBulk(new Texts("nl", "Nieuw", "Reactie wacht", "2 zaken toegewezen aan Browser caseworker."));
    }
}
