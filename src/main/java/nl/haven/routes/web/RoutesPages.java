package nl.haven.routes.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.policy.Countries;
import nl.haven.policy.Group;
import nl.haven.policy.PlainWords;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteStatement;
import nl.haven.policy.Source;
import nl.haven.routes.ProfileException;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvice;
import nl.haven.routes.RouteAdvisor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import nl.haven.shared.Languages;

/**
 * The public route questionnaire: four short steps (you, work and study, business and partner,
 * protection and family reunification after protection), then the advice for every route with its sources and what would change the outcome.
 * Plain forms without JavaScript; the answers travel in the form itself (POST), never in a URL or a
 * session.
 */
@Controller
class RoutesPages {
    static final int STEPS = 4;
    /** Which step asks for which profile field, to send a person back to the right question. */
    private static final Map<String, Integer> STEP_OF = Map.ofEntries(Map.entry("nationality", 1), Map.entry("date", 1),
            Map.entry("dateOfBirth", 1), Map.entry("jobOffer", 2), Map.entry("education", 2), Map.entry("selfEmployed", 3),
            Map.entry("partner", 3), Map.entry("protection", 4), Map.entry("familyReunification", 4),
            Map.entry("profile", 1));

    private final RouteAdvisor advisor;
    private final ProfileParser parser;
    private final Clock clock;
    private final PolicyEngine engine;
    private final MessageSource messages;

    RoutesPages(RouteAdvisor advisor, ProfileParser parser, Clock clock, PolicyEngine engine, MessageSource messages) {
        this.advisor = advisor;
        this.parser = parser;
        this.clock = clock;
        this.engine = engine;
        this.messages = messages;
    }

    record Option(String code, String label) {
    }

    @GetMapping("/routes")
    String start(Locale locale, Model model) {
        return step(1, RouteForm.empty(LocalDate.now(clock).toString()), locale, model);
    }

    @PostMapping("/routes")
    String next(@ModelAttribute RouteForm typed, @RequestParam(defaultValue = "1") int step, @RequestParam(defaultValue = "next") String action,
            Locale locale, Model model, HttpServletResponse response) {
        int current = Math.max(1, Math.min(STEPS, step));
        RouteForm form = typed.withIsoDates();
        if (action.equals("back")) {
            return step(Math.max(1, current - 1), form, locale, model);
        }
        // Each step is checked as it is sent; the last one checks them all (the answers of earlier steps travel hidden).
        Map<String, StepChecks.Problem> problems = current < STEPS ? StepChecks.check(current, form, locale, LocalDate.now(clock))
                : StepChecks.all(form, locale, LocalDate.now(clock));
        if (!problems.isEmpty()) {
            response.setStatus(400);
            int first = problems.keySet().stream().mapToInt(StepChecks.STEP_OF_INPUT::get).min().orElse(current);
            Map<String, StepChecks.Problem> shown = new LinkedHashMap<>();
            problems.forEach((field, problem) -> {
                if (StepChecks.STEP_OF_INPUT.get(field) == first) {
                    shown.put(field, problem);
                }
            });
            model.addAttribute("problems", shown);
            return step(first, form, locale, model);
        }
        if (current < STEPS) {
            return step(current + 1, form, locale, model);
        }
        try {
            RouteAdvice advice = advisor.advise(parser.parse(FormProfile.of(form, locale)), language(locale));
            model.addAttribute("advice", advice);
            Map<String, Integer> numbers = citations(advice);
            // The asylum route's step-by-step reasoning in the person's words, as the explorer says it (issue #20 point 6).
            Map<String, List<String>> reasoning = new LinkedHashMap<>();
            Map<String, List<String>> warnings = new LinkedHashMap<>();
            Map<String, String> said = figuresAndStatements(numbers, language(locale));
            for (RouteAdvice.Answer a : advice.routes()) {
                warnings.put(a.route().name(), a.warnings().stream().map(w -> PlainWords.sayIds(w, said)).toList());
                if (a.assessment() != null) {
                    PlainWords words = PlainWords.of(a.assessment(), engine.dataSet(), key -> messages.getMessage(key, null, locale));
                    reasoning.put(a.route().name(), words.explanation(a.assessment().explanation()));
                    warnings.put(a.route().name(), words.warnings(a.warnings()).stream().map(w -> PlainWords.sayIds(w, said)).toList());
                }
            }
            model.addAttribute("reasoning", reasoning);
            model.addAttribute("warnings", warnings);
            model.addAttribute("citations", numbers);
            model.addAttribute("sources", cited(numbers));
            model.addAttribute("form", form);
            return "routes/results";
        } catch (ProfileException e) {
            response.setStatus(400);
            String top = e.field().contains(".") ? e.field().substring(0, e.field().indexOf('.')) : e.field();
            model.addAttribute("problemField", e.field());
            return step(STEP_OF.getOrDefault(top, 1), form, locale, model);
        }
    }

