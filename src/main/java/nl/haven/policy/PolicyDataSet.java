package nl.haven.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import nl.haven.policy.internal.DataSetReader;

/**
 * A validated, immutable policy data set: sources, facts, safeguards, countries and their
 * provisions, the regular routes and the asylum procedure's stages and legal terms, identified by the
 * SHA-256 of its files.
 */
public final class PolicyDataSet {
    private final String version;
    private final Map<String, Source> sources;
    private final Map<String, Fact> facts;
    private final List<Safeguard> safeguards;
    private final Map<String, Country> countries;
    private final Map<String, List<Provision>> provisionsByCountry;
    private final Map<String, Provision> provisionsById;
    private final Map<String, RouteData> routes;
    private final Procedure procedure;
    private final Map<String, Regime> regimes;
    private final List<ListStatement> listStatements;
    private final List<Review> reviews;
    private final @org.jspecify.annotations.Nullable String label;

    public PolicyDataSet(String version, Map<String, Source> sources, Map<String, Fact> facts, List<Safeguard> safeguards,
            Map<String, Country> countries, Collection<Provision> provisions, Map<String, RouteData> routes) {
        this(version, sources, facts, safeguards, countries, provisions, routes, Procedure.none());
    }

    public PolicyDataSet(String version, Map<String, Source> sources, Map<String, Fact> facts, List<Safeguard> safeguards,
            Map<String, Country> countries, Collection<Provision> provisions, Map<String, RouteData> routes, Procedure procedure) {
        this(version, sources, facts, safeguards, countries, provisions, routes, procedure, List.of(), List.of(), List.of());
    }

    /**
     * {@code reviews}: the review of every country, procedure and route file, as {@link #reviews()} returns them;
     * {@code regimes} and {@code listStatements}: regimes.yaml and the statements of safe-countries.yaml.
     */
    public PolicyDataSet(String version, Map<String, Source> sources, Map<String, Fact> facts, List<Safeguard> safeguards,
            Map<String, Country> countries, Collection<Provision> provisions, Map<String, RouteData> routes, Procedure procedure,
            List<Review> reviews, Collection<Regime> regimes, Collection<ListStatement> listStatements) {
        this(version, sources, facts, safeguards, countries, provisions, routes, procedure, reviews, regimes, listStatements, null);
    }

    /** {@code label}: the data set's own version label ({@code dataset.yaml}), or null to derive one ({@link #label()}). */
    public PolicyDataSet(String version, Map<String, Source> sources, Map<String, Fact> facts, List<Safeguard> safeguards,
            Map<String, Country> countries, Collection<Provision> provisions, Map<String, RouteData> routes, Procedure procedure,
            List<Review> reviews, Collection<Regime> regimes, Collection<ListStatement> listStatements,
            @org.jspecify.annotations.Nullable String label) {
        this.label = label;
        this.reviews = reviews.stream().sorted(Comparator.comparing(Review::file)).toList();
        this.version = version;
        this.sources = Map.copyOf(sources);
        this.facts = Collections.unmodifiableMap(new TreeMap<>(facts));
        this.safeguards = safeguards.stream().sorted(Comparator.comparing(Safeguard::validFrom).thenComparing(Safeguard::id)).toList();
        this.countries = Collections.unmodifiableMap(new TreeMap<>(countries));
        Map<String, List<Provision>> byCountry = new TreeMap<>();
        Map<String, Provision> byId = new LinkedHashMap<>();
        provisions.stream().sorted(Comparator.comparing(Provision::validFrom).thenComparing(Provision::id)).forEach(p -> {
            byCountry.computeIfAbsent(p.country(), c -> new ArrayList<>()).add(p);
            byId.put(p.id(), p);
        });
        byCountry.replaceAll((c, list) -> List.copyOf(list));
        this.provisionsByCountry = Collections.unmodifiableMap(byCountry);
        this.provisionsById = Collections.unmodifiableMap(byId);
        this.routes = Collections.unmodifiableMap(new TreeMap<>(routes));
        this.procedure = procedure;
        Map<String, Regime> regimeById = new LinkedHashMap<>();
        regimes.forEach(r -> regimeById.put(r.id(), r));
        this.regimes = Collections.unmodifiableMap(regimeById);
        this.listStatements = listStatements.stream().sorted(Comparator.comparing(ListStatement::validFrom).thenComparing(ListStatement::id))
                .toList();
    }

    /** The bodies of law statements can name ({@code regimes.yaml}), in the file's order. */
    public Map<String, Regime> regimes() {
        return regimes;
    }

    /** The regimes in force on a date, in the file's order: the law an answer for that date is given under. */
    public List<Regime> regimesOn(LocalDate date) {
        return regimes.values().stream().filter(r -> r.validOn(date)).toList();
    }

    /**
     * The dated statements about the safe-country lists (non-application, suspension, exclusion, note), in order of
     * validFrom ({@code safe-countries.yaml}, {@code statements}).
     */
    public List<ListStatement> listStatements() {
        return listStatements;
    }

    /**
     * The asylum procedure's stages, legal terms and the holiday rules of the Algemene termijnenwet
     * ({@code procedure.yaml}); empty when the data set has no such file. {@link LegalTerms} computes
     * deadlines from it.
     */
    public Procedure procedure() {
        return procedure;
    }

    /** The regular routes' dated parameters and statements ({@code routes/*.yaml}), by route name. */
    public Map<String, RouteData> routes() {
        return routes;
    }

    /**
     * When each country file, {@code procedure.yaml} and each route file was last checked against its
     * sources, in order of file name ({@code reviewedOn} null where a route file does not say).
     */
    public List<Review> reviews() {
        return reviews;
    }

    /** Reads and validates a data set; every error at once in the {@link PolicyDataException}. */
    public static PolicyDataSet load(PolicyFiles files) {
        return DataSetReader.read(files);
    }

    public static PolicyDataSet shipped() {
        return load(PolicyFiles.shipped());
    }

    /** {@code sha256:} and the hash of every file's path and content. */
    public String version() {
        return version;
    }

    /**
     * The version's name for people: the {@code label} of {@code dataset.yaml} when the data set has one, else derived as
     * "reviewed " and the newest {@code reviewedOn} of its files, with the first 8 digits of the hash
     * ("reviewed 2026-12-06 · 3f2a9c1b"); just the 8 digits when no file records a review.
     */
    public String label() {
        if (label != null) {
            return label;
        }
        String shortHash = version.startsWith("sha256:") ? version.substring(7, Math.min(version.length(), 15)) : version;
        return reviews.stream().map(Review::reviewedOn).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .map(day -> "reviewed " + day + " · " + shortHash).orElse(shortHash);
    }

    /** Whether {@link #label()} comes from the data set's {@code dataset.yaml}. */
    public boolean labelled() {
        return label != null;
    }

    public Map<String, Source> sources() {
        return sources;
    }

    public Optional<Source> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    public Map<String, Fact> facts() {
        return facts;
    }

    public List<Safeguard> safeguards() {
        return safeguards;
    }

    /** Countries that have a file of their own (with names and regions). */
    public Map<String, Country> countries() {
        return countries;
    }

    /** Every provision of a country, safe-country listings included, in order of validFrom. */
    public List<Provision> provisionsOf(String country) {
        return provisionsByCountry.getOrDefault(country, List.of());
    }

    /** Codes of the countries with at least one provision. */
    public Collection<String> countriesWithProvisions() {
        return provisionsByCountry.keySet();
    }

    public Collection<Provision> provisions() {
        return provisionsById.values();
    }

    public Optional<Provision> provision(String id) {
        return Optional.ofNullable(provisionsById.get(id));
    }
}
