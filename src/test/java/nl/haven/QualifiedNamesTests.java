package nl.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code names classes by import, not inline by their full name (issue #18, point 6): a reader sees a class's
 * dependencies at the top. Comments and string literals may name anything; a file that needs two classes of the same
 * simple name qualifies one of them and is listed here with the reason.
 */
class QualifiedNamesTests {
    /** Files allowed one qualified name, and which: the two {@code Metadata} classes of the image and the PDF checks. */
    // ApiDocument: swagger's @Schema annotation beside the model class Schema of the same simple name.
    static final Set<String> ALLOWED = Set.of("Uploads.java:org.apache.tika.metadata.Metadata", "ApiDocument.java:io.swagger.v3.oas.annotations.media.Schema");

    static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.@\"])((?:java|javax|jakarta|org|com|tools|nl|picocli|io|net)\\.(?:[a-z_][a-z0-9_]*\\.)+)(?:@\\w+\\s+)?([A-Z]\\w*)");

    /** The text with comments and string and character literals blanked out, so that only code is matched. */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        int n = source.length();
        while (i < n) {
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                end = i + 1;
                while (end < n && source.charAt(end) != quote) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    @Test
    void mainCodeImportsTheClassesItUses() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String[] lines = code(Files.readString(file)).split("\n", -1);
                for (int line = 0; line < lines.length; line++) {
                    if (lines[line].startsWith("import ") || lines[line].startsWith("package ")) {
                        continue;
                    }
                    Matcher m = QUALIFIED.matcher(lines[line]);
                    while (m.find()) {
                        String name = m.group(1) + m.group(2);
                        if (!ALLOWED.contains(file.getFileName() + ":" + name)) {
                            found.add(file + ":" + (line + 1) + ": " + name);
                        }
                    }
                }
            }
        }
        assertThat(found).as("inline fully-qualified class names: import them instead").isEmpty();
    }

    @Test
    void theCheckSeesAQualifiedNameInCodeButNotInACommentOrAString() {
        String source = "class A {\n  // java.util.List in a comment\n  String s = \"java.util.Map\";\n  java.util.Set<String> set;\n}\n";
        String[] lines = code(source).split("\n", -1);
        assertThat(QUALIFIED.matcher(lines[1]).find()).isFalse();
        assertThat(QUALIFIED.matcher(lines[2]).find()).isFalse();
        assertThat(QUALIFIED.matcher(lines[3]).find()).isTrue();
    }
}
