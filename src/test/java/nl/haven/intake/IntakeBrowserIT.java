package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.shared.Languages;
import nl.haven.testing.StaffFixture;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SECURITY.md S6 in Chromium with JavaScript switched off: the whole intake (form with a file, answer page with the
 * codename) and the follow-up (codename, the organisation's reply, an answer) in English, Dutch and Russian, every page
 * checked with axe-core; and a crawl of the public pages in which Chromium requests nothing from another origin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class IntakeBrowserIT {
    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseConversation caseConversation;
    @Autowired
    JdbcClient jdbc;

    StaffFixture staff;

    @BeforeEach
    void organisation() {
        staff = StaffFixture.create(identity, "browser");
    }

    record Texts(String lang, String heading, String received, String codenameHeading, String reply, String answer, String sent) {
    }

    void wholeIntakeAndFollowUp(Texts t) throws Exception {
        WebDriver driver = browser.open("/intake/" + staff.slug() + "?lang=" + t.lang());
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(t.heading());
        assertThat(driver.findElement(By.cssSelector("a.quick-exit")).getAttribute("href")).startsWith("https://");
        assertThat(driver.findElement(By.cssSelector("a.quick-exit")).isDisplayed()).isTrue();
        browser.assertAccessible();
        driver.findElement(By.id("nameUsed")).sendKeys("Sam");
        driver.findElement(By.id("pronouns")).sendKeys("they/them");
        driver.findElement(By.id("group-nonbinary")).click();
        new Select(driver.findElement(By.id("nationality"))).selectByValue("RU");
        new Select(driver.findElement(By.id("countryOfResidence"))).selectByValue("GE");
        driver.findElement(By.id("message")).sendKeys("Browser request in " + t.lang());
        driver.findElement(By.id("contactChannel-none")).click();
        Path photo = Files.createTempFile("photo", ".png");
        Files.write(photo, IntakeFixture.png(30, 30));
        driver.findElement(By.id("files")).sendKeys(photo.toAbsolutePath().toString());
        driver.findElement(By.id("consentProcessing")).click();
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("button[type=submit]")));
        Files.delete(photo);

        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(t.received());
        assertThat(driver.findElement(By.id("codename-heading")).getText()).isEqualTo(t.codenameHeading());
        String codename = driver.findElement(By.id("codename")).getText();
        String reference = driver.findElement(By.id("reference")).getText();
        assertThat(codename).as("seven words, or digit groups where the language has no word list").matches("\\S+( \\S+){6}|[0-9]{5}( [0-9]{5}){4}");
        assertThat(driver.getCurrentUrl()).doesNotContain(codename.split(" ")[0]).doesNotContain("Sam");
        browser.assertAccessible();
        browser.screenshot("intake-received-" + t.lang());

        UUID caseId = jdbc.sql("select id from case_file where reference = ?").param(reference).query(UUID.class).single();
        assertThat(jdbc.sql("select count(*) from case_document where case_id = ?").param(caseId).query(Long.class).single()).isEqualTo(1);
        caseConversation.sendMessage(staff.member(Role.COORDINATOR), caseId, t.reply());

        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main a[href^='/follow-up'], main .receipt-follow-up button")));
        if (driver.findElements(By.id("codename")).isEmpty()) {
            // the receipt's button opened the request with the codename it carries: start again from the empty form
            browser.open("/follow-up?lang=" + t.lang());
        }
        browser.assertAccessible();
        driver.findElement(By.id("codename")).sendKeys(codename);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("ol.thread")).getText()).contains(t.reply()).doesNotContain("Browser request");
        assertThat(driver.getCurrentUrl()).doesNotContain(codename.split(" ")[0]);
        browser.assertAccessible();
        driver.findElement(By.id("message")).sendKeys(t.answer());
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo(t.sent());
        assertThat(driver.findElement(By.cssSelector("ol.thread")).getText()).contains(t.answer());
        browser.assertAccessible();
        browser.screenshot("follow-up-" + t.lang());
        assertThat(driver.manage().getCookies()).extracting(Cookie::getName).containsOnly("XSRF-TOKEN");
        assertSameOrigin(browser.requestedUrls());
    }

    void assertSameOrigin(List<String> urls) {
        String origin = browser.url("/");
        origin = origin.substring(0, origin.length() - 1);
        assertThat(urls).as("requests Chromium made").isNotEmpty();
        for (String url : urls) {
            // Chromium's own pages (chrome://new-tab-page at start-up, about:blank) are not requests to anyone.
            if (url.matches("(?i)(https?|wss?|ftp)://.*")) {
                assertThat(url.startsWith(origin + "/") || url.equals(origin)).as("request to %s", url).isTrue();
            } else {
                assertThat(url).as("request to %s", url).matches("(chrome|about|data):.*");
            }
        }
    }

    @Test
    void wholeIntakeAndFollowUpInEnglishWithoutJavaScript() throws Exception {
        wholeIntakeAndFollowUp(new Texts("en", "Ask", "We have received your request", "Your codename", "We will call you on Tuesday.",
                "Tuesday is fine.", "Your message has been sent."));
    }

    @Test
    void wholeIntakeAndFollowUpInDutchWithoutJavaScript() throws Exception {
        wholeIntakeAndFollowUp(new Texts("nl", "Vraag", "We hebben uw vraag ontvangen", "Uw codenaam", "We bellen u dinsdag.",
                "Dinsdag is goed.", "Uw bericht is verstuurd."));
    }

    @Test
    void wholeIntakeAndFollowUpInRussianWithoutJavaScript() throws Exception {
        wholeIntakeAndFollowUp(new Texts("ru", "Обратиться", "Мы получили ваше обращение", "Ваше кодовое имя", "Мы позвоним вам во вторник.",
                "Вторник подходит.", "Ваше сообщение отправлено."));
    }

    /** Every public page reachable by a link from the home page, the intake form and the follow-up page, in each language. */
    @Test
    void aCrawlOfThePublicPagesRequestsNothingFromAnotherOrigin() {
        String origin = browser.url("/").substring(0, browser.url("/").length() - 1);
        Deque<String> todo = new ArrayDeque<>();
        for (String lang : Languages.codes()) { // every language of the registry (#20)
            todo.add("/?lang=" + lang);
            todo.add("/intake/" + staff.slug() + "?lang=" + lang);
            todo.add("/follow-up?lang=" + lang);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> requested = new ArrayList<>();
        while (!todo.isEmpty() && seen.size() < 100) {
            String path = todo.poll();
            if (!seen.add(path)) {
                continue;
            }
            WebDriver driver = browser.open(path);
            for (WebElement link : driver.findElements(By.cssSelector("a[href]"))) {
                String href = link.getAttribute("href");
                if (href != null && href.startsWith(origin + "/") && !href.contains("/logout") && !href.contains("#")) {
                    String next = href.substring(origin.length());
                    if (!next.startsWith("/staff") && !next.startsWith("/swagger") && !next.startsWith("/v3/")) {
                        todo.add(next);
                    }
                }
            }
            requested.addAll(browser.requestedUrls());
        }
        assertThat(seen).hasSizeGreaterThan(30);
        assertThat(requested).anyMatch(u -> u.contains("/css/"));
        assertSameOrigin(requested);
    }
}
