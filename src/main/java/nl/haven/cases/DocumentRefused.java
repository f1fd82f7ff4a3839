package nl.haven.cases;

/**
 * An upload Haven does not store: too large (413) or of a type it does not accept (415). The message names the limit
 * or the accepted types, never the file's name or content. (An empty file is plain bad input, 400.)
 */
public class DocumentRefused extends RuntimeException {
    public enum Reason {
        TOO_LARGE, UNSUPPORTED_TYPE
    }

    private final Reason reason;

    DocumentRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
