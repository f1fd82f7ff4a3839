package nl.haven.shared;

/**
 * Something the caller may not see or that does not exist: both look exactly the same (SECURITY.md S1), so the
 * message names only the kind of thing, never the id or whose it is. The API turns it into 404 problem+json.
 */
public class NotFoundException extends RuntimeException {
    private final String kind;

    public NotFoundException(String kind) {
        super("No such " + kind + ".");
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
