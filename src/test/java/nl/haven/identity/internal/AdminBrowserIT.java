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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In Chromium, with the axe-core check on every page: an administrator logs in with password and
 * TOTP, invites a user, sees the one-time link, changes the user's role and deactivates them; a user
 * creates an API token on their own page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminBrowserIT {
    static final String PASSWORD = "granite lantern orchard sixty";

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

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** An enrolled user of a new organisation; returns the TOTP secret. */
    String enrolledUser(String slug, String email, String role) {
        IdentityManagement.Invitation invitation = identity.invite(slug, email, role, "Browser " + role);
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        return enrolment.secret();
    }

    static String code(String secret) {
        try {
            return TotpCodes.fresh(secret); // a step not used before for this secret: Haven accepts each code once
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    WebDriver logIn(String email, String secret) {
        WebDriver driver = browser.open("/login");
        type(driver, "username", email);
        type(driver, "password", PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).matches(".*/mfa\\?lang=[a-z]{2}"); // the log-in page posts with its language
        type(driver, "code", code(secret));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");
        return driver;
    }

    @Test
    void anAdministratorInvitesAUserChangesTheRoleAndDeactivatesThem() {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Admin Organisation", slug);
        String adminEmail = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        WebDriver driver = logIn(adminEmail, enrolledUser(slug, adminEmail, "ADMIN"));

        browser.clickAndWaitForNextPage(driver.findElement(By.id("admin-users-link")));
        assertThat(driver.getCurrentUrl()).contains("/admin/users");
        assertThat(driver.findElement(By.tagName("table")).getText()).contains(adminEmail);
        browser.assertAccessible();

        // A wrong address first: the message names it and is tied to the field.
        type(driver, "email", "no-at-sign");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#invite-form button[type=submit]")));
        assertThat(driver.findElement(By.id("email-error")).getText()).contains("\"no-at-sign\" is not an e-mail address");
        assertThat(driver.findElement(By.id("email")).getAttribute("aria-describedby")).isEqualTo("email-error");
        browser.assertAccessible();

        String invited = "invited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        type(driver, "email", invited);
        type(driver, "displayName", "Invited Colleague");
        // A role without case access: its link is shown at once (a case-reading role waits for a coordinator's approval).
        new Select(driver.findElement(By.id("role"))).selectByValue("ANALYST");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#invite-form button[type=submit]")));
        String link = driver.findElement(By.id("activation-link")).getText();
        assertThat(link).startsWith(browser.url("/activate/"));
        assertThat(identity.activationValid(link.substring(link.lastIndexOf('/') + 1))).isTrue();
        browser.screenshot("admin-invited");
        browser.assertAccessible();

        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main a.button")));
        UUID id = jdbc.sql("select id from app_user where email = ?").param(invited).query(UUID.class).single();
        WebElement row = driver.findElement(By.id("user-" + id));
        assertThat(row.getText()).contains("Invited Colleague", "Analyst", "Invited").doesNotContain(link);
        new Select(row.findElement(By.id("role-" + id))).selectByValue("ADMIN");
        browser.clickAndWaitForNextPage(row.findElement(By.cssSelector("form[action*='/role'] button")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("The role is changed");
        assertThat(driver.findElement(By.cssSelector("#user-" + id + " td.role")).getText()).isEqualTo("Administrator");

        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#user-" + id + " form[action*='/deactivate'] button")));
        // Deactivating asks first, on a page of its own that names the account and says what will happen.
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Deactivate the account of Invited Colleague?");
        assertThat(driver.findElement(By.id("confirm-consequences")).getText()).contains("can no longer log in");
        browser.screenshot("admin-deactivate-confirm");
        browser.assertAccessible();
        browser.clickAndWaitForNextPage(driver.findElement(By.id("confirm-submit")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("The account is deactivated");
        assertThat(driver.findElement(By.cssSelector("#user-" + id + " td.status")).getText()).isEqualTo("Deactivated");
        assertThat(identity.activationValid(link.substring(link.lastIndexOf('/') + 1))).isFalse();
        browser.screenshot("admin-users");
        browser.assertAccessible();
    }

    @Test
    void aUserCreatesAnApiTokenOnTheirOwnPage() {
        String slug = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Browser Token Organisation", slug);
        String email = "analyst-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        WebDriver driver = logIn(email, enrolledUser(slug, email, "ANALYST"));
        assertThat(driver.findElements(By.id("admin-users-link"))).isEmpty();

        browser.clickAndWaitForNextPage(driver.findElement(By.id("api-tokens-link")));
        browser.assertAccessible();
        type(driver, "name", "statistics export");
        type(driver, "expiresDays", "400");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#token-form button[type=submit]")));
        assertThat(driver.findElement(By.id("expiresDays-error")).getText()).contains("\"400\" is not a valid lifetime");
        browser.assertAccessible();

        type(driver, "expiresDays", "30");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("#token-form button[type=submit]")));
        String token = driver.findElement(By.id("api-token")).getText();
        assertThat(identity.userOfToken(token)).isPresent();
        browser.assertAccessible();

        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main a.button")));
        assertThat(driver.findElement(By.tagName("table")).getText()).contains("statistics export", "active").doesNotContain(token);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("table form button")));
        assertThat(driver.findElement(By.tagName("table")).getText()).contains("revoked");
        assertThat(identity.userOfToken(token)).isEmpty();
        browser.screenshot("api-tokens");
        browser.assertAccessible();
    }
}
