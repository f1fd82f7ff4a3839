package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue #19 point 7, acceptance, in Chromium without JavaScript, in English and in Dutch (one browser per language): every
 * staff page — the list taken from the application's own GET handlers that render a page, not typed here, with the
 * demo's ids for the ones that need an id — shown to a caseworker, a coordinator and an administrator of the demo trans
 * network has the staff header (Home, Cases and Statistics for those who may, Users for the administrator, Account, Log
 * out) in the page's language, passes axe-core, and its Log out works: the session ends and the log-in page says so in
 * the same language. A page the role may not open is the 403 page, with Log out too. Each log-in is a new demo colleague
 * (a TOTP code is accepted once). And someone who has not finished setting up the second factor can log out from there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.identity.demo=true")
@BrowserSupport.NoJavaScript
class StaffPagesBrowserIT {
    static final String PASSWORD = "lantern orchard pebble sixty";
    static final String ORG = "demo-trans-network";
    /** Where the staff pages live (SecurityConfig); the log-in's own steps (/login, /mfa) are walked by the last test. */
    static final List<String> STAFF_PATHS = List.of("/staff", "/cases", "/statistics", "/admin", "/account", "/grants", "/audit");

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
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Colleague(UUID id, String email, String secret) {
    }

    /** A new demo colleague with a password and, unless {@code enrolled} is false, a second factor. */
    Colleague colleague(String role, boolean enrolled) {
        String email = "walk-" + role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(ORG, email, role, "Walk " + role.toLowerCase(Locale.ROOT));
        identity.activate(invitation.token(), PASSWORD);
        String secret = "";
        if (enrolled) {
            IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
            identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
            secret = enrolment.secret();
        }
        return new Colleague(invitation.user().value(), email, secret);
    }

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void submit(WebDriver driver) {
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
    }

    /** Password, then the code, through the pages in {@code lang}; ends on the staff home. */
    void logIn(WebDriver driver, Colleague who, String lang) {
        driver.get(browser.url("/login?lang=" + lang));
        type(driver, "username", who.email());
        type(driver, "password", PASSWORD);
        submit(driver);
        assertThat(driver.getCurrentUrl()).endsWith("/mfa?lang=" + lang);
        type(driver, "code", TotpCodes.fresh(who.secret()));
        submit(driver);
        assertThat(driver.getCurrentUrl()).endsWith("/staff?lang=" + lang);
    }

