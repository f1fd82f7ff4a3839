package nl.haven.policy;

import org.jspecify.annotations.Nullable;

/**
 * How long a legal term is on one track (e.g. the appeal term after a decision in the general
 * procedure), with the article that sets it. {@code track} is null for a term without tracks.
 */
public record TermLength(@Nullable String track, int amount, TermUnit unit, String article) {
}
