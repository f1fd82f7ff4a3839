package nl.haven.policy;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A document a provision rests on: a letter to parliament, an answer, a judgment, a news item. */
public record Source(String id, String type, String title, String reference, @Nullable LocalDate date, String url, String language) {
}
