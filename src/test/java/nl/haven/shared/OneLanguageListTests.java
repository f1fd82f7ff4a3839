package nl.haven.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The registry is the only list of languages (issue #20, point 1): no other class lists two language codes or
 * compares a language with a code, so adding a language cannot miss a place.
 */
class OneLanguageListTests {

    static final String CODES = Languages.codes().stream().collect(Collectors.joining("|"));
    /** "en", "nl" (a list) or equals("ru") / case "nl", "ru" (a comparison). */
    static final Pattern LIST = Pattern.compile("\"(?:" + CODES + ")\"\\s*,\\s*\"(?:" + CODES + ")\"|equals\\(\"(?:" + CODES + ")\"\\)"
            + "|case\\s+\"(?:" + CODES + ")\"\\s*,");

    @Test
    void onlyTheRegistryListsLanguages() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (source.endsWith(Path.of("nl/haven/shared/Languages.java"))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = LIST.matcher(lines.get(i));
                    if (m.find()) {
                        found.add(source.getFileName() + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).as("language lists outside the registry").isEmpty();
    }

    @Test
    void thePatternFindsTheOldLists() {
        assertThat(LIST.matcher("List.of(\"en\", \"nl\", \"ru\")").find()).isTrue();
        assertThat(LIST.matcher("!language.equals(\"nl\")").find()).isTrue();
        assertThat(LIST.matcher("case \"nl\", \"ru\" -> x").find()).isTrue();
        assertThat(LIST.matcher("Languages.codes()").find()).isFalse();
    }
}
