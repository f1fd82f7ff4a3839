package nl.haven.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * In-app notices on the staff home for the holders of one role in an organisation: a message key, a date and two
 * counts, never case content. One notice per organisation and key, however often (or on however many nodes) it is
 * posted. A policy-review summary ({@link #POLICY_CHANGED}) also goes by e-mail to the role's holders when it is posted
 * and mail is configured ({@link StaffMail}, the counts only).
 */
@Service
public class StaffNotices {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final StaffMail mail;

    /** The message key of the policy-review summary, which is also sent by e-mail. */
    public static final String POLICY_CHANGED = "staff.notice.policyChanged";
    /** The message key of a policy review that waits for a key holder of the organisation (ADR 0006 C.9). */
    public static final String POLICY_WAITING = "staff.notice.policyWaiting";

    StaffNotices(JdbcClient jdbc, Clock clock, StaffMail mail) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.mail = mail;
    }

    /** A notice as the staff home shows it: {@code message} is a message-bundle key taking the date and the counts. */
    public record Notice(String message, @Nullable LocalDate onDate, long countA, long countB) {
    }

    /** Posts the notice unless the organisation already has one under this key; true when posted now. */
    public boolean post(OrgId org, String key, Role role, String message, @Nullable LocalDate onDate, long countA, long countB) {
        if (jdbc.sql("select count(*) from staff_notice where org_id = ? and notice_key = ?").params(org.value(), key).query(Long.class)
                .single() > 0) {
            return false;
        }
        try {
            jdbc.sql("insert into staff_notice (id, org_id, notice_key, role, message, on_date, count_a, count_b, created_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), org.value(), key, role.name(), message, onDate, countA, countB,
                            clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            if (POLICY_CHANGED.equals(message)) {
                mail.toRoles(org, StaffMail.Topic.POLICY_REVIEW, countA, countB, role);
            }
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Takes the organisation's notice under this key away (what it said is over); true when there was one. */
    public boolean withdraw(OrgId org, String key) {
        return jdbc.sql("delete from staff_notice where org_id = ? and notice_key = ?").params(org.value(), key).update() > 0;
    }

    /** The latest notices for a role of an organisation, newest first. */
    public List<Notice> latest(OrgId org, Role role, int limit) {
        return jdbc.sql("select message, on_date, count_a, count_b from staff_notice where org_id = ? and role = ? "
                + "order by created_at desc, id limit " + Math.max(1, Math.min(limit, 50)))
                .params(org.value(), role.name())
                .query((rs, n) -> new Notice(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4))).list();
    }
}