    /** The GET handlers that render a staff page (a view name, not a body: no CSV, PDF, feed or JSON). */
    List<String> staffPages() {
        Set<String> pages = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            boolean get = info.getMethodsCondition().getMethods().isEmpty() || info.getMethodsCondition().getMethods().contains(RequestMethod.GET);
            boolean view = handler.getMethod().getReturnType() == String.class && !handler.hasMethodAnnotation(ResponseBody.class)
                    && !handler.getBeanType().isAnnotationPresent(ResponseBody.class);
            if (get && view && info.getPathPatternsCondition() != null) {
                info.getPathPatternsCondition().getPatternValues().stream()
                        .filter(p -> STAFF_PATHS.stream().anyMatch(staff -> p.equals(staff) || p.startsWith(staff + "/")))
                        .forEach(pages::add);
            }
        });
        return new ArrayList<>(pages);
    }

    /** A demo case of the organisation, assigned to {@code who} so that a caseworker may open it too. */
    UUID demoCase(Colleague who) {
        UUID org = jdbc.sql("select id from organisation where slug = ?").param(ORG).query(UUID.class).single();
        UUID id = jdbc.sql("select id from case_file where org_id = ? and stage = 'EXTENDED_PROCEDURE'").param(org).query(UUID.class).single();
        jdbc.sql("update case_file set assignee_id = ? where id = ?").params(who.id(), id).update();
        return id;
    }

    @Test
    void everyStaffPageHasTheHeaderAndAWorkingLogOutInEnglish() {
        walk("en", "Home", "Cases", "Statistics", "Users", "Account", "Log out", "You are logged out");
    }

    @Test
    void everyStaffPageHasTheHeaderAndAWorkingLogOutInDutch() {
        walk("nl", "Start", "Zaken", "Statistiek", "Gebruikers", "Account", "Uitloggen", "U bent uitgelogd");
    }

    void walk(String lang, String home, String cases, String statistics, String users, String account, String logOut, String loggedOut) {
        List<String> pages = staffPages();
        assertThat(pages).as("the staff pages the application maps").contains("/staff", "/cases", "/cases/{id}", "/cases/today", "/statistics",
                "/admin/users", "/account/password", "/account/tokens", "/account/passkeys", "/account/notifications", "/grants");
        WebDriver driver = browser.driver();
        List<String> visited = new ArrayList<>();
        for (String role : List.of("CASEWORKER", "COORDINATOR", "ADMIN")) {
            boolean caseRole = !role.equals("ADMIN");
            // One log-in per role and language (a log-in per page made this walk take 13 minutes): every page is checked
            // for the header and its log-out form; the log-out itself is used on the role's last page and on a 403 page.
            Colleague who = colleague(role, true);
            logIn(driver, who, lang);
            boolean loggedOutOnARefusal = false;
            for (int i = 0; i < pages.size(); i++) {
                String pattern = pages.get(i);
                String path = pattern.replace("{id}", demoCase(who).toString()) + "?lang=" + lang;
                driver.get(browser.url(path));
                String where = role + " " + path;
                String title = driver.getTitle();
                String h1 = driver.findElement(By.tagName("h1")).getText();
                if (h1.contains("404")) {
                    // A 404 is the same page for everyone, byte for byte (SECURITY.md S1): no header there, by design.
                    visited.add(where + " (404)");
                    continue;
                }
                boolean refused = h1.contains("403");
                WebElement nav = driver.findElement(By.cssSelector("nav.staff-nav"));
                assertThat(nav.getText()).as(where).contains(logOut);
                if (!refused) {
                    assertThat(nav.findElement(By.cssSelector("a[href='/staff?lang=" + lang + "']")).getText()).as(where).isEqualTo(home);
                    assertThat(nav.findElement(By.cssSelector("a[href='/staff?lang=" + lang + "#account']")).getText()).as(where).isEqualTo(account);
                    assertThat(nav.findElements(By.cssSelector("a[href='/cases?lang=" + lang + "']"))).as(where).hasSize(caseRole ? 1 : 0);
                    assertThat(nav.findElements(By.cssSelector("a[href='/statistics?lang=" + lang + "']"))).as(where)
                            .hasSize(role.equals("COORDINATOR") ? 1 : 0);
                    assertThat(nav.findElements(By.cssSelector("a[href='/admin/users?lang=" + lang + "']"))).as(where)
                            .hasSize(role.equals("ADMIN") ? 1 : 0);
                    if (caseRole) {
                        assertThat(nav.getText()).as(where).contains(cases);
                    }
                    if (role.equals("COORDINATOR")) {
                        assertThat(nav.getText()).as(where).contains(statistics);
                    }
                    if (role.equals("ADMIN")) {
                        assertThat(nav.getText()).as(where).contains(users);
                    }
                }
                assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).as(where).isEqualTo(lang);
                // Every form of the page posts with its language, so the answer (and the redirect after it) keeps it.
                for (WebElement form : driver.findElements(By.cssSelector("form[method=post]"))) {
                    assertThat(form.getAttribute("action")).as(where + ": form " + form.getAttribute("id")).contains("lang=" + lang);
                }
                browser.assertAccessible();
                visited.add(where + (refused ? " (403)" : "") + ": " + title);

                WebElement logOutForm = nav.findElement(By.cssSelector("form[action^='/logout']"));
                assertThat(logOutForm.getAttribute("method")).as(where).isEqualTo("post");
                assertThat(logOutForm.findElements(By.cssSelector("input[name=_csrf]"))).as(where + ": the log-out's CSRF token").hasSize(1);
                boolean last = i == pages.size() - 1;
                if (last || (refused && !loggedOutOnARefusal)) {
                    loggedOutOnARefusal |= refused;
                    browser.clickAndWaitForNextPage(logOutForm.findElement(By.tagName("button")));
                    assertThat(driver.getCurrentUrl()).as(where).endsWith("/login?logout&lang=" + lang);
                    assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).as(where).contains(loggedOut);
                    driver.get(browser.url(path));
                    assertThat(driver.getCurrentUrl()).as(where + ": the session has ended").contains("/login");
                    if (!last) {
                        who = colleague(role, true); // a time-based code is accepted once: a new colleague logs in
                        logIn(driver, who, lang);
                    }
                }
            }
            driver.manage().deleteAllCookies();
        }
        System.out.println("Staff pages walked (" + lang + "):\n  " + String.join("\n  ", visited));
    }

    @Test
    void someoneWhoHasNotFinishedTheSecondFactorSetUpLogsOutFromThere() {
        WebDriver driver = browser.driver();
        for (String lang : List.of("en", "nl")) {
            Colleague newcomer = colleague("CASEWORKER", false);
            driver.get(browser.url("/login?lang=" + lang));
            type(driver, "username", newcomer.email());
            type(driver, "password", PASSWORD);
            submit(driver);
            assertThat(driver.getCurrentUrl()).endsWith("/mfa/enrol?lang=" + lang);
            // The public header's "Staff" link leads back here, not to a dead end.
            driver.get(browser.url("/staff?lang=" + lang));
            assertThat(driver.getCurrentUrl()).endsWith("/mfa/enrol?lang=" + lang);
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
            browser.screenshot("mfa-enrol-log-out-" + lang);
            browser.assertAccessible();
            browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("nav.staff-nav form[action^='/logout'] button")));
            assertThat(driver.getCurrentUrl()).endsWith("/login?logout&lang=" + lang);
            driver.get(browser.url("/mfa/enrol?lang=" + lang));
            assertThat(driver.getCurrentUrl()).as("the half-done log-in has ended").contains("/login");
        }
    }
}
