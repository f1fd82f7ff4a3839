package nl.haven.shared;

import java.util.List;

/**
 * A change that the current state does not allow (e.g. a workflow transition): the API answers 409 problem+json
 * with the message and the allowed alternatives. Messages name states and codes only, never personal data.
 */
public class ConflictException extends RuntimeException {
    private final List<String> allowed;

    public ConflictException(String message, List<String> allowed) {
        super(message);
        this.allowed = List.copyOf(allowed);
    }

    public List<String> allowed() {
        return allowed;
    }
}
