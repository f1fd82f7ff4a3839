package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import org.jspecify.annotations.Nullable;

/** One row of {@code case_file}; {@code details} is ciphertext. */
public record CaseRow(UUID id, UUID org, String reference, Handling handling, Stage stage, @Nullable String track, @Nullable Integer priority,
        @Nullable UUID assignee, @Nullable String nationality, @Nullable String residence, String source, @Nullable LocalDate applicationDate,
        Instant openedAt, Instant updatedAt, int version, byte[] details) {

    @Override
    public String toString() {
        return "CaseRow[" + reference + ", " + handling + "/" + stage + "]";
    }
}
