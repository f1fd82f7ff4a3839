package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One dated, sourced statement of policy for a country.
 *
 * @param appliesTo the groups it applies to ({@code lgbti} in the data = all)
 * @param regions empty = the whole country; else only these ISO 3166-2 regions
 * @param relocationTo for {@link ProvisionKind#INTERNAL_RELOCATION}: the regions held to be a safe alternative
 * @param facts for {@link ProvisionKind#NOTE}: the fact codes it is tied to; empty = always shown
 * @param exceptionFor for {@link ProvisionKind#SAFE_COUNTRY}: the groups the presumption of safety does not hold for
 * @param validTo exclusive; null = open
 * @param publishedOn when it became known, for "as known on" questions
 * @param level for {@link ProvisionKind#SAFE_COUNTRY}: who designated the country (national list or EU list); null otherwise
 * @param legalBasis for {@link ProvisionKind#SAFE_COUNTRY}: the provision the designation rests on; null otherwise
 * @param exceptionsKnown for {@link ProvisionKind#SAFE_COUNTRY}: false when the designation's exceptions for categories of
 *        persons were not read in its text, so that {@code exceptionFor} says nothing either way
 * @param regime the id of the body of law ({@code regimes.yaml}) it belongs to, or null when not stated
 * @param origin {@code FILE:LINE} of its definition
 */
public record Provision(String id, ProvisionKind kind, String country, Set<Group> appliesTo, List<String> regions,
        List<String> exceptRegions, List<String> relocationTo, List<String> facts, Set<Group> exceptionFor, LocalDate validFrom,
        @Nullable LocalDate validTo, DatePrecision datePrecision, LocalDate publishedOn, Confidence confidence, List<String> sources,
        Text summary, @Nullable SafeCountryLevel level, @Nullable String legalBasis, boolean exceptionsKnown, @Nullable String regime,
        String origin) {

    public Provision {
        appliesTo = Set.copyOf(appliesTo);
        regions = List.copyOf(regions);
        exceptRegions = List.copyOf(exceptRegions);
        relocationTo = List.copyOf(relocationTo);
        facts = List.copyOf(facts);
        exceptionFor = Set.copyOf(exceptionFor);
        sources = List.copyOf(sources);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }

    /** Whether the validity periods of the two provisions share at least one day. */
    public boolean overlaps(Provision other) {
        boolean startsBeforeOtherEnds = other.validTo == null || validFrom.isBefore(other.validTo);
        boolean otherStartsBeforeThisEnds = validTo == null || other.validFrom.isBefore(validTo);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    /** Whether the data set is less than sure of it: a source below primary, or an approximate date. */
    public boolean uncertain() {
        return confidence != Confidence.PRIMARY || datePrecision != DatePrecision.DAY;
    }
}
