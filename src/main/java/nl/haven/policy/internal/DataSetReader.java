package nl.haven.policy.internal;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.haven.policy.Confidence;
import nl.haven.policy.Countries;
import nl.haven.policy.Country;
import nl.haven.policy.DatePrecision;
import nl.haven.policy.Fact;
import nl.haven.policy.Group;
import nl.haven.policy.ListStatement;
import nl.haven.policy.ListStatementKind;
import nl.haven.policy.Regime;
import nl.haven.policy.SafeCountryLevel;
import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.Procedure;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Region;
import nl.haven.policy.Review;
import nl.haven.policy.DatedValue;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.policy.RouteStatement;
import nl.haven.policy.Safeguard;
import nl.haven.policy.Source;
import nl.haven.policy.Text;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a data set in the format of POLICY-DATA.md and validates it strictly. Every problem is
 * collected as {@code FILE:LINE: message}; the data set is returned only when there is none.
 */
public final class DataSetReader {
    static final String SOURCES = "sources.yaml";
    static final String FACTS = "facts.yaml";
    static final String SAFEGUARDS = "safeguards.yaml";
    static final String SAFE_COUNTRIES = "safe-countries.yaml";
    static final String PROCEDURE = "procedure.yaml";
    static final String REGIMES = "regimes.yaml";
    /** Optional: the data set's human version label ({@code label:}), issue #17. */
    static final String DATASET = "dataset.yaml";
    /** The regular routes a routes/*.yaml file may describe. */
    static final List<String> ROUTES = List.of("DAFT", "HIGHLY_SKILLED_MIGRANT", "EU_BLUE_CARD", "ORIENTATION_YEAR", "PARTNER",
            "FAMILY_REUNIFICATION");

    final List<String> errors = new ArrayList<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, String> sourceOrigin = new HashMap<>();
    private final Map<String, Fact> facts = new LinkedHashMap<>();
    private final List<Safeguard> safeguards = new ArrayList<>();
    private final Map<String, Country> countries = new TreeMap<>();
    private final List<Provision> provisions = new ArrayList<>();
    private final Map<String, String> idOrigin = new HashMap<>();
    private final Map<String, RouteData> routes = new TreeMap<>();
    private final Map<String, Regime> regimes = new LinkedHashMap<>();
    private final List<ListStatement> listStatements = new ArrayList<>();
    private final List<Review> reviews = new ArrayList<>();
    /** Source and fact references, checked once every file is read: {origin, kind, id}. */
    private final List<String[]> references = new ArrayList<>();

    private DataSetReader() {
    }

    public static PolicyDataSet read(PolicyFiles files) {
        DataSetReader reader = new DataSetReader();
        return reader.readAll(files, null, null);
    }

    /**
     * Reads a data set with a change file on top (the policy what-if): the change's provisions are added to its
     * country's, one with the id of an existing provision of that country replaces it, and the whole is validated as
     * one data set, errors in the change named {@code changeName:LINE}.
     */
    public static PolicyDataSet read(PolicyFiles files, String changeName, String changeText) {
        DataSetReader reader = new DataSetReader();
        return reader.readAll(files, changeName, changeText);
    }

