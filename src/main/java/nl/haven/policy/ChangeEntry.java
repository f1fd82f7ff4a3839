package nl.haven.policy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the public change log (issue #17): a change that matters to a person, such as "From 12 June 2026 Egypt is
 * on the EU list of safe countries of origin". Built by {@link ChangeLog}; the web layer words it in en, nl or ru from
 * its type and values.
 *
 * @param key what the entry is about and when, e.g. {@code provision/eu-safe-eg/from/2026-06-12}; the same data give the
 *        same key, so ids survive restarts and nodes
 * @param type what happens on {@code effective}
 * @param effective the day it takes effect (for a version change: the day the version was first loaded)
 * @param published the day it became known ({@code publishedOn}; for a version change: the day it was first loaded)
 * @param countries the countries it concerns; empty = every country (a statement about a whole list)
 * @param subject the id of the provision or list statement, or null for a version entry
 * @param provisionKind for provision entries
 * @param statementKind for list-statement entries
 * @param level for safe-country listings and list statements
 * @param groups the groups a provision applies to
 * @param exceptionFor for a listing: the groups the presumption of safety does not hold for
 * @param exceptionsKnown for a listing: whether its exceptions were read in its text
 * @param change for a version entry: what happened to the item between the versions
 * @param version for a version entry: the label of the version that brought the change
 * @param summary the data set's own summary of the provision or statement
 */
public record ChangeEntry(String key, Type type, LocalDate effective, LocalDate published, List<String> countries, @Nullable String subject,
        @Nullable ProvisionKind provisionKind, @Nullable ListStatementKind statementKind, @Nullable SafeCountryLevel level, Set<Group> groups,
        Set<Group> exceptionFor, boolean exceptionsKnown, PolicyDiff.@Nullable Change change, @Nullable String version, Text summary,
        List<Source> sources) {

    public ChangeEntry {
        countries = List.copyOf(countries);
        groups = Set.copyOf(groups);
        exceptionFor = Set.copyOf(exceptionFor);
        sources = List.copyOf(sources);
    }

    /** What an entry says happens on its day. */
    public enum Type {
        /** A country is put on a list of safe countries of origin. */
        LISTED,
        /** A country's listing ends with no listing of the same list after it. */
        DELISTED,
        /** A provision (risk group, group persecution, relocation, procedure …) takes effect. */
        STARTS,
        /** A provision ends with no provision of the same kind after it. */
        ENDS,
        /** A statement about a list (suspension, non-application, exclusion, note) takes effect. */
        STATEMENT_STARTS,
        /** Such a statement ends. */
        STATEMENT_ENDS,
        /** A new version of the data set added, ended, changed or removed an item. */
        VERSION_CHANGE
    }

    /** The Atom id: a name-based UUID of the key, so the same change keeps its id across restarts and nodes. */
    public String id() {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("haven-policy-change:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The anchor of the entry on the change-log page. */
    public String anchor() {
        return "change-" + UUID.nameUUIDFromBytes(("haven-policy-change:" + key).getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    }

    public boolean concerns(String country) {
        return countries.isEmpty() || countries.contains(country);
    }
}
