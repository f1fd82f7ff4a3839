package nl.haven.cases.internal;

import java.util.List;
import java.util.UUID;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;

/**
 * Which cases a staff member may see, as a SQL condition that every case query carries (SECURITY.md S1): always their
 * own organisation; a coordinator sees all of it; caseworkers and lawyers the cases assigned to them; intake staff the
 * new and triage cases and those assigned to them. Analysts and administrators see no case content.
 */
public record CaseScope(UUID org, UUID user, Role role) {

    public static CaseScope of(StaffMember member) {
        return new CaseScope(member.org().value(), member.id().value(), member.role());
    }

    public boolean seesCases() {
        return role != Role.ANALYST && role != Role.ADMIN;
    }

    /** The condition on alias {@code c} and its parameters, to append after {@code where}. */
    String condition() {
        return "c.erased_at is null and " + switch (role) {
            case COORDINATOR -> "c.org_id = ?";
            case CASEWORKER, LAWYER -> "c.org_id = ? and c.assignee_id = ?";
            case INTAKE -> "c.org_id = ? and (c.handling in ('NEW', 'TRIAGE') or c.assignee_id = ?)";
            case ANALYST, ADMIN -> "1 = 0";
        };
    }

    /**
     * The same condition for a referral (alias {@code r}): the referring organisation's staff see a referral when they
     * could see its case at the time it was referred ({@code r.assignee_id}, {@code r.handling} recorded then), since
     * the case itself now belongs to the receiving organisation. Takes {@link #parameters()}.
     */
    String referralCondition() {
        return switch (role) {
            case COORDINATOR -> "r.from_org = ?";
            case CASEWORKER, LAWYER -> "r.from_org = ? and r.assignee_id = ?";
            case INTAKE -> "r.from_org = ? and (r.handling in ('NEW', 'TRIAGE') or r.assignee_id = ?)";
            case ANALYST, ADMIN -> "1 = 0";
        };
    }

    List<Object> parameters() {
        return switch (role) {
            case COORDINATOR -> List.of(org);
            case CASEWORKER, LAWYER, INTAKE -> List.of(org, user);
            case ANALYST, ADMIN -> List.of();
        };
    }
}
