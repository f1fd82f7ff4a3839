package nl.haven.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.haven.identity.Role;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Grants of a case-reading role that wait for a COORDINATOR's approval (four eyes): an ADMIN's invitation into such a
 * role ({@link Kind#INVITE}: the user has no activation link until approval) or change of a user's role to one
 * ({@link Kind#ROLE}). At most one per user: a newer request replaces an older one. Scoped to one organisation.
 */
@Repository
public class RoleGrantStore {
    private final JdbcClient jdbc;

    RoleGrantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public enum Kind {
        INVITE, ROLE
    }

    /** A pending grant as a coordinator sees it. {@code toString} leaves out the e-mail address and the names. */
    public record Pending(UUID id, UserId user, String email, String displayName, Role role, Kind kind, UserId requestedBy,
            String requestedByName, Instant requestedAt) {
        @Override
        public String toString() {
            return "Pending[" + id + ", " + user + ", " + role + ", " + kind + "]";
        }
    }

    private static final String PENDING = """
            select g.id, g.user_id, u.email, u.display_name, g.role, g.kind, g.requested_by, r.display_name as requested_by_name, g.requested_at
            from role_grant g join app_user u on u.id = g.user_id join app_user r on r.id = g.requested_by
            """;

    private static Pending pending(ResultSet rs, int n) throws SQLException {
        return new Pending(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)), rs.getString("email"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), Kind.valueOf(rs.getString("kind")),
                new UserId(rs.getObject("requested_by", UUID.class)), rs.getString("requested_by_name"),
                rs.getObject("requested_at", OffsetDateTime.class).toInstant());
    }

    /** Records a request, replacing the user's earlier pending one; its id. */
    public UUID request(OrgId org, UserId user, Role role, Kind kind, UserId requestedBy, Instant now) {
        withdraw(org, user);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into role_grant (id, org_id, user_id, role, kind, requested_by, requested_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, org.value(), user.value(), role.name(), kind.name(), requestedBy.value(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return id;
    }

    /** The organisation's pending grants, oldest first. */
    public List<Pending> inOrganisation(OrgId org) {
        return jdbc.sql(PENDING + "where g.org_id = ? order by g.requested_at, g.id").param(org.value()).query(RoleGrantStore::pending).list();
    }

    /** A pending grant of this organisation; empty for another organisation's and for an id that does not exist alike. */
    public Optional<Pending> find(OrgId org, UUID id) {
        return jdbc.sql(PENDING + "where g.org_id = ? and g.id = ?").params(org.value(), id).query(RoleGrantStore::pending).optional();
    }

    /** The user's pending grant, if any. */
    public Optional<Pending> ofUser(OrgId org, UserId user) {
        return jdbc.sql(PENDING + "where g.org_id = ? and g.user_id = ?").params(org.value(), user.value()).query(RoleGrantStore::pending).optional();
    }

    /** Removes a grant (approved or refused); true for the one caller that removed it. */
    public boolean remove(OrgId org, UUID id) {
        return jdbc.sql("delete from role_grant where org_id = ? and id = ?").params(org.value(), id).update() == 1;
    }

    /** Removes the user's pending grant, if any. */
    public void withdraw(OrgId org, UserId user) {
        jdbc.sql("delete from role_grant where org_id = ? and user_id = ?").params(org.value(), user.value()).update();
    }
}
