package nl.haven.routes.web;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
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
import nl.haven.policy.Source;
import nl.haven.routes.ProfileException;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvice;
import nl.haven.routes.RouteAdvisor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
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
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Which step asks for which profile field, to send a person back to the right question. */
    private static final Map<String, Integer> STEP_OF = Map.ofEntries(Map.entry("nationality", 1), Map.entry("date", 1),
            Map.entry("dateOfBirth", 1), Map.entry("jobOffer", 2), Map.entry("education", 2), Map.entry("selfEmployed", 3),
            Map.entry("partner", 3), Map.entry("protection", 4), Map.entry("familyReunification", 4),
            Map.entry("profile", 1));

    private final RouteAdvisor advisor;
    private final ProfileParser parser;
    private final Clock clock;

    RoutesPages(RouteAdvisor advisor, ProfileParser parser, Clock clock) {
        this.advisor = advisor;
        this.parser = parser;
        this.clock = clock;
    }

    record Option(String code, String label) {
    }

    @GetMapping("/routes")
    String start(Locale locale, Model model) {
        return step(1, RouteForm.empty(LocalDate.now(clock).toString()), locale, model);
    }

    @PostMapping("/routes")
    String next(@ModelAttribute RouteForm form, @RequestParam(defaultValue = "1") int step, @RequestParam(defaultValue = "next") String action,
            Locale locale, Model model, HttpServletResponse response) {
        int current = Math.max(1, Math.min(STEPS, step));
        if (action.equals("back")) {
            return step(Math.max(1, current - 1), form, locale, model);
        }
        if (current < STEPS) {
            return step(current + 1, form, locale, model);
        }
        try {
            RouteAdvice advice = advisor.advise(parser.parse(profile(form)), language(locale));
            model.addAttribute("advice", advice);
            Map<String, Integer> numbers = citations(advice);
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
        model.addAttribute("steps", STEPS);
        model.addAttribute("form", form);
        model.addAttribute("countries", countries);
        model.addAttribute("groupOptions", Arrays.stream(Group.values()).map(Group::code).toList());
        List<Option> facts = new ArrayList<>();
        advisor.dataSet().facts().values().forEach(f -> facts.add(new Option(f.id(), f.label().in(language))));
        model.addAttribute("factOptions", facts);
        return "routes/questionnaire";
    }

    /** The form's answers as the JSON profile of INTERFACES.md §4, so the API's parser checks them. */
    static ObjectNode profile(RouteForm f) {
        ObjectNode root = JSON.createObjectNode();
        text(root, "nationality", f.nationality());
        text(root, "date", f.date());
        text(root, "dateOfBirth", f.dateOfBirth());
        ObjectNode job = JSON.createObjectNode();
        number(job, "grossMonthlySalaryEur", f.salary());
        bool(job, "recognisedSponsor", f.sponsor());
        integer(job, "durationMonths", f.contractMonths());
        put(root, "jobOffer", job);
        ObjectNode education = JSON.createObjectNode();
        text(education, "level", f.educationLevel());
        text(education, "graduatedOn", f.graduatedOn());
        bool(education, "dutchInstitution", f.dutchInstitution());
        bool(education, "top200University", f.top200());
        bool(education, "orientationYear", f.orientationYear());
        put(root, "education", education);
        ObjectNode business = JSON.createObjectNode();
        number(business, "capitalEur", f.capital());
        number(business, "ownershipPercent", f.ownership());
        bool(business, "kvkRegistration", f.kvk());
        put(root, "selfEmployed", business);
        ObjectNode partner = JSON.createObjectNode();
        text(partner, "status", f.partnerStatus());
        text(partner, "relationship", f.relationship());
        text(partner, "dateOfBirth", f.partnerDateOfBirth());
        number(partner, "grossMonthlyIncomeEur", f.partnerIncome());
        put(root, "partner", partner);
        if (!f.groupList().isEmpty() || !f.factList().isEmpty()) {
            ObjectNode protection = JSON.createObjectNode();
            ArrayNode groups = protection.putArray("groups");
            f.groupList().forEach(groups::add);
            ArrayNode facts = protection.putArray("facts");
            f.factList().forEach(facts::add);
            root.set("protection", protection);
        }
        ObjectNode family = JSON.createObjectNode();
        text(family, "member", f.familyMember());
        text(family, "status", f.familyStatus());
        text(family, "grantedOn", f.familyGrantedOn());
        bool(family, "familyAtEntry", f.familyAtEntry());
        bool(family, "dependent", f.familyDependent());
        bool(family, "unaccompaniedMinor", f.familyMinor());
        bool(family, "withParent", f.familyWithParent());
        bool(family, "sufficientIncome", f.familyIncome());
        bool(family, "housing", f.familyHousing());
        put(root, "familyReunification", family);
        return root;
    }

    private static void put(ObjectNode root, String name, ObjectNode child) {
        if (!child.isEmpty()) {
            root.set(name, child);
        }
    }

    private static void text(ObjectNode node, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value.trim());
        }
    }

    /** A number as typed ("5 688", "5.688,50" or "5688.50"); anything else is passed on as text for the parser to name. */
    private static void number(ObjectNode node, String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String compact = value.replaceAll("[\\s€]|EUR", "");
        if (compact.matches("-?\\d{1,3}(\\.\\d{3})+(,\\d{1,2})?")) {
            compact = compact.replace(".", "").replace(',', '.');
        } else if (compact.matches("-?\\d+,\\d{1,2}")) {
            compact = compact.replace(',', '.');
        } else {
            compact = compact.replace(",", "");
        }
        try {
            node.put(name, new BigDecimal(compact));
        } catch (NumberFormatException e) {
            node.put(name, value);
        }
    }

    /** A whole number as typed; anything else is passed on as text for the parser to name. */
    private static void integer(ObjectNode node, String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            node.put(name, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            node.put(name, value);
        }
    }

    private static void bool(ObjectNode node, String name, @Nullable String value) {
        if ("yes".equals(value)) {
            node.put(name, true);
        } else if ("no".equals(value)) {
            node.put(name, false);
        }
    }

    /** Numbers the sources the advice cites, in order of first citation. */
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
