package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine's answer: the evidentiary standard and everything it rests on. Decision support,
 * never a decision. Texts for people (summaries, explanation) are rendered from it in a language
 * by {@link AssessmentDocument}.
 *
 * @param decisive the provision that set the standard, or null when none did (ordinary assessment)
 * @param provisions every applying provision, in order of validFrom
 * @param notes the applying NOTE provisions
 * @param safeguards the general safeguards in force on the date
 * @param relocationBy the provision that decided on internal relocation, or null when none applies
 * @param listing the applying safe-country listing (the designation in force on the date), or null
 * @param listingStoppedBy the statement under which that listing is not applied on the date (non-application,
 *        suspension, exclusion), or null
 * @param listStatements the statements about the lists shown with the answer: the one stopping the listing, and notes
 */
public record Assessment(AssessmentQuery query, String datasetVersion, @Nullable Country country, EvidentiaryStandard standard,
        @Nullable Provision decisive, boolean riskGroup, @Nullable Provision listing, boolean safeCountryException,
        @Nullable Provision relocationBy, List<Provision> provisions, List<Provision> notes, List<Safeguard> safeguards,
        @Nullable ListStatement listingStoppedBy, List<ListStatement> listStatements) {

    public Assessment(AssessmentQuery query, String datasetVersion, @Nullable Country country, EvidentiaryStandard standard,
            @Nullable Provision decisive, boolean riskGroup, @Nullable Provision listing, boolean safeCountryException,
            @Nullable Provision relocationBy, List<Provision> provisions, List<Provision> notes, List<Safeguard> safeguards) {
        this(query, datasetVersion, country, standard, decisive, riskGroup, listing, safeCountryException, relocationBy, provisions, notes,
                safeguards, null, List.of());
    }

    /** Whether a designation as a safe country of origin is in force on the date (applied or not). */
    public boolean safeCountryListed() {
        return listing != null;
    }

    /**
     * Whether the presumption of safety applies to this applicant on the date: a listing in force, not stopped by a
     * non-application, suspension or exclusion, with no exception for the applicant's groups. When the listing's
     * exceptions were not read ({@link Provision#exceptionsKnown()} false), this says true and the answer says that the
     * exceptions are unconfirmed.
     */
    public boolean safeCountryApplied() {
        return listing != null && listingStoppedBy == null && !safeCountryException;
    }

    public boolean relocationConsidered() {
        return relocationBy != null && relocationBy.kind() == ProvisionKind.INTERNAL_RELOCATION;
    }

    public List<String> relocationRegions() {
        return relocationConsidered() ? relocationBy.relocationTo() : List.of();
    }

    public String nationality() {
        return query.nationality();
    }

    public @Nullable String region() {
        return query.region();
    }

    public Set<Group> groups() {
        return query.groups();
    }

    public LocalDate date() {
        return query.date();
    }
}
