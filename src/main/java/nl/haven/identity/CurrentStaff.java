package nl.haven.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is asking: the authenticated staff member of the current request, re-read from the database on every call so a
 * deactivated account or a changed role takes effect at once. Colleagues are looked up only inside one organisation.
 */
@Component
public class CurrentStaff {
    private final JdbcClient jdbc;

    CurrentStaff(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The staff member of the current request; refuses an anonymous request and an inactive account. */
    public StaffMember require() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            throw new AuthenticationCredentialsNotFoundException("no staff log-in");
        }
        return jdbc.sql("select id, org_id, role, display_name from app_user where email = ? and active = true")
                .param(authentication.getName())
                .query((rs, n) -> member(rs))
                .optional()
                .orElseThrow(() -> new AccessDeniedException("the account is not active"));
    }

    /** An active colleague in the given organisation; empty for another organisation's user or an unknown id. */
    public Optional<StaffMember> colleague(OrgId org, UserId id) {
        return jdbc.sql("select id, org_id, role, display_name from app_user where org_id = ? and id = ? and active = true")
                .params(org.value(), id.value())
                .query((rs, n) -> member(rs))
                .optional();
    }

    /** The organisation's active staff, by name. */
    public List<StaffMember> colleagues(OrgId org) {
        return jdbc.sql("select id, org_id, role, display_name from app_user where org_id = ? and active = true order by display_name")
                .param(org.value())
                .query((rs, n) -> member(rs))
                .list();
    }

    private static StaffMember member(ResultSet rs) throws SQLException {
        return new StaffMember(new UserId(rs.getObject("id", UUID.class)), new OrgId(rs.getObject("org_id", UUID.class)),
                Role.valueOf(rs.getString("role")), rs.getString("display_name"));
    }
}
