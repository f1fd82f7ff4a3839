package nl.haven.policy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.ChangesDocument;
import nl.haven.policy.Countries;
import nl.haven.policy.Country;
import nl.haven.policy.DeadlineDocument;
import nl.haven.policy.LegalTerms;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Region;
import nl.haven.policy.TimelineDocument;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import nl.haven.shared.Language;
import nl.haven.shared.Languages;

/** The public, read-only policy API of INTERFACES.md §3. */
@RestController
@RequestMapping(path = "/api/v1/policy", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "policy", description = "Dutch asylum policy for LGBTIQ+ claims as of a date: decision support, never a decision")
class PolicyApi {
    private final PolicyEngine engine;
    private final LegalTerms terms;
    private final PolicyChangeLog changeLog;
    private final MessageSource messages;

    PolicyApi(PolicyEngine engine, PolicyChangeLog changeLog, MessageSource messages) {
        this.engine = engine;
        this.terms = LegalTerms.of(engine.dataSet());
        this.changeLog = changeLog;
        this.messages = messages;
    }

    @GetMapping("/changes")
    @Operation(summary = "The recorded data-set versions and what changed between consecutive ones",
            description = "Every data-set version Haven has run with (content hash, label, the reviewedOn of its files, the day it was "
                    + "first loaded), oldest first, and for each pair of consecutive versions a structured diff per country (provisions, "
                    + "safe-country listings and list statements added, ended, changed or removed, with old and new values and their "
                    + "sources) and per route parameter (values added or changed, per year). docs/policy-changes.md.")
    ChangesDocument changes() {
        return Objects.requireNonNull(changeLog.snapshot().document());
    }

    @GetMapping("/assessment")
    @Operation(summary = "The assessment framework for a nationality, region, groups and facts on a date, with its reasoning and sources")
    AssessmentDocument assessment(@Parameter(description = "ISO 3166-1 alpha-2, e.g. RU") @RequestParam(required = false) @Nullable String nationality,
            @Parameter(description = "ISO 3166-2, e.g. RU-CE") @RequestParam(required = false) @Nullable String region,
            @Parameter(description = "lesbian, gay, bisexual, trans, intersex, nonbinary, queer") @RequestParam(name = "group", required = false) @Nullable List<String> groups,
            @Parameter(description = "fact codes of the data set, e.g. military-dismissal") @RequestParam(name = "fact", required = false) @Nullable List<String> facts,
            @Parameter(description = "YYYY-MM-DD: the policy in force on this day") @RequestParam(required = false) @Nullable String date,
            @Parameter(description = "YYYY-MM-DD: the policy as it was known on this day") @RequestParam(required = false) @Nullable String knownAt,
            @Parameter(description = "en, nl or ru") @RequestParam(defaultValue = "en") String lang) {
        var query = engine.query(nationality, region, groups == null ? List.of() : groups, facts == null ? List.of() : facts, date, knownAt);
        return AssessmentDocument.of(engine.assess(query), engine.dataSet(), language(lang));
    }

    @GetMapping("/deadline")
    @Operation(summary = "When a legal term of the asylum procedure ends (procedure.yaml, then the Algemene termijnenwet)",
            description = "The last day to act (end), the last day counting only rules confirmed in a primary source (safeEnd), the term "
                    + "and its article, the holidays and Atw rules that moved the end (rules, reasons), the sources, the confidence, notes, "
                    + "warnings (among them: procedure.yaml last reviewed more than 180 days before the event date) and, when the data "
                    + "names it, the law the answer was given under (regime, law). An unknown term or track, a malformed date, a date no "
                    + "version of the term covers or a deadline beyond the recorded holiday calendar is a 400 problem naming the value "
                    + "and what is accepted.")
    DeadlineDocument deadline(
            @Parameter(description = "a legal term of procedure.yaml, e.g. appeal-term") @RequestParam(required = false) @Nullable String term,
            @Parameter(description = "YYYY-MM-DD: the day of the event the term runs from") @RequestParam(required = false) @Nullable String eventDate,
            @Parameter(description = "the track, for a term whose length depends on it, e.g. general-procedure") @RequestParam(required = false) @Nullable String track,
            @Parameter(description = "YYYY-MM-DD: the day the asylum application was lodged, for a term whose rule depends on it (an event from "
                    + "12 June 2026 on an application lodged before)") @RequestParam(required = false) @Nullable String applicationDate,
            @Parameter(description = "en, nl or ru") @RequestParam(defaultValue = "en") String lang) {
        return DeadlineDocument.answer(terms, engine.dataSet(), term, eventDate, track, applicationDate, language(lang));
    }

