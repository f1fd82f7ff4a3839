package nl.haven.shared;

/**
 * Input that Haven cannot accept. The message names the field, the bad value and what is
 * expected; callers must only pass values that are not personal data (codes, dates, slugs).
 * The CLI turns it into exit code 2, the API into 400 problem+json.
 */
public class BadInputException extends RuntimeException {
    private final String field;

    public BadInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
