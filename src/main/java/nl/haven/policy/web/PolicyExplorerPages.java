package nl.haven.policy.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.PlainWords;
import nl.haven.policy.Countries;
import nl.haven.policy.Country;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.Region;
import nl.haven.policy.Review;
import nl.haven.policy.TimelineDocument;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import nl.haven.shared.Languages;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Objects;

/**
 * The public policy explorer: pick country, region, groups, facts and date, and read the framework
 * with numbered source citations; a country page with its provisions over time. Plain forms and
 * links, no JavaScript.
 */
@Controller
class PolicyExplorerPages {
    private final PolicyEngine engine;
    private final Clock clock;
    private final MessageSource messages;

    PolicyExplorerPages(PolicyEngine engine, Clock clock, MessageSource messages) {
        this.engine = engine;
        this.clock = clock;
        this.messages = messages;
    }

    record Option(String code, String label) {
    }

    record RegionGroup(String country, String label, List<Option> regions) {
    }

    /** What the person asked, echoed back into the form. */
    record Question(String nationality, String region, List<String> groups, List<String> facts, String date, String knownAt) {
    }

    @GetMapping("/policy")
    String form(Locale locale, Model model) {
        addForm(model, locale, new Question("", "", List.of(), List.of(), LocalDate.now(clock).toString(), ""));
        return "policy/explorer";
    }

    @GetMapping("/policy/assessment")
    String assessment(@RequestParam(required = false) @Nullable String nationality, @RequestParam(required = false) @Nullable String region,
            @RequestParam(name = "group", required = false) @Nullable List<String> groups,
            @RequestParam(name = "fact", required = false) @Nullable List<String> facts, @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String knownAt, Locale locale, Model model, HttpServletResponse response) {
        Question question = new Question(nationality == null ? "" : nationality, region == null ? "" : region,
                groups == null ? List.of() : groups, facts == null ? List.of() : facts, date == null ? "" : ExplorerChecks.iso(date),
                knownAt == null ? "" : ExplorerChecks.iso(knownAt));
        addForm(model, locale, question);
        // Every problem at once, each naming its field in the reader's language (issue #20 point 6).
        List<ExplorerChecks.Problem> problems = ExplorerChecks.check(engine.dataSet(), question);
        if (problems.isEmpty()) {
            try {
                var query = engine.query(question.nationality(), question.region(), question.groups(), question.facts(),
                        ExplorerChecks.iso(question.date()), question.knownAt().isBlank() ? null : ExplorerChecks.iso(question.knownAt()));
                AssessmentDocument result = AssessmentDocument.of(engine.assess(query), engine.dataSet(), language(locale));
                model.addAttribute("result", result);
                PlainWords words = PlainWords.of(result, engine.dataSet(), key -> messages.getMessage(key, null, locale));
                model.addAttribute("explanation", words.explanation(result.explanation()));
                model.addAttribute("warnings", words.warnings(result.warnings()));
                Map<String, String> names = regionNames(query.nationality(), locale);
                model.addAttribute("relocationRegions", result.internalRelocation().regions().stream().map(r -> names.getOrDefault(r, r)).toList());
                model.addAttribute("countryName", countryName(query.nationality(), locale));
            } catch (PolicyInputException e) {
                problems = List.of(ExplorerChecks.fromEngine(e));
            }
        }
        if (!problems.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("problems", problems);
            model.addAttribute("problemFields", problems.stream().map(ExplorerChecks.Problem::field).toList());
        }
        return "policy/explorer";
    }

    /** A country of the list with the day its data was last checked against its sources (issue #22). */
    record Listed(String code, String label, @Nullable String reviewed) {
    }