    private PolicyDataSet readAll(PolicyFiles files, @Nullable String changeName, @Nullable String changeText) {
        Map<String, Node> roots = new TreeMap<>();
        for (Map.Entry<String, String> file : files.byPath().entrySet()) {
            String path = file.getKey();
            boolean known = path.equals(SOURCES) || path.equals(FACTS) || path.equals(SAFEGUARDS) || path.equals(SAFE_COUNTRIES)
                    || path.equals(PROCEDURE) || path.equals(REGIMES) || path.equals(DATASET) || path.matches("countries/[A-Z]{2}\\.yaml") || path.matches("routes/[a-z0-9-]+\\.yaml");
            if (!known) {
                errors.add(path + ":1: unknown file: expected sources.yaml, facts.yaml, safeguards.yaml, safe-countries.yaml, "
                        + "procedure.yaml, regimes.yaml, dataset.yaml, countries/CC.yaml or routes/NAME.yaml");
                continue;
            }
            Node root = parse(path, file.getValue());
            if (root != null) {
                roots.put(path, root);
            }
        }
        for (String required : List.of(SOURCES, FACTS, SAFEGUARDS)) {
            if (!files.byPath().containsKey(required)) {
                errors.add(required + ":1: missing: every data set has this file");
            }
        }
        // Sources and facts first, so that references can be checked in any order.
        body(roots, SOURCES, "sources").forEach(this::source);
        body(roots, FACTS, "facts").forEach(this::fact);
        body(roots, SAFEGUARDS, "safeguards").forEach(this::safeguard);
        if (roots.containsKey(REGIMES)) {
            body(roots, REGIMES, "regimes").forEach(this::regime);
        }
        for (Map.Entry<String, Node> root : roots.entrySet()) {
            if (root.getKey().startsWith("countries/")) {
                country(root.getKey(), root.getValue());
            }
        }
        safeCountries(roots.get(SAFE_COUNTRIES));
        if (changeName != null && changeText != null) {
            Node change = parse(changeName, changeText);
            if (change != null) {
                change(changeName, change);
            }
        }
        for (Map.Entry<String, Node> root : roots.entrySet()) {
            if (root.getKey().startsWith("routes/")) {
                route(root.getKey(), root.getValue());
            }
        }
        Procedure procedure = roots.containsKey(PROCEDURE) ? new ProcedureReader(this, PROCEDURE).read(roots.get(PROCEDURE)) : Procedure.none();
        if (roots.containsKey(PROCEDURE)) {
            reviews.add(procedure.review());
        }
        String label = label(roots.get(DATASET));
        checkReferences();
        checkContradictions();
        if (!errors.isEmpty()) {
            throw new PolicyDataException(errors);
        }
        return new PolicyDataSet(hash(files, changeName, changeText), sources, facts, safeguards, countries, provisions, routes, procedure,
                reviews, regimes.values(), listStatements, label);
    }

    /** {@code dataset.yaml}: {@code schemaVersion} and {@code label}, the version's name for people (at most 100 characters). */
    private @Nullable String label(@Nullable Node root) {
        YamlMap top = top(root, DATASET);
        if (top == null) {
            return null;
        }
        String label = top.string("label");
        top.rejectUnknownKeys();
        if (label.length() > 100) {
            top.error("label is " + label.length() + " characters long: at most 100");
            return null;
        }
        return label.isEmpty() ? null : label;
    }

    /**
     * A change file: {@code schemaVersion}, optional {@code sources} (as in sources.yaml, for a hypothetical
     * statement), {@code country} and its {@code provisions} in the country files' format.
     */
    private void change(String path, Node root) {
        YamlMap top = top(root, path);
        if (top == null) {
            return;
        }
        top.maps("sources").forEach(this::source);
        String code = top.string("country");
        Country country = null;
        if (!code.isEmpty()) {
            if (!Countries.known(code)) {
                errors.add(path + ":" + top.lineOf("country") + ": unknown country code '" + code + "': expected an ISO 3166-1 alpha-2 code");
            } else {
                country = countries.getOrDefault(code, new Country(code, new Text(Map.of("en", code, "nl", code)), List.of()));
            }
        }
        List<YamlMap> entries = top.maps("provisions");
        if (entries.isEmpty()) {
            top.error("a change names at least one provision under 'provisions'");
        }
        top.rejectUnknownKeys();
        if (country == null) {
            return;
        }
        for (YamlMap entry : entries) {
            String id = entry.has("id") ? entry.optionalString("id") : null;
            Provision existing = id == null ? null : provisions.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
            if (existing != null) {
                if (!existing.country().equals(country.code())) {
                    entry.error("id '" + id + "' is a provision of " + existing.country() + " (" + existing.origin() + "): this change file changes "
                            + country.code() + " only");
                    continue;
                }
                // The same id replaces the provision: that is how a change ends or narrows a statement in force.
                provisions.remove(existing);
                idOrigin.remove(id);
            }
            provision(entry, country, null);
        }
    }

