package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.cases.internal.FrameworkAnswer;
import nl.haven.identity.CurrentStaff;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import nl.haven.testing.Bundles;

/**
 * How the timeline names a policy change: the framework on each side and, where a route's outcome changed, that route
 * with this side's outcome, in each language the staff pages speak (issue #17, point 3: the route outcome).
 */
class FrameworkTextTests {
    static PageSupport support() {
                return new PageSupport(Mockito.mock(CurrentStaff.class), Bundles.messageSource(), Clock.systemUTC());
    }

    static final FrameworkAnswer BEFORE = new FrameworkAnswer("INDIVIDUAL_ASSESSMENT", false, null, List.of(), List.of("kv-2025z09558"),
            Map.of("HIGHLY_SKILLED_MIGRANT", "ELIGIBLE", "PARTNER", "NEEDS_INFORMATION"));
    static final FrameworkAnswer AFTER = new FrameworkAnswer("INDIVIDUAL_ASSESSMENT", false, null, List.of(), List.of("kv-2025z09558"),
            Map.of("HIGHLY_SKILLED_MIGRANT", "NOT_ELIGIBLE", "PARTNER", "NEEDS_INFORMATION"));

    @Test
    void aChangedRouteIsNamedWithEachSidesOutcomeAndAnUnchangedOneIsNot() {
        PageSupport support = support();
        assertThat(support.framework(BEFORE, AFTER, Locale.ENGLISH)).startsWith("Individual assessment; ")
                .endsWith("; routes: Highly skilled migrant: meets the conditions the data records").doesNotContain("partner");
        assertThat(support.framework(AFTER, BEFORE, Locale.ENGLISH)).endsWith("; routes: Highly skilled migrant: does not meet a condition on what is recorded");
        assertThat(support.framework(BEFORE, AFTER, Locale.forLanguageTag("nl"))).endsWith("voldoet aan de voorwaarden die de gegevens vastleggen").contains("Individuele beoordeling");
        assertThat(support.framework(AFTER, BEFORE, Locale.forLanguageTag("ru"))).contains("пути: ").endsWith("по записанным данным не выполнено одно из условий");
    }

    @Test
    void withoutRoutesOnEitherSideTheFrameworkAloneIsShown() {
        FrameworkAnswer recorded = new FrameworkAnswer("MINOR_INDICATIONS", true, null, List.of(), List.of(), Map.of());
        assertThat(support().framework(recorded, AFTER, Locale.ENGLISH)).isEqualTo(support().framework(recorded, Locale.ENGLISH))
                .doesNotContain("routes");
        FrameworkAnswer notAssessed = new FrameworkAnswer(FrameworkAnswer.NOT_ASSESSED, false, null, List.of(), List.of(), Map.of());
        assertThat(support().framework(notAssessed, Locale.ENGLISH)).startsWith("Not assessed (no group recorded)");
    }
}