    @GetMapping("/policy/countries")
    String countries(Locale locale, Model model) {
        List<Listed> countries = new ArrayList<>();
        var data = engine.dataSet();
        // A country without a file of its own has only safe-country listings: its data is that file's.
        LocalDate lists = data.reviews().stream().filter(r -> r.file().equals("safe-countries.yaml")).map(Review::reviewedOn)
                .filter(Objects::nonNull).findFirst().orElse(null);
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale);
        for (String code : data.countriesWithProvisions()) {
            var country = data.countries().get(code);
            LocalDate reviewed = country != null && country.reviewedOn() != null ? country.reviewedOn() : lists;
            countries.add(new Listed(code, countryName(code, locale), reviewed == null ? null : day.format(reviewed)));
        }
        countries.sort(Comparator.comparing(Listed::label));
        model.addAttribute("countries", countries);
        return "policy/countries";
    }

    @GetMapping("/policy/countries/{cc}")
    String country(@PathVariable String cc, Locale locale, Model model, HttpServletResponse response) {
        String code;
        try {
            code = Countries.parse(cc);
        } catch (PolicyInputException e) {
            response.setStatus(404);
            model.addAttribute("status", 404);
            model.addAttribute("messageKey", "error.notFound");
            return "error";
        }
        TimelineDocument timeline = TimelineDocument.of(engine, code, language(locale));
        model.addAttribute("timeline", timeline);
        model.addAttribute("regionNames", regionNames(code, locale));
        model.addAttribute("svg", TimelineSvg.draw(timeline.provisions(), LocalDate.now(clock), timeline.name(),
                Languages.of(locale).rightToLeft(), p -> messages.getMessage("kind." + p.kind(), null, locale)));
        // "Last reviewed" on every country page: the country file's reviewedOn, flagged when today is more than 180 days after it.
        Country country = engine.dataSet().countries().get(code);
        Review review = country == null ? null : country.review();
        model.addAttribute("reviewedOn", review == null ? null : review.reviewedOn());
        model.addAttribute("reviewStale", review != null && review.staleOn(LocalDate.now(clock)));
        model.addAttribute("reviewMaxAge", Review.MAX_AGE_DAYS);
        return "policy/country";
    }

    private void addForm(Model model, Locale locale, Question question) {
        String language = language(locale);
        List<Option> withProvisions = new ArrayList<>();
        for (String code : engine.dataSet().countriesWithProvisions()) {
            withProvisions.add(new Option(code, countryName(code, locale)));
        }
        withProvisions.sort(Comparator.comparing(Option::label));
        List<Option> all = new ArrayList<>();
        for (String code : Locale.getISOCountries()) {
            all.add(new Option(code, Countries.name(code, language)));
        }
        all.sort(Comparator.comparing(Option::label));
        List<RegionGroup> regions = new ArrayList<>();
        for (Country country : engine.dataSet().countries().values()) {
            if (!country.regions().isEmpty()) {
                List<Option> options = new ArrayList<>();
                for (Region region : country.regions()) {
                    options.add(new Option(region.code(), region.name().in(language)));
                }
                regions.add(new RegionGroup(country.code(), Countries.name(country, country.code(), language), options));
            }
        }
        List<Option> groups = new ArrayList<>();
        for (Group group : Group.values()) {
            groups.add(new Option(group.code(), group.code()));
        }
        List<Option> facts = new ArrayList<>();
        engine.dataSet().facts().values().forEach(f -> facts.add(new Option(f.id(), f.label().in(language))));
        model.addAttribute("withProvisions", withProvisions);
        model.addAttribute("allCountries", all);
        model.addAttribute("regionGroups", regions);
        model.addAttribute("groupOptions", groups);
        model.addAttribute("factOptions", facts);
        model.addAttribute("q", question);
        model.addAttribute("datasetVersion", engine.dataSet().version());
    }

    /** The names of a country's regions in the reader's language, by code: pages show names, not codes (#20 point 6). */
    private Map<String, String> regionNames(String code, Locale locale) {
        Map<String, String> names = new HashMap<>();
        Country country = engine.dataSet().countries().get(code);
        if (country != null) {
            country.regions().forEach(r -> names.put(r.code(), r.name().in(language(locale))));
        }
        return names;
    }

    private String countryName(String code, Locale locale) {
        Country country = engine.dataSet().countries().get(code);
        return Countries.name(country, code, language(locale));
    }

    private static String language(Locale locale) {
        return Languages.of(locale).code();
    }
}
