package nl.haven.cases.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The secret addresses of the staff members' calendar feeds ({@code calendar_token}): only a token's SHA-256 is stored. */
@Repository
public class CalendarStore {
    private final JdbcClient jdbc;

    CalendarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's one current address: the previous ones are revoked. */
    public void replace(UUID user, UUID org, String tokenHash, Instant now) {
        jdbc.sql("update calendar_token set revoked_at = ? where user_id = ? and revoked_at is null").params(CaseStore.utc(now), user).update();
        jdbc.sql("insert into calendar_token (id, user_id, org_id, token_hash, created_at) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), user, org, tokenHash, CaseStore.utc(now)).update();
    }

    /** Removes all of the user's addresses. */
    public void delete(UUID user) {
        jdbc.sql("delete from calendar_token where user_id = ?").param(user).update();
    }

    /** Whose feed this is. */
    public record Owner(UUID user, UUID org) {
    }

    /** The owner of a current address whose account is active and still in the address's organisation. */
    public Optional<Owner> owner(String tokenHash) {
        return jdbc.sql("""
                select t.user_id, t.org_id from calendar_token t join app_user u on u.id = t.user_id
                where t.token_hash = ? and t.revoked_at is null and u.active = true and u.org_id = t.org_id""")
                .param(tokenHash).query((rs, n) -> new Owner(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
    }
}
