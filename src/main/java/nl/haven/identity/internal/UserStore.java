package nl.haven.identity.internal;

import java.util.Arrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import nl.haven.identity.Role;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff users; each belongs to exactly one organisation. */
@Repository
public class UserStore {
    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
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

    private static Account account(ResultSet rs, int n) throws SQLException {
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        return new Account(new UserId(rs.getObject("id", UUID.class)), new OrgId(rs.getObject("org_id", UUID.class)), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("active"), rs.getBoolean("totp_enrolled"),
                rs.getBytes("totp_secret"), rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant());
    }

    public Optional<Account> byId(UserId id) {
        return jdbc.sql(ACCOUNT + "where id = ?").param(id.value()).query(UserStore::account).optional();
    }

    // --- scoped to one organisation: what an organisation's ADMIN may reach ---------------------------------------

    /** Where an account stands: invited (activation link pending), active, or deactivated. */
    public enum Status {
        /** Invited by an ADMIN into a case-reading role: no activation link until a COORDINATOR approves ({@link RoleGrantStore}). */
        AWAITING_APPROVAL, INVITED, ACTIVE, DEACTIVATED
    }

    /** A user as the organisation's ADMIN sees them. {@code toString} leaves out the e-mail address and the name. */
    public record Member(UserId id, String email, String displayName, Role role, Status status, boolean hasPassword, boolean totpEnrolled,
            @org.jspecify.annotations.Nullable Instant lockedUntil, @org.jspecify.annotations.Nullable Role pendingRole) {
        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        @Override
        public String toString() {
            return "Member[" + id + ", " + role + ", " + status + "]";
        }
    }

    private static final String MEMBER = "select id, email, display_name, role, active, password_hash is not null as has_password, "
            + "activation_hash is not null as invited, totp_enrolled, locked_until, "
            + "(select g.role from role_grant g where g.user_id = app_user.id) as pending_role, "
            + "(select g.kind from role_grant g where g.user_id = app_user.id) as pending_kind from app_user ";

