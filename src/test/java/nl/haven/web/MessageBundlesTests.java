package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.haven.identity.Role;
import nl.haven.identity.internal.UserStore;
import nl.haven.policy.Confidence;
import nl.haven.policy.EvidentiaryStandard;
import nl.haven.policy.Group;
import nl.haven.policy.ProvisionKind;
import nl.haven.routes.Outcome;
import nl.haven.routes.Profile;
import nl.haven.routes.Route;
import org.junit.jupiter.api.Test;

/**
 * Every UI text is in the message bundles, in every language: each bundle has exactly the keys of
 * the English one, and every key that a template or a Java class names exists.
 */
class MessageBundlesTests {

    static final Path RESOURCES = Path.of("src/main/resources");
    static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
    /** A Java string literal used as a message key: starts with a bundle prefix and has a dot. */
    static final Pattern JAVA_KEY = Pattern.compile("\"([a-z]+(?:\\.[A-Za-z0-9]+)+)\"");

    static Properties bundle(String suffix) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(RESOURCES.resolve("messages" + suffix + ".properties"))) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyLanguageHasExactlyTheEnglishKeys() throws IOException {
        Set<String> english = bundle("").stringPropertyNames();
        for (String language : new String[] { "_nl", "_ru" }) {
            Properties other = bundle(language);
            assertThat(new TreeSet<>(other.stringPropertyNames())).as("keys of messages%s", language)
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(english));
            other.forEach((key, value) -> assertThat(value.toString()).as("%s in messages%s", key, language).isNotBlank());
        }
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> english = bundle("").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(template));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(english).containsAll(used);
    }

    @Test
    void everyKeyJavaCodeNamesExists() throws IOException {
        Set<String> english = bundle("").stringPropertyNames();
        Set<String> prefixes = new TreeSet<>();
        english.forEach(key -> prefixes.add(key.substring(0, key.indexOf('.'))));
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher m = JAVA_KEY.matcher(text);
                while (m.find()) {
                    String candidate = m.group(1);
                    if (prefixes.contains(candidate.substring(0, candidate.indexOf('.'))) && !candidate.startsWith("haven.")) {
                        used.add(candidate);
                    }
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(english).containsAll(used);
    }

    /** Keys that templates build from enum values (e.g. {@code #{${'route.' + a.route}}}) exist for every value. */
    @Test
    void everyKeyBuiltFromAnEnumExists() throws IOException {
        Set<String> english = bundle("").stringPropertyNames();
        Set<String> wanted = new TreeSet<>();
        for (Route route : Route.values()) {
            wanted.add("route." + route);
        }
        for (Outcome outcome : Outcome.values()) {
            wanted.add("outcome." + outcome);
        }
        for (ProvisionKind kind : ProvisionKind.values()) {
            wanted.add("kind." + kind);
        }
        for (EvidentiaryStandard standard : EvidentiaryStandard.values()) {
            wanted.add("standard." + standard);
        }
        for (Confidence confidence : Confidence.values()) {
            wanted.add("confidence." + confidence);
        }
        for (Group group : Group.values()) {
            wanted.add("group." + group.code());
        }
        for (Profile.EducationLevel level : Profile.EducationLevel.values()) {
            wanted.add("routes.level." + level);
        }
        for (Profile.PartnerStatus status : Profile.PartnerStatus.values()) {
            wanted.add("routes.partner." + status);
        }
        for (Profile.Relationship relationship : Profile.Relationship.values()) {
            wanted.add("routes.relationship." + relationship);
        }
        for (Role role : Role.values()) {
            wanted.add("role." + role);
        }
        for (UserStore.Status status : UserStore.Status.values()) {
            wanted.add("admin.status." + status);
        }
        // Every profile field the route advice can report as missing has a label.
        StringBuilder advisor = new StringBuilder();
        for (String file : new String[] { "RouteAdvisor", "WorkRoutes", "FamilyReunificationRoute", "RouteRules" }) {
            advisor.append(Files.readString(Path.of("src/main/java/nl/haven/routes/" + file + ".java")));
        }
        Matcher fields = Pattern.compile("(?:missing\\(|atLeast\\(e, )\"([a-zA-Z.]+)\"").matcher(advisor);
        int found = 0;
        while (fields.find()) {
            wanted.add("field." + fields.group(1));
            found++;
        }
        assertThat(found).isGreaterThan(10);
        assertThat(english).containsAll(wanted);
    }
}