    private @Nullable Node parse(String path, String text) {
        try {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            if (root == null) {
                errors.add(path + ":1: the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            errors.add(path + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            errors.add(path + ":1: not valid YAML: " + e.getMessage());
        }
        return null;
    }

    /** The entries under the file's list key, after checking the schema version and the top-level keys. */
    private List<YamlMap> body(Map<String, Node> roots, String path, String listKey) {
        YamlMap top = top(roots.get(path), path);
        if (top == null) {
            return List.of();
        }
        List<YamlMap> entries = top.maps(listKey);
        top.rejectUnknownKeys();
        return entries;
    }

    /** [from, to): to null = still in force. */
    record Validity(LocalDate from, @Nullable LocalDate to) {
    }

    /**
     * An entry's {@code validFrom} (required) and {@code validTo} (a required key, null = open), checked for order; null when
     * validFrom is missing or bad. {@code what} names the entry in the message for a missing validTo ("a provision").
     */
    @Nullable Validity validity(YamlMap entry, String what) {
        LocalDate validFrom = entry.date("validFrom");
        LocalDate validTo = entry.optionalDate("validTo");
        if (!entry.has("validTo")) {
            entry.error("missing 'validTo' (write validTo: null for " + what + " still in force)");
        }
        if (validFrom != null && validTo != null && !validFrom.isBefore(validTo)) {
            errors.add(entry.file() + ":" + entry.lineOf("validTo") + ": validTo " + validTo + " must be after validFrom " + validFrom
                    + " (validTo is exclusive)");
        }
        return validFrom == null ? null : new Validity(validFrom, validTo);
    }

    /**
     * The file's {@code reviewedOn}: the day someone last checked it against its sources, written on the line after
     * {@code schemaVersion}. Required in country files and procedure.yaml ({@code required}), optional in route files.
     */
    @Nullable LocalDate reviewedOn(YamlMap top, boolean required) {
        if (!top.has("reviewedOn")) {
            if (required) {
                top.error("missing 'reviewedOn': the day this file was last checked against its sources (YYYY-MM-DD), "
                        + "on the line after schemaVersion");
            }
            return null;
        }
        return top.date("reviewedOn");
    }

    @Nullable YamlMap top(@Nullable Node root, String path) {
        if (root == null) {
            return null;
        }
        YamlMap top = YamlMap.of(path, root, errors, "the file");
        if (top == null) {
            return null;
        }
        String version = top.optionalString("schemaVersion");
        if (version == null) {
            top.error("missing 'schemaVersion' (this Haven reads version " + PolicyVocabulary.SCHEMA_VERSION + ")");
        } else if (!version.equals(String.valueOf(PolicyVocabulary.SCHEMA_VERSION))) {
            errors.add(path + ":" + top.lineOf("schemaVersion") + ": unknown schemaVersion '" + version + "': this Haven reads version "
                    + PolicyVocabulary.SCHEMA_VERSION);
        }
        return top;
    }

    boolean claimId(YamlMap entry, String id) {
        if (!PolicyVocabulary.ID.matcher(id).matches()) {
            entry.error("id '" + id + "' must be kebab-case: lower-case letters and digits joined by hyphens");
            return false;
        }
        String previous = idOrigin.putIfAbsent(id, entry.where());
        if (previous != null) {
            entry.error("duplicate id '" + id + "' (first defined at " + previous + ")");
            return false;
        }
        return true;
    }

    private void source(YamlMap entry) {
        String id = entry.string("id");
        String type = entry.string("type");
        if (!type.isEmpty() && !PolicyVocabulary.SOURCE_TYPES.contains(type)) {
            entry.error("unknown source type '" + type + "': expected one of " + PolicyVocabulary.sourceTypes());
        }
        Source source = new Source(id, type, entry.string("title"), entry.string("reference"), entry.optionalDate("date"),
                entry.stringOrEmpty("url"), entry.string("language"));
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && claimId(entry, id)) {
            sources.put(id, source);
            sourceOrigin.put(id, entry.where());
        }
    }

    private void fact(YamlMap entry) {
        String id = entry.string("id");
        Text label = entry.text("label");
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && claimId(entry, id)) {
            facts.put(id, new Fact(id, label));
        }
    }

