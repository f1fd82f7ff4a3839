package nl.haven.policy;

import java.util.List;
import java.util.Optional;

/**
 * The data-set versions recorded in the database (issue #17, table {@code policy_version}): each with its files, so that
 * any two can be compared later. Recording is idempotent across restarts and nodes: the content hash is the key.
 */
public interface PolicyVersions {

    /** Records the data set read from {@code files} unless its hash is already recorded; true when this call recorded it. */
    boolean record(PolicyDataSet dataSet, PolicyFiles files);

    /** Every recorded version, oldest first (by the moment it was recorded, then by hash). */
    List<PolicyVersion> list();

    /** The files of a recorded version. */
    Optional<PolicyFiles> files(String hash);
}
