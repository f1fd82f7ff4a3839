package nl.haven.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The route advisor asks only what can change its answer (issue #16 point 6), checked exhaustively: for each
 * route, every profile built from a small domain per question (each question also left unanswered) is advised,
 * and every field the answer asks for must be able to change the outcome — some full answer to the other open
 * questions exists under which two answers to the asked one give different outcomes. A settled outcome
 * (eligible, not eligible, not applicable) asks for nothing. The domains hold a value on each side of every
 * threshold the route reads on the date, so a question that matters can show it. (jqwik is not available
 * offline; the domains are small enough to enumerate every combination.)
 */
class RouteQuestionsTests {

    /** A profile field by its path in the profile JSON, and the answers tried. */
    record Field(String path, List<Object> values) {
    }

    record Scenario(Route route, String nationality, String date, List<Field> fields) {
        @Override
        public String toString() {
            return route + " " + nationality + " " + date;
        }
    }

    static final String RECENT = "2024-09-01";
    static final String OLD = "2020-01-01";
    static final String FUTURE = "2025-09-01";

    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        // 2025: DAFT needs the KvK registration only before 2024-04-01.
        for (String date : List.of("2023-06-01", "2025-02-01")) {
            scenarios.add(new Scenario(Route.DAFT, "US", date, List.of(new Field("selfEmployed.capitalEur", List.of(1000, 5000)),
                    new Field("selfEmployed.ownershipPercent", List.of(10, 50)), new Field("selfEmployed.kvkRegistration", List.of(true, false)))));
        }
        // 2025 criteria: under 30 4171, 30+ 5688, reduced 2989.
        scenarios.add(new Scenario(Route.HIGHLY_SKILLED_MIGRANT, "IN", "2025-07-10", List.of(
                new Field("jobOffer.recognisedSponsor", List.of(true, false)), new Field("jobOffer.grossMonthlySalaryEur", List.of(2000, 3500, 4500, 6000)),
                new Field("dateOfBirth", List.of("1990-01-01", "2000-01-01")), new Field("education.level", List.of("VOCATIONAL", "BACHELOR", "MASTER")),
                new Field("education.graduatedOn", List.of(RECENT, OLD)), new Field("education.dutchInstitution", List.of(true, false)),
                new Field("education.top200University", List.of(true, false)), new Field("education.orientationYear", List.of(true, false)))));
        // 2025 Blue Card: 5688, recent graduates 4551, at least 6 months.
        scenarios.add(new Scenario(Route.EU_BLUE_CARD, "IN", "2025-07-10", List.of(
                new Field("education.level", List.of("VOCATIONAL", "BACHELOR")), new Field("education.graduatedOn", List.of(RECENT, OLD)),
                new Field("jobOffer.durationMonths", List.of(3, 12)), new Field("jobOffer.grossMonthlySalaryEur", List.of(3000, 5000, 6000)))));
        scenarios.add(new Scenario(Route.ORIENTATION_YEAR, "IN", "2025-07-10", List.of(
                new Field("education.level", List.of("SECONDARY", "BACHELOR", "MASTER")), new Field("education.graduatedOn", List.of(RECENT, OLD, FUTURE)),
                new Field("education.top200University", List.of(true, false)), new Field("education.dutchInstitution", List.of(true, false)),
                new Field("education.orientationYear", List.of(true, false)))));
        scenarios.add(new Scenario(Route.PARTNER, "IN", "2025-07-10", List.of(
                new Field("partner.status", List.of("DUTCH_CITIZEN", "RESIDENCE_PERMIT_HOLDER", "EU_CITIZEN", "NONE")),
                new Field("partner.relationship", List.of("MARRIED", "REGISTERED_PARTNERSHIP", "UNMARRIED_DURABLE")),
                new Field("dateOfBirth", List.of("1990-01-01", "2006-01-01")), new Field("partner.dateOfBirth", List.of("1990-01-01", "2006-01-01")),
                new Field("partner.grossMonthlyIncomeEur", List.of(1000, 5000)))));
        return scenarios;
    }

    @TestFactory
    Stream<DynamicTest> everyQuestionAskedCanChangeTheOutcome() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> check(s)));
    }

    static void check(Scenario s) {
        int n = s.fields().size();
        int[] sizes = s.fields().stream().mapToInt(f -> f.values().size()).toArray();
        // Outcome of every full profile, by the index of each field's value.
        Map<List<Integer>, Outcome> full = new LinkedHashMap<>();
        for (List<Integer> combination : combinations(sizes, false)) {
            RouteAdvice.Answer answer = advise(s, combination);
            assertThat(answer.outcome()).as("%s, a fully answered profile %s", s, describe(s, combination)).isNotEqualTo(Outcome.NEEDS_INFORMATION);
            full.put(combination, answer.outcome());
        }
        for (List<Integer> partial : combinations(sizes, true)) {
            RouteAdvice.Answer answer = advise(s, partial);
            if (answer.outcome() != Outcome.NEEDS_INFORMATION) {
                assertThat(answer.missing()).as("%s %s: a settled outcome (%s) asks nothing", s, describe(s, partial), answer.outcome()).isEmpty();
                continue;
            }
            for (String asked : answer.missing()) {
                int f = indexOf(s, asked);
                assertThat(f).as("%s %s asks '%s', which this test does not vary", s, describe(s, partial), asked).isNotNegative();
                assertThat(partial.get(f)).as("%s asks '%s', which the profile answers", s, asked).isEqualTo(-1);
                assertThat(matters(full, partial, f, sizes[f], n))
                        .as("%s %s asks '%s', but no answer to it changes the outcome", s, describe(s, partial), asked).isTrue();
            }
        }
    }

    /** Whether, among the full profiles that agree with the partial one, field f's answer changes the outcome. */
    static boolean matters(Map<List<Integer>, Outcome> full, List<Integer> partial, int f, int size, int n) {
        for (Map.Entry<List<Integer>, Outcome> entry : full.entrySet()) {
            List<Integer> combination = entry.getKey();
            boolean agrees = true;
            for (int i = 0; i < n && agrees; i++) {
                agrees = partial.get(i) == -1 || partial.get(i).equals(combination.get(i));
            }
            if (!agrees || combination.get(f) != 0) {
                continue;
            }
            for (int v = 1; v < size; v++) {
                List<Integer> other = new ArrayList<>(combination);
                other.set(f, v);
                if (full.get(other) != entry.getValue()) {
                    return true;
                }
            }
        }
        return false;
    }

    static int indexOf(Scenario s, String path) {
        for (int i = 0; i < s.fields().size(); i++) {
            if (s.fields().get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    /** Every combination of value indexes; with {@code partial}, -1 (unanswered) too. */
    static List<List<Integer>> combinations(int[] sizes, boolean partial) {
        List<List<Integer>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (int size : sizes) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : result) {
                for (int v = partial ? -1 : 0; v < size; v++) {
                    List<Integer> extended = new ArrayList<>(prefix);
                    extended.add(v);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Scenario s, List<Integer> combination) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("nationality", s.nationality());
        root.put("date", s.date());
        for (int i = 0; i < combination.size(); i++) {
            if (combination.get(i) < 0) {
                continue;
            }
            Field field = s.fields().get(i);
            String[] parts = field.path().split("\\.");
            Map<String, Object> node = root;
            for (int j = 0; j < parts.length - 1; j++) {
                node = (Map<String, Object>) node.computeIfAbsent(parts[j], k -> new LinkedHashMap<String, Object>());
            }
            node.put(parts[parts.length - 1], field.values().get(combination.get(i)));
        }
        return root;
    }

    static String describe(Scenario s, List<Integer> combination) {
        return json(s, combination).toString();
    }

    static RouteAdvice.Answer advise(Scenario s, List<Integer> combination) {
        Profile profile = RoutesGoldenTests.PARSER.parse(RoutesGoldenTests.JSON.valueToTree(json(s, combination)));
        return RoutesGoldenTests.ADVISOR.advise(profile, "en").route(s.route());
    }
}
