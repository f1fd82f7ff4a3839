package nl.haven.identity;

import java.util.List;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Content-free e-mail notifications to staff: what kind of work is waiting and how much of it, with a link to the staff
 * home, never a name, nationality, group, message, reference or case id (the callers pass counts only, so there is
 * nothing else to put in). A call only announces the notification; it is sent after the caller's transaction commits
 * (at once when there is none), so a rolled-back change sends nothing and a mail failure never undoes a change. Sent
 * only when mail is configured ({@code spring.mail.host}); otherwise nothing happens.
 */
@Service
public class StaffMail {
    private final ApplicationEventPublisher events;

    StaffMail(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** What is waiting; each has its own sentence in the message bundles ({@code mail.topic.*}). */
    public enum Topic {
        /** New requests waiting for triage; {@code count}: how many are waiting in the organisation now. */
        NEW_REQUESTS,
        /** Replies from the person; {@code count}: the recipient's cases whose latest message is from the person. */
        REPLIES,
        /** Deadlines and tasks due tomorrow; {@code count}: how many in the recipient's cases. */
        DUE_TOMORROW,
        /** A policy-review summary; {@code count}: open cases to review, {@code countB}: of them unassigned. */
        POLICY_REVIEW
    }

    /**
     * A notification to send after commit: to {@code member} when set (if active and in {@code org}), else to every active
     * holder of one of {@code roles} in {@code org}. Counts only: its {@link #toString()} is safe to log.
     */
    public record Notification(OrgId org, @Nullable UserId member, List<Role> roles, Topic topic, long count, long countB) {
        public Notification {
            roles = List.copyOf(roles);
        }
    }

    /** Tells every active holder of one of {@code roles} in the organisation. */
    public void toRoles(OrgId org, Topic topic, long count, long countB, Role... roles) {
        events.publishEvent(new Notification(org, null, List.of(roles), topic, count, countB));
    }

    /** Tells one staff member of the organisation (nothing when they are inactive or not of that organisation). */
    public void toMember(OrgId org, UserId member, Topic topic, long count) {
        events.publishEvent(new Notification(org, member, List.of(), topic, count, 0));
    }
}
