package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engine's explanation texts exist in every language with the same keys and placeholders. */
class ExplanationBundlesTests {

    static ResourceBundle bundle(String language) {
        return ResourceBundle.getBundle("nl.haven.policy.Explanations", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Test
    void everyLanguageHasEveryKeyWithTheSamePlaceholders() {
        ResourceBundle english = bundle("en");
        Set<String> keys = english.keySet();
        assertThat(keys).contains("query", "standard", "support", "warnSecondary", "MONTH", "YEAR");
        for (String language : Explanations.languages()) {
            ResourceBundle other = bundle(language);
            assertThat(other.getLocale().getLanguage()).isEqualTo(language.equals("en") ? "" : language);
            for (String key : keys) {
                assertThat(placeholders(other.getString(key))).as("%s in %s", key, language).isEqualTo(placeholders(english.getString(key)));
            }
        }
    }

    static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(pattern);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
