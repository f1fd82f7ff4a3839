package nl.haven.policy;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Deadline} as a document in one language (INTERFACES.md §3, "Deadlines"): what
 * {@code ./haven policy deadline --json} prints and {@code GET /api/v1/policy/deadline} answers. Field names are a
 * contract: {@code end} is the last day to act with every rule applied, {@code safeEnd} the one with PRIMARY rules
 * only, {@code reasons} the computation step by step in words, {@code rules} the same steps as data (term, the
 * non-working days and Atw articles that moved the end) with numbered source citations.
 *
 * @param regime the id of the law the answer was given under ({@code regimes.yaml}), when the term's version names one;
 *        null otherwise
 * @param law that law's name in the document's language; null when {@code regime} is
 */
public record DeadlineDocument(String term, String name, String event, @Nullable String track, String eventDate, String end, String safeEnd,
        String firstDay, String plainEnd, LengthView length, boolean termsActApplies, Confidence confidence, @Nullable String regime,
        @Nullable String law, List<String> reasons, List<RuleView> rules, List<String> notes, List<String> warnings, List<AssessmentDocument.SourceView> sources,
        AssessmentDocument.DatasetRef dataset, String language) {

    /** The term's length on the track used, and the article that sets it. */
    public record LengthView(int amount, TermUnit unit, String article) {
    }

    /** One step of {@link Deadline#reasons()}: {@code rule} is a term, holiday or decree id, saturday/sunday or an Atw article id. */
    public record RuleView(Deadline.Reason.Kind kind, String rule, String date, String article, Confidence confidence, List<String> sources,
            List<Integer> citations) {
    }

    /**
     * Validates raw input (as typed on the command line or in a query string) and computes the deadline: the term id,
     * the event date (YYYY-MM-DD) and the track (blank = none). Every refusal is a {@link PolicyInputException} naming
     * the field, the value and what is accepted: the known term ids, the term's tracks on that date, the dates the
     * term's versions cover, or the years of the holiday calendar.
     */
    public static DeadlineDocument answer(LegalTerms terms, PolicyDataSet dataSet, @Nullable String term, @Nullable String eventDate,
            @Nullable String track, String language) {
        return answer(terms, dataSet, term, eventDate, track, null, language);
    }

    /**
     * As {@link #answer(LegalTerms, PolicyDataSet, String, String, String, String)}, with the date the asylum application was
     * lodged (blank = not given): a term whose rule depends on it (an event after 12 June 2026 on an application lodged
     * before) asks for it by the field {@code applicationDate}.
     */
    public static DeadlineDocument answer(LegalTerms terms, PolicyDataSet dataSet, @Nullable String term, @Nullable String eventDate,
            @Nullable String track, @Nullable String applicationDate, String language) {
        if (term == null || term.isBlank()) {
            throw new PolicyInputException("term", "term is required: one of " + String.join(", ", terms.procedure().terms().keySet()));
        }
        LocalDate event = PolicyEngine.parseDate("eventDate", eventDate, true);
        String trackId = track == null || track.isBlank() ? null : track.strip();
        Deadline deadline;
        try {
            deadline = terms.due(term.strip(), event, trackId, PolicyEngine.parseDate("applicationDate", applicationDate, false));
        } catch (PolicyInputException e) {
            // LegalTerms names its parameter termId; here the field is the query's "term".
            throw e.field().equals("termId") ? new PolicyInputException("term", e.getMessage()) : e;
        }
        return of(deadline, terms, dataSet, language);
    }

    public static DeadlineDocument of(Deadline d, LegalTerms terms, PolicyDataSet dataSet, String language) {
        ResourceBundle texts = ResourceBundle.getBundle("nl.haven.policy.Explanations", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        LegalTerm term = terms.procedure().term(d.term()).orElse(null);
        String name = term == null ? d.term() : term.name().in(language);
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<RuleView> rules = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Deadline.Reason r : d.reasons()) {
            List<Integer> citations = new ArrayList<>();
            for (String id : r.sources()) {
                citations.add(numbers.computeIfAbsent(id, k -> numbers.size() + 1));
            }
            rules.add(new RuleView(r.kind(), r.rule(), r.date().toString(), r.article(), r.confidence(), r.sources(), citations));
            reasons.add(reason(r, d, name, terms, texts, language));
        }
        List<AssessmentDocument.SourceView> sources = new ArrayList<>();
        numbers.forEach((id, n) -> dataSet.source(id).ifPresent(s -> sources.add(new AssessmentDocument.SourceView(n, s.id(), s.type(), s.title(),
                s.reference(), s.date() == null ? null : s.date().toString(), s.url()))));
        return new DeadlineDocument(d.term(), name, term == null ? "" : term.event().in(language), d.track(), d.eventDate().toString(),
                d.due().toString(), d.safeDue().toString(), d.firstDay().toString(), d.plainEnd().toString(),
                new LengthView(d.length().amount(), d.length().unit(), d.length().article()), d.termsActApplies(), d.confidence(),
                d.regime(), d.regime() == null ? null : dataSet.regimes().containsKey(d.regime())
                        ? dataSet.regimes().get(d.regime()).name().in(language) : null, reasons, rules, d.notes().stream().map(n -> n.in(language)).toList(),
                d.warnings().stream().map(w -> w.in(language)).toList(), sources, new AssessmentDocument.DatasetRef(dataSet.version()),
                language);
    }

    private static String reason(Deadline.Reason r, Deadline d, String name, LegalTerms terms, ResourceBundle texts, String language) {
        return switch (r.kind()) {
            case TERM -> t(texts, "deadlineTerm", name + (d.track() == null ? "" : " (" + d.track() + ")"),
                    t(texts, d.length().unit().name(), d.length().amount()), d.eventDate().toString(), r.article(), r.date().toString());
            case NON_WORKING_DAY -> t(texts, "deadlineNonWorking", r.date().toString(), dayName(r, terms, texts, language), r.article());
            case NEXT_WORKING_DAY -> t(texts, "deadlineNextWorkingDay", r.date().toString(), r.article());
            case TWO_WORKING_DAYS -> t(texts, "deadlineTwoWorkingDays", r.date().toString(), r.article());
            case TERMS_ACT_NOT_APPLICABLE -> t(texts, "deadlineNotApplicable", r.date().toString(), r.article());
        };
    }

    /** Saturday, Sunday, or the name of the holiday or equated day the rule id names. */
    private static String dayName(Deadline.Reason r, LegalTerms terms, ResourceBundle texts, String language) {
        if (r.rule().equals(LegalTerms.SATURDAY) || r.rule().equals(LegalTerms.SUNDAY)) {
            return texts.getString(r.rule());
        }
        return terms.calendar().holidaysOn(r.date()).stream().filter(h -> h.rule().equals(r.rule())).findFirst()
                .map(h -> h.name().in(language)).orElse(r.rule());
    }

    private static String t(ResourceBundle texts, String key, Object... args) {
        return new MessageFormat(texts.getString(key), Locale.ROOT).format(args);
    }

}
