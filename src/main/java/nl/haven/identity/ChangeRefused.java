package nl.haven.identity;

import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;

/**
 * A change to users or tokens that Haven refuses: a bad value (e-mail address, role, lifetime) or a
 * rule (an organisation keeps at least one active ADMIN; an administrator cannot deactivate
 * themselves). The message is English, names the field, what is wrong and what is expected, and
 * carries no personal data; {@link #messageKey()} is the message bundle key pages show, with the
 * submitted value as its argument {@code {0}}.
 */
public class ChangeRefused extends BadInputException {
    private final String messageKey;
    private final boolean conflict;

    private ChangeRefused(String field, String messageKey, String message, boolean conflict) {
        super(field, message);
        this.messageKey = messageKey;
        this.conflict = conflict;
    }

    /** The value is not acceptable (400). */
    public static ChangeRefused badValue(String field, String messageKey, String message) {
        return new ChangeRefused(field, messageKey, message, false);
    }

    /** The value is fine, but the change would break a rule or changes nothing (409). */
    public static ChangeRefused conflict(String messageKey, String message) {
        return new ChangeRefused("state", messageKey, message, true);
    }

    public String messageKey() {
        return messageKey;
    }

    /** True when the request was understood but conflicts with the current state. */
    public boolean isConflict() {
        return conflict;
    }

    /** The form field that is wrong; {@code state} for a conflict. */
    public @Nullable String formField() {
        return conflict ? null : field();
    }
}
