package nl.haven.routes;

import java.util.List;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.Confidence;
import org.jspecify.annotations.Nullable;

/**
 * The answer of INTERFACES.md §4: every route with its outcome, coded reasons with sources, the
 * profile fields still missing, and — where the route is not open yet — the smallest change of the
 * profile that would open it. Field names are a contract.
 */
public record RouteAdvice(String date, AssessmentDocument.DatasetRef dataset, List<Answer> routes, String language) {

    /**
     * @param whatWouldChange the smallest change of the profile that makes the route eligible; null when
     *     it is eligible already or when no change of the profile can make it so
     * @param notes the data set's statements about the route in force on the date
     * @param warnings the figures and statements this answer rests on that are not confirmed in a primary source
     * @param assessment for ASYLUM: the policy assessment of INTERFACES.md §3
     */
    public record Answer(Route route, Outcome outcome, List<Reason> reasons, List<String> missing, List<String> sources,
            @Nullable Counterfactual whatWouldChange, List<String> warnings, List<Note> notes, @Nullable AssessmentDocument assessment) {
    }

    /** A sourced statement about how the route works, shown beside the reasons. */
    public record Note(String code, String text, Confidence confidence, List<String> sources) {
    }

    public record Reason(String code, String text, List<String> sources) {
    }

    /** Changes that together make the route eligible, each naming the profile field and the value needed. */
    public record Counterfactual(List<Change> changes, String text) {
    }

    public record Change(String field, @Nullable String value, String text, List<String> sources) {
    }

    public Answer route(Route route) {
        return routes.stream().filter(a -> a.route() == route).findFirst().orElseThrow();
    }
}
