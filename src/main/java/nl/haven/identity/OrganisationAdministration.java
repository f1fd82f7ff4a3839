package nl.haven.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.internal.Organisations;
import nl.haven.identity.internal.Users;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an organisation's ADMIN does with its users: list, invite, deactivate, reactivate, change a
 * role, reset a second factor. Every method takes the acting administrator's id, never an
 * organisation: the organisation is the administrator's own, read here from the database. A user id
 * of another organisation is unknown here exactly as an id that does not exist
 * ({@link UnknownIdException}), because every query is scoped to the organisation in {@link Users}.
 *
 * <p>Each change writes exactly one audit event (ids and the action name only) in its transaction
 * and takes a lock on the organisation first, so that the rule "an organisation keeps at least one
 * active ADMIN" also holds when two administrators act at the same moment.
 */
@Service
public class OrganisationAdministration {
    private final IdentityManagement identity;
    private final Users users;
    private final Organisations organisations;
    private final AuditLog audit;

    OrganisationAdministration(IdentityManagement identity, Users users, Organisations organisations, AuditLog audit) {
        this.identity = identity;
        this.users = users;
        this.organisations = organisations;
        this.audit = audit;
    }

    /** The administrator's own organisation's users, by name. */
    @Transactional(readOnly = true)
    public List<Users.Member> members(UserId admin) {
        return users.inOrganisation(administrator(admin).orgId());
    }

    /** Invites a user into the administrator's organisation; the invitation's token is the one-time activation link. */
    @Transactional
    public IdentityManagement.Invitation invite(UserId admin, @Nullable String email, @Nullable String roleName,
            @Nullable String displayName) {
        Users.Account acting = lockedAdministrator(admin);
        if (!IdentityManagement.validEmail(email)) {
            throw ChangeRefused.badValue("email", "admin.error.email", "not a valid e-mail address: expected name@example.org");
        }
        Role role = role(roleName);
        if (displayName != null && displayName.strip().length() > 200) {
            throw ChangeRefused.badValue("displayName", "admin.error.displayName",
                    "the name has " + displayName.strip().length() + " characters: expected at most 200");
        }
        if (users.emailTaken(email)) {
            throw ChangeRefused.badValue("email", "admin.error.emailTaken", "this e-mail address already has an account: expected a new one");
        }
        return identity.invite(acting.orgId(), AuditEvent.user(admin), email, role, displayName);
    }

    /**
     * Deactivates a user: they cannot log in, their sessions end at their next request, their API
     * tokens are revoked and a pending activation link stops working. An administrator cannot
     * deactivate themselves.
     */
    @Transactional
    public void deactivate(UserId admin, UserId user) {
        Users.Account acting = lockedAdministrator(admin);
        Users.Member member = member(acting.orgId(), user);
        if (user.equals(admin)) {
            throw ChangeRefused.conflict("admin.error.selfDeactivate", "an administrator cannot deactivate their own account");
        }
        if (member.status() == Users.Status.DEACTIVATED) {
            throw ChangeRefused.conflict("admin.error.alreadyDeactivated", "user " + user + " is deactivated already");
        }
        keepsAnAdministrator(acting.orgId(), member, false);
        users.deactivate(acting.orgId(), user);
        identity.revokeAllApiTokens(user);
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.deactivated", "user", user.value()));
    }

    /**
     * Reactivates a deactivated user. A user who never set a password gets a new one-time activation
     * link instead (returned, to be shown once); the account becomes active when they use it.
     */
    @Transactional
    public Optional<IdentityManagement.Invitation> reactivate(UserId admin, UserId user) {
        Users.Account acting = lockedAdministrator(admin);
        Users.Member member = member(acting.orgId(), user);
        if (member.status() == Users.Status.ACTIVE) {
            throw ChangeRefused.conflict("admin.error.alreadyActive", "user " + user + " is active already");
        }
        Optional<IdentityManagement.Invitation> invitation;
        if (member.hasPassword()) {
            users.reactivate(acting.orgId(), user);
            invitation = Optional.empty();
        } else {
            invitation = Optional.of(identity.renewActivation(acting.orgId(), user));
        }
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.reactivated", "user", user.value()));
        return invitation;
    }

    /** Gives a user another role; it takes effect at the user's next request (sessions and API tokens alike). */
    @Transactional
    public void changeRole(UserId admin, UserId user, @Nullable String roleName) {
        Users.Account acting = lockedAdministrator(admin);
        Users.Member member = member(acting.orgId(), user);
        Role role = role(roleName);
        if (member.role() == role) {
            throw ChangeRefused.conflict("admin.error.sameRole", "user " + user + " has the role " + role + " already");
        }
        keepsAnAdministrator(acting.orgId(), member, role == Role.ADMIN);
        users.changeRole(acting.orgId(), user, role);
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.role-changed", "user", user.value()));
    }

    /** Removes a user's second factor: their sessions end, and they must enrol a new one at the next log-in. */
    @Transactional
    public void resetSecondFactor(UserId admin, UserId user) {
        Users.Account acting = lockedAdministrator(admin);
        Users.Member member = member(acting.orgId(), user);
        if (!member.totpEnrolled()) {
            throw ChangeRefused.conflict("admin.error.noSecondFactor", "user " + user + " has no second factor to reset");
        }
        identity.resetSecondFactor(acting.orgId(), user, AuditEvent.user(admin));
    }

    /** The roles an administrator can give, in the order pages list them. */
    public static List<Role> roles() {
        return List.of(Role.values());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Users.Member member(OrgId org, UserId user) {
        return users.findInOrganisation(org, user).orElseThrow(() -> new UnknownIdException("user", user.value()));
    }

    /** Refuses a change that would leave the organisation without an active ADMIN. */
    private void keepsAnAdministrator(OrgId org, Users.Member member, boolean staysAdministrator) {
        boolean losesAnAdministrator = !staysAdministrator && member.status() == Users.Status.ACTIVE && member.role() == Role.ADMIN;
        if (losesAnAdministrator && users.activeAdmins(org) <= 1) {
            throw ChangeRefused.conflict("admin.error.lastAdmin", "user " + member.id() + " is the organisation's last active ADMIN");
        }
    }

    private static Role role(@Nullable String roleName) {
        String name = roleName == null ? "" : roleName.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> ChangeRefused.badValue("role", "admin.error.role",
                        "unknown role '" + (roleName == null ? "" : roleName.replaceAll("[^A-Za-z0-9_-]", "?")) + "': expected one of "
                                + Arrays.toString(Role.values())));
    }

    /** The acting user, who must be an active ADMIN; anyone else is refused as the web layer refuses them (403). */
    private Users.Account administrator(UserId admin) {
        return users.byId(admin).filter(a -> a.active() && a.role() == Role.ADMIN)
                .orElseThrow(() -> new AccessDeniedException("user " + admin + " is not an active ADMIN"));
    }

    /** As {@link #administrator}, checked again after locking the organisation, so that a concurrent demotion counts. */
    private Users.Account lockedAdministrator(UserId admin) {
        Users.Account acting = administrator(admin);
        organisations.lock(acting.orgId());
        return administrator(admin);
    }
}
