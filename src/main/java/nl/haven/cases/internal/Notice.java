package nl.haven.cases.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import nl.haven.cases.Stage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a step could not do, e.g. create a task for a legal term Haven's data has no rule for on that date. The pages
 * show {@link Code#messageKey()} in the reader's language with Haven's {@link #reason()} (English) beside it; the API
 * gives {@link #text()}, one English sentence. {@link #toString()} names only the code and the term: the reason may
 * carry the case's dates. Serializable: the pages carry a step's notices to the next page in the session.
 *
 * @param term the legal term the notice is about, if any
 * @param reason Haven's reason, in English
 */
public record Notice(Code code, Stage.@Nullable Term term, String reason) implements Serializable {

    public Notice {
        if (code == Code.NO_TASK && term == null) {
            throw new IllegalArgumentException("a notice of no task names its term");
        }
    }

    /** Every kind of notice; each has a text in every language ({@code cases.notice.*}). */
    public enum Code {
        /** No task for {@link #term()}: the data set has no rule for the date, or the date is refused. */
        NO_TASK("cases.notice.noTask"),
        /** No response deadline for an intended decision outside the extended procedure. */
        NO_RESPONSE_TERM("cases.notice.noResponseTerm");

        private final String messageKey;

        Code(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    static final String NO_RESPONSE_TERM_REASON = "No response deadline: in the general procedure the response to an intended decision is "
            + "part of its six days, and the law from 12 June 2026 has no intended rejection with a response term; procedure.yaml has a "
            + "term for the extended procedure only.";

    /** No task for {@code term}; {@code reason} is the data set's (English) answer, e.g. no version in force on the date. */
    public static Notice noTask(Stage.Term term, String reason) {
        return new Notice(Code.NO_TASK, term, reason);
    }

    /** No response deadline: the intended decision did not come in the extended procedure. */
    public static Notice noResponseTerm() {
        return new Notice(Code.NO_RESPONSE_TERM, null, NO_RESPONSE_TERM_REASON);
    }

    /** The notice as one English sentence, as the API gives it. */
    @JsonValue
    public String text() {
        return switch (code) {
            case NO_TASK -> "No task for " + Objects.requireNonNull(term).id() + ": " + reason;
            case NO_RESPONSE_TERM -> reason;
        };
    }

    @Override
    public String toString() {
        return "Notice[" + code + (term == null ? "" : ", " + term.id()) + "]";
    }
}
