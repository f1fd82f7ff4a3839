package nl.haven.identity;

/**
 * An id that the caller may not reach: one that does not exist, or one of another organisation or
 * another user. Both are the same exception with the same message, so that a web page or API answers
 * both with the same 404 and nobody can learn which ids exist elsewhere. The message names the kind
 * and the id, nothing else.
 */
public class UnknownIdException extends RuntimeException {
    private final String kind;

    public UnknownIdException(String kind, Object id) {
        super("no " + kind + " " + id + " here");
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
