package nl.haven.shared;

/**
 * Input that Haven cannot accept. The message names the field, the bad value and what is
 * expected; callers must only pass values that are not personal data (codes, dates, slugs).
 * The CLI turns it into exit code 2, the API into 400 problem+json.
 */
public class BadInputException extends RuntimeException {
    private final String field;
    private final String expected;

    public BadInputException(String field, String message) {
        this(field, message, null);
    }

    /** With what the field expects, in words (e.g. "a date, YYYY-MM-DD"): the API's problem document gives it as {@code expected}. */
    public BadInputException(String field, String message, String expected) {
        super(message);
        this.field = field;
        this.expected = expected;
    }

    public String field() {
        return field;
    }

    /** What the field expects, or null when the message says it alone. */
    public String expected() {
        return expected;
    }
}
