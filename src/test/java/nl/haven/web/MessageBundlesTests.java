package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.text.MessageFormat;
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
import nl.haven.shared.Language;
import nl.haven.shared.Languages;
import nl.haven.testing.Bundles;
import org.junit.jupiter.api.Test;

/**
 * Every UI text is in the message bundles, in every language of the registry: each public bundle has exactly the keys
 * of the English one (each staff bundle too, for the staff languages), with the same placeholders, and every key that a
 * template or a Java class names exists.
 */
class MessageBundlesTests {

    static final Path RESOURCES = Path.of("src/main/resources");
    static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
    /** A Java string literal used as a message key: starts with a bundle prefix and has a dot. */
    static final Pattern JAVA_KEY = Pattern.compile("\"([a-z]+(?:\\.[A-Za-z0-9]+)+)\"");

    /** All English texts, public and staff: the keys a template or Java class may name. */
    static Properties bundle(String suffix) {
        return Bundles.texts(suffix.isEmpty() ? "en" : suffix.substring(1));
    }

    /**
     * Every language of the registry has exactly the English public keys, and the staff languages exactly the English
     * staff keys: a missing key or one the English lacks fails here (issue #20, point 2).
     */
    @Test
    void everyLanguageHasExactlyTheEnglishKeys() {
        Properties publicEnglish = Bundles.file(Bundles.PUBLIC, "en");
        Properties staffEnglish = Bundles.file(Bundles.STAFF, "en");
        assertThat(publicEnglish.stringPropertyNames()).hasSizeGreaterThan(300);
        assertThat(staffEnglish.stringPropertyNames()).hasSizeGreaterThan(300);
        assertThat(publicEnglish.stringPropertyNames()).as("keys in both bundles").doesNotContainAnyElementsOf(staffEnglish.stringPropertyNames());
        for (Language language : Languages.all()) {
            check(Bundles.PUBLIC, language, publicEnglish);
            if (language.staffPages()) {
                check(Bundles.STAFF, language, staffEnglish);
            } else {
                assertThat(Bundles.path(Bundles.STAFF, language.code())).as("staff texts of a language without staff pages").doesNotExist();
            }
        }
    }

    private static void check(String basename, Language language, Properties english) {
        Properties other = Bundles.file(basename, language.code());
        assertThat(new TreeSet<>(other.stringPropertyNames())).as("keys of %s", Bundles.path(basename, language.code()))
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(english.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            String value = other.getProperty(key);
            assertThat(value).as("%s in %s", key, language.code()).isNotBlank();
            assertThat(placeholders(value)).as("placeholders of %s in %s", key, language.code()).isEqualTo(placeholders(english.getProperty(key)));
            if (!placeholders(value).isEmpty()) {
                // a broken pattern (an unbalanced brace, a broken choice/plural form) fails as the application would fail
                assertThatCode(() -> new MessageFormat(value, language.locale())).as("pattern of %s in %s", key, language.code())
                        .doesNotThrowAnyException();
            }
        }
    }

    static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)[,}]").matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** No bundle of a language the registry does not list (a half-added language is found here). */
    @Test
    void everyBundleFileBelongsToARegistryLanguage() throws IOException {
        Pattern file = Pattern.compile("(messages|staff)(?:_([a-z]{2}))?\\.properties");
        try (Stream<Path> files = Files.list(RESOURCES)) {
            for (Path path : files.toList()) {
                Matcher m = file.matcher(path.getFileName().toString());
                if (m.matches() && m.group(2) != null) {
                    assertThat(Languages.supported(m.group(2))).as("%s has no registry entry", path.getFileName()).isTrue();
                }
            }
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
