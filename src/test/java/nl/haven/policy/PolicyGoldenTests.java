package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Golden cases written as data ({@code src/test/resources/policy/golden.yaml}): for each question,
 * the expected standard, applying provisions and notes, worked out by hand from the sources.
 */
class PolicyGoldenTests {

    static final PolicyEngine ENGINE = new PolicyEngine(PolicyDataSet.shipped());
    static final Path GOLDEN = Path.of("src/test/resources/policy/golden.yaml");

    /** One file of cases per country added with issue #22 ({@code golden/NG.yaml}, …), beside the first file. */
    static final Path GOLDEN_BY_COUNTRY = Path.of("src/test/resources/policy/golden");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() throws IOException {
        List<Path> files = new ArrayList<>(List.of(GOLDEN));
        if (Files.isDirectory(GOLDEN_BY_COUNTRY)) {
            try (Stream<Path> more = Files.list(GOLDEN_BY_COUNTRY)) {
                more.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                cases.addAll((List<Map<String, Object>>) root.get("cases"));
            }
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(String.valueOf(c.get("name")), () -> check(c)));
    }

    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> golden) {
        Map<String, Object> input = (Map<String, Object>) golden.get("input");
        Map<String, Object> expect = (Map<String, Object>) golden.get("expect");
        Assessment a = ENGINE.assess(ENGINE.query(string(input.get("nationality")), string(input.get("region")), strings(input.get("groups")),
                strings(input.get("facts")), string(input.get("date")), string(input.get("knownAt"))));
        assertThat(a.standard().name()).as("evidentiaryStandard").isEqualTo(expect.get("evidentiaryStandard"));
        assertThat(a.provisions()).extracting(Provision::id).as("provisions")
                .containsExactlyInAnyOrderElementsOf(strings(expect.get("provisions")));
        if (expect.containsKey("notes")) {
            assertThat(a.notes()).extracting(Provision::id).as("notes").containsExactlyInAnyOrderElementsOf(strings(expect.get("notes")));
        }
        if (expect.containsKey("countryLaw")) {
            assertThat(a.provisions()).filteredOn(p -> p.kind() == ProvisionKind.COUNTRY_LAW).extracting(Provision::id).as("countryLaw")
                    .containsExactlyInAnyOrderElementsOf(strings(expect.get("countryLaw")));
        }
        if (expect.containsKey("riskGroup")) {
            assertThat(a.riskGroup()).as("riskGroup").isEqualTo(expect.get("riskGroup"));
        }
        if (expect.containsKey("safeCountryListed")) {
            assertThat(a.safeCountryListed()).as("safeCountryListed").isEqualTo(expect.get("safeCountryListed"));
        }
        if (expect.containsKey("safeCountryException")) {
            assertThat(a.safeCountryException()).as("safeCountryException").isEqualTo(expect.get("safeCountryException"));
        }
        if (expect.containsKey("internalRelocation")) {
            assertThat(a.relocationConsidered()).as("internalRelocation").isEqualTo(expect.get("internalRelocation"));
        }
        if (expect.containsKey("relocationRegions")) {
            assertThat(a.relocationRegions()).as("relocationRegions").containsExactlyInAnyOrderElementsOf(strings(expect.get("relocationRegions")));
        }
        if (expect.containsKey("warnings")) {
            boolean warned = !AssessmentDocument.of(a, ENGINE.dataSet(), "en").warnings().isEmpty();
            assertThat(warned).as("warnings").isEqualTo(expect.get("warnings"));
        }
    }

    /** The minimum: at least 30 cases, and every provision kind applies in at least one. */
    @Test
    @SuppressWarnings("unchecked")
    void casesCoverEveryProvisionKind() throws IOException {
        List<Map<String, Object>> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        Set<ProvisionKind> covered = EnumSet.noneOf(ProvisionKind.class);
        for (Map<String, Object> c : cases) {
            for (String id : strings(((Map<String, Object>) c.get("expect")).get("provisions"))) {
                ENGINE.dataSet().provision(id).ifPresent(p -> covered.add(p.kind()));
            }
        }
        assertThat(covered).containsExactlyInAnyOrder(ProvisionKind.values());
    }

    /** Every provision of the shipped data set is the answer of at least one golden case. */
    @Test
    @SuppressWarnings("unchecked")
    void everyStandardSettingProvisionIsExercised() throws IOException {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> c : cases()) {
            seen.addAll(strings(((Map<String, Object>) c.get("expect")).get("provisions")));
        }
        List<String> missing = new ArrayList<>();
        for (Provision p : ENGINE.dataSet().provisions()) {
            if (p.kind().setsStandard() && !seen.contains(p.id())) {
                missing.add(p.id());
            }
        }
        assertThat(missing).as("standard-setting provisions no golden case exercises").isEmpty();
    }

    /**
     * Issue #22: every country with a country file has at least three golden cases, and every provision of the law of
     * a country of origin ({@link ProvisionKind#COUNTRY_LAW}) is the answer of at least one, as the Dutch provisions are.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyCountryHasThreeCasesAndEveryCountryLawIsExercised() throws IOException {
        Map<String, Integer> perCountry = new java.util.TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> c : cases()) {
            perCountry.merge(string(((Map<String, Object>) c.get("input")).get("nationality")), 1, Integer::sum);
            seen.addAll(strings(((Map<String, Object>) c.get("expect")).get("provisions")));
        }
        List<String> few = new ArrayList<>();
        for (String country : ENGINE.dataSet().countries().keySet()) {
            if (!ENGINE.dataSet().provisionsOf(country).stream().allMatch(p -> p.kind() == ProvisionKind.SAFE_COUNTRY)
                    && perCountry.getOrDefault(country, 0) < 3) {
                few.add(country + " (" + perCountry.getOrDefault(country, 0) + ")");
            }
        }
        assertThat(few).as("countries with a country file and fewer than three golden cases").isEmpty();
        List<String> unexercised = ENGINE.dataSet().provisions().stream().filter(p -> p.kind() == ProvisionKind.COUNTRY_LAW)
                .map(Provision::id).filter(id -> !seen.contains(id)).toList();
        assertThat(unexercised).as("COUNTRY_LAW provisions no golden case exercises").isEmpty();
    }

    /** SnakeYAML reads an unquoted date as a java.util.Date at midnight UTC. */
    static String string(Object value) {
        if (value instanceof Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
        }
        return value == null ? null : value.toString();
    }

    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Object item : (List<?>) value) {
            result.add(item.toString());
        }
        return result;
    }
}
