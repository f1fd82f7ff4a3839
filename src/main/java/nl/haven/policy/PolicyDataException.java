package nl.haven.policy;

import java.util.List;

/** A data set the loader refuses, with every error as {@code FILE:LINE: message}. */
public class PolicyDataException extends RuntimeException {
    private final List<String> errors;

    public PolicyDataException(List<String> errors) {
        super(errors.size() + " error(s) in the policy data set:\n" + String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
