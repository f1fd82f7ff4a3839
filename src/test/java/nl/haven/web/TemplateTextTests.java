package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * No template shows literal text (issue #20, point 2): every word a page shows comes from a bundle, so it exists in
 * every language. Text inside an element whose content Thymeleaf replaces ({@code th:text}, {@code th:utext},
 * {@code th:replace}, {@code th:insert}) is only a designer's preview and never reaches a reader; an attribute a reader
 * meets ({@code alt}, {@code title}, {@code placeholder}, {@code aria-label}) needs its {@code th:} twin.
 */
class TemplateTextTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert");
    static final Set<String> READ_ATTRIBUTES = Set.of("alt", "title", "placeholder", "aria-label", "value");
    static final Set<String> NOT_TEXT = Set.of("style", "script");
    /** A word: a letter. Numbers, punctuation and symbols between texts (" · ", "(", "—") are not language. */
    static final Pattern WORD = Pattern.compile("\\p{L}");

    @Test
    void noTemplateShowsLiteralText() throws IOException {
        List<String> literal = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                literal.addAll(literalText(TEMPLATES.relativize(file).toString(), Files.readString(file)));
            }
        }
        assertThat(literal).as("literal text in templates").isEmpty();
    }

    @Test
    void theCheckFindsLiteralTextAndAttributes() {
        assertThat(literalText("t.html", "<p>Hello</p>")).hasSize(1);
        assertThat(literalText("t.html", "<p th:text=\"#{a}\">Hello</p>")).isEmpty();
        assertThat(literalText("t.html", "<div th:replace=\"x\"><p>preview</p></div>")).isEmpty();
        assertThat(literalText("t.html", "<p><span th:text=\"#{a}\">x</span> · 12</p>")).isEmpty();
        assertThat(literalText("t.html", "<input placeholder=\"Your name\">")).hasSize(1);
        assertThat(literalText("t.html", "<input placeholder=\"Your name\" th:placeholder=\"#{n}\">")).isEmpty();
        assertThat(literalText("t.html", "<img alt=\"Logo\" th:attr=\"alt=#{logo}\">")).isEmpty();
        // void elements do not swallow what follows them
        assertThat(literalText("t.html", "<meta charset=\"utf-8\"><br th:text=\"x\"><p>Hello</p>")).hasSize(1);
        assertThat(literalText("t.html", "<!DOCTYPE html><html><body><input type=\"submit\" value=\"Send\"></body></html>")).hasSize(1);
    }

    static List<String> literalText(String name, String html) {
        Document document = Parser.htmlParser().parseInput(html, "");
        List<String> found = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            if (replaced(element)) {
                continue;
            }
            for (Node child : element.childNodes()) {
                if (child instanceof TextNode text && !NOT_TEXT.contains(element.tagName()) && WORD.matcher(text.text()).find()) {
                    found.add(name + ": <" + element.tagName() + "> \"" + text.text().strip() + "\"");
                }
            }
            for (String attribute : READ_ATTRIBUTES) {
                String value = element.attr(attribute);
                if (element.hasAttr(attribute) && WORD.matcher(value).find() && !element.hasAttr("th:" + attribute)
                        && !element.attr("th:attr").contains(attribute + "=")
                        && !(attribute.equals("value") && !element.tagName().equals("input"))
                        && !(attribute.equals("value") && !Set.of("submit", "button", "reset").contains(element.attr("type")))) {
                    found.add(name + ": <" + element.tagName() + " " + attribute + "=\"" + value + "\">");
                }
            }
        }
        return found;
    }

    /** Whether Thymeleaf replaces the element's content (it or an ancestor carries th:text, th:replace…). */
    static boolean replaced(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            for (String attribute : REPLACING) {
                if (e.hasAttr(attribute)) {
                    return true;
                }
            }
        }
        return false;
    }
}
