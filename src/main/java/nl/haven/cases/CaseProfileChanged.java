package nl.haven.cases;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A case's statistical profile changed: opened ({@code before} null), changed, or moved to another organisation. An
 * erasure keeps the request in the counts (month, nationality, group) with its facts removed and the case closed.
 * Published synchronously inside the changing transaction (plain Spring events,
 * no event publication registry: the profile must never be written down per case).
 */
public record CaseProfileChanged(@Nullable CaseProfile before, @Nullable CaseProfile after, Instant at) {
}