    /** One country the data set knows. */
    record CountryView(String code, String name, int provisions, List<String> regions, boolean everSafeCountry) {
    }

    @GetMapping("/countries")
    @Operation(summary = "The countries with provisions in the data set")
    Map<String, Object> countries(@RequestParam(defaultValue = "en") String lang) {
        String language = language(lang);
        List<CountryView> countries = new ArrayList<>();
        for (String code : engine.dataSet().countriesWithProvisions()) {
            Country country = engine.dataSet().countries().get(code);
            List<Provision> provisions = engine.dataSet().provisionsOf(code);
            countries.add(new CountryView(code, Countries.name(country, code, language), provisions.size(),
                    country == null ? List.of() : country.regions().stream().map(Region::code).toList(),
                    provisions.stream().anyMatch(p -> p.kind() == ProvisionKind.SAFE_COUNTRY)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", new AssessmentDocument.DatasetRef(engine.dataSet().version()));
        body.put("countries", countries);
        return body;
    }

    @GetMapping("/countries/{cc}/timeline")
    @Operation(summary = "Every provision of a country in order of validity, with sources")
    TimelineDocument timeline(@PathVariable String cc, @RequestParam(defaultValue = "en") String lang) {
        return TimelineDocument.of(engine, cc, language(lang));
    }

    static String language(String lang) {
        return Languages.byCode(lang).map(Language::code)
                .orElseThrow(() -> new PolicyInputException("lang", "unknown language '" + lang + "': expected " + Languages.expected()));
    }

    @ExceptionHandler(PolicyInputException.class)
    ResponseEntity<ProblemDetail> badInput(PolicyInputException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.badInput(e.field(), e.getMessage());
        if (request.getRequestURI().endsWith("/assessment")) {
            problem.setProperty("problems", assessmentProblems(request, e));
        }
        return Problems.answer(problem);
    }

    /**
     * Every problem of an assessment question at once, each with its field and the explorer's sentence in the
     * question's {@code lang} (English when that is not a language of the registry): {@code detail} stays the engine's
     * English for clients that read it (issue #20 point 6).
     */
    private List<Map<String, String>> assessmentProblems(HttpServletRequest request, PolicyInputException e) {
        Locale locale = Languages.byCode(Objects.requireNonNullElse(request.getParameter("lang"), "")).orElse(Languages.ENGLISH).locale();
        PolicyExplorerPages.Question question = new PolicyExplorerPages.Question(parameter(request, "nationality"), parameter(request, "region"),
                parameters(request, "group"), parameters(request, "fact"), parameter(request, "date"), parameter(request, "knownAt"));
        List<Map<String, String>> problems = new ArrayList<>();
        List<ExplorerChecks.Problem> found = ExplorerChecks.check(engine.dataSet(), question);
        for (ExplorerChecks.Problem p : found.isEmpty() ? List.of(ExplorerChecks.fromEngine(e)) : found) {
            problems.add(Map.of("field", p.field(), "detail", messages.getMessage(p.key(), null, locale)));
        }
        return problems;
    }

    private static String parameter(HttpServletRequest request, String name) {
        return Objects.requireNonNullElse(request.getParameter(name), "");
    }

    private static List<String> parameters(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }
}
