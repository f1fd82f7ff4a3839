package nl.haven.policy.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.haven.policy.Confidence;
import nl.haven.policy.Countries;
import nl.haven.policy.Country;
import nl.haven.policy.DatePrecision;
import nl.haven.policy.Group;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Region;
import nl.haven.policy.Review;
import nl.haven.policy.SafeCountryLevel;
import nl.haven.policy.Text;
import nl.haven.policy.internal.DataSetReader.Validity;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the country files ({@code countries/CC.yaml}) and a what-if change file into the {@link DataSetReader}'s state; also
 * reads the provisions of safe-countries.yaml for {@link SafeCountryFileReader}, as they have the same format.
 */
final class CountryFileReader {
    private final DataSetReader reader;
    private final RegistryFileReader registries;
    private final List<String> errors;
    private final Map<String, Country> countries;
    private final List<Provision> provisions;
    private final Map<String, String> idOrigin;
    private final List<Review> reviews;
    private final List<String[]> references;

    CountryFileReader(DataSetReader reader, RegistryFileReader registries) {
        this.reader = reader;
        this.registries = registries;
        this.errors = reader.errors;
        this.countries = reader.countries;
        this.provisions = reader.provisions;
        this.idOrigin = reader.idOrigin;
        this.reviews = reader.reviews;
        this.references = reader.references;
    }

    /**
     * A change file: {@code schemaVersion}, optional {@code sources} (as in sources.yaml, for a hypothetical
     * statement), {@code country} and its {@code provisions} in the country files' format.
     */
    void change(String path, Node root) {
        YamlMap top = reader.top(root, path);
        if (top == null) {
            return;
        }
        top.maps("sources").forEach(registries::source);
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

    void country(String path, Node root) {
        YamlMap top = reader.top(root, path);
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
        LocalDate reviewedOn = reader.reviewedOn(top, true);
        // A country file may carry the sources only it cites, in sources.yaml's format (issue #22: a country is one file).
        top.maps("sources").forEach(registries::source);
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
    void provision(YamlMap entry, @Nullable Country country, @Nullable ProvisionKind only) {
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
        Validity validity = reader.validity(entry, "a provision");
        DatePrecision precision = entry.enumValue("datePrecision", DatePrecision.class, DatePrecision.DAY);
        LocalDate publishedOn = entry.date("publishedOn");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = reader.sourcesOf(entry);
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
        String regime = reader.regimeOf(entry);
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && reader.claimId(entry, id) && kind != null && validity != null && publishedOn != null && confidence != null
                && !countryCode.isEmpty()) {
            provisions.add(new Provision(id, kind, countryCode, appliesTo, regions, exceptRegions, relocationTo, factIds, exceptionFor,
                    validity.from(), validity.to(), precision, publishedOn, confidence, sourceIds, summary, level, legalBasis, exceptionsKnown, regime,
                    entry.where()));
        }
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
}
