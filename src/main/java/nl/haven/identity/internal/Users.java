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

    /** What log-in needs. {@code toString} leaves out the hash, the e-mail address and the secret. */
    public record Account(UserId id, OrgId orgId, String email, Role role, @org.jspecify.annotations.Nullable String passwordHash, boolean active,
            boolean totpEnrolled, byte @org.jspecify.annotations.Nullable [] totpSecret, int failedAttempts,
            @org.jspecify.annotations.Nullable Instant lockedUntil) {
        @Override
        public String toString() {
            return "Account[" + id + ", org " + orgId + ", " + role + "]";
        }

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    private static final String ACCOUNT = "select id, org_id, email, role, password_hash, active, totp_enrolled, totp_secret, failed_attempts, "
            + "locked_until from app_user ";

    private static Account account(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        return new Account(new UserId(rs.getObject("id", UUID.class)), new OrgId(rs.getObject("org_id", UUID.class)), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("active"), rs.getBoolean("totp_enrolled"),
                rs.getBytes("totp_secret"), rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant());
    }

    public Optional<Account> byId(UserId id) {
        return jdbc.sql(ACCOUNT + "where id = ?").param(id.value()).query(Users::account).optional();
    }

    /** A new, inactive user with a one-time activation link (only its hash is stored). */
    public UserId invite(OrgId org, String email, String displayName, Role role, String activationHash, Instant expires, Instant now) {
        UserId id = UserId.random();
        jdbc.sql("""
                insert into app_user (id, org_id, email, display_name, role, password_hash, active, created_at, activation_hash,
                                      activation_expires_at)
                values (?, ?, ?, ?, ?, null, false, ?, ?, ?)""")
                .params(id.value(), org.value(), normalise(email), displayName, role.name(), utc(now), activationHash, utc(expires))
                .update();
        return id;
    }

    public Optional<UserId> byActivation(String activationHash, Instant now) {
        return jdbc.sql("select id from app_user where activation_hash = ? and activation_expires_at > ?").params(activationHash, utc(now))
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).optional();
    }

    /** Sets the password and ends the activation link; true only for the caller that used a valid link. */
    public boolean activate(String activationHash, String passwordHash, Instant now) {
        return jdbc.sql("""
                update app_user set password_hash = ?, active = true, activation_hash = null, activation_expires_at = null
                where activation_hash = ? and activation_expires_at > ?""").params(passwordHash, activationHash, utc(now)).update() == 1;
    }

    /** Keeps a sealed TOTP secret that is not yet valid for log-in; an enrolled secret is never replaced. */
    public void setPendingTotp(UserId id, byte[] sealedSecret) {
        jdbc.sql("update app_user set totp_secret = ? where id = ? and totp_enrolled = false").params(sealedSecret, id.value()).update();
    }

    /** Makes the pending secret the second factor, if it is still this one; true if it was. */
    public boolean confirmPendingTotp(UserId id, byte[] sealedSecret) {
        return jdbc.sql("update app_user set totp_enrolled = true where id = ? and totp_enrolled = false and totp_secret = ?")
                .params(id.value(), sealedSecret).update() == 1;
    }

    public void resetTotp(UserId id) {
        jdbc.sql("update app_user set totp_secret = null, totp_enrolled = false where id = ?").param(id.value()).update();
        jdbc.sql("delete from recovery_code where user_id = ?").param(id.value()).update();
    }

    /** Counts a failed log-in or second-factor attempt; locks the account for a while after too many. */
    public int recordFailure(UserId id, int lockAfter, Instant lockUntil) {
        jdbc.sql("update app_user set failed_attempts = failed_attempts + 1 where id = ?").param(id.value()).update();
        int failures = jdbc.sql("select failed_attempts from app_user where id = ?").param(id.value()).query(Integer.class).single();
        if (failures >= lockAfter) {
            jdbc.sql("update app_user set locked_until = ?, failed_attempts = 0 where id = ?").params(utc(lockUntil), id.value()).update();
        }
        return failures;
    }

    public void recordSuccess(UserId id) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(id.value()).update();
    }

    public void replaceRecoveryCodes(UserId id, java.util.List<String> codeHashes) {
        jdbc.sql("delete from recovery_code where user_id = ?").param(id.value()).update();
        for (String hash : codeHashes) {
            jdbc.sql("insert into recovery_code (user_id, code_hash) values (?, ?)").params(id.value(), hash).update();
        }
    }

    /** Uses a recovery code once; true if it was valid and unused. */
    public boolean useRecoveryCode(UserId id, String codeHash, Instant now) {
        return jdbc.sql("update recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
                .params(utc(now), id.value(), codeHash).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
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
        return jdbc.sql(ACCOUNT + "where email = ?").param(normalise(email)).query(Users::account).optional();
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
