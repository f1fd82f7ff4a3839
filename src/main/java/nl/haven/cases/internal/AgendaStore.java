package nl.haven.cases.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.Handling;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The staff agenda's look-ups ({@link CaseAgenda}), each limited by the caller's {@link CaseScope}: open tasks and legal
 * deadlines up to a day, new requests and cases with
 * messages from the person the viewer has not read. Plain columns only (ids, references, kinds, term
 * ids, dates): nothing here reads an encrypted column.
 */
@Repository
public class AgendaStore {
    /**
     * On alias {@code c}: the latest message of the case is from the person, so nobody has answered it yet: the queue's
     * "Reply waiting" and the reply notification's rule. "Unread" is per staff member: {@link CaseReadStore#UNREAD_FOR_VIEWER}.
     */
    static final String PERSON_WROTE_LAST = "(select m.direction from case_message m where m.case_id = c.id "
            + "order by m.created_at desc, m.id limit 1) = '" + CaseConversation.FROM_REQUESTER + "'";

    /** {@code case_task.kind} of a policy review ({@link ImpactLedger} writes it). */
    static final String POLICY_TASK = "POLICY";

    private final JdbcClient jdbc;

    AgendaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An open task or legal deadline of a visible open case; {@code termId} for a deadline, null for a manual task. */
    record DueTask(UUID caseId, String reference, UUID taskId, String kind, @Nullable String termId, LocalDate dueOn) {
    }

    /** A visible case with its reference. */
    record CaseRef(UUID caseId, String reference) {
    }

    /** Open tasks due on or before {@code until} (overdue ones included) of the open cases the scope sees, earliest first. */
    List<DueTask> dueUntil(CaseScope scope, LocalDate until) {
        List<Object> params = new ArrayList<>(scope.parameters());
        params.add(until);
        return jdbc.sql("select c.id, c.reference, t.id, t.kind, t.term_id, t.due_on from case_task t "
                + "join case_file c on c.id = t.case_id and c.org_id = t.org_id where " + scope.condition() + " and "
                + PolicyImpact.OPEN + " and t.done_at is null and t.due_on <= ? order by t.due_on, c.reference, t.id")
                .params(params).query((rs, n) -> new DueTask(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class))).list();
    }

    /** The open policy-review tasks ({@link PolicyImpact}) of the visible open cases, whatever their due date, earliest first. */
    List<DueTask> policyReviews(CaseScope scope) {
        return jdbc.sql("select c.id, c.reference, t.id, t.kind, t.term_id, t.due_on from case_task t "
                + "join case_file c on c.id = t.case_id and c.org_id = t.org_id where " + scope.condition() + " and "
                + PolicyImpact.OPEN + " and t.done_at is null and t.kind = '" + POLICY_TASK + "' order by t.due_on, c.reference, t.id")
                .params(scope.parameters()).query((rs, n) -> new DueTask(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class))).list();
    }

    /** The new requests (handling NEW, waiting for triage) the scope sees, oldest first. */
    List<CaseRef> newRequests(CaseScope scope) {
        List<Object> params = new ArrayList<>(scope.parameters());
        params.add(Handling.NEW.name());
        return jdbc.sql("select c.id, c.reference from case_file c where " + scope.condition() + " and c.handling = ? "
                + "order by c.opened_at, c.reference").params(params)
                .query((rs, n) -> new CaseRef(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    /**
     * The open cases the scope sees with a message from the person that the viewer ({@link CaseScope#user()}) has not
     * seen yet ({@link CaseReadStore#UNREAD_FOR_VIEWER}): unread for them, whoever else has read or answered it.
     */
    List<CaseRef> unreadFor(CaseScope scope) {
        List<Object> params = new ArrayList<>(scope.parameters());
        params.add(scope.user());
        return jdbc.sql("select c.id, c.reference from case_file c where " + scope.condition() + " and " + PolicyImpact.OPEN
                + " and " + CaseReadStore.UNREAD_FOR_VIEWER + " order by c.updated_at desc, c.reference").params(params)
                .query((rs, n) -> new CaseRef(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }
}
