package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.testing.TotpCodes;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Activation link → password → TOTP enrolment (the test computes the code) → log-in → log-out, in Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginBrowserIT {
    static final String PASSWORD = "copper meadow whistle ninety";

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Autowired
    IdentityManagement identity;

    static String code(String secret) throws Exception {
        // A step not used before for this secret: Haven accepts each code once.
        return TotpCodes.fresh(secret);
    }

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    static void submit(WebDriver driver) {
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
    }

    void logIn(WebDriver driver, String email, String password) {
        driver.get(browser.url("/login"));
        type(driver, "username", email);
        type(driver, "password", password);
        submit(driver);
    }

    @Test
    void activateEnrolLogInAndOut() throws Exception {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Test Organisation", slug);
        String email = "caseworker-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "CASEWORKER", "Test Caseworker");

        WebDriver driver = browser.open("/activate/" + invitation.token());
        browser.assertAccessible();
        type(driver, "password", "password12345");
        type(driver, "repeat", "password12345");
        submit(driver);
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("too common");
        type(driver, "password", PASSWORD);
        type(driver, "repeat", PASSWORD);
        submit(driver);
        assertThat(driver.getCurrentUrl()).contains("/login?activated");
        browser.assertAccessible();

        logIn(driver, email, PASSWORD);
        assertThat(driver.getCurrentUrl()).contains("/mfa/enrol");
        browser.assertAccessible();
        String secret = driver.findElement(By.id("totp-secret")).getText();
        type(driver, "code", "000000");
        submit(driver);
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("not right");
        type(driver, "code", code(secret));
        submit(driver);
        assertThat(driver.findElements(By.cssSelector(".recovery-codes li"))).hasSize(10);
        browser.screenshot("recovery-codes");
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("a.button")));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(email);

        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("form[action^='/logout'] button")));
        assertThat(driver.getCurrentUrl()).contains("/login?logout");
        driver.get(browser.url("/staff"));
        assertThat(driver.getCurrentUrl()).contains("/login");

        // Log in again: the code is asked for; five wrong codes lock the account.
        logIn(driver, email, PASSWORD);
        assertThat(driver.getCurrentUrl()).matches(".*/mfa\\?lang=[a-z]{2}"); // the log-in page posts with its language
        for (int i = 0; i < 5; i++) {
            type(driver, "code", "111111");
            submit(driver);
        }
        type(driver, "code", code(secret));
        submit(driver);
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("locked");
        logIn(driver, email, PASSWORD);
        assertThat(driver.getCurrentUrl()).contains("/login?error");
    }
}
