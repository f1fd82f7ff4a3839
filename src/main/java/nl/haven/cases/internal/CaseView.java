package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import org.jspecify.annotations.Nullable;

/**
 * A case as its organisation's staff see it, decrypted; {@link #toString()} shows no content. {@code notices} say what
 * the last step could not do, e.g. a legal term Haven has no rule for on that date (the API gives each as one English
 * sentence, {@link Notice#text()}).
 */
public record CaseView(UUID id, String reference, Handling handling, Stage stage, @Nullable String track, @Nullable Integer priority,
        @Nullable UUID assignee, @Nullable String nationality, @Nullable String countryOfResidence, String source,
        @Nullable LocalDate applicationDate, Instant openedAt, Instant updatedAt, int version, CaseDetails details,
        List<String> allowedTransitions, List<Notice> notices) {

    @Override
    public String toString() {
        return "CaseView[" + reference + ", " + handling + "/" + stage + "]";
    }
}
