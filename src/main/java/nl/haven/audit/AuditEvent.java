package nl.haven.audit;

import java.util.Locale;
import java.util.regex.Pattern;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * One audited action: ids and action names only, never content, names, e-mail addresses or IP
 * addresses. Invalid values are refused with an {@link IllegalArgumentException} whose message names
 * the field and the rule, never the value (it might be personal data passed by mistake).
 *
 * @param org the organisation the action happened in; null for actions outside any organisation
 * @param actor who acted: a user id ({@link #user(UserId)}), {@link #SYSTEM} or {@link #ANONYMOUS}
 * @param action what happened, e.g. {@code case.read}, {@code case.export}, {@code case.access-denied}
 * @param subjectType what it happened to, e.g. {@code case}; null together with subjectId when there is no subject
 * @param subjectId the id of the subject (a UUID, a reference), at most 64 characters without whitespace
 */
public record AuditEvent(@Nullable OrgId org, String actor, String action, @Nullable String subjectType, @Nullable String subjectId) {

    /** A scheduled job, a start-up task or the command line. */
    public static final String SYSTEM = "system";
    /** Someone without an account, e.g. a person at risk using the public intake form. */
    public static final String ANONYMOUS = "anonymous";

    static final Pattern ACTION = Pattern.compile("[a-z]+(\\.[a-z-]+)+");
    static final Pattern SUBJECT_TYPE = Pattern.compile("[a-z]+(-[a-z]+)*");
    /** Ids and references only: no '@' (e-mail), no whitespace (names), no quotes or angle brackets. */
    static final Pattern SUBJECT_ID = Pattern.compile("[A-Za-z0-9._:/-]+");
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public AuditEvent {
        require(actor != null && (actor.equals(SYSTEM) || actor.equals(ANONYMOUS) || UUID_TEXT.matcher(actor).matches()),
                "actor must be a user id (lower-case UUID), 'system' or 'anonymous'");
        require(action != null && action.length() <= 64 && ACTION.matcher(action).matches(),
                "action must match [a-z]+(\\.[a-z-]+)+ and have at most 64 characters");
        require((subjectType == null) == (subjectId == null), "subjectType and subjectId must both be given or both be null");
        require(subjectType == null || subjectType.length() <= 32 && SUBJECT_TYPE.matcher(subjectType).matches(),
                "subjectType must match [a-z]+(-[a-z]+)* and have at most 32 characters");
        require(subjectId == null || subjectId.length() <= 64 && SUBJECT_ID.matcher(subjectId).matches(),
                "subjectId must be an id of at most 64 characters from [A-Za-z0-9._:/-] (no whitespace, no e-mail address)");
    }

    /** An event without a subject, e.g. {@code user.login-denied}. */
    public static AuditEvent of(@Nullable OrgId org, String actor, String action) {
        return new AuditEvent(org, actor, action, null, null);
    }

    /** An event about a subject, e.g. {@code case.read} of a case. */
    public static AuditEvent of(@Nullable OrgId org, String actor, String action, String subjectType, Object subjectId) {
        return new AuditEvent(org, actor, action, subjectType, String.valueOf(subjectId));
    }

    /** The actor text of a staff user. */
    public static String user(UserId user) {
        return user.value().toString().toLowerCase(Locale.ROOT);
    }

    private static void require(boolean valid, String rule) {
        if (!valid) {
            throw new IllegalArgumentException("invalid audit event: " + rule);
        }
    }
}
