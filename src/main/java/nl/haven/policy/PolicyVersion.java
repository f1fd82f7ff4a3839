package nl.haven.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A data-set version Haven has run with, as recorded in the database at start-up (issue #17).
 *
 * @param hash the content hash, {@link PolicyDataSet#version()}
 * @param label the version's name for people, {@link PolicyDataSet#label()}
 * @param reviews the {@code reviewedOn} of its files, {@link PolicyDataSet#reviews()}
 * @param firstLoaded the day (Europe/Amsterdam) a node first started with it
 * @param recordedAt the moment it was recorded; versions are ordered by it
 */
public record PolicyVersion(String hash, String label, List<Review> reviews, LocalDate firstLoaded, Instant recordedAt) {
    public PolicyVersion {
        reviews = List.copyOf(reviews);
    }
}
