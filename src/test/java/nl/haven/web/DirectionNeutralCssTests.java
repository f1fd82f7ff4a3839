package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The style sheet works for right-to-left pages too (issue #20, point 1): it uses logical properties
 * ({@code margin-inline-start}, {@code inset-inline-end}, {@code text-align: start}) and never a physical side, which
 * would put a margin or a border on the wrong side of an Arabic, Persian or Urdu page.
 */
class DirectionNeutralCssTests {

    static final Pattern PHYSICAL = Pattern.compile(
            "(?<![-\\w])(?:(?:margin|padding|border)-(?:left|right)(?:-[a-z]+)?|left|right)\\s*:|text-align\\s*:\\s*(?:left|right)|float\\s*:\\s*(?:left|right)");

    @Test
    void theStyleSheetNamesNoPhysicalSide() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/static/css/haven.css"));
        List<String> found = new ArrayList<>();
        Matcher m = PHYSICAL.matcher(css);
        while (m.find()) {
            found.add(m.group());
        }
        assertThat(css).contains("inline-start");
        assertThat(found).as("physical sides in haven.css").isEmpty();
    }

    /**
     * Every block of the style sheet is closed: an unclosed {@code @media print} (a merge once dropped its brace) swallows
     * the rules after it, and the phone layout silently disappeared.
     */
    @Test
    void everyBlockOfTheStyleSheetIsClosed() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/static/css/haven.css")).replaceAll("(?s)/\\*.*?\\*/", "");
        int depth = 0;
        for (char c : css.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            assertThat(depth).as("a '}' without its '{'").isNotNegative();
        }
        assertThat(depth).as("blocks left open at the end of haven.css").isZero();
    }

    @Test
    void thePatternFindsPhysicalSides() {
        assertThat(PHYSICAL.matcher(".a { margin-left: 1rem }").find()).isTrue();
        assertThat(PHYSICAL.matcher(".a { border-right-color: red }").find()).isTrue();
        assertThat(PHYSICAL.matcher(".a { left: 0 }").find()).isTrue();
        assertThat(PHYSICAL.matcher("td { text-align: left }").find()).isTrue();
        assertThat(PHYSICAL.matcher(".a { margin-inline-start: 1rem; inset-inline-end: 0 }").find()).isFalse();
    }
}
