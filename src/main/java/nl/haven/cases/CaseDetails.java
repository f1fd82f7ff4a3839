package nl.haven.cases;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything about the person and their request: stored only encrypted under the case's key (column
 * {@code case_file.details}), never logged; {@link #toString()} shows no content.
 *
 * @param nameUsed the name the person wants to be called: shown everywhere in the staff UI
 * @param pronouns their pronouns, shown beside the name
 * @param legalName the name on identity documents, shown only where a document or a procedure needs it
 * @param groups self-described groups as the policy engine knows them (lgbti, gay, lesbian, bisexual, trans, intersex …)
 * @param facts fact codes of the policy data set (facts.yaml) recorded for the assessment
 * @param documentGenderMismatch the travel document's gender marker differs from the person's gender (e.g. a US
 *     passport that must show the sex assigned at birth): the route advice and the checklist take it into account
 * @param request the request in the person's own words
 * @param language the language the person asked in (en, nl, ru)
 * @param safeContact how the organisation may reach the person safely; shown before any outreach
 * @param routeProfile what the route advice needs beyond the above, in the JSON form of POST /api/v1/routes/advice
 *     (jobOffer, education, partner, selfEmployed, dateOfBirth); empty when not recorded
 */
public record CaseDetails(@Nullable String nameUsed, @Nullable String pronouns, @Nullable String legalName, List<String> groups,
        List<String> facts, boolean documentGenderMismatch, @Nullable String request, @Nullable String language,
        @Nullable SafeContact safeContact, Map<String, Object> routeProfile) {

    public CaseDetails {
        groups = groups == null ? List.of() : List.copyOf(groups);
        facts = facts == null ? List.of() : List.copyOf(facts);
        routeProfile = routeProfile == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(routeProfile));
    }

    /**
     * @param channel none, email, signal, phone, post or in-person
     * @param value the address or number on that channel
     * @param times when contact is safe
     * @param whatMayBeSaid what may be said, e.g. "do not mention the organisation's name"
     */
    public record SafeContact(String channel, @Nullable String value, @Nullable String times, @Nullable String whatMayBeSaid) {
        /** The ways a requester can be reached safely; {@code none} means: do not contact. */
        public static final List<String> CHANNELS = List.of("none", "email", "signal", "phone", "post", "in-person");

        @Override
        public String toString() {
            return "SafeContact[" + channel + "]";
        }
    }

    public static CaseDetails empty() {
        return new CaseDetails(null, null, null, List.of(), List.of(), false, null, null, null, Map.of());
    }

    @Override
    public String toString() {
        return "CaseDetails[encrypted content]";
    }
}
