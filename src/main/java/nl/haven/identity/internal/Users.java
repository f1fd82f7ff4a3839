package nl.haven.identity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import nl.haven.identity.Role;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff users; each belongs to exactly one organisation. */
@Repository
public class Users {
    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What log-in needs. {@code toString} leaves out the hash. */
    public record Account(UserId id, OrgId orgId, String email, Role role, String passwordHash, boolean active) {
        @Override
        public String toString() {
            return "Account[" + id + ", org " + orgId + ", " + role + "]";
        }
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select count(*) from app_user where email = ?").param(normalise(email)).query(Long.class).single() > 0;
    }

    public UserId create(OrgId org, String email, String displayName, Role role, String passwordHash, Instant now) {
        UserId id = UserId.random();
        jdbc.sql("""
                insert into app_user (id, org_id, email, display_name, role, password_hash, active, created_at)
                values (?, ?, ?, ?, ?, ?, true, ?)""")
                .params(id.value(), org.value(), normalise(email), displayName, role.name(), passwordHash,
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return id;
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("select id, org_id, email, role, password_hash, active from app_user where email = ?")
                .param(normalise(email))
                .query((rs, n) -> new Account(new UserId(rs.getObject("id", UUID.class)), new OrgId(rs.getObject("org_id", UUID.class)),
                        rs.getString("email"), Role.valueOf(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("active")))
                .optional();
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
