package nl.haven.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every reason code the advisor can give has a text in en, nl and ru, with the same placeholders. */
class RouteTextsTests {

    static ResourceBundle bundle(String language) {
        return ResourceBundle.getBundle("nl.haven.routes.RouteTexts", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Set<String> codesInAdvisor() throws IOException {
        // Every class that writes the advice's reasons: the advisor, its route families and the shared rules.
        StringBuilder all = new StringBuilder();
        for (String file : new String[] { "RouteAdvisor", "WorkRoutes", "FamilyReunificationRoute", "RouteRules", "Evaluation" }) {
            all.append(Files.readString(Path.of("src/main/java/nl/haven/routes/" + file + ".java"))).append('\n');
        }
        String source = all.toString();
        Set<String> codes = new TreeSet<>();
        Matcher direct = Pattern.compile("\\.(?:reason|fail|notApplicable)\\(\\s*\"([a-z0-9-]+)\"").matcher(source);
        while (direct.find()) {
            codes.add(direct.group(1));
        }
        Matcher change = Pattern.compile("\\.change\\(\"[^\"]+\", [^,]+, \"([a-z0-9-]+)\"").matcher(source);
        while (change.find()) {
            codes.add(change.group(1));
        }
        Matcher atLeast = Pattern.compile("atLeast\\(e, .*?\"([a-z0-9-]+)\",\\s*(?:true|false)\\)", Pattern.DOTALL).matcher(source);
        while (atLeast.find()) {
            for (String suffix : new String[] { "-ok", "-below", "-change" }) {
                codes.add(atLeast.group(1) + suffix);
            }
        }
        return codes;
    }

    @Test
    void everyCodeOfTheAdvisorHasATextInEveryLanguage() throws IOException {
        Set<String> codes = codesInAdvisor();
        assertThat(codes).hasSizeGreaterThan(40).contains("daft-us-only", "hsm-salary-change", "partner-income-below", "change-date-age");
        for (String language : RouteTexts.LANGUAGES) {
            Set<String> keys = bundle(language).keySet();
            assertThat(keys).as("texts in %s", language).containsAll(codes);
        }
    }

    @Test
    void languagesHaveTheSameKeysAndPlaceholders() {
        ResourceBundle english = bundle("en");
        Pattern placeholder = Pattern.compile("\\{\\d+[^}]*}");
        for (String language : RouteTexts.LANGUAGES) {
            ResourceBundle other = bundle(language);
            assertThat(other.keySet()).as(language).containsExactlyInAnyOrderElementsOf(english.keySet());
            for (String key : english.keySet()) {
                assertThat(all(placeholder, other.getString(key))).as("%s in %s", key, language).isEqualTo(all(placeholder, english.getString(key)));
            }
        }
    }

    static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void euroAmountsAreWrittenForEachLanguage() {
        assertThat(new RouteTexts("en").euro(new BigDecimal("5688"))).isEqualTo("€5,688");
        assertThat(new RouteTexts("nl").euro(new BigDecimal("1934.40"))).isEqualTo("€ 1.934,40");
    }
}
