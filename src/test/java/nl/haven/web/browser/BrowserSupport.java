package nl.haven.web.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.providers.EmbeddedResourceAxeProvider;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Headless Chromium for {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} browser tests. Register it
 * as a static field and give the test class its own database:
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * class IntakePageBrowserIT {
 *     @RegisterExtension
 *     static final BrowserSupport browser = new BrowserSupport();
 *
 *     @DynamicPropertySource
 *     static void isolatedData(DynamicPropertyRegistry registry) {
 *         BrowserSupport.isolatedDataDir(registry);
 *     }
 *
 *     @Test
 *     @BrowserSupport.NoJavaScript
 *     void intakeFormIsAccessibleWithoutJavaScript() {
 *         browser.open("/intake/demo-trans-network");
 *         browser.assertAccessible();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test gets a new browser with a fresh profile directory, removed afterwards. Chromium and
 * ChromeDriver are Debian's ({@value #DEFAULT_CHROMIUM}, {@value #DEFAULT_CHROMEDRIVER}); the
 * environment variables {@code HAVEN_CHROMIUM} / {@code HAVEN_CHROMEDRIVER} (or the system properties
 * {@code haven.chromium} / {@code haven.chromedriver}) name other paths. The driver is always given
 * explicitly, so Selenium Manager never runs and nothing is downloaded. When either program is
 * missing, every test of the class is reported as skipped, with a {@code BROWSER TESTS SKIPPED:} line
 * on standard error; with {@code HAVEN_REQUIRE_BROWSER=1} (as in {@code .ci/run}) the class fails instead.
 *
 * <p>When a test fails, the page it was on is saved as {@code target/screenshots/failed-<class>-<method>.png}.
 * Not for parallel test execution: one instance holds one browser at a time.
 */
public final class BrowserSupport
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

    /**
     * On a test method or class: its browser runs with JavaScript switched off by policy (Chrome pref
     * {@code profile.managed_default_content_settings.javascript = 2}), as a visitor without JavaScript
     * would see the page. The test itself can still run scripts through WebDriver, and
     * {@link #assertAccessible} still works.
     */
    @Target({ ElementType.TYPE, ElementType.METHOD })
    @Retention(RetentionPolicy.RUNTIME)
    public @interface NoJavaScript {
    }

    static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    static final String DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String REQUIRE_BROWSER = "HAVEN_REQUIRE_BROWSER";

    /** Exactly these flags, plus a fresh {@code --user-data-dir}. */
    static final List<String> CHROMIUM_FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,900");

    /** The axe-core rule sets every page must pass. */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    /*
     * With JavaScript off, Chromium still runs WebDriver's scripts and their promises, but never fires
     * a timer, and axe-core waits on setTimeout(…, 0 or 1) between its steps. For the length of a check
     * this runs such short timers as microtasks. Longer ones are only axe's give-up timeouts (frames,
     * asset preloading) and never fire, as no timer would.
     */
    private static final String TIMERS_AS_MICROTASKS = """
            if (!window.__havenTimers) {
              window.__havenTimers = [window.setTimeout, window.clearTimeout];
              let next = 1;
              const cancelled = new Set();
              window.setTimeout = function (callback, delay, ...args) {
                const id = next++;
                if (!(delay > 1)) {
                  Promise.resolve().then(() => {
                    if (!cancelled.delete(id) && typeof callback === 'function') callback(...args);
                  });
                }
                return id;
              };
              window.clearTimeout = function (id) { cancelled.add(id); };
            }""";
    private static final String REAL_TIMERS = """
            if (window.__havenTimers) {
              [window.setTimeout, window.clearTimeout] = window.__havenTimers;
              delete window.__havenTimers;
            }""";

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path TARGET = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target");

    /*
     * Selenium 4.49 knows CDP up to 153 and warns on every start that Chromium 156 is newer. Classic
     * WebDriver does not use CDP, so that warning is noise. Strong reference: JUL holds loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final Path chromium = Path.of(setting("haven.chromium", "HAVEN_CHROMIUM", DEFAULT_CHROMIUM));
    private final Path chromedriver = Path.of(setting("haven.chromedriver", "HAVEN_CHROMEDRIVER", DEFAULT_CHROMEDRIVER));

    private WebDriver driver;
    private boolean javaScript;
    private Path profile;
    private Path downloads;
    private String baseUrl;

    /**
     * Gives the Spring context its own empty H2 database under {@code target/test-data/<uuid>}. The
     * directory is chosen once per context, so every reader of {@code haven.data-dir} sees the same one
     * (a {@code ${random.uuid}} placeholder would be resolved anew on each read).
     */
    public static void isolatedDataDir(DynamicPropertyRegistry registry) {
        if (System.getenv("HAVEN_DB_URL") != null) {
            throw new IllegalStateException("HAVEN_DB_URL is set: this test would use that database instead of an isolated "
                    + "H2 one. Unset it for the tests (.ci/run passes PostgreSQL as HAVEN_TEST_DB_URL).");
        }
        String dir = TARGET.resolve("test-data").resolve(UUID.randomUUID().toString()).toString();
        registry.add("haven.data-dir", () -> dir);
    }

    // --- for tests -------------------------------------------------------------------------------

    /** The browser of the running test. */
    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("no browser: BrowserSupport must be a static @RegisterExtension field, used inside a test");
        }
        return driver;
    }

    /** The absolute address of {@code path} on the application under test, e.g. {@code url("/?lang=nl")}. */
    public String url(String path) {
        if (baseUrl == null) {
            throw new IllegalStateException("no server address yet: use this inside a test");
        }
        return baseUrl + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * Where the browser of the running test saves downloads, without asking: a directory inside its fresh profile,
     * removed with it after the test.
     */
    public Path downloads() {
        if (downloads == null) {
            throw new IllegalStateException("no browser: use this inside a test");
        }
        return downloads;
    }

    /** Opens {@code path} on the application under test and returns the browser. */
    public WebDriver open(String path) {
        driver().get(url(path));
        return driver;
    }

    /** Waits up to 10 seconds until {@code condition} holds, and returns its value. */
    public <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver(), WAIT).until(condition);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png} and returns that file. */
    /**
     * Clicks an element that submits a form or follows a link, and waits until the page it was on has
     * been replaced. Chromium may report the old element as "not in the document" instead of stale;
     * both mean the new page is there.
     */
    public void clickAndWaitForNextPage(WebElement element) {
        scrollToMiddle(element).click();
        waitFor(driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    public Path screenshot(String name) {
        return screenshot(driver(), name);
    }

    private static final Pattern REQUESTED_URL = Pattern.compile(
            "\"method\":\"Network\\.requestWillBeSent\".*?\"request\":\\{.*?\"url\":\"([^\"]*)\"");

    /**
     * Every address Chromium sent a request to since the last call (documents, style sheets, images, form posts,
     * favicons …), read from ChromeDriver's performance log (Network.requestWillBeSent). It does not depend on the
     * DevTools version Selenium knows.
     */
    public List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver().manage().logs().get("performance")) {
            Matcher m = REQUESTED_URL.matcher(entry.getMessage());
            if (m.find()) {
                urls.add(m.group(1));
            }
        }
        return urls;
    }

    /**
     * Scrolls an element to the middle of the viewport and returns it: on a phone the quick exit is a bar fixed at the
     * foot of the screen, and WebDriver clicks an element that is in the viewport where it is, even under that bar.
     */
    public WebElement scrollToMiddle(WebElement element) {
        ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
        return element;
    }

    /** Runs axe-core on the browser's current page; see {@link #assertAccessible(WebDriver)}. */
    public void assertAccessible() {
        runAxe(driver(), javaScript);
    }

    /** Saves what {@code driver} shows as {@code target/screenshots/<name>.png} and returns that file. */
    public static Path screenshot(WebDriver driver, String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("screenshot name must be letters, digits, '.', '_' or '-': " + name);
        }
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Path dir = Files.createDirectories(TARGET.resolve("screenshots"));
            return Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save screenshot " + name, e);
        }
    }

    /**
     * Runs axe-core (the copy inside the axe-core selenium jar, never fetched) on the current page with
     * the rule tags {@link #AXE_TAGS}, and fails listing every violation with its impact, help text and
     * the elements it found. Works with JavaScript on or off.
     */
    public static void assertAccessible(WebDriver driver) {
        runAxe(driver, timersRun(driver));
    }

    /** Whether the page's timers fire, i.e. false when JavaScript is switched off for the page. */
    static boolean timersRun(WebDriver driver) {
        WebDriver.Timeouts timeouts = driver.manage().timeouts();
        Duration scriptTimeout = timeouts.getScriptTimeout();
        timeouts.scriptTimeout(Duration.ofMillis(500)); // a false "no" only means the timer shim runs
        try {
            ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1]; setTimeout(() => done(true), 0);");
            return true;
        } catch (ScriptTimeoutException timersDoNotFire) {
            return false;
        } finally {
            timeouts.scriptTimeout(scriptTimeout);
        }
    }

    private static void runAxe(WebDriver driver, boolean timersRun) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        Results results;
        if (timersRun) {
            results = axe().analyze(driver);
        } else {
            page.executeScript(TIMERS_AS_MICROTASKS);
            try {
                results = axe().analyze(driver);
            } finally {
                page.executeScript(REAL_TIMERS);
            }
        }
        if (results.isErrored()) {
            fail("axe-core could not check " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        if (violations != null && !violations.isEmpty()) {
            fail(report(driver.getCurrentUrl(), violations));
        }
    }

    /**
     * Every rule of {@link #AXE_TAGS}; axe-core collects the details of violations only ({@code resultTypes}: it still
     * runs every rule, but does not build the node lists of passes and incomplete checks, which cost most of a run),
     * and does not look into frames (Haven's pages have none). Violations are reported exactly as before.
     */
    private static AxeBuilder axe() {
        com.deque.html.axecore.args.AxeRunOptions options = new com.deque.html.axecore.args.AxeRunOptions();
        com.deque.html.axecore.args.AxeRunOnlyOptions only = new com.deque.html.axecore.args.AxeRunOnlyOptions();
        only.setType("tag");
        only.setValues(AXE_TAGS);
        options.setRunOnly(only);
        options.setResultTypes(List.of("violations"));
        return new AxeBuilder().setAxeScriptProvider(new EmbeddedResourceAxeProvider()).withOptions(options).disableIframeTesting();
    }

    static String report(String url, List<Rule> violations) {
        StringBuilder text = new StringBuilder()
                .append(violations.size()).append(" accessibility violation(s) on ").append(url).append(" (axe-core, tags ")
                .append(String.join(", ", AXE_TAGS)).append("):");
        for (Rule rule : violations) {
            text.append("\n- ").append(rule.getId()).append(" [").append(rule.getImpact()).append("] ").append(rule.getHelp())
                    .append(" (").append(rule.getHelpUrl()).append(')');
            for (CheckedNode node : rule.getNodes()) {
                text.append("\n    at ").append(node.getTarget()).append(": ").append(node.getHtml());
                if (node.getFailureSummary() != null) {
                    text.append("\n       ").append(node.getFailureSummary().replace("\n", "\n       "));
                }
            }
        }
        return text.toString();
    }

    // --- JUnit lifecycle ---------------------------------------------------------------------------

    /**
     * Without the browser, every test of the class is reported as skipped before Spring starts, with a
     * loud line on standard error; unless {@code HAVEN_REQUIRE_BROWSER=1}, see {@link #beforeAll}.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missingBrowser(context);
        if (missing == null || required() || context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("Chromium and ChromeDriver found, or required");
        }
        String message = "BROWSER TESTS SKIPPED: " + missing + " Set " + REQUIRE_BROWSER + "=1 to make this a failure.";
        System.err.println(message);
        return ConditionEvaluationResult.disabled(message);
    }

    /** With {@code HAVEN_REQUIRE_BROWSER=1}, a missing browser fails the test class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = missingBrowser(context);
        if (missing != null && required()) {
            fail(REQUIRE_BROWSER + "=1 and the browser is missing: " + missing);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        baseUrl = "http://localhost:"
                + SpringExtension.getApplicationContext(context).getEnvironment().getRequiredProperty("local.server.port");
        javaScript = !AnnotationSupport.isAnnotated(context.getTestMethod(), NoJavaScript.class)
                && !AnnotationSupport.isAnnotated(context.getTestClass(), NoJavaScript.class);
        profile = Files.createTempDirectory("haven-chromium-");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(CHROMIUM_FLAGS);
        options.addArguments("--user-data-dir=" + profile.toAbsolutePath());
        Map<String, Object> prefs = new HashMap<>(Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        if (!javaScript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        // ChromeDriver's performance log holds Chromium's own network events: which addresses a page really requested.
        options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteProfile();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (driver != null && !(failure instanceof TestAbortedException)) {
            try {
                Path file = screenshot(driver, "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName());
                System.err.println("Screenshot of the failed test's page: " + file);
            } catch (RuntimeException screenshotFailed) {
                failure.addSuppressed(screenshotFailed);
            }
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            baseUrl = null;
            downloads = null;
            deleteProfile();
        }
    }

    private String missingBrowser(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(chromium) || !Files.isExecutable(chromium)) {
            missing.add("Chromium at " + chromium);
        }
        if (!Files.isRegularFile(chromedriver) || !Files.isExecutable(chromedriver)) {
            missing.add("ChromeDriver at " + chromedriver);
        }
        return missing.isEmpty() ? null : context.getRequiredTestClass().getSimpleName() + " needs " + String.join(" and ", missing)
                + ". Install with: apt-get install -y chromium chromium-driver (or point HAVEN_CHROMIUM / HAVEN_CHROMEDRIVER elsewhere).";
    }

    private static boolean required() {
        return "1".equals(System.getenv(REQUIRE_BROWSER));
    }

    private void deleteProfile() throws IOException {
        if (profile == null) {
            return;
        }
        Path dir = profile;
        profile = null;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(file);
                } catch (NoSuchFileException gone) {
                    // Chromium removed it itself while shutting down
                }
            }
        } catch (NoSuchFileException gone) {
            // nothing left to delete
        }
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
