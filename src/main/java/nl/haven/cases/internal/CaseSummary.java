package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import org.jspecify.annotations.Nullable;

/**
 * A row of the queue: non-sensitive columns only, nothing decrypted. {@code unread}: the person wrote a message the
 * viewer has not seen yet ({@link CaseReadStore#UNREAD_FOR_VIEWER}, per staff member); {@code replyWaiting}: the latest
 * message on the case is from the person, so nobody has answered it yet ({@link AgendaStore#PERSON_WROTE_LAST}).
 */
public record CaseSummary(UUID id, String reference, Handling handling, Stage stage, @Nullable Integer priority, @Nullable UUID assignee,
        @Nullable String nationality, Instant openedAt, @Nullable LocalDate nextDue,
        boolean unread, boolean replyWaiting) {
}
