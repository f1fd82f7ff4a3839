package nl.haven.policy.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.policy.Confidence;
import nl.haven.policy.Countries;
import nl.haven.policy.DatePrecision;
import nl.haven.policy.Group;
import nl.haven.policy.ListStatement;
import nl.haven.policy.ListStatementKind;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.SafeCountryLevel;
import nl.haven.policy.Text;
import nl.haven.policy.internal.DataSetReader.Validity;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import nl.haven.shared.Languages;
import nl.haven.policy.Review;

/** Reads {@code safe-countries.yaml} into the {@link DataSetReader}'s state. */
final class SafeCountryFileReader {
    private final DataSetReader reader;
    private final CountryFileReader countryFiles;
    private final List<String> errors;
    private final List<Provision> provisions;
    private final List<ListStatement> listStatements;

    SafeCountryFileReader(DataSetReader reader, CountryFileReader countryFiles) {
        this.reader = reader;
        this.countryFiles = countryFiles;
        this.errors = reader.errors;
        this.provisions = reader.provisions;
        this.listStatements = reader.listStatements;
    }

    /**
     * safe-countries.yaml: the listings ({@code safeCountries}), the dated statements about the lists ({@code statements}:
     * non-application, suspension, exclusion, note), and the EU candidate-country rule as data ({@code candidateRule}:
     * when candidates are designated and under which exclusions; {@code candidateCountries}: which countries are
     * candidates on which dates). A candidate's listing is derived from the two: it is a listing like any other, with
     * the rule's level, legal basis and sources and the candidacy's dates.
     */
    void safeCountries(@Nullable Node root) {
        YamlMap top = reader.top(root, DataSetReader.SAFE_COUNTRIES);
        if (top == null) {
            return;
        }
        // The day the lists were last checked against their sources (optional here; the country list shows it, issue #22).
        LocalDate reviewedOn = reader.reviewedOn(top, false);
        if (reviewedOn != null) {
            reader.reviews.add(new Review(DataSetReader.SAFE_COUNTRIES, reviewedOn));
        }
        top.maps("safeCountries").forEach(entry -> countryFiles.provision(entry, null, ProvisionKind.SAFE_COUNTRY));
        for (YamlMap entry : top.maps("statements")) {
            listStatement(entry);
        }
        List<YamlMap> rules = top.maps("candidateRule");
        List<YamlMap> candidates = top.maps("candidateCountries");
        top.rejectUnknownKeys();
        for (YamlMap rule : rules) {
            candidateRule(rule, candidates);
        }
        if (rules.isEmpty() && !candidates.isEmpty()) {
            errors.add(DataSetReader.SAFE_COUNTRIES + ":" + top.lineOf("candidateCountries") + ": 'candidateCountries' without a 'candidateRule'");
        }
    }

    private void listStatement(YamlMap entry) {
        String id = entry.string("id");
        ListStatementKind kind = entry.enumValue("kind", ListStatementKind.class, null);
        SafeCountryLevel level = entry.enumValue("level", SafeCountryLevel.class, null);
        List<String> codes = entry.strings("countries");
        for (String code : codes) {
            if (!Countries.known(code)) {
                errors.add(entry.file() + ":" + entry.lineOf("countries") + ": unknown country code '" + code
                        + "': expected an ISO 3166-1 alpha-2 code");
            }
        }
        Validity validity = reader.validity(entry, "a statement");
        LocalDate publishedOn = entry.date("publishedOn");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = reader.sourcesOf(entry);
        Text summary = entry.text("summary");
        entry.rejectUnknownKeys();
        if (kind == ListStatementKind.EXCLUSION && (level != SafeCountryLevel.EU || codes.isEmpty())) {
            entry.error("an EXCLUSION applies the EU candidate rule to named countries: level EU and at least one country");
        }
        if (!id.isEmpty() && reader.claimId(entry, id) && kind != null && level != null && validity != null && publishedOn != null
                && confidence != null) {
            listStatements.add(new ListStatement(id, kind, level, codes, validity.from(), validity.to(), publishedOn, confidence, sourceIds, summary,
                    entry.where()));
        }
    }

    private void candidateRule(YamlMap rule, List<YamlMap> candidates) {
        String ruleId = rule.string("id");
        Validity ruleValidity = reader.validity(rule, "a rule");
        LocalDate publishedOn = rule.date("publishedOn");
        String legalBasis = rule.string("legalBasis");
        List<String> exclusions = rule.strings("exclusions");
        if (exclusions.isEmpty()) {
            rule.error("'exclusions' names none: list the circumstances under which a candidate country is not designated");
        }
        Confidence confidence = rule.enumValue("confidence", Confidence.class, null);
        List<String> ruleSources = reader.sourcesOf(rule);
        Text summary = rule.text("summary");
        String regime = reader.regimeOf(rule);
        rule.rejectUnknownKeys();
        if (ruleId.isEmpty() || !reader.claimId(rule, ruleId) || ruleValidity == null || publishedOn == null || confidence == null) {
            return;
        }
        LocalDate ruleFrom = ruleValidity.from();
        LocalDate ruleTo = ruleValidity.to();
        for (YamlMap candidate : candidates) {
            String country = candidate.string("country");
            if (!country.isEmpty() && !Countries.known(country)) {
                errors.add(candidate.file() + ":" + candidate.lineOf("country") + ": unknown country code '" + country
                        + "': expected an ISO 3166-1 alpha-2 code");
                country = "";
            }
            LocalDate from = candidate.date("candidateFrom");
            LocalDate to = candidate.optionalDate("candidateTo");
            if (!candidate.has("candidateTo")) {
                candidate.error("missing 'candidateTo' (write candidateTo: null for a country still a candidate)");
            }
            Confidence candidacy = candidate.enumValue("confidence", Confidence.class, null);
            List<String> candidateSources = reader.sourcesOf(candidate);
            candidate.rejectUnknownKeys();
            if (country.isEmpty() || from == null || candidacy == null) {
                continue;
            }
            // The listing runs while both the rule and the candidacy hold.
            LocalDate start = from.isAfter(ruleFrom) ? from : ruleFrom;
            LocalDate end = ruleTo == null ? to : to == null || ruleTo.isBefore(to) ? ruleTo : to;
            if (end != null && !start.isBefore(end)) {
                continue;
            }
            String id = ruleId + "-" + country.toLowerCase(Locale.ROOT);
            if (!reader.claimId(candidate, id)) {
                continue;
            }
            Map<String, String> texts = new LinkedHashMap<>();
            for (String language : Languages.dataTexts()) {
                String template = summary.byLanguage().get(language);
                if (template != null) {
                    texts.put(language, template.replace("{country}", Countries.name(country, language)));
                }
            }
            List<String> sourceIds = new ArrayList<>(ruleSources);
            candidateSources.stream().filter(s -> !sourceIds.contains(s)).forEach(sourceIds::add);
            Confidence weaker = confidence.ordinal() >= candidacy.ordinal() ? confidence : candidacy;
            // Known once both the rule and the candidacy were: the rule's publication, or the candidacy's start if later.
            LocalDate published = publishedOn.isAfter(from) ? publishedOn : from;
            provisions.add(new Provision(id, ProvisionKind.SAFE_COUNTRY, country, EnumSet.allOf(Group.class), List.of(), List.of(), List.of(),
                    List.of(), EnumSet.noneOf(Group.class), start, end, DatePrecision.DAY, published, weaker, sourceIds, new Text(texts),
                    SafeCountryLevel.EU, legalBasis + " (" + String.join("; ", exclusions) + ")", false, regime, candidate.where()));
        }
    }
}
