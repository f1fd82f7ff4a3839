package nl.haven.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.haven.shared.Language;
import nl.haven.shared.Languages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every public page in every language of the registry, in one browser without JavaScript (issue #20, points 5 and
 * 6): axe-core finds nothing, {@code dir} follows the language, and at 360 px (a small phone) no page scrolls
 * sideways, the header's menu is a closed disclosure that opens without JavaScript, and the quick exit stays in view
 * without covering the heading or the menu. Problems are collected over all pages and languages and reported at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.identity.demo=true")
class PublicPagesBrowserIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    /**
     * Languages also checked at desktop width: right to left, the layout most likely to break there (the phone width is
     * checked in every language; English, Dutch and Russian at desktop width in the other browser tests, e.g.
     * HomePageBrowserIT and PolicyExplorerBrowserIT). Fewer passes keep the CI run under its 30 minutes.
     */
    static final Set<String> ALSO_WIDE = Set.of("ar");

    static final int PHONE = 360;

    /** Pages reached by address; the route results are reached through the questionnaire. */
    static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("intake", "/intake/demo-trans-network");
        pages.put("follow-up", "/follow-up");
        pages.put("explorer", "/policy");
        pages.put("countries", "/policy/countries");
        pages.put("country", "/policy/countries/IR");
        pages.put("assessment", "/policy/assessment?nationality=IR&group=gay&group=trans&date=2026-06-01");
        pages.put("explorer-error", "/policy/assessment?nationality=&date=");
        pages.put("changes", "/policy/changes");
        pages.put("routes", "/routes");
        pages.put("not-found", "/img/no-such-page");
        return pages;
    }

    final List<String> problems = new ArrayList<>();

    @Test
    @BrowserSupport.NoJavaScript
    void everyPublicPageInEveryLanguageIsAccessibleAndFitsAPhone() {
        WebDriver driver = browser.driver();
        for (Language language : Languages.all()) {
            String lang = language.code();
            for (Map.Entry<String, String> page : pages().entrySet()) {
                String path = page.getValue() + (page.getValue().contains("?") ? "&" : "?") + "lang=" + lang;
                width(driver, PHONE);
                browser.open(path);
                check(driver, language, page.getKey(), true);
                if (ALSO_WIDE.contains(lang)) {
                    width(driver, 0);
                    check(driver, language, page.getKey(), false);
                }
            }
            width(driver, PHONE);
            routeResults(driver, lang);
            check(driver, language, "route-results", true);
            if (ALSO_WIDE.contains(lang)) {
                browser.screenshot("phone-routes-results-" + lang);
                width(driver, 0);
                check(driver, language, "route-results", false);
            }
        }
        assertThat(problems).as("problems on the public pages").isEmpty();
    }

    @Test
    @BrowserSupport.NoJavaScript
    void thePhoneMenuIsAClosedDisclosureThatOpensWithoutJavaScript() {
        WebDriver driver = browser.driver();
        width(driver, PHONE);
        browser.open("/intake/demo-trans-network?lang=ar");
        WebElement menu = driver.findElement(By.cssSelector("header details.menu"));
        WebElement policyLink = menu.findElement(By.cssSelector("nav a[href*='/policy']"));
        assertThat(menu.getDomAttribute("open")).isNull();
        assertThat(policyLink.isDisplayed()).as("menu closed on a phone").isFalse();
        long header = number(driver, "return document.querySelector('header').getBoundingClientRect().height");
        long viewport = number(driver, "return window.innerHeight");
        assertThat(header).as("the closed menu's header is small").isLessThan(viewport / 6);
        browser.screenshot("phone-intake-ar-menu-closed");

        menu.findElement(By.tagName("summary")).click();
        assertThat(policyLink.isDisplayed()).as("menu open after one tap").isTrue();
        assertThat(menu.findElement(By.cssSelector("nav.languages a[hreflang='ru']")).isDisplayed()).isTrue();
        assertThat(number(driver, "return document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(number(driver, "return window.innerWidth"));
        browser.screenshot("phone-intake-ar-menu-open");
        browser.assertAccessible();

        assertThat(driver.findElement(By.cssSelector("header .wrap > nav.languages")).isDisplayed())
                .as("the wide screen's links are not shown beside the phone's menu").isFalse();

        width(driver, 0);
        browser.open("/intake/demo-trans-network?lang=ar");
        assertThat(driver.findElement(By.cssSelector("header .wrap > nav.main-nav a[href*='/policy']")).isDisplayed())
                .as("on a wide screen the links show without a click").isTrue();
        assertThat(driver.findElement(By.cssSelector("header details.menu")).isDisplayed()).as("no menu button on a wide screen").isFalse();
    }

    private void check(WebDriver driver, Language language, String page, boolean phone) {
        String where = page + " [" + language.code() + (phone ? ", 360 px" : ", wide") + "]: ";
        if ((page.equals("intake") || page.equals("follow-up")) && driver.findElements(By.cssSelector("main .quick-exit")).isEmpty()) {
            problems.add(where + "not the page asked for (no form with its quick exit): " + driver.getTitle());
        }
        WebElement html = driver.findElement(By.tagName("html"));
        if (!language.code().equals(html.getDomAttribute("lang"))) {
            problems.add(where + "lang=" + html.getDomAttribute("lang"));
        }
        String dir = language.rightToLeft() ? "rtl" : "ltr";
        if (!dir.equals(html.getDomAttribute("dir"))) {
            problems.add(where + "dir=" + html.getDomAttribute("dir"));
        }
        if (phone) {
            long scrollWidth = number(driver, "return document.documentElement.scrollWidth");
            long innerWidth = number(driver, "return window.innerWidth");
            if (scrollWidth > innerWidth) {
                problems.add(where + "scrolls sideways: scrollWidth " + scrollWidth + " > innerWidth " + innerWidth
                        + " (widest: " + widest(driver) + ")");
                browser.screenshot("phone-overflow-" + page + "-" + language.code());
            }
            quickExitInViewAndUncovering(driver, where);
        }
        try {
            browser.assertAccessible();
        } catch (AssertionError e) {
            problems.add(where + e.getMessage());
        }
    }

    /** The quick exit, where a page has one: inside the viewport, also when scrolled to the end, over nothing it hides. */
    private void quickExitInViewAndUncovering(WebDriver driver, String where) {
        List<WebElement> exits = driver.findElements(By.cssSelector(".quick-exit"));
        if (exits.isEmpty()) {
            return;
        }
        WebElement exit = exits.get(0);
        Rectangle box = exit.getRect();
        long innerWidth = number(driver, "return window.innerWidth");
        if (box.getX() < 0 || box.getX() + box.getWidth() > innerWidth || box.getY() < 0) {
            problems.add(where + "quick exit outside the screen: " + box.getX() + "," + box.getY());
        }
        for (WebElement other : driver.findElements(By.cssSelector("header .brand, header details.menu > summary, main h1"))) {
            if (other.isDisplayed() && overlap(box, other.getRect())) {
                problems.add(where + "quick exit covers " + other.getTagName() + " '" + other.getText() + "'");
            }
        }
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, document.documentElement.scrollHeight)");
        long top = number(driver, "return Math.round(document.querySelector('.quick-exit').getBoundingClientRect().top)");
        long bottom = number(driver, "return Math.round(document.querySelector('.quick-exit').getBoundingClientRect().bottom)");
        if (top < 0 || bottom > number(driver, "return window.innerHeight")) {
            problems.add(where + "quick exit scrolled out of view");
        }
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    }

    private static boolean overlap(Rectangle a, Rectangle b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    /** The questionnaire's four steps with the fewest answers that reach the results. */
    private void routeResults(WebDriver driver, String lang) {
        browser.open("/routes?lang=" + lang);
        new Select(driver.findElement(By.id("nationality"))).selectByValue("IR");
        RouteSteps.date(driver, "date", "2026-06-01");
        RouteSteps.date(driver, "dateOfBirth", "1990-05-01");
        for (int step = 1; step <= 4 && !driver.findElements(By.cssSelector("button[name=action][value=next]")).isEmpty(); step++) {
            browser.clickAndWaitForNextPage(driver.findElement(By.cssSelector("button[name=action][value=next]")));
        }
        if (driver.findElements(By.cssSelector("article.route")).isEmpty()) {
            problems.add("route-results [" + lang + "]: the questionnaire did not reach its results");
        }
    }

    /** Sets the viewport's width (0: back to the window's own, 1280 px), as a desktop window, not a phone emulation. */
    static void width(WebDriver driver, int width) {
        ChromeDriver chrome = (ChromeDriver) driver;
        if (width == 0) {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 760, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    static long number(WebDriver driver, String script) {
        return ((Number) ((JavascriptExecutor) driver).executeScript(script)).longValue();
    }

    /** The elements reaching furthest past the viewport, to say what overflows. */
    static String widest(WebDriver driver) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("""
                const w = window.innerWidth, found = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > w + 0.5 || r.left < -0.5) found.push([Math.max(r.right - w, -r.left), e.tagName.toLowerCase()
                    + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')]);
                }
                found.sort((a, b) => b[0] - a[0]);
                return found.slice(0, 3).map(f => f[1] + ' +' + Math.round(f[0]) + 'px').join(', ');
                """));
    }

    /** Typing a date into Chromium's en-US date field: month, day, year. */
    static final class RouteSteps {
        static void date(WebDriver driver, String id, String isoDate) {
            String[] parts = isoDate.split("-");
            WebElement field = driver.findElement(By.id(id));
            field.clear();
            field.sendKeys(parts[1] + parts[2] + parts[0]);
        }
    }
}
