package nl.haven.cases.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code case_read} (V24): how far each staff member has read each case's messages (issue #19, points 1 and 2). A row
 * holds the moment of the newest message the member has seen; it only ever moves forward. Ids and a time only.
 * Erasure deletes the rows ({@link CaseRecordStore#eraseContent}), and so does a referral or its withdrawal
 * ({@link ReferralStore#moveRows}): the other organisation's staff start unread.
 */
@Repository
public class CaseReadStore {
    /**
     * On alias {@code c}, with one parameter, the viewer's user id: the person has written a message on the case that
     * the viewer has not seen (newer than their read-up-to, or they never opened the case). What the queue's "Unread"
     * marker and the agenda's {@code unreadReplies} mean.
     */
    static final String UNREAD_FOR_VIEWER = "exists (select 1 from case_message m where m.case_id = c.id and m.direction = '"
            + CaseConversation.FROM_REQUESTER + "' and not exists (select 1 from case_read r where r.case_id = c.id and r.user_id = ? "
            + "and r.read_up_to >= m.created_at))";

    private final JdbcClient jdbc;

    CaseReadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member has seen the case's messages up to {@code upTo}; an earlier moment than the one recorded changes nothing. */
    void readUpTo(UUID caseId, UUID org, UUID user, Instant upTo) {
        // Portable upsert (H2 and PostgreSQL): make sure the row exists, then move it forward only.
        jdbc.sql("insert into case_read (case_id, user_id, org_id, read_up_to) values (?, ?, ?, ?) on conflict do nothing")
                .params(caseId, user, org, CaseStore.utc(upTo)).update();
        jdbc.sql("update case_read set read_up_to = ? where case_id = ? and user_id = ? and read_up_to < ?")
                .params(CaseStore.utc(upTo), caseId, user, CaseStore.utc(upTo)).update();
    }
}
