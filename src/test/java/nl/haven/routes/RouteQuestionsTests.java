package nl.haven.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
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
 * offline: every full profile is enumerated, and every partial one too up to {@link #MAX_PARTIAL}, beyond which
 * a seeded sample of them is checked.)
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
        // Family reunification on both sides of 12 June 2026 and today; grants within three months, between three
        // months and two years, and over two years before the date; a spouse of age and one under 18.
        for (String[] dates : new String[][] { { "2026-06-11", "2026-04-01" }, { "2026-06-12", "2026-04-01" }, { "2026-12-06", "2026-10-01" } }) {
            scenarios.add(new Scenario(Route.FAMILY_REUNIFICATION, "IR", dates[0], List.of(
                    new Field("familyReunification.member", List.of("SPOUSE", "REGISTERED_PARTNER", "UNMARRIED_PARTNER", "MINOR_CHILD",
                            "ADULT_CHILD", "PARENT", "MINOR_SIBLING")),
                    new Field("familyReunification.status", List.of("REFUGEE", "SUBSIDIARY_PROTECTION")),
                    new Field("familyReunification.grantedOn", List.of(dates[1], "2025-06-01", "2024-01-01")),
                    new Field("familyReunification.familyAtEntry", List.of(true, false)),
                    new Field("familyReunification.dependent", List.of(true, false)),
                    new Field("familyReunification.unaccompaniedMinor", List.of(true, false)),
                    new Field("familyReunification.withParent", List.of(true, false)),
                    new Field("familyReunification.sufficientIncome", List.of(true, false)),
                    new Field("familyReunification.housing", List.of(true, false)),
                    new Field("dateOfBirth", List.of("1990-01-01", "2010-01-01")))));
        }
        return scenarios;
    }

    /** More partial profiles than this are sampled (seeded, so every run checks the same ones). */
    static final int MAX_PARTIAL = 6000;

    @TestFactory
    Stream<DynamicTest> everyQuestionAskedCanChangeTheOutcome() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> check(s)));
    }

    static void check(Scenario s) {
        int n = s.fields().size();
        int[] sizes = s.fields().stream().mapToInt(f -> f.values().size()).toArray();
        int total = 1;
        for (int size : sizes) {
            total *= size;
        }
        // Outcome of every full profile, at the mixed-radix index of its value indexes.
        Outcome[] full = new Outcome[total];
        for (int index = 0; index < total; index++) {
            int[] combination = decode(index, sizes, false);
            RouteAdvice.Answer answer = advise(s, combination);
            assertThat(answer.outcome()).as("%s, a fully answered profile %s", s, describe(s, combination)).isNotEqualTo(Outcome.NEEDS_INFORMATION);
            full[index] = answer.outcome();
        }
        int partials = 1;
        for (int size : sizes) {
            partials *= size + 1;
        }
        Random random = new Random(16);
        int count = Math.min(partials, MAX_PARTIAL);
        for (int i = 0; i < count; i++) {
            int[] partial = decode(partials <= MAX_PARTIAL ? i : random.nextInt(partials), sizes, true);
            RouteAdvice.Answer answer = advise(s, partial);
            if (answer.outcome() != Outcome.NEEDS_INFORMATION) {
                assertThat(answer.missing()).as("%s %s: a settled outcome (%s) asks nothing", s, describe(s, partial), answer.outcome()).isEmpty();
                continue;
            }
            for (String asked : answer.missing()) {
                int f = indexOf(s, asked);
                assertThat(f).as("%s %s asks '%s', which this test does not vary", s, describe(s, partial), asked).isNotNegative();
                assertThat(partial[f]).as("%s asks '%s', which the profile answers", s, asked).isEqualTo(-1);
                assertThat(matters(full, partial, f, sizes))
                        .as("%s %s asks '%s', but no answer to it changes the outcome", s, describe(s, partial), asked).isTrue();
            }
        }
    }

    /** Whether, among the full profiles that agree with the partial one, field f's answer changes the outcome. */
    static boolean matters(Outcome[] full, int[] partial, int f, int[] sizes) {
        int[] free = IntStream.range(0, sizes.length).filter(i -> i != f && partial[i] < 0).toArray();
        int completions = 1;
        for (int i : free) {
            completions *= sizes[i];
        }
        int[] combination = partial.clone();
        for (int c = 0; c < completions; c++) {
            int rest = c;
            for (int i : free) {
                combination[i] = rest % sizes[i];
                rest /= sizes[i];
            }
            combination[f] = 0;
            Outcome first = full[encode(combination, sizes)];
            for (int v = 1; v < sizes[f]; v++) {
                combination[f] = v;
                if (full[encode(combination, sizes)] != first) {
                    return true;
                }
            }
        }
        return false;
    }

    static int encode(int[] combination, int[] sizes) {
        int index = 0;
        for (int i = sizes.length - 1; i >= 0; i--) {
            index = index * sizes[i] + combination[i];
        }
        return index;
    }

    /** The value indexes of a mixed-radix index; with {@code partial}, each digit has one more value: -1, unanswered. */
    static int[] decode(int index, int[] sizes, boolean partial) {
        int[] combination = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int radix = sizes[i] + (partial ? 1 : 0);
            combination[i] = index % radix - (partial ? 1 : 0);
            index /= radix;
        }
        return combination;
    }

    static int indexOf(Scenario s, String path) {
        for (int i = 0; i < s.fields().size(); i++) {
            if (s.fields().get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Scenario s, int[] combination) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("nationality", s.nationality());
        root.put("date", s.date());
        for (int i = 0; i < combination.length; i++) {
            if (combination[i] < 0) {
                continue;
            }
            Field field = s.fields().get(i);
            String[] parts = field.path().split("\\.");
            Map<String, Object> node = root;
            for (int j = 0; j < parts.length - 1; j++) {
                node = (Map<String, Object>) node.computeIfAbsent(parts[j], k -> new LinkedHashMap<String, Object>());
            }
            node.put(parts[parts.length - 1], field.values().get(combination[i]));
        }
        return root;
    }

    static String describe(Scenario s, int[] combination) {
        return json(s, combination).toString();
    }

    static RouteAdvice.Answer advise(Scenario s, int[] combination) {
        Profile profile = RoutesGoldenTests.PARSER.parse(RoutesGoldenTests.JSON.valueToTree(json(s, combination)));
        return RoutesGoldenTests.ADVISOR.advise(profile, "en").route(s.route());
    }
}
