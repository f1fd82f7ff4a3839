package nl.haven.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The home page in a real browser: language switch, accessibility, and the not-found page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HomePageBrowserIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Autowired
    MessageSource messages;

    @Test
    void switchesFromEnglishToDutchAndBothAreAccessible() {
        String english = messages.getMessage("home.heading", null, Locale.ENGLISH);
        String dutch = messages.getMessage("home.heading", null, Locale.forLanguageTag("nl"));
        assertThat(dutch).isNotEqualTo(english);

        WebDriver page = browser.open("/");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo(english);
        assertThat(page.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        browser.screenshot("home-en");
        browser.assertAccessible();

        page.findElement(By.cssSelector("header nav.languages")).findElement(By.linkText("Nederlands")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.tagName("h1"), dutch));
        assertThat(page.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("nl");
        assertThat(page.getCurrentUrl()).endsWith("/?lang=nl");
        assertThat(page.findElement(By.cssSelector("header nav.languages a[aria-current='true']")).getText())
                .isEqualTo("Nederlands");
        browser.screenshot("home-nl");
        browser.assertAccessible();
    }

    @Test
    @BrowserSupport.NoJavaScript
    void languageSwitchWorksWithoutJavaScript() {
        WebDriver page = browser.open("/");
        assertThat(BrowserSupport.timersRun(page)).as("JavaScript is off").isFalse();
        browser.assertAccessible();

        page.findElement(By.cssSelector("header nav.languages")).findElement(By.linkText("Nederlands")).click();
        assertThat(page.findElement(By.tagName("h1")).getText())
                .isEqualTo(messages.getMessage("home.heading", null, Locale.forLanguageTag("nl")));
        assertThat(page.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("nl");
        BrowserSupport.assertAccessible(page);
    }

    @Test
    void unknownAddressShowsAnAccessibleNotFoundPageWithoutInternals() {
        // Under a public prefix: elsewhere an anonymous visitor is sent to the log-in page first (next test).
        WebDriver page = browser.open("/img/no-such-page");

        assertThat(page.findElement(By.tagName("h1")).getText())
                .isEqualTo(messages.getMessage("error.heading", new Object[] { 404 }, Locale.ENGLISH));
        assertThat(page.findElement(By.tagName("main")).getText())
                .contains(messages.getMessage("error.notFound", null, Locale.ENGLISH));
        assertNoInternals(page);
        browser.screenshot("not-found");
        browser.assertAccessible();
    }

    @Test
    void unknownStaffAddressAsksAnonymousVisitorsToLogInWithoutRevealingAnything() {
        WebDriver page = browser.open("/no-such-page");

        assertThat(page.getCurrentUrl()).isEqualTo(browser.url("/login"));
        assertThat(page.findElement(By.tagName("h1")).getText())
                .isEqualTo(messages.getMessage("login.heading", null, Locale.ENGLISH));
        assertNoInternals(page);
        browser.assertAccessible();
    }

    @Test
    void accessibilityCheckReportsWhatItFinds() {
        WebDriver page = browser.open("/");
        ((JavascriptExecutor) page).executeScript("const img = document.createElement('img');"
                + "img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';"
                + "document.querySelector('main').append(img);");

        assertThatThrownBy(browser::assertAccessible)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt [critical]")
                .hasMessageContaining("at [img]: <img src=\"data:image/gif");
    }

    private static void assertNoInternals(WebDriver page) {
        assertThat(page.getPageSource())
                .doesNotContain("Exception", "Whitelabel", "Caused by", "\tat ", "at org.", "at java.", "nl.haven.");
    }
}
