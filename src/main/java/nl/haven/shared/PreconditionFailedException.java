package nl.haven.shared;

/**
 * The resource changed since the client read it: its {@code If-Match} does not name the current version. The API
 * answers 412 problem+json with the current {@code ETag}, so the client reads again and decides.
 */
public class PreconditionFailedException extends RuntimeException {
    private final String currentEtag;

    public PreconditionFailedException(String currentEtag) {
        super("The resource was changed since you read it: read it again (its ETag is now " + currentEtag + ") and send the change with "
                + "If-Match set to that ETag.", null, false, false);
        this.currentEtag = currentEtag;
    }

    public String currentEtag() {
        return currentEtag;
    }
}
