package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.Language;
import nl.haven.shared.Languages;
import nl.haven.testing.StaffFixture;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #20's acceptance for points 3 and 4, in Chromium with JavaScript off, one application and one browser for all
 * ten languages of the registry: the intake with a file → the receipt (the codename, words or digit groups) → the
 * receipt's language switch (a POST: the same receipt, the same codename, in the other language, nothing of it in the
 * URL) → the receipt's follow-up button (the request's status in the person's words) → a file added later. Arabic at
 * 375 px is photographed ({@code intake-ar-375}, {@code receipt-ar-375}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@BrowserSupport.NoJavaScript
class TenLanguagesBrowserIT {
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
    MessageSource messages;

    String text(String key, Language language) {
        return messages.getMessage(key, null, Locale.forLanguageTag(language.code()));
    }

    @Test
    void intakeReceiptAndFollowUpInEveryLanguage() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "ten");
        List<Language> all = Languages.all();
        Path photo = Files.createTempFile("photo", ".png");
        Files.write(photo, IntakeFixture.png(30, 30));
        try {
            for (int i = 0; i < all.size(); i++) {
                Language language = all.get(i);
                Language other = all.get((i + 1) % all.size());
                boolean arabic = "ar".equals(language.code());
                browser.driver().manage().window().setSize(arabic ? new Dimension(375, 812) : new Dimension(1280, 900));
                WebDriver driver = browser.open("/intake/" + staff.slug() + "?lang=" + language.code());
                assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo(language.direction().attribute());
                assertThat(driver.findElement(By.cssSelector("main .follow-up-link a")).getAttribute("href")).contains("/follow-up");
                if (arabic) {
                    browser.screenshot("intake-ar-375");
                }
                driver.findElement(By.id("message")).sendKeys("Request " + language.code());
                // As a person would: scrolled to the middle of the screen first, not left under the phone's quick-exit bar.
                browser.scrollToMiddle(driver.findElement(By.id("contactChannel-none"))).click();
                driver.findElement(By.id("files")).sendKeys(photo.toAbsolutePath().toString());
                browser.scrollToMiddle(driver.findElement(By.id("consentProcessing"))).click();
                browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main form button[type=submit]")));

                String codename = driver.findElement(By.id("codename")).getText();
                String reference = driver.findElement(By.id("reference")).getText();
                assertThat(driver.findElement(By.id("leave-warning")).getText()).isEqualTo(text("intake.receipt.leave", language));
                if (arabic) {
                    browser.screenshot("receipt-ar-375");
                }
                browser.assertAccessible();

                // the language switch re-renders this receipt: same codename, other language, nothing in the URL
                // On a phone the language buttons are in the header's menu: open it first, as a person would (one tap).
                java.util.List<WebElement> menus = driver.findElements(By.cssSelector("header details.menu"));
                if (!menus.isEmpty() && menus.get(0).isDisplayed() && menus.get(0).getDomAttribute("open") == null) {
                    menus.get(0).findElement(By.tagName("summary")).click();
                }
                WebElement switchTo = driver.findElements(By.cssSelector("nav.languages button[value='" + other.code() + "']")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElseThrow();
                browser.clickAndWaitForNextPage(switchTo);
                assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).as(language.code()).isEqualTo(other.code());
                assertThat(driver.findElement(By.id("codename")).getText()).as(language.code()).isEqualTo(codename);
                assertThat(driver.findElement(By.id("reference")).getText()).isEqualTo(reference);
                assertThat(driver.getCurrentUrl()).doesNotContain(codename.split(" ")[0]);
                assertThat(jdbc.sql("select count(*) from case_file where reference = ?").param(reference).query(Long.class).single())
                        .as("no second request").isEqualTo(1);

                // follow up from the receipt: the status in the person's words, then a file added later
                browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector(".receipt-follow-up button")));
                assertThat(driver.findElement(By.id("status")).getText()).isEqualTo(text("intake.followUp.status.received", other));
                driver.findElement(By.id("files")).sendKeys(photo.toAbsolutePath().toString());
                browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#add-files button[type=submit]")));
                assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo(text("intake.followUp.files.sent", other));
                assertThat(driver.getCurrentUrl()).doesNotContain(codename.split(" ")[0]);
                browser.assertAccessible();
                UUID caseId = jdbc.sql("select id from case_file where reference = ?").param(reference).query(UUID.class).single();
                assertThat(jdbc.sql("select count(*) from case_document where case_id = ?").param(caseId).query(Long.class).single())
                        .as("the intake's file and the later one").isEqualTo(2);
            }
        } finally {
            Files.delete(photo);
        }
    }
}
