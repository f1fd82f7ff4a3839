package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.Handling;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counts the staff e-mail notifications carry ({@code identity.StaffMail}), and the day the "due tomorrow" mail was
 * sent for ({@code due_mail_run}). Counts only: nothing here reads an encrypted column.
 */
@Repository
public class StaffMailStore {
    private final JdbcClient jdbc;

    StaffMailStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation's new requests, not yet triaged. */
    long waitingForTriage(UUID org) {
        return jdbc.sql("select count(*) from case_file where org_id = ? and handling = ? and erased_at is null")
                .params(org, Handling.NEW.name()).query(Long.class).single();
    }

    /** The assignee's cases whose latest message is from the person. */
    long awaitingAnswer(UUID org, UUID assignee) {
        return jdbc.sql("select count(*) from case_file c where c.org_id = ? and c.assignee_id = ? and c.erased_at is null "
                + "and (select m.direction from case_message m where m.case_id = c.id order by m.created_at desc, m.id limit 1) = ?")
                .params(org, assignee, CaseConversation.FROM_REQUESTER).query(Long.class).single();
    }

    /** Claims the "due tomorrow" mail of {@code day}: true for the first caller only, on any node. */
    boolean claimDueDay(LocalDate day, Instant now) {
        try {
            return jdbc.sql("insert into due_mail_run (due_on, created_at) values (?, ?)").params(day, now.atOffset(ZoneOffset.UTC)).update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Who has how many open tasks and legal deadlines due on {@code day} in open cases: the task's assignee, else the case's. */
    record Due(UUID org, UUID member, long count) {
    }

    List<Due> dueOn(LocalDate day) {
        return jdbc.sql("select t.org_id, coalesce(t.assignee_id, c.assignee_id), count(*) from case_task t "
                + "join case_file c on c.id = t.case_id and c.org_id = t.org_id where t.done_at is null and t.due_on = ? and "
                + PolicyImpact.OPEN + " and coalesce(t.assignee_id, c.assignee_id) is not null "
                + "group by t.org_id, coalesce(t.assignee_id, c.assignee_id)")
                .param(day).query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3))).list();
    }
}