    private String step(int step, RouteForm form, Locale locale, Model model) {
        String language = language(locale);
        List<Option> countries = new ArrayList<>();
        for (String code : Locale.getISOCountries()) {
            countries.add(new Option(code, Countries.name(code, language)));
        }
        countries.sort(Comparator.comparing(Option::label));
        model.addAttribute("step", step);
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        model.addAttribute("steps", STEPS);
        model.addAttribute("form", form);
        model.addAttribute("countries", countries);
        model.addAttribute("groupOptions", Arrays.stream(Group.values()).map(Group::code).toList());
        List<Option> facts = new ArrayList<>();
        advisor.dataSet().facts().values().forEach(f -> facts.add(new Option(f.id(), f.label().in(language))));
        model.addAttribute("factOptions", facts);
        return "routes/questionnaire";
    }

    /** Numbers the sources the advice cites, in order of first citation. */
    /**
     * The ids a route's warning names, in the person's words (issue #20 point 6): a figure by its description in
     * quotation marks, a statement by the number of its first source as cited on the page ("[3]"). The API keeps the
     * ids in its warnings for the programs that need them.
     */
    private Map<String, String> figuresAndStatements(Map<String, Integer> numbers, String language) {
        Map<String, String> said = new LinkedHashMap<>();
        for (RouteData route : engine.dataSet().routes().values()) {
            route.parameters().values().forEach(p -> said.put(p.id(), "\u201c" + strip(p.description().in(language)) + "\u201d"));
            for (RouteStatement st : route.statements()) {
                Integer n = st.sources().isEmpty() ? null : numbers.get(st.sources().get(0));
                said.put(st.id(), n == null ? "\u201c" + strip(st.text().in(language)) + "\u201d" : "[" + n + "]");
            }
        }
        return said;
    }

    private static String strip(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private Map<String, Integer> citations(RouteAdvice advice) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (RouteAdvice.Answer answer : advice.routes()) {
            answer.reasons().forEach(r -> r.sources().forEach(s -> numbers.computeIfAbsent(s, k -> numbers.size() + 1)));
            answer.notes().forEach(n -> n.sources().forEach(s -> numbers.computeIfAbsent(s, k -> numbers.size() + 1)));
            if (answer.whatWouldChange() != null) {
                answer.whatWouldChange().changes().forEach(c -> c.sources().forEach(s -> numbers.computeIfAbsent(s, k -> numbers.size() + 1)));
            }
        }
        return numbers;
    }

    /** A cited source with its number. */
    record Cited(int number, Source source) {
    }

    private List<Cited> cited(Map<String, Integer> numbers) {
        List<Cited> cited = new ArrayList<>();
        numbers.forEach((id, n) -> advisor.dataSet().source(id).ifPresent(s -> cited.add(new Cited(n, s))));
        return cited;
    }

    private static String language(Locale locale) {
        return Languages.of(locale).code();
    }
}
