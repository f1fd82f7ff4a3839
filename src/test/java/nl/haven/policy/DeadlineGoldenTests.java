package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Deadline golden cases written as data ({@code src/test/resources/policy/deadlines-golden.yaml}): the due date and the regime
 * of a legal term for an event on a date, worked out by hand from procedure.yaml and the calendar, on both sides of 12 June
 * 2026 and at Atw holidays, or the input field an error must name.
 */
class DeadlineGoldenTests {

    static final LegalTerms TERMS = LegalTerms.of(PolicyDataSet.shipped());
    static final Path GOLDEN = Path.of("src/test/resources/policy/deadlines-golden.yaml");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() throws IOException {
        try (InputStream in = Files.newInputStream(GOLDEN)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return (List<Map<String, Object>>) root.get("cases");
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenDeadlines() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(String.valueOf(c.get("name")), () -> check(c)));
    }

    @Test
    void theCasesCoverBothSidesOfThePactAndTheHolidays() throws IOException {
        List<Map<String, Object>> cases = cases();
        assertThat(cases).extracting(c -> c.get("eventDate")).contains("2026-06-11", "2026-06-12");
        assertThat(cases).extracting(c -> c.get("due")).contains("2026-12-28", "2026-10-19", "2027-04-28", "2027-05-10");
        assertThat(cases).extracting(c -> c.get("regime")).contains("vw2000-before-pact", "vw2000-pact", "apr-2024-1348");
    }

    static void check(Map<String, Object> golden) {
        String term = (String) golden.get("term");
        LocalDate event = date(golden.get("eventDate"));
        String track = (String) golden.get("track");
        LocalDate application = date(golden.get("applicationDate"));
        if (golden.containsKey("error")) {
            PolicyInputException e = catchThrowableOfType(PolicyInputException.class, () -> TERMS.due(term, event, track, application));
            assertThat(e).as("refused").isNotNull();
            assertThat(e.field()).as("field named").isEqualTo(golden.get("error"));
            return;
        }
        Deadline deadline = TERMS.due(term, event, track, application);
        assertThat(deadline.due()).as("due").isEqualTo(date(golden.get("due")));
        LocalDate safe = golden.containsKey("safeDue") ? date(golden.get("safeDue")) : date(golden.get("due"));
        assertThat(deadline.safeDue()).as("safeDue").isEqualTo(safe);
        assertThat(deadline.regime()).as("regime").isEqualTo(golden.get("regime"));
    }

    private static @Nullable LocalDate date(@Nullable Object value) {
        return value == null ? null : LocalDate.parse((String) value);
    }
}
