package nl.haven.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The document of {@code GET /api/v1/policy/changes} and {@code haven policy changes --json} (issue #17): the recorded
 * data-set versions, oldest first, and for each pair of consecutive versions what changed ({@link PolicyDiff}).
 *
 * @param current the content hash of the data set this Haven runs with
 * @param versions the recorded versions, oldest first
 * @param steps one per pair of consecutive versions, oldest first
 */
public record ChangesDocument(String current, List<PolicyVersion> versions, List<Step> steps) {

    public ChangesDocument {
        versions = List.copyOf(versions);
        steps = List.copyOf(steps);
    }

    /**
     * From one version to the next.
     *
     * @param diff what changed; null when an older version's files can no longer be read by this Haven ({@code problem} says why)
     */
    public record Step(String from, String fromLabel, String to, String toLabel, LocalDate firstLoaded, @Nullable PolicyDiff diff,
            @Nullable String problem) {
    }

    /**
     * The document for {@code versions} (oldest first), reading each version's files with {@code files}; the data sets
     * read are handed to {@code loaded} too, keyed by hash, for a caller that words entries from them.
     */
    public static ChangesDocument of(String current, List<PolicyVersion> versions, Function<String, @Nullable PolicyFiles> files,
            Map<String, PolicyDataSet> loaded) {
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < versions.size(); i++) {
            PolicyVersion older = versions.get(i - 1);
            PolicyVersion newer = versions.get(i);
            PolicyDiff diff = null;
            String problem = null;
            try {
                PolicyDataSet a = load(older.hash(), files, loaded);
                PolicyDataSet b = load(newer.hash(), files, loaded);
                diff = PolicyDiff.between(a, b);
            } catch (PolicyDataException e) {
                problem = "a version's files no longer pass this Haven's validation (" + e.errors().size() + " error(s), first: "
                        + e.errors().get(0) + ")";
            } catch (IllegalStateException e) {
                problem = e.getMessage();
            }
            steps.add(new Step(older.hash(), older.label(), newer.hash(), newer.label(), newer.firstLoaded(), diff, problem));
        }
        return new ChangesDocument(current, versions, steps);
    }

    private static PolicyDataSet load(String hash, Function<String, @Nullable PolicyFiles> files, Map<String, PolicyDataSet> loaded) {
        PolicyDataSet known = loaded.get(hash);
        if (known != null) {
            return known;
        }
        PolicyFiles read = files.apply(hash);
        if (read == null) {
            throw new IllegalStateException("the files of version " + hash + " are not recorded");
        }
        PolicyDataSet dataSet = PolicyDataSet.load(read);
        loaded.put(hash, dataSet);
        return dataSet;
    }

    /** The document for two data sets given directly ({@code haven policy changes --from DIR --to DIR}), with no database. */
    public static ChangesDocument between(PolicyDataSet from, PolicyDataSet to) {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        Instant now = Instant.now();
        PolicyVersion a = new PolicyVersion(from.version(), from.label(), from.reviews(), today, now);
        PolicyVersion b = new PolicyVersion(to.version(), to.label(), to.reviews(), today, now);
        return new ChangesDocument(to.version(), List.of(a, b),
                List.of(new Step(a.hash(), a.label(), b.hash(), b.label(), today, PolicyDiff.between(from, to), null)));
    }
}
