package nl.haven.policy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue #17, point 2: the public change log in Chromium with JavaScript disabled, checked by axe-core; one browser session. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PolicyChangesBrowserIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @Test
    @BrowserSupport.NoJavaScript
    void fromTheCountryPageToItsChangesAndTheWholeLogInThreeLanguages() {
        WebDriver driver = browser.open("/policy/countries/EG?lang=en");
        browser.assertAccessible();
        driver.findElement(By.id("country-changes")).click();
        browser.waitFor(ExpectedConditions.urlContains("/policy/changes"));
        assertThat(driver.getCurrentUrl()).contains("country=EG");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Egypt");
        List<String> titles = driver.findElements(By.cssSelector("ol.change-log h2")).stream().map(WebElement::getText).toList();
        assertThat(titles).anyMatch(t -> t.endsWith("From 12 June 2026 Egypt is on the EU list of safe countries of origin"));
        WebElement egypt = driver.findElements(By.cssSelector("ol.change-log li")).stream()
                .filter(li -> li.getText().contains("Egypt is on the EU list of safe countries of origin")).findFirst().orElseThrow();
        assertThat(egypt.findElements(By.cssSelector("ul.sources a"))).isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("a[type='application/atom+xml']")).getAttribute("href"))
                .contains("/policy/changes.atom").contains("country=EG");
        browser.screenshot("policy-changes-eg");
        browser.assertAccessible();

        driver.get(driver.getCurrentUrl().replaceAll("\\?.*", "") + "?lang=nl");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
        assertThat(driver.findElements(By.cssSelector("ol.change-log h2")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("Vanaf 23 september 2025 is de nationale lijst van veilige landen van herkomst opgeschort"));
        assertThat(driver.findElements(By.cssSelector("table tbody tr"))).hasSize(1);
        browser.assertAccessible();

        driver.get(driver.getCurrentUrl().replaceAll("\\?.*", "") + "?lang=ru&country=EG");
        assertThat(driver.findElements(By.cssSelector("ol.change-log h2")).stream().map(WebElement::getText))
                .anyMatch(t -> t.contains("С 12 июня 2026 страна Египет входит в список ЕС безопасных стран происхождения"));
        browser.assertAccessible();
    }
}
