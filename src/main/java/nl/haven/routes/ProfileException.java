package nl.haven.routes;

/** A profile Haven cannot read: the message names the field and what is expected, never the person's data. */
public class ProfileException extends RuntimeException {
    private final String field;

    public ProfileException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
