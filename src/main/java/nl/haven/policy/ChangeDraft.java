package nl.haven.policy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the what-if form asks (issue #19, point 9): "from {@code from}, people of {@code groups} from {@code country}
 * (only in {@code region}, when given) fall under a provision of {@code kind}". {@link ChangeFile#write} turns it into
 * the change file an expert would write by hand; {@link PolicyChange#apply} reads it back.
 *
 * @param region an ISO 3166-2 region of the country, or null for the whole country
 * @param kind one of {@link #KINDS}: a kind that sets the evidentiary standard
 * @param summary what the change says, for people (en and nl at least), written by the caller in words
 */
public record ChangeDraft(String country, @Nullable String region, Set<Group> groups, ProvisionKind kind, LocalDate from, Text summary) {

    /** The kinds a draft may name: those that set an evidentiary standard, in the order of {@link ProvisionKind}. */
    public static final List<ProvisionKind> KINDS = EnumSet.allOf(ProvisionKind.class).stream().filter(ProvisionKind::setsStandard).toList();

    public ChangeDraft {
        groups = Set.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a change names at least one group");
        }
        if (!kind.setsStandard()) {
            throw new IllegalArgumentException("a change sets an evidentiary standard: " + kind + " does not");
        }
    }

    /** The region scope as the data set writes it: empty for the whole country. */
    public List<String> regions() {
        return region == null ? List.of() : List.of(region);
    }
}
