package nl.haven.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of the queue: non-sensitive columns only, nothing decrypted. */
public record CaseSummary(UUID id, String reference, Handling handling, Stage stage, @Nullable Integer priority, @Nullable UUID assignee,
        @Nullable String nationality, Instant openedAt, @Nullable LocalDate nextDue) {
}
