package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.CaseLabelKeys;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.ProcedureStage;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.routes.Route;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/**
 * Issue #19, point 4: every code staff can meet has a label in English and Dutch (the Russian bundle has the same keys,
 * {@link MessageBundlesTests}). The lists are generated — every constant of every enum a module labels
 * ({@link LabelKeys}), every code of the shipped data set — so a new constant or a new route without words fails here.
 */
class LabelsTests {
    static final List<LabelKeys> MODULES = List.of(new CaseLabelKeys());

    @Test
    void everyConstantOfEveryLabelledEnumHasALabelInEnglishAndDutch() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String language : List.of("", "_nl")) {
            Properties bundle = MessageBundlesTests.bundle(language);
            for (LabelKeys module : MODULES) {
                for (Map.Entry<Class<? extends Enum<?>>, Function<Enum<?>, String>> type : module.keys().entrySet()) {
                    for (Enum<?> constant : type.getKey().getEnumConstants()) {
                        String key = type.getValue().apply(constant);
                        if (bundle.getProperty(key, "").isBlank()) {
                            missing.add("messages" + language + ": " + key);
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theStagesAndEventsStaffMeetAreAllLabelled() {
        List<Class<?>> labelled = new ArrayList<>();
        MODULES.forEach(m -> labelled.addAll(m.keys().keySet()));
        assertThat(labelled).contains(Stage.class, Route.class).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyCodeOfTheShippedDataSetHasWordsInEnglishAndDutch() throws IOException {
        PolicyDataSet data = PolicyDataSet.shipped();
        List<String> missing = new ArrayList<>();
        for (String language : List.of("", "_nl")) {
            Properties bundle = MessageBundlesTests.bundle(language);
            String lang = language.isEmpty() ? "en" : "nl";
            for (RouteData route : data.routes().values()) {
                need(missing, bundle, "route." + route.route());
                need(missing, route.name().byLanguage().get(lang), "name of route " + route.route() + " in " + lang);
                for (RouteParameter p : route.parameters().values()) {
                    need(missing, p.description().byLanguage().get(lang), "parameter " + p.id() + " in " + lang);
                }
            }
            for (LegalTerm term : data.procedure().terms().values()) {
                need(missing, term.name().byLanguage().get(lang), "term " + term.id() + " in " + lang);
                term.versions().forEach(v -> v.tracks().forEach(t -> need(missing, bundle, "cases.track." + t)));
            }
            for (ProcedureStage stage : data.procedure().stages()) {
                need(missing, stage.name().byLanguage().get(lang), "stage " + stage.id() + " in " + lang);
            }
            data.facts().values().forEach(f -> need(missing, f.label().byLanguage().get(lang), "fact " + f.id() + " in " + lang));
            data.provisions().forEach(p -> need(missing, bundle, "kind." + p.kind().name()));
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void labelsPutAConstantIntoTheReadersWords() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("cases.stage.APPLIED", Locale.ENGLISH, "Application registered");
        messages.addMessage("cases.stage.APPLIED", Locale.forLanguageTag("nl"), "Aanvraag geregistreerd");
        messages.addMessage("group.gay", Locale.ENGLISH, "Gay");
        Labels labels = new Labels(messages, MODULES);
        assertThat(labels.of(Stage.APPLIED, Locale.ENGLISH)).isEqualTo("Application registered");
        assertThat(labels.of(Stage.APPLIED, Locale.forLanguageTag("nl"))).isEqualTo("Aanvraag geregistreerd");
        assertThat(labels.key("group.", "gay", Locale.ENGLISH)).isEqualTo("Gay");
        assertThat(labels.of(null, Locale.ENGLISH)).isEmpty();
    }

    @Test
    void aMomentIsAmsterdamTimeToTheMinuteInSummerAndWinter() {
        Labels labels = new Labels(new StaticMessageSource(), MODULES);
        assertThat(labels.moment(Instant.parse("2026-07-01T10:15:30.123456789Z"))).isEqualTo("2026-07-01 12:15");
        assertThat(labels.moment(Instant.parse("2026-12-01T10:15:30.5Z"))).isEqualTo("2026-12-01 11:15");
        assertThat(labels.moment(null)).isEmpty();
    }

    static void need(List<String> missing, Properties bundle, String key) {
        if (bundle.getProperty(key, "").isBlank()) {
            missing.add("bundle key " + key + " (" + bundle.getProperty("language.name", "?") + ")");
        }
    }

    static void need(List<String> missing, String text, String what) {
        if (text == null || text.isBlank()) {
            missing.add(what);
        }
    }
}
