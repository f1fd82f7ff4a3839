package nl.haven.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The assessment as the document of INTERFACES.md §3, in one language: what the CLI prints with
 * {@code --json} and what {@code GET /api/v1/policy/assessment} answers. Field names are a contract.
 */
public record AssessmentDocument(String nationality, List<String> groups, List<String> facts, String date, @Nullable String knownAt,
        DatasetRef dataset, @Nullable String region, EvidentiaryStandard evidentiaryStandard, boolean riskGroup,
        SafeCountry safeCountryOfOrigin, ReviewView review, InternalRelocation internalRelocation, List<ProvisionView> provisions,
        List<NoteView> notes, List<NoteView> safeguards, List<String> warnings, List<SourceView> sources, List<String> explanation,
        String language, List<StatementView> listStatements, List<RegimeView> law) {

    public record DatasetRef(String version) {
    }

    /**
     * The safe-country answer. {@code listed}: a designation is in force on the date; {@code applied}: the presumption of
     * safety applies to this applicant (listed, not stopped, no exception for the groups); {@code exceptionsKnown}: false
     * when the designation's exceptions for categories of persons were not read, so that {@code exceptionForGroup} false
     * means "none known", not "none".
     *
     * @param level NATIONAL or EU; null when not listed
     * @param listing the listing's id; null when not listed
     * @param stoppedBy the id of the statement under which the listing is not applied (non-application, suspension,
     *        exclusion); null when it is applied or not listed
     */
    public record SafeCountry(boolean listed, boolean exceptionForGroup, boolean applied, @Nullable SafeCountryLevel level,
            @Nullable String listing, @Nullable String legalBasis, boolean exceptionsKnown, @Nullable String stoppedBy,
            @Nullable ListStatementKind stoppedHow) {
    }

    /** A statement about the safe-country lists shown with the answer. */
    public record StatementView(String id, ListStatementKind kind, SafeCountryLevel level, List<String> countries, String validFrom,
            @Nullable String validTo, Confidence confidence, String summary, List<String> sources, List<Integer> citations) {
    }

    /** A body of law in force on the assessment's date: the law the answer was given under. */
    public record RegimeView(String id, String name, String validFrom, @Nullable String validTo, Confidence confidence) {
    }

    /**
     * When the country's file was last checked against its sources, and whether the date asked is more than
     * {@link Review#MAX_AGE_DAYS} days after that (then {@code warnings} says so); {@code reviewedOn} null for a
     * country without a file of its own.
     */
    public record ReviewView(@Nullable String reviewedOn, boolean stale) {
    }

    public record InternalRelocation(boolean considered, List<String> regions) {
    }

    public record ProvisionView(String id, ProvisionKind kind, String validFrom, @Nullable String validTo, String datePrecision,
            String publishedOn, List<String> appliesTo, List<String> regions, Confidence confidence, String summary, List<String> sources,
            List<Integer> citations, @Nullable String regime) {
    }

    public record NoteView(String code, String text, List<String> sources, List<Integer> citations) {
    }

    /** A source, numbered in order of first citation ({@code number} is 1-based). */
    public record SourceView(int number, String id, String type, String title, String reference, @Nullable String date, String url) {
    }

    public static AssessmentDocument of(Assessment a, PolicyDataSet dataSet, String language) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<ProvisionView> provisions = new ArrayList<>();
        for (Provision p : a.provisions()) {
            provisions.add(view(p, language, numbers));
        }
        List<NoteView> notes = new ArrayList<>();
        for (Provision p : a.notes()) {
            notes.add(new NoteView(p.id(), p.summary().in(language), p.sources(), cite(p.sources(), numbers)));
        }
        List<StatementView> statements = new ArrayList<>();
        for (ListStatement st : a.listStatements()) {
            statements.add(new StatementView(st.id(), st.kind(), st.level(), st.countries(), st.validFrom().toString(),
                    st.validTo() == null ? null : st.validTo().toString(), st.confidence(), st.summary().in(language), st.sources(),
                    cite(st.sources(), numbers)));
        }
        List<NoteView> safeguards = new ArrayList<>();
        for (Safeguard s : a.safeguards()) {
            safeguards.add(new NoteView(s.id(), s.text().in(language), s.sources(), cite(s.sources(), numbers)));
        }
        List<SourceView> sources = new ArrayList<>();
        numbers.forEach((id, number) -> dataSet.source(id).ifPresent(s -> sources.add(new SourceView(number, s.id(), s.type(), s.title(),
                s.reference(), s.date() == null ? null : s.date().toString(), s.url()))));
        Explanations text = Explanations.in(language);
        return new AssessmentDocument(a.nationality(), a.groups().stream().map(Group::code).sorted().toList(),
                a.query().facts().stream().sorted().toList(), a.date().toString(),
                a.query().knownAt() == null ? null : a.query().knownAt().toString(), new DatasetRef(a.datasetVersion()), a.region(),
                a.standard(), a.riskGroup(), safeCountry(a), review(a),
                new InternalRelocation(a.relocationConsidered(), a.relocationRegions()), provisions, notes, safeguards,
                text.warnings(a), sources, text.explain(a, dataSet), language, statements,
                dataSet.regimesOn(a.date()).stream().map(r -> new RegimeView(r.id(), r.name().in(language), r.validFrom().toString(),
                        r.validTo() == null ? null : r.validTo().toString(), r.confidence())).toList());
    }

    private static SafeCountry safeCountry(Assessment a) {
        Provision listing = a.listing();
        if (listing == null) {
            return new SafeCountry(false, false, false, null, null, null, true, null, null);
        }
        ListStatement stop = a.listingStoppedBy();
        return new SafeCountry(true, a.safeCountryException(), a.safeCountryApplied(), listing.level(), listing.id(), listing.legalBasis(),
                listing.exceptionsKnown(), stop == null ? null : stop.id(), stop == null ? null : stop.kind());
    }

    private static ReviewView review(Assessment a) {
        if (a.country() == null || a.country().reviewedOn() == null) {
            return new ReviewView(null, false);
        }
        return new ReviewView(a.country().reviewedOn().toString(), a.country().review().staleOn(a.date()));
    }

    public static ProvisionView view(Provision p, String language, Map<String, Integer> numbers) {
        List<String> appliesTo = p.appliesTo().size() == Group.values().length ? List.of(Group.ALL)
                : p.appliesTo().stream().map(Group::code).sorted().toList();
        return new ProvisionView(p.id(), p.kind(), p.validFrom().toString(), p.validTo() == null ? null : p.validTo().toString(),
                p.datePrecision().name(), p.publishedOn().toString(), appliesTo, p.regions(), p.confidence(), p.summary().in(language),
                p.sources(), cite(p.sources(), numbers), p.regime());
    }

    private static List<Integer> cite(List<String> sourceIds, Map<String, Integer> numbers) {
        List<Integer> citations = new ArrayList<>(sourceIds.size());
        for (String id : sourceIds) {
            citations.add(numbers.computeIfAbsent(id, k -> numbers.size() + 1));
        }
        return citations;
    }
}
