package nl.haven.identity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.StaffMail;
import nl.haven.shared.UserId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code staff_mail_pending}: the latest counts per kind of notification a digest reader has waiting. Counts only. */
@Repository
class MailDigestStore {
    private final JdbcClient jdbc;

    MailDigestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the latest counts of a topic for the user's next digest (a later notification of the topic replaces them). */
    void keep(UserId user, StaffMail.Topic topic, long countA, long countB, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String update = "update staff_mail_pending set count_a = ?, count_b = ?, updated_at = ? where user_id = ? and topic = ?";
        if (jdbc.sql(update).params(countA, countB, at, user.value(), topic.name()).update() > 0) {
            return;
        }
        try {
            jdbc.sql("insert into staff_mail_pending (user_id, topic, count_a, count_b, updated_at) values (?, ?, ?, ?, ?)")
                    .params(user.value(), topic.name(), countA, countB, at).update();
        } catch (DuplicateKeyException e) {
            jdbc.sql(update).params(countA, countB, at, user.value(), topic.name()).update();
        }
    }

    record Pending(UserId user, String email, StaffMail.Topic topic, long countA, long countB, OffsetDateTime updatedAt) {
        @Override
        public String toString() {
            return "Pending[" + topic + "]";
        }
    }

    /** Everything waiting for active users, by user. */
    List<Pending> waiting() {
        return jdbc.sql("select p.user_id, u.email, p.topic, p.count_a, p.count_b, p.updated_at from staff_mail_pending p "
                + "join app_user u on u.id = p.user_id where u.active = true order by p.user_id, p.topic")
                .query((rs, n) -> new Pending(new UserId(rs.getObject(1, UUID.class)), rs.getString(2), StaffMail.Topic.valueOf(rs.getString(3)),
                        rs.getLong(4), rs.getLong(5), rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    /** Takes a row for sending: true for the one node that deleted it (unchanged since it was read). */
    boolean claim(Pending p) {
        return jdbc.sql("delete from staff_mail_pending where user_id = ? and topic = ? and updated_at = ?")
                .params(p.user().value(), p.topic().name(), p.updatedAt()).update() == 1;
    }
}
