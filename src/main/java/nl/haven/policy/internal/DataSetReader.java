package nl.haven.policy.internal;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.haven.policy.Country;
import nl.haven.policy.Fact;
import nl.haven.policy.ListStatement;
import nl.haven.policy.Regime;
import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.Procedure;
import nl.haven.policy.Provision;
import nl.haven.policy.Review;
import nl.haven.policy.RouteData;
import nl.haven.policy.Safeguard;
import nl.haven.policy.Source;
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
 * <p>
 * This class owns the read's state (the package-private collections below), the order in which files are read and the
 * helpers every file uses ({@link #top}, {@link #claimId}, {@link #sourcesOf}, {@link #validity}). Each kind of file has
 * its reader sharing that state: {@link RegistryFileReader}, {@link CountryFileReader}, {@link SafeCountryFileReader},
 * {@link RouteFileReader}, {@link ProcedureReader}; {@link DataSetChecks} runs the checks that need every file read.
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
    final Map<String, Source> sources = new LinkedHashMap<>();
    final Map<String, String> sourceOrigin = new HashMap<>();
    final Map<String, Fact> facts = new LinkedHashMap<>();
    final List<Safeguard> safeguards = new ArrayList<>();
    final Map<String, Country> countries = new TreeMap<>();
    final List<Provision> provisions = new ArrayList<>();
    final Map<String, String> idOrigin = new HashMap<>();
    final Map<String, RouteData> routes = new TreeMap<>();
    final Map<String, Regime> regimes = new LinkedHashMap<>();
    final List<ListStatement> listStatements = new ArrayList<>();
    final List<Review> reviews = new ArrayList<>();
    /** Source and fact references, checked once every file is read: {origin, kind, id}. */
    final List<String[]> references = new ArrayList<>();

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
        RegistryFileReader registries = new RegistryFileReader(this);
        CountryFileReader countryFiles = new CountryFileReader(this, registries);
        RouteFileReader routeFiles = new RouteFileReader(this);
        // Sources and facts first, so that references can be checked in any order.
        body(roots, SOURCES, "sources").forEach(registries::source);
        body(roots, FACTS, "facts").forEach(registries::fact);
        body(roots, SAFEGUARDS, "safeguards").forEach(registries::safeguard);
        if (roots.containsKey(REGIMES)) {
            body(roots, REGIMES, "regimes").forEach(registries::regime);
        }
        for (Map.Entry<String, Node> root : roots.entrySet()) {
            if (root.getKey().startsWith("countries/")) {
                countryFiles.country(root.getKey(), root.getValue());
            }
        }
        new SafeCountryFileReader(this, countryFiles).safeCountries(roots.get(SAFE_COUNTRIES));
        if (changeName != null && changeText != null) {
            Node change = parse(changeName, changeText);
            if (change != null) {
                countryFiles.change(changeName, change);
            }
        }
        for (Map.Entry<String, Node> root : roots.entrySet()) {
            if (root.getKey().startsWith("routes/")) {
                routeFiles.route(root.getKey(), root.getValue());
            }
        }
        Procedure procedure = roots.containsKey(PROCEDURE) ? new ProcedureReader(this, PROCEDURE).read(roots.get(PROCEDURE)) : Procedure.none();
        if (roots.containsKey(PROCEDURE)) {
            reviews.add(procedure.review());
        }
        String label = label(roots.get(DATASET));
        DataSetChecks checks = new DataSetChecks(this);
        checks.checkReferences();
        checks.checkContradictions();
        checks.checkCountrySourcesHaveAddresses();
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

    /** An optional {@code regime} key: the id of an entry of regimes.yaml (checked once every file is read). */
    @Nullable String regimeOf(YamlMap entry) {
        String regime = entry.optionalString("regime");
        if (regime != null) {
            references.add(new String[] { entry.file() + ":" + entry.lineOf("regime"), "regime", regime });
        }
        return regime;
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
