package nl.haven.shared;

/** A change that must name the version it was made on (RFC 6585 §3: 428) came without {@code If-Match}. */
public class PreconditionRequiredException extends RuntimeException {
    public PreconditionRequiredException(String what) {
        super(what + " needs an If-Match header with the ETag of the case as you read it (GET it first), so that a change made "
                + "meanwhile by a colleague is not overwritten.", null, false, false);
    }
}
