package nl.haven.policy;

/**
 * A question the engine cannot answer because an input is not known: the message names the field,
 * the bad value and what is accepted. Inputs here are codes and dates, never personal data.
 */
public class PolicyInputException extends RuntimeException {
    private final String field;

    public PolicyInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
