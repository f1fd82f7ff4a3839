package nl.haven.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A note or a message of a case, decrypted; {@link #toString()} shows no text. */
public record CaseText(UUID id, @Nullable UUID author, Instant at, @Nullable String direction, String body) {
    @Override
    public String toString() {
        return "CaseText[" + id + "]";
    }
}
