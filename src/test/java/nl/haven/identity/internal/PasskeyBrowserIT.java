package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.TotpCodes;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Passkeys in Chromium with a virtual authenticator (CTAP2, built in, resident keys, user verification):
 * activation → password → TOTP → add a passkey at /account/passkeys → log out → log in with the passkey
 * alone → /staff; a deactivated account is refused; after the passkey is removed it no longer logs in.
 * The origin the browser reports must be one Haven accepts, so this test runs on a port it chooses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class PasskeyBrowserIT {
    static final int PORT = freePort();

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
        registry.add("server.port", () -> PORT);
        registry.add("haven.webauthn.rp-id", () -> "localhost");
        registry.add("haven.webauthn.origins", () -> "http://localhost:" + PORT);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Autowired
    IdentityManagement identity;
    @Autowired
    UserStore users;
    @Autowired
    JdbcClient jdbc;

    long events(String action, UserId user) {
        return jdbc.sql("select count(*) from audit_event where action = ? and subject_id = ?").params(action, user.value().toString())
                .query(Long.class).single();
    }

    static void submit(WebDriver driver) {
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
    }

    void logInWithPasskey(WebDriver driver) {
        driver.get(browser.url("/login"));
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-login")));
        driver.findElement(By.id("passkey-login")).click();
        // Spring Security's script moves on by itself: to /staff, or to /login?error.
        browser.waitFor(d -> d.getCurrentUrl().contains("/staff") || d.getCurrentUrl().contains("/login?error"));
    }

    @Test
    void registerLogInWithThePasskeyAloneRemoveIt() throws Exception {
        String slug = "passkey-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("Passkey Test Organisation", slug);
        String email = "lawyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "LAWYER", "Test Lawyer");
        UserId user = invitation.user();

        WebDriver driver = browser.open("/activate/" + invitation.token());
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2).setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true));
        LoginBrowserIT.type(driver, "password", LoginBrowserIT.PASSWORD);
        LoginBrowserIT.type(driver, "repeat", LoginBrowserIT.PASSWORD);
        submit(driver);

        // Password + TOTP, as LoginBrowserIT.
        driver.get(browser.url("/login"));
        LoginBrowserIT.type(driver, "username", email);
        LoginBrowserIT.type(driver, "password", LoginBrowserIT.PASSWORD);
        submit(driver);
        assertThat(driver.getCurrentUrl()).contains("/mfa/enrol");
        String secret = driver.findElement(By.id("totp-secret")).getText();
        LoginBrowserIT.type(driver, "code", LoginBrowserIT.code(secret));
        submit(driver);
        assertThat(driver.findElements(By.cssSelector(".recovery-codes li"))).hasSize(10);

        // Add a passkey.
        browser.open("/staff");
        browser.clickAndWaitForNextPage(driver.findElement(By.id("passkeys-link")));
        assertThat(driver.getCurrentUrl()).contains("/account/passkeys");
        assertThat(driver.findElement(By.id("no-passkeys")).isDisplayed()).isTrue();
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-register")));
        browser.assertAccessible();
        LoginBrowserIT.type(driver, "passkey-label", "Test laptop");
        browser.clickAndWaitForNextPage(driver.findElement(By.id("passkey-register")));
        assertThat(driver.getCurrentUrl()).contains("/account/passkeys");
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("passkey is added");
        assertThat(driver.findElements(By.cssSelector("tr.passkey th")).stream().map(e -> e.getText()).toList()).containsExactly("Test laptop");
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(authenticator.getCredentials().get(0).isResidentCredential()).isTrue();
        browser.screenshot("passkeys");
        browser.assertAccessible();
        assertThat(events("auth.passkey-registered", user)).isEqualTo(1);

        // Log out; log in with the passkey alone: the full log-in of password + TOTP, in a new session.
        browser.open("/staff");
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("form[action^='/logout'] button")));
        assertThat(driver.getCurrentUrl()).contains("/login?logout");
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-login")));
        browser.assertAccessible();
        Timestamp lastUsed = jdbc.sql("select last_used from user_credentials").query(Timestamp.class).single();
        // The ceremony's options, asked for here as the script would: their challenge travels in a sealed cookie, never in
        // a session (issue #15: an anonymous request must not create one); the log-in then starts the session.
        Object started = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const s = document.getElementById('passkey-settings').dataset;
                fetch('/webauthn/authenticate/options', {method: 'POST', headers: {[s.csrfHeader]: s.csrfToken}})
                  .then(r => done(r.status), e => done(String(e)));""");
        assertThat(started).isEqualTo(200L);
        assertThat(driver.manage().getCookieNamed("SESSION")).isNull();
        driver.findElement(By.id("passkey-login")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/staff") || d.getCurrentUrl().contains("/login?error"));
        assertThat(driver.getCurrentUrl()).contains("/staff");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(email);
        String session = driver.manage().getCookieNamed("SESSION").getValue();
        assertThat(jdbc.sql("select last_used from user_credentials").query(Timestamp.class).single()).isAfter(lastUsed);
        // Case data (LAWYER) and the account pages (second factor) are open to this log-in.
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch('/api/v1/cases').then(r => done(r.status), e => done(String(e)));");
        assertThat(status).isEqualTo(200L);
        driver.get(browser.url("/account/passkeys"));
        assertThat(driver.findElements(By.cssSelector("tr.passkey"))).hasSize(1);
        assertThat(events("auth.passkey-login", user)).isEqualTo(1);

        // A deactivated account is refused, passkey or not.
        driver.get(browser.url("/staff"));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("form[action^='/logout'] button")));
        users.deactivate(org, user);
        logInWithPasskey(driver);
        assertThat(driver.getCurrentUrl()).contains("/login?error");
        driver.get(browser.url("/staff"));
        assertThat(driver.getCurrentUrl()).contains("/login");
        assertThat(events("auth.passkey-login", user)).isEqualTo(1);
        users.reactivate(org, user);
        logInWithPasskey(driver);
        assertThat(driver.getCurrentUrl()).contains("/staff");
        assertThat(driver.manage().getCookieNamed("SESSION").getValue()).isNotEqualTo(session);

        // Remove the passkey (a plain form): it no longer logs in, although the authenticator still has it.
        driver.get(browser.url("/account/passkeys"));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("tr.passkey button[type=submit]")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("passkey is removed");
        assertThat(driver.findElements(By.cssSelector("tr.passkey"))).isEmpty();
        assertThat(events("auth.passkey-removed", user)).isEqualTo(1);
        driver.get(browser.url("/staff"));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("form[action^='/logout'] button")));
        assertThat(authenticator.getCredentials()).hasSize(1);
        logInWithPasskey(driver);
        assertThat(driver.getCurrentUrl()).contains("/login?error");
        driver.get(browser.url("/staff"));
        assertThat(driver.getCurrentUrl()).contains("/login");
        assertThat(events("auth.passkey-login", user)).isEqualTo(2);
        // Audit events name ids only: no e-mail address, no credential id.
        assertThat(jdbc.sql("select count(*) from audit_event where action like 'auth.passkey%' and (actor like '%@%' or subject_id like '%@%')")
                .query(Long.class).single()).isZero();
        assertThat(List.of("auth.passkey-registered", "auth.passkey-login", "auth.passkey-removed")).allSatisfy(
                action -> assertThat(jdbc.sql("select subject_type from audit_event where action = ?").param(action).query(String.class).list())
                        .containsOnly("user"));
    }

    @Test
    @BrowserSupport.NoJavaScript
    void withoutJavaScriptPasswordAndCodeStillWorkAndNoPasskeyControlShows() throws Exception {
        String slug = "nojs-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("No Script Organisation", slug);
        String email = "intake-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "INTAKE", "Test Intake");
        identity.activate(invitation.token(), LoginBrowserIT.PASSWORD);
        String secret = identity.startEnrolment(invitation.user()).secret();
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(secret));

        WebDriver driver = browser.open("/login");
        assertThat(driver.findElement(By.id("passkey-login")).isDisplayed()).isFalse();
        browser.assertAccessible();
        LoginBrowserIT.type(driver, "username", email);
        LoginBrowserIT.type(driver, "password", LoginBrowserIT.PASSWORD);
        submit(driver);
        assertThat(driver.getCurrentUrl()).matches(".*/mfa\\?lang=[a-z]{2}"); // the log-in page posts with its language
        LoginBrowserIT.type(driver, "code", LoginBrowserIT.code(secret));
        submit(driver);
        assertThat(driver.getCurrentUrl()).contains("/staff");

        driver.get(browser.url("/account/passkeys"));
        assertThat(driver.findElement(By.id("passkey-register")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Adding a passkey needs JavaScript");
        browser.assertAccessible();
    }
}