    private void safeguard(YamlMap entry) {
        String id = entry.string("id");
        LocalDate validFrom = entry.date("validFrom");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = sourcesOf(entry);
        Text text = entry.text("text");
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && claimId(entry, id) && validFrom != null && confidence != null) {
            safeguards.add(new Safeguard(id, validFrom, confidence, sourceIds, text));
        }
    }

    List<String> sourcesOf(YamlMap entry) {
        List<String> ids = entry.strings("sources");
        if (ids.isEmpty()) {
            errors.add(entry.file() + ":" + entry.lineOf("sources") + ": no sources: every statement needs at least one source id from sources.yaml");
        }
        for (String id : ids) {
            references.add(new String[] { entry.file() + ":" + entry.lineOf("sources"), "source", id });
        }
        return ids;
    }

    private void country(String path, Node root) {
        YamlMap top = top(root, path);
        if (top == null) {
            return;
        }
        String expected = path.substring("countries/".length(), "countries/".length() + 2);
        String code = top.string("country");
        if (!code.isEmpty() && !code.equals(expected)) {
            errors.add(path + ":" + top.lineOf("country") + ": country '" + code + "' does not match the file name (" + expected + ".yaml)");
        }
        if (!Countries.known(expected)) {
            top.error("unknown country code '" + expected + "': expected an ISO 3166-1 alpha-2 code");
        }
        LocalDate reviewedOn = reviewedOn(top, true);
        Text name = top.text("name");
        List<Region> regions = new ArrayList<>();
        for (YamlMap region : top.maps("regions")) {
            String regionCode = region.string("code");
            if (!regionCode.isEmpty() && (!PolicyVocabulary.REGION.matcher(regionCode).matches() || !regionCode.startsWith(expected + "-"))) {
                region.error("region code '" + regionCode + "' must be an ISO 3166-2 code of " + expected + ", e.g. " + expected + "-XX");
            }
            regions.add(new Region(regionCode, region.text("name")));
            region.rejectUnknownKeys();
        }
        Country country = new Country(expected, name, regions, reviewedOn);
        countries.put(expected, country);
        reviews.add(country.review());
        for (YamlMap entry : top.maps("provisions")) {
            provision(entry, country, null);
        }
        top.rejectUnknownKeys();
    }

    /** A provision of a country file ({@code country} given) or a safe-country listing ({@code only} = SAFE_COUNTRY). */
    private void provision(YamlMap entry, @Nullable Country country, @Nullable ProvisionKind only) {
        String id = entry.string("id");
        ProvisionKind kind = entry.enumValue("kind", ProvisionKind.class, only);
        String countryCode;
        if (country == null) {
            countryCode = entry.string("country");
            if (!countryCode.isEmpty() && !Countries.known(countryCode)) {
                errors.add(entry.file() + ":" + entry.lineOf("country") + ": unknown country code '" + countryCode
                        + "': expected an ISO 3166-1 alpha-2 code");
            }
        } else {
            countryCode = country.code();
        }
        if (kind != null && only != null && kind != only) {
            entry.error("kind '" + kind + "' does not belong here: this file holds only " + only);
        } else if (kind == ProvisionKind.SAFE_COUNTRY && only == null) {
            entry.error("SAFE_COUNTRY listings belong in safe-countries.yaml");
        }
        Set<Group> appliesTo = kind == ProvisionKind.SAFE_COUNTRY && !entry.has("appliesTo") ? EnumSet.allOf(Group.class)
                : groups(entry, "appliesTo", true);
        List<String> regions = regions(entry, "regions", country);
        List<String> exceptRegions = regions(entry, "exceptRegions", country);
        List<String> relocationTo = regions(entry, "relocationTo", country);
        List<String> factIds = entry.strings("facts");
        Set<Group> exceptionFor = groups(entry, "exceptionFor", false);
        if (kind == ProvisionKind.INTERNAL_RELOCATION && relocationTo.isEmpty()) {
            entry.error("an INTERNAL_RELOCATION provision names the regions held safe in 'relocationTo'");
        }
        if (kind != ProvisionKind.INTERNAL_RELOCATION && !relocationTo.isEmpty()) {
            errors.add(entry.file() + ":" + entry.lineOf("relocationTo") + ": 'relocationTo' belongs only to INTERNAL_RELOCATION provisions");
        }
        if (kind != ProvisionKind.NOTE && !factIds.isEmpty()) {
            errors.add(entry.file() + ":" + entry.lineOf("facts") + ": 'facts' belongs only to NOTE provisions");
        }
        if (kind != ProvisionKind.SAFE_COUNTRY && entry.has("exceptionFor")) {
            errors.add(entry.file() + ":" + entry.lineOf("exceptionFor") + ": 'exceptionFor' belongs only to SAFE_COUNTRY listings");
        }
        if (!regions.isEmpty() && !exceptRegions.isEmpty()) {
            errors.add(entry.file() + ":" + entry.lineOf("exceptRegions") + ": give 'regions' or 'exceptRegions', not both");
        }
        for (String fact : factIds) {
            references.add(new String[] { entry.file() + ":" + entry.lineOf("facts"), "fact", fact });
        }
        Validity validity = validity(entry, "a provision");
        DatePrecision precision = entry.enumValue("datePrecision", DatePrecision.class, DatePrecision.DAY);
        LocalDate publishedOn = entry.date("publishedOn");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = sourcesOf(entry);
        Text summary = entry.text("summary");
        SafeCountryLevel level = null;
        String legalBasis = null;
        boolean exceptionsKnown = true;
        if (kind == ProvisionKind.SAFE_COUNTRY) {
            level = entry.enumValue("level", SafeCountryLevel.class, null);
            legalBasis = entry.string("legalBasis");
            exceptionsKnown = bool(entry, "exceptionsKnown", true);
        } else {
            for (String key : List.of("level", "legalBasis", "exceptionsKnown")) {
                if (entry.has(key)) {
                    errors.add(entry.file() + ":" + entry.lineOf(key) + ": '" + key + "' belongs only to SAFE_COUNTRY listings");
                }
            }
        }
        String regime = regimeOf(entry);
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && claimId(entry, id) && kind != null && validity != null && publishedOn != null && confidence != null
                && !countryCode.isEmpty()) {
            provisions.add(new Provision(id, kind, countryCode, appliesTo, regions, exceptRegions, relocationTo, factIds, exceptionFor,
                    validity.from(), validity.to(), precision, publishedOn, confidence, sourceIds, summary, level, legalBasis, exceptionsKnown, regime,
                    entry.where()));
        }
    }

    /** An optional {@code regime} key: the id of an entry of regimes.yaml (checked once every file is read). */
    @Nullable String regimeOf(YamlMap entry) {
        String regime = entry.optionalString("regime");
        if (regime != null) {
            references.add(new String[] { entry.file() + ":" + entry.lineOf("regime"), "regime", regime });
        }
        return regime;
    }

    private static boolean bool(YamlMap entry, String key, boolean fallback) {
        String value = entry.has(key) ? entry.optionalString(key) : null;
        if (value == null) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            entry.error("'" + key + "' is '" + value + "': expected true or false");
            return fallback;
        }
        return Boolean.parseBoolean(value);
    }

    private void regime(YamlMap entry) {
        String id = entry.string("id");
        Text name = entry.text("name");
        Validity validity = validity(entry, "a body of law");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = sourcesOf(entry);
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && claimId(entry, id) && validity != null && confidence != null) {
            regimes.put(id, new Regime(id, name, validity.from(), validity.to(), confidence, sourceIds, entry.where()));
        }
    }

    /**
     * safe-countries.yaml: the listings ({@code safeCountries}), the dated statements about the lists ({@code statements}:
     * non-application, suspension, exclusion, note), and the EU candidate-country rule as data ({@code candidateRule}:
     * when candidates are designated and under which exclusions; {@code candidateCountries}: which countries are
     * candidates on which dates). A candidate's listing is derived from the two: it is a listing like any other, with
     * the rule's level, legal basis and sources and the candidacy's dates.
     */
    private void safeCountries(@Nullable Node root) {
        YamlMap top = top(root, SAFE_COUNTRIES);
        if (top == null) {
            return;
        }
        top.maps("safeCountries").forEach(entry -> provision(entry, null, ProvisionKind.SAFE_COUNTRY));
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
            errors.add(SAFE_COUNTRIES + ":" + top.lineOf("candidateCountries") + ": 'candidateCountries' without a 'candidateRule'");
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
        Validity validity = validity(entry, "a statement");
        LocalDate publishedOn = entry.date("publishedOn");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = sourcesOf(entry);
        Text summary = entry.text("summary");
        entry.rejectUnknownKeys();
        if (kind == ListStatementKind.EXCLUSION && (level != SafeCountryLevel.EU || codes.isEmpty())) {
            entry.error("an EXCLUSION applies the EU candidate rule to named countries: level EU and at least one country");
        }
        if (!id.isEmpty() && claimId(entry, id) && kind != null && level != null && validity != null && publishedOn != null
                && confidence != null) {
            listStatements.add(new ListStatement(id, kind, level, codes, validity.from(), validity.to(), publishedOn, confidence, sourceIds, summary,
                    entry.where()));
        }
    }

    private void candidateRule(YamlMap rule, List<YamlMap> candidates) {
        String ruleId = rule.string("id");
        Validity ruleValidity = validity(rule, "a rule");
        LocalDate publishedOn = rule.date("publishedOn");
        String legalBasis = rule.string("legalBasis");
        List<String> exclusions = rule.strings("exclusions");
        if (exclusions.isEmpty()) {
            rule.error("'exclusions' names none: list the circumstances under which a candidate country is not designated");
        }
        Confidence confidence = rule.enumValue("confidence", Confidence.class, null);
        List<String> ruleSources = sourcesOf(rule);
        Text summary = rule.text("summary");
        String regime = regimeOf(rule);
        rule.rejectUnknownKeys();
        if (ruleId.isEmpty() || !claimId(rule, ruleId) || ruleValidity == null || publishedOn == null || confidence == null) {
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
            List<String> candidateSources = sourcesOf(candidate);
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
            String id = ruleId + "-" + country.toLowerCase(java.util.Locale.ROOT);
            if (!claimId(candidate, id)) {
                continue;
            }
            Map<String, String> texts = new LinkedHashMap<>();
            for (String language : List.of("en", "nl", "ru")) {
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

    private Set<Group> groups(YamlMap entry, String key, boolean required) {
        List<String> codes = entry.strings(key);
        if (required && codes.isEmpty()) {
            errors.add(entry.file() + ":" + entry.lineOf(key) + ": '" + key + "' names no group: expected lgbti or some of " + Group.codes());
        }
        EnumSet<Group> groups = EnumSet.noneOf(Group.class);
        for (String code : codes) {
            if (code.equals(Group.ALL)) {
                groups.addAll(EnumSet.allOf(Group.class));
                continue;
            }
            boolean found = false;
            for (Group group : Group.values()) {
                if (group.code().equals(code)) {
                    groups.add(group);
                    found = true;
                }
            }
            if (!found) {
                errors.add(entry.file() + ":" + entry.lineOf(key) + ": unknown group '" + code + "' in '" + key + "': expected lgbti or one of "
                        + Group.codes());
            }
        }
        return groups;
    }

    private List<String> regions(YamlMap entry, String key, @Nullable Country country) {
        List<String> codes = entry.strings(key);
        for (String code : codes) {
            if (country == null) {
                errors.add(entry.file() + ":" + entry.lineOf(key) + ": '" + key + "' needs a country file that defines region '" + code + "'");
            } else if (!country.hasRegion(code)) {
                List<String> known = country.regions().stream().map(Region::code).toList();
                errors.add(entry.file() + ":" + entry.lineOf(key) + ": unknown region '" + code + "' in '" + key + "': "
                        + (known.isEmpty() ? country.code() + " defines no regions" : "expected one of " + String.join(", ", known)));
            }
        }
        return codes;
    }

    private void route(String path, Node root) {
        YamlMap top = top(root, path);
        if (top == null) {
            return;
        }
        String route = top.string("route");
        if (!route.isEmpty() && !ROUTES.contains(route)) {
            errors.add(path + ":" + top.lineOf("route") + ": unknown route '" + route + "': expected one of " + String.join(", ", ROUTES));
        } else if (routes.containsKey(route)) {
            errors.add(path + ":" + top.lineOf("route") + ": route " + route + " is described in two files");
        }
        Review review = new Review(path, reviewedOn(top, false));
        reviews.add(review);
        Text name = top.text("name");
        Map<String, RouteParameter> parameters = new LinkedHashMap<>();
        for (YamlMap entry : top.maps("parameters")) {
            String id = entry.string("id");
            RouteParameter.Unit unit = entry.enumValue("unit", RouteParameter.Unit.class, null);
            Text description = entry.text("description");
            List<DatedValue> values = new ArrayList<>();
            for (YamlMap v : entry.maps("values")) {
                Validity validity = validity(v, "a value");
                LocalDate validFrom = validity == null ? null : validity.from();
                LocalDate validTo = validity == null ? null : validity.to();
                java.math.BigDecimal value = number(v, "value");
                Confidence confidence = v.enumValue("confidence", Confidence.class, null);
                List<String> sourceIds = sourcesOf(v);
                v.rejectUnknownKeys();
                if (validFrom != null && value != null && confidence != null) {
                    DatedValue dated = new DatedValue(validFrom, validTo, value, confidence, sourceIds, v.where());
                    for (DatedValue other : values) {
                        boolean overlap = (other.validTo() == null || validFrom.isBefore(other.validTo()))
                                && (validTo == null || other.validFrom().isBefore(validTo));
                        if (overlap) {
                            v.error("the value of '" + id + "' from " + validFrom + " overlaps the one from " + other.validFrom() + " ("
                                    + other.origin() + ")");
                        }
                    }
                    values.add(dated);
                }
            }
            if (values.isEmpty()) {
                entry.error("parameter '" + id + "' has no values");
            }
            entry.rejectUnknownKeys();
            if (!id.isEmpty() && claimId(entry, id) && unit != null) {
                values.sort(java.util.Comparator.comparing(DatedValue::validFrom));
                parameters.put(id, new RouteParameter(id, route, unit, description, values));
            }
        }
        List<RouteStatement> statements = new ArrayList<>();
        for (YamlMap entry : top.maps("statements")) {
            String id = entry.string("id");
            LocalDate validFrom = entry.date("validFrom");
            LocalDate validTo = entry.optionalDate("validTo");
            Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
            List<String> sourceIds = sourcesOf(entry);
            Text text = entry.text("text");
            entry.rejectUnknownKeys();
            if (!id.isEmpty() && claimId(entry, id) && validFrom != null && confidence != null) {
                statements.add(new RouteStatement(id, route, validFrom, validTo, confidence, sourceIds, text));
            }
        }
        top.rejectUnknownKeys();
        if (ROUTES.contains(route) && !routes.containsKey(route)) {
            routes.put(route, new RouteData(route, name, parameters, statements, review));
        }
    }

    private static java.math.@Nullable BigDecimal number(YamlMap entry, String key) {
        String text = entry.optionalString(key);
        if (text == null) {
            entry.error("missing '" + key + "': a number");
            return null;
        }
        try {
            return new java.math.BigDecimal(text);
        } catch (NumberFormatException e) {
            entry.error("'" + key + "' is '" + text + "', not a number");
            return null;
        }
    }

    private void checkReferences() {
        for (String[] reference : references) {
            boolean known = switch (reference[1]) {
                case "source" -> sources.containsKey(reference[2]);
                case "regime" -> regimes.containsKey(reference[2]);
                default -> facts.containsKey(reference[2]);
            };
            if (!known) {
                String what = switch (reference[1]) {
                    case "source" -> "source id '" + reference[2] + "': not in sources.yaml";
                    case "regime" -> "regime '" + reference[2] + "': not in regimes.yaml (known: "
                            + (regimes.isEmpty() ? "none" : String.join(", ", regimes.keySet())) + ")";
                    default -> "fact '" + reference[2] + "': not in facts.yaml (known: " + String.join(", ", new TreeSet<>(facts.keySet())) + ")";
                };
                errors.add(reference[0] + ": unknown " + what);
            }
        }
    }

    /**
     * Two provisions contradict when they set different standards (or one says there is an internal
     * relocation alternative and the other that there is none, or both list the same country as safe)
     * on a shared day, for a shared group, over the same region scope.
     */
    private void checkContradictions() {
        Map<String, List<Provision>> byCountry = new TreeMap<>();
        provisions.forEach(p -> byCountry.computeIfAbsent(p.country(), c -> new ArrayList<>()).add(p));
        for (List<Provision> list : byCountry.values()) {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Provision a = list.get(i);
                    Provision b = list.get(j);
                    if (contradict(a, b) && a.overlaps(b) && !Collections.disjoint(a.appliesTo(), b.appliesTo())
                            && new TreeSet<>(a.regions()).equals(new TreeSet<>(b.regions()))) {
                        errors.add(b.origin() + ": '" + b.id() + "' (" + b.kind() + ") contradicts '" + a.id() + "' (" + a.kind() + ", "
                                + a.origin() + "): their validity overlaps for the same group and region");
                    }
                }
            }
        }
    }

    private static boolean contradict(Provision a, Provision b) {
        if (a.kind().setsStandard() && b.kind().setsStandard()) {
            return a.kind() != b.kind();
        }
        Set<ProvisionKind> pair = EnumSet.of(a.kind(), b.kind());
        return pair.equals(EnumSet.of(ProvisionKind.INTERNAL_RELOCATION, ProvisionKind.NO_INTERNAL_RELOCATION))
                || a.kind() == ProvisionKind.SAFE_COUNTRY && b.kind() == ProvisionKind.SAFE_COUNTRY;
    }

    private static String hash(PolicyFiles files, @Nullable String changeName, @Nullable String changeText) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.byPath().entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            if (changeName != null && changeText != null) {
                digest.update(("change:" + changeName).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(changeText.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
