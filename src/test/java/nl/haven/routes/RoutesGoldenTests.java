package nl.haven.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden route cases written as data ({@code src/test/resources/routes/golden.yaml}): thresholds at
 * each year's boundary, ages around 30, the Blue Card change of 2024-06-12 and more, each worked out
 * by hand from the sources.
 */
class RoutesGoldenTests {

    static final RouteAdvisor ADVISOR = new RouteAdvisor(new PolicyEngine(PolicyDataSet.shipped()));
    static final ProfileParser PARSER = new ProfileParser(Clock.systemUTC());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/routes/golden.yaml"))) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (List<Map<String, Object>>) root.get("cases");
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(String.valueOf(c.get("name")), () -> check(c)));
    }

    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> golden) {
        Profile profile = PARSER.parse(JSON.valueToTree(golden.get("profile")));
        RouteAdvice advice = ADVISOR.advise(profile, "en");
        Map<String, Object> expect = (Map<String, Object>) golden.get("expect");
        for (Map.Entry<String, Object> entry : expect.entrySet()) {
            RouteAdvice.Answer answer = advice.route(Route.valueOf(entry.getKey()));
            Map<String, Object> want = (Map<String, Object>) entry.getValue();
            String route = entry.getKey();
            List<String> codes = answer.reasons().stream().map(RouteAdvice.Reason::code).toList();
            assertThat(answer.outcome().name()).as("%s outcome (reasons %s, missing %s)", route, codes, answer.missing())
                    .isEqualTo(want.get("outcome"));
            if (want.containsKey("reasons")) {
                assertThat(codes).as("%s reasons", route).containsAll(strings(want.get("reasons")));
            }
            if (want.containsKey("warnings")) {
                // statement or parameter ids the answer must warn about (not confirmed in a primary source)
                for (String id : strings(want.get("warnings"))) {
                    assertThat(answer.warnings()).as("%s warnings", route).anyMatch(w -> w.contains(id));
                }
            }
            if (want.containsKey("missing")) {
                assertThat(answer.missing()).as("%s missing", route).containsExactlyInAnyOrderElementsOf(strings(want.get("missing")));
            }
            if (want.containsKey("changes")) {
                Object changes = want.get("changes");
                if (changes == null) {
                    assertThat(answer.whatWouldChange()).as("%s whatWouldChange", route).isNull();
                } else {
                    assertThat(answer.whatWouldChange()).as("%s whatWouldChange", route).isNotNull();
                    Map<String, String> actual = new LinkedHashMap<>();
                    answer.whatWouldChange().changes().forEach(c -> actual.put(c.field(), c.value()));
                    Map<String, String> wanted = new LinkedHashMap<>();
                    ((Map<String, Object>) changes).forEach((k, v) -> wanted.put(k, String.valueOf(v)));
                    assertThat(actual).as("%s changes", route).isEqualTo(wanted);
                }
            }
            if (answer.outcome() != Outcome.ELIGIBLE && answer.outcome() != Outcome.NOT_APPLICABLE) {
                assertThat(answer.reasons().isEmpty() && answer.missing().isEmpty()).as("%s says why", route).isFalse();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void atLeastTwentyFiveCasesCoveringEveryRouteAndOutcome() throws IOException {
        List<Map<String, Object>> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        Set<Route> routes = EnumSet.noneOf(Route.class);
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (Map<String, Object> c : cases) {
            ((Map<String, Object>) c.get("expect")).forEach((route, want) -> {
                routes.add(Route.valueOf(route));
                outcomes.add(Outcome.valueOf(String.valueOf(((Map<String, Object>) want).get("outcome"))));
            });
        }
        assertThat(routes).containsExactlyInAnyOrder(Route.values());
        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.values());
    }

    static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value != null) {
            ((List<?>) value).forEach(v -> result.add(String.valueOf(v)));
        }
        return result;
    }
}
