package nl.haven.policy;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A question to the engine: which framework applies to these groups from this country (and
 * region) on this date, given these facts; optionally as the policy was known on {@code knownAt}.
 * Build it with {@link PolicyEngine#query}, which validates every part.
 */
public record AssessmentQuery(String nationality, @Nullable String region, Set<Group> groups, Set<String> facts, LocalDate date,
        @Nullable LocalDate knownAt) {

    public AssessmentQuery {
        groups = Set.copyOf(groups);
        facts = Set.copyOf(facts);
    }
}
