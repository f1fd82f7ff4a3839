package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.Countries;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import nl.haven.testing.TotpCodes;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 19, point 10: the dashboard's charts as Chromium draws them (without JavaScript, as the page is meant to be
 * used). In every SVG chart no two {@code <text>} boxes intersect and every text box lies inside the chart's view
 * box, measured by the browser ({@code getBoundingClientRect}, which includes any rotation), in English and Dutch,
 * for the demo organisation (this year and last year, twelve full months) and for an organisation whose nationality
 * labels are the longest the country names give (up to 49 characters in Dutch).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.identity.demo=true")
@BrowserSupport.NoJavaScript
class StatisticsChartsBrowserIT {
    static final String PASSWORD = "amber kestrel lighthouse ninety";

    /** For every chart: the text boxes that intersect another, or stick out of the SVG. Empty when all is well. */
    static final String LAYOUT_PROBLEMS = """
            const problems = [];
            const charts = document.querySelectorAll('svg.chart');
            if (charts.length === 0) problems.push('no chart on the page');
            for (const svg of charts) {
              const frame = svg.getBoundingClientRect();
              const boxes = [];
              for (const text of svg.querySelectorAll('text')) {
                const r = text.getBoundingClientRect();
                const label = (text.textContent || '').trim();
                if (r.width === 0 || r.height === 0 || label === '') continue;
                boxes.push({ r, label });
                if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5) {
                  problems.push(svg.id + ': "' + label + '" sticks out of the view box');
                }
              }
              for (let i = 0; i < boxes.length; i++) {
                for (let j = i + 1; j < boxes.length; j++) {
                  const a = boxes[i].r, b = boxes[j].r;
                  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                  if (w > 0.5 && h > 0.5) problems.push(svg.id + ': "' + boxes[i].label + '" overlaps "' + boxes[j].label + '"');
                }
              }
            }
            return problems;""";

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Autowired
    IdentityManagement identity;
    @Autowired
    OrganisationDirectory organisations;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    StatisticsRelease release;

    @Test
    void theDemoChartsInEnglishHaveNoOverlappingOrCutLabels() {
        logIn(coordinator("demo-trans-network"));
        int year = LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();
        assertLaidOut("/statistics?lang=en");
        browser.screenshot("statistics-1280");
        browser.assertAccessible();
        assertLaidOut("/statistics?lang=en&year=" + (year - 1));
    }

    @Test
    void theDemoChartsInDutchHaveNoOverlappingOrCutLabels() {
        logIn(coordinator("demo-trans-network"));
        int year = LocalDate.now(ZoneId.of("Europe/Amsterdam")).getYear();
        assertLaidOut("/statistics?lang=nl");
        browser.assertAccessible();
        assertLaidOut("/statistics?lang=nl&year=" + (year - 1));
    }

    @Test
    void longNationalityNamesAreWrappedOrShortenedWithTheFullNameAsATitle() {
        String slug = "long-" + UUID.randomUUID().toString().substring(0, 8);
        OrgId org = identity.createOrganisation("Long labels " + slug, slug);
        String email = coordinator(slug);
        StaffMember opener = new StaffMember(lastUser, org, Role.COORDINATOR, "Opener");
        // The longest country names in English and Dutch, with counts above and below the disclosure threshold.
        Map<String, Integer> nationalities = Map.of("UM", 7, "TF", 6, "GS", 9, "IO", 5, "VC", 2, "CF", 11, "AE", 5, "US", 30);
        nationalities.forEach((country, n) -> {
            for (int i = 0; i < n; i++) {
                CaseDetails details = new CaseDetails("Name", null, null, List.of(i % 2 == 0 ? "trans" : "gay"), List.of(), false, "text", "en", null,
                        Map.of());
                caseOpening.open(opener, new NewCase(country, country, details, "STAFF"));
            }
        });
        release.release();
        logIn(email);
        assertLaidOut("/statistics?lang=nl");
        assertLaidOut("/statistics?lang=en");
        // Each label reads in full: wrapped over lines, or shortened with the full name as its title.
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
                return [...document.querySelectorAll('#chart-nationality text[text-anchor=end]')].map(t => {
                  const title = t.querySelector('title');
                  if (title) return title.textContent;
                  const lines = [...t.querySelectorAll('tspan')].map(s => s.textContent);
                  return lines.length ? lines.join(' ') : t.textContent;
                });""");
        assertThat(labels).containsAll(nationalities.keySet().stream().map(c -> Countries.name(c, "en") + " (" + c + ")").toList());
        assertThat(browser.driver().findElements(By.cssSelector("#chart-nationality text tspan + tspan"))).as("wrapped labels").isNotEmpty();
        browser.assertAccessible();
    }

    void assertLaidOut(String path) {
        WebDriver driver = browser.open(path);
        assertThat(driver.findElements(By.cssSelector("svg.chart"))).as("charts on %s", path).hasSizeGreaterThanOrEqualTo(7);
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) ((JavascriptExecutor) driver).executeScript(LAYOUT_PROBLEMS);
        assertThat(problems).as("text boxes in the charts of %s", path).isEmpty();
    }

    // --- log-in ------------------------------------------------------------------------------------------------

    private String lastSecret;
    private UserId lastUser;

    String coordinator(String slug) {
        String email = "stats-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, "COORDINATOR", "Statistics coordinator");
        identity.activate(invitation.token(), PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        lastSecret = enrolment.secret();
        lastUser = invitation.user();
        return email;
    }

    void logIn(String email) {
        WebDriver driver = browser.open("/login");
        type(driver, "username", email);
        type(driver, "password", PASSWORD);
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        type(driver, "code", TotpCodes.fresh(lastSecret));
        browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("main button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("/staff");
    }

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