    private static Member member(ResultSet rs, int n) throws SQLException {
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        String pendingRole = rs.getString("pending_role");
        Status status = rs.getBoolean("active") ? Status.ACTIVE : rs.getBoolean("invited") ? Status.INVITED
                : "INVITE".equals(rs.getString("pending_kind")) ? Status.AWAITING_APPROVAL : Status.DEACTIVATED;
        return new Member(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), status, rs.getBoolean("has_password"), rs.getBoolean("totp_enrolled"),
                locked == null ? null : locked.toInstant(), pendingRole == null ? null : Role.valueOf(pendingRole));
    }

    /** The organisation's users, by name. */
    public List<Member> inOrganisation(OrgId org) {
        return jdbc.sql(MEMBER + "where org_id = ? order by lower(display_name), email").param(org.value()).query(UserStore::member).list();
    }

    /** A staff member to notify by e-mail: where, and whether they chose the daily digest over a mail at once. */
    public record Recipient(UserId id, String email, boolean digest) {
        @Override
        public String toString() {
            return "Recipient[" + id.value() + "]";
        }
    }

    private static final String RECIPIENT = "select id, email, mail_digest from app_user ";

    private static Recipient recipient(ResultSet rs, int n) throws SQLException {
        return new Recipient(new UserId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getBoolean(3));
    }

    /** The organisation's active holders of any of {@code roles} (staff notifications). */
    public List<Recipient> activeRecipients(OrgId org, List<Role> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(org.value());
        roles.stream().map(Role::name).forEach(params::add);
        return jdbc.sql(RECIPIENT + "where org_id = ? and active = true and role in (" + String.join(", ", roles.stream().map(r -> "?").toList())
                + ") order by email").params(params).query(UserStore::recipient).list();
    }

    /** An active user of this organisation; empty for an inactive one or one of another organisation. */
    public Optional<Recipient> activeRecipient(OrgId org, UserId id) {
        return jdbc.sql(RECIPIENT + "where org_id = ? and id = ? and active = true").params(org.value(), id.value())
                .query(UserStore::recipient).optional();
    }

    /** Whether the user reads their notifications as one daily digest. */
    public boolean mailDigest(UserId id) {
        return jdbc.sql("select mail_digest from app_user where id = ?").param(id.value()).query(Boolean.class).optional().orElse(false);
    }

    public void setMailDigest(UserId id, boolean digest) {
        jdbc.sql("update app_user set mail_digest = ? where id = ?").params(digest, id.value()).update();
    }

    /** A user of this organisation; empty for a user of another organisation and for an id that does not exist alike. */
    public Optional<Member> findInOrganisation(OrgId org, UserId id) {
        return jdbc.sql(MEMBER + "where org_id = ? and id = ?").params(org.value(), id.value()).query(UserStore::member).optional();
    }

    /** Deactivates a user of this organisation and voids a pending activation link, so that it cannot activate the account. */
    public boolean deactivate(OrgId org, UserId id) {
        return jdbc.sql("update app_user set active = false, activation_hash = null, activation_expires_at = null where org_id = ? and id = ?")
                .params(org.value(), id.value()).update() == 1;
    }

    /** Reactivates a user of this organisation who has a password. */
    public boolean reactivate(OrgId org, UserId id) {
        return jdbc.sql("update app_user set active = true where org_id = ? and id = ? and password_hash is not null")
                .params(org.value(), id.value()).update() == 1;
    }

    /** A new one-time activation link for a user of this organisation who never set a password. */
    public boolean renewActivation(OrgId org, UserId id, String activationHash, Instant expires) {
        return jdbc.sql("""
                update app_user set activation_hash = ?, activation_expires_at = ?
                where org_id = ? and id = ? and password_hash is null and active = false""")
                .params(activationHash, utc(expires), org.value(), id.value()).update() == 1;
    }

    public boolean changeRole(OrgId org, UserId id, Role role) {
        return jdbc.sql("update app_user set role = ? where org_id = ? and id = ?").params(role.name(), org.value(), id.value()).update() == 1;
    }

    /** How many active users of this organisation have the ADMIN role. */
    public long activeAdmins(OrgId org) {
        return jdbc.sql("select count(*) from app_user where org_id = ? and role = ? and active = true").params(org.value(), Role.ADMIN.name())
                .query(Long.class).single();
    }

    /**
     * A new, inactive user with a one-time activation link (only its hash is stored), or without one (both null) while
     * the invitation waits for a COORDINATOR's approval.
     */
    public UserId invite(OrgId org, String email, String displayName, Role role, @org.jspecify.annotations.Nullable String activationHash,
            @org.jspecify.annotations.Nullable Instant expires, Instant now) {
        UserId id = UserId.random();
        jdbc.sql("""
                insert into app_user (id, org_id, email, display_name, role, password_hash, active, created_at, activation_hash,
                                      activation_expires_at)
                values (?, ?, ?, ?, ?, null, false, ?, ?, ?)""")
                .params(id.value(), org.value(), normalise(email), displayName, role.name(), utc(now), activationHash,
                        expires == null ? null : utc(expires))
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

    /** Replaces a sealed TOTP secret by the same secret sealed anew, if it is still the old one; true if it was. */
    public boolean resealTotp(UserId id, byte[] oldSealed, byte[] newSealed) {
        return jdbc.sql("update app_user set totp_secret = ? where id = ? and totp_secret = ?").params(newSealed, id.value(), oldSealed)
                .update() == 1;
    }

    /** Who has a TOTP secret (enrolled or pending), with their organisation and the sealed secret. */
    public List<SealedTotp> sealedTotpSecrets() {
        return jdbc.sql("select id, org_id, totp_secret from app_user where totp_secret is not null")
                .query((rs, row) -> new SealedTotp(new UserId(rs.getObject("id", UUID.class)), new OrgId(rs.getObject("org_id", UUID.class)),
                        rs.getBytes("totp_secret")))
                .list();
    }

    /** A user's sealed TOTP secret as stored; prints no bytes. */
    public record SealedTotp(UserId user, OrgId org, byte[] sealed) {
        @Override
        public String toString() {
            return "SealedTotp[" + user + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SealedTotp o && o.user.equals(user) && o.org.equals(org) && Arrays.equals(o.sealed, sealed);
        }

        @Override
        public int hashCode() {
            return user.hashCode();
        }
    }

    /** Makes the pending secret the second factor, if it is still this one; true if it was. */
    public boolean confirmPendingTotp(UserId id, byte[] sealedSecret, long step) {
        return jdbc.sql("update app_user set totp_enrolled = true, totp_last_step = ? where id = ? and totp_enrolled = false and totp_secret = ?")
                .params(step, id.value(), sealedSecret).update() == 1;
    }

    /**
     * Uses a TOTP time step: true only if it is later than the last step accepted for this user, so that a code (and
     * any earlier one) works once. One conditional update, so that two nodes given the same code at the same moment
     * cannot both accept it.
     */
    public boolean useTotpStep(UserId id, long step) {
        return jdbc.sql("update app_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
                .params(step, id.value(), step).update() == 1;
    }

    /** Replaces the password hash of an account (a changed password, or the same password hashed with stronger parameters). */
    public boolean setPasswordHash(UserId id, String passwordHash) {
        return jdbc.sql("update app_user set password_hash = ? where id = ? and password_hash is not null").params(passwordHash, id.value())
                .update() == 1;
    }

    /** Removes the second factor and the recovery codes of a user of this organisation; the user must enrol again. */
    public boolean resetTotp(OrgId org, UserId id) {
        if (jdbc.sql("update app_user set totp_secret = null, totp_enrolled = false, totp_last_step = null where org_id = ? and id = ?").params(org.value(), id.value())
                .update() != 1) {
            return false;
        }
        jdbc.sql("delete from recovery_code where user_id = ?").param(id.value()).update();
        return true;
    }

    /**
     * Counts a failed log-in or second-factor attempt. From the {@code free}-th failure on, each failure makes the
     * account wait before the next attempt, {@code first} at first and twice as long with each further failure, but
     * never longer than {@code max}: the account's owner is slowed down with the guesser, never shut out for long. The
     * count starts again at the next success.
     */
    public int recordFailure(UserId id, int free, Instant now, Duration first, Duration max) {
        jdbc.sql("update app_user set failed_attempts = failed_attempts + 1 where id = ?").param(id.value()).update();
        int failures = jdbc.sql("select failed_attempts from app_user where id = ?").param(id.value()).query(Integer.class).single();
        if (failures >= free) {
            Duration wait = LoginThrottle.growingWait(first, failures - free, max);
            jdbc.sql("update app_user set locked_until = ? where id = ?").params(utc(now.plus(wait)), id.value()).update();
        }
        return failures;
    }

    /**
     * Ends the wait that failed log-ins put on an account of this organisation (an administrator's unlock): the count of
     * failures starts again from zero. False for a user of another organisation or a nonexistent one.
     */
    public boolean unlock(OrgId org, UserId id) {
        return jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where org_id = ? and id = ?").params(org.value(), id.value())
                .update() == 1;
    }

    public void recordSuccess(UserId id) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ?").param(id.value()).update();
    }

    public void replaceRecoveryCodes(UserId id, List<String> codeHashes) {
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
        return jdbc.sql(ACCOUNT + "where email = ?").param(normalise(email)).query(UserStore::account).optional();
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
