package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A dated, sourced statement about the safe-country lists ({@code safe-countries.yaml}, {@code statements}): the
 * non-application of listings after a judgment, the suspension of a whole list, an exclusion under the EU
 * candidate-country rule, or a note shown with an assessment.
 *
 * @param level the list it concerns; a stopping statement stops listings of this level only
 * @param countries ISO 3166-1 alpha-2 codes; empty = every country (of that list)
 * @param validTo exclusive; null = open
 */
public record ListStatement(String id, ListStatementKind kind, SafeCountryLevel level, List<String> countries, LocalDate validFrom,
        @Nullable LocalDate validTo, LocalDate publishedOn, Confidence confidence, List<String> sources, Text summary, String origin) {

    public ListStatement {
        countries = List.copyOf(countries);
        sources = List.copyOf(sources);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }

    public boolean concerns(String country) {
        return countries.isEmpty() || countries.contains(country);
    }

    /** Whether it stops the given listing on a date: same level, its country, a stopping kind. */
    public boolean stops(Provision listing) {
        return kind.stopsListing() && listing.level() == level && concerns(listing.country());
    }
}
