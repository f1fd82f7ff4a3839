package nl.haven.identity;

import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;

/**
 * A staff member as other modules see them: id, organisation, role and the name they go by at work. The
 * organisation always comes from the authenticated principal, never from a request parameter (SECURITY.md S1).
 */
public record StaffMember(UserId id, OrgId org, Role role, String displayName) {
}
