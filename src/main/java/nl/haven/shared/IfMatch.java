package nl.haven.shared;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@code If-Match} precondition (RFC 9110 §13.1.1) on a change: the entity tags the client last saw, {@code *} for
 * any current version, or none sent. Entity tags are strong, {@code "…"} around the stored version of the resource
 * (never its content); a weak tag ({@code W/"…"}) never matches. A service checks it against the current version
 * <em>after</em> locking the row, so that two clients sending the same tag cannot both change it.
 */
public final class IfMatch {
    /** No header: the change is made whatever the version (where the header is optional). */
    public static final IfMatch NONE = new IfMatch(false, false, List.of(), null);

    private final boolean sent;
    private final boolean any;
    private final List<String> tags;
    /** Where the header is required and was not sent: what it is required for (428 at {@link #check}). */
    private final @Nullable String requiredFor;

    private IfMatch(boolean sent, boolean any, List<String> tags, @Nullable String requiredFor) {
        this.sent = sent;
        this.any = any;
        this.tags = List.copyOf(tags);
        this.requiredFor = requiredFor;
    }

    /**
     * The header of a change that requires it: when it was not sent, {@link #check} answers 428 — under the row's lock,
     * after the resource was found and the caller's right to change it checked, so a nonexistent or another
     * organisation's id is still the same 404 and a role that may not change it still 403 (SECURITY.md S1).
     */
    public static IfMatch required(@Nullable String header, String what) {
        return header == null ? new IfMatch(false, false, List.of(), what) : parse(header);
    }

    /** The header's value as sent (null: not sent); a malformed one is a 400 naming {@code If-Match}. */
    public static IfMatch parse(@Nullable String header) {
        if (header == null) {
            return NONE;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return new IfMatch(true, true, List.of(), null);
        }
        List<String> tags = new ArrayList<>();
        for (String part : value.split(",")) {
            String tag = part.strip();
            if (!tag.matches("(W/)?\"[\\x21\\x23-\\x7e]*\"")) {
                throw new BadInputException("If-Match", "If-Match is not a list of entity tags; expected the ETag of the resource as it was "
                        + "read, such as \"3\", or *");
            }
            tags.add(tag);
        }
        return new IfMatch(true, false, tags, null);
    }

    /** The strong entity tag of a stored version. */
    public static String etag(Object version) {
        return "\"" + version + "\"";
    }

    public boolean sent() {
        return sent;
    }

    /** Strong comparison: {@code *}, or one of the tags equals the current one (a weak tag never does). */
    public boolean matches(String currentEtag) {
        return any || tags.contains(currentEtag);
    }

    /**
     * @throws PreconditionRequiredException when the header is required and was not sent
     * @throws PreconditionFailedException when a header was sent and does not match the current version
     */
    public void check(String currentEtag) {
        if (requiredFor != null) {
            throw new PreconditionRequiredException(requiredFor);
        }
        if (sent && !matches(currentEtag)) {
            throw new PreconditionFailedException(currentEtag);
        }
    }

    @Override
    public String toString() {
        return "IfMatch[" + (any ? "*" : String.join(", ", tags)) + "]";
    }
}
