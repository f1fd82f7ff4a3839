package nl.haven.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.internal.OrganisationStore;
import nl.haven.identity.internal.RoleGrantStore;
import nl.haven.identity.internal.UserStore;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.ProtectionException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an organisation's ADMIN does with its users: list, invite, deactivate, reactivate, change a
 * role, reset a second factor. Every method takes the acting administrator's id, never an
 * organisation: the organisation is the administrator's own, read here from the database. A user id
 * of another organisation is unknown here exactly as an id that does not exist
 * ({@link UnknownIdException}), because every query is scoped to the organisation in {@link UserStore}.
 *
 * <p>Each change writes exactly one audit event (ids and the action name only) in its transaction
 * and takes a lock on the organisation first, so that the rule "an organisation keeps at least one
 * active ADMIN" also holds when two administrators act at the same moment.
 */
@Service
public class OrganisationAdministration {
    private final IdentityManagement identity;
    private final UserStore users;
    private final OrganisationStore organisations;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final RoleGrantStore grants;
    private final Clock clock;

    private final KeyHolders keyHolders;

    OrganisationAdministration(IdentityManagement identity, UserStore users, OrganisationStore organisations, AuditLog audit,
            ApplicationEventPublisher events, RoleGrantStore grants, Clock clock, KeyHolders keyHolders) {
        this.keyHolders = keyHolders;
        this.events = events;
        this.grants = grants;
        this.clock = clock;
        this.identity = identity;
        this.users = users;
        this.organisations = organisations;
        this.audit = audit;
    }

    /** The administrator's own organisation's users, by name. */
    @Transactional(readOnly = true)
    public List<UserStore.Member> members(UserId admin) {
        return users.inOrganisation(administrator(admin).orgId());
    }

    /**
     * The roles that read case content. Granting one needs a second person (four eyes): an ADMIN, who by design sees
     * no case content, must not be able to give a case-reading account to an address of their own choosing, or to
     * themselves. A COORDINATOR of the organisation approves ({@link #approve}).
     */
    public static final Set<Role> CASE_ROLES = EnumSet.of(Role.INTAKE, Role.CASEWORKER, Role.LAWYER, Role.COORDINATOR);

    /**
     * What an administrator's change did: the one-time activation link to show ({@code invitation}), or nothing to show
     * yet because a case-reading role waits for a COORDINATOR's approval ({@code awaitingApproval}), or neither.
     */
    public record Outcome(IdentityManagement.@Nullable Invitation invitation, boolean awaitingApproval) {
        static final Outcome DONE = new Outcome(null, false);
        static final Outcome AWAITING_APPROVAL = new Outcome(null, true);
    }

    /**
     * Invites a user into the administrator's organisation. For a role without case access the outcome's invitation
     * holds the one-time activation link; for a case-reading role ({@link #CASE_ROLES}) the user is created without a
     * link and the grant waits for a COORDINATOR, who receives the link on approval.
     */
    @Transactional
    public Outcome invite(UserId admin, @Nullable String email, @Nullable String roleName, @Nullable String displayName) {
        UserStore.Account acting = lockedAdministrator(admin);
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
        if (CASE_ROLES.contains(role)) {
            UserId user = identity.inviteAwaitingApproval(acting.orgId(), AuditEvent.user(admin), email, role, displayName);
            grants.request(acting.orgId(), user, role, RoleGrantStore.Kind.INVITE, admin, clock.instant());
            return Outcome.AWAITING_APPROVAL;
        }
        return new Outcome(identity.invite(acting.orgId(), AuditEvent.user(admin), email, role, displayName), false);
    }

    /**
     * Deactivates a user: they cannot log in, their sessions end at their next request, their API
     * tokens are revoked, their calendar feed address is destroyed ({@link UserDeactivated}) and a pending activation
     * link stops working. An administrator cannot
     * deactivate themselves.
     */
    @Transactional
    public void deactivate(UserId admin, UserId user) {
        UserStore.Account acting = lockedAdministrator(admin);
        UserStore.Member member = member(acting.orgId(), user);
        if (user.equals(admin)) {
            throw ChangeRefused.conflict("admin.error.selfDeactivate", "an administrator cannot deactivate their own account");
        }
        if (member.status() == UserStore.Status.DEACTIVATED) {
            throw ChangeRefused.conflict("admin.error.alreadyDeactivated", "user " + user + " is deactivated already");
        }
        keepsAnAdministrator(acting.orgId(), member, false);
        users.deactivate(acting.orgId(), user);
        grants.withdraw(acting.orgId(), user);
        identity.revokeAllApiTokens(user);
        // Their key pair and their tokens' are destroyed (ADR 0006 C.7); a reactivated account gets a new one at its next log-in.
        keyHolders.deactivated(user);
        // Other modules' secrets of the user (the calendar feed address) are destroyed in this transaction.
        events.publishEvent(new UserDeactivated(acting.orgId(), user));
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.deactivated", "user", user.value()));
    }

    /**
     * Reactivates a deactivated user. A user who never set a password gets a new one-time activation
     * link instead (returned, to be shown once); the account becomes active when they use it.
     */
    @Transactional
    public Outcome reactivate(UserId admin, UserId user) {
        UserStore.Account acting = lockedAdministrator(admin);
        UserStore.Member member = member(acting.orgId(), user);
        if (member.status() == UserStore.Status.ACTIVE) {
            throw ChangeRefused.conflict("admin.error.alreadyActive", "user " + user + " is active already");
        }
        if (member.status() == UserStore.Status.AWAITING_APPROVAL) {
            throw ChangeRefused.conflict("admin.error.awaitingApproval", "user " + user + " waits for a coordinator's approval");
        }
        Outcome outcome;
        if (member.hasPassword()) {
            users.reactivate(acting.orgId(), user);
            outcome = Outcome.DONE;
        } else if (CASE_ROLES.contains(member.role())) {
            // A new activation link for a case-reading account is a new grant: it waits for a coordinator, as an invitation does.
            users.deactivate(acting.orgId(), user);
            grants.request(acting.orgId(), user, member.role(), RoleGrantStore.Kind.INVITE, admin, clock.instant());
            outcome = Outcome.AWAITING_APPROVAL;
        } else {
            outcome = new Outcome(identity.renewActivation(acting.orgId(), user), false);
        }
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.reactivated", "user", user.value()));
        return outcome;
    }

    /**
     * Gives a user another role; it takes effect at the user's next request (sessions and API tokens alike). A
     * case-reading role ({@link #CASE_ROLES}) is not given yet: the change waits for a COORDINATOR's approval (the
     * outcome says so), also when the administrator asks it for themselves.
     */
    @Transactional
    public Outcome changeRole(UserId admin, UserId user, @Nullable String roleName) {
        UserStore.Account acting = lockedAdministrator(admin);
        UserStore.Member member = member(acting.orgId(), user);
        Role role = role(roleName);
        if (member.role() == role) {
            throw ChangeRefused.conflict("admin.error.sameRole", "user " + user + " has the role " + role + " already");
        }
        // The last-ADMIN rule refuses at once (and again at approval, in case another administrator left meanwhile).
        keepsAnAdministrator(acting.orgId(), member, role == Role.ADMIN);
        if (CASE_ROLES.contains(role)) {
            if (member.status() == UserStore.Status.AWAITING_APPROVAL) {
                throw ChangeRefused.conflict("admin.error.awaitingApproval", "user " + user + " waits for a coordinator's approval");
            }
            grants.request(acting.orgId(), user, role, RoleGrantStore.Kind.ROLE, admin, clock.instant());
            audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.role-grant-requested", "user", user.value()));
            return Outcome.AWAITING_APPROVAL;
        }
        users.changeRole(acting.orgId(), user, role);
        grants.withdraw(acting.orgId(), user);
        // A role that reads no case holds none of the organisation's keys (ADR 0006 C.7).
        keyHolders.caseAccessWithdrawn(user, acting.orgId());
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.role-changed", "user", user.value()));
        return Outcome.DONE;
    }

    // --- four eyes: a COORDINATOR approves or refuses a case-reading role -----------------------------------------

    /** The coordinator's organisation's grants waiting for approval, oldest first. */
    @Transactional(readOnly = true)
    public List<RoleGrantStore.Pending> pendingGrants(UserId coordinator) {
        return grants.inOrganisation(coordinator(coordinator).orgId());
    }

    /**
     * A COORDINATOR approves a pending grant of their organisation (never their own request nor a grant for
     * themselves): a role change is made; an invitation gets its one-time activation link, returned to be shown to the
     * coordinator only, who passes it on. Recorded as {@code user.role-grant-approved} by the coordinator.
     */
    @Transactional
    public Outcome approve(UserId coordinator, UUID grantId) {
        UserStore.Account acting = lockedCoordinator(coordinator);
        RoleGrantStore.Pending grant = grant(acting.orgId(), grantId);
        if (grant.requestedBy().equals(coordinator) || grant.user().equals(coordinator)) {
            throw ChangeRefused.conflict("grants.error.ownRequest", "a coordinator cannot approve a grant they asked for or that is for them");
        }
        UserStore.Member member = member(acting.orgId(), grant.user());
        Outcome outcome;
        if (grant.kind() == RoleGrantStore.Kind.INVITE) {
            if (member.hasPassword() || member.status() == UserStore.Status.ACTIVE) {
                throw ChangeRefused.conflict("grants.error.stale", "user " + grant.user() + " has a password already");
            }
            users.changeRole(acting.orgId(), grant.user(), grant.role());
            outcome = new Outcome(identity.renewActivation(acting.orgId(), grant.user()), false);
        } else {
            keepsAnAdministrator(acting.orgId(), member, grant.role() == Role.ADMIN);
            users.changeRole(acting.orgId(), grant.user(), grant.role());
            // The approved role reads cases: the organisation's keys are sealed to the user's key pair and their tokens'
            // (an account without a pair yet gets its grant when the pair is made at its next password log-in).
            keyHolders.caseAccessGranted(grant.user(), acting.orgId());
            outcome = Outcome.DONE;
        }
        grants.remove(acting.orgId(), grantId);
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(coordinator), "user.role-grant-approved", "user", grant.user().value()));
        return outcome;
    }

    /** A staff member whose role reads cases but who (or one of whose tokens) holds no grant of the organisation's keys. */
    public record WaitingForKeys(UserId user, String displayName, String email, Role role, boolean ownKeys, int tokens) {
    }

    /**
     * The active staff members of the coordinator's organisation whose role reads cases but whose key pair, or one of
     * whose tokens', holds no grant of the organisation's keys (ADR 0006 C.7): made while no key holder was at hand (a
     * token made with {@code ./haven tokens create}, an activation once the legacy opener is off). A key holder grants
     * them ({@link #grantKeys}).
     */
    public List<WaitingForKeys> waitingForKeys(UserId coordinator) {
        return waitingForKeys(keyHolders, users, coordinator(coordinator).orgId());
    }

    /** The staff members of the organisation waiting for its keys: active, in a role that reads cases, with a pair or token without a grant. */
    static List<WaitingForKeys> waitingForKeys(KeyHolders keyHolders, UserStore users, OrgId org) {
        Map<UserId, List<KeyHolders.Waiting>> byUser = new LinkedHashMap<>();
        for (KeyHolders.Waiting waiting : keyHolders.withoutGrant(org)) {
            byUser.computeIfAbsent(waiting.user(), u -> new ArrayList<>()).add(waiting);
        }
        List<WaitingForKeys> members = new ArrayList<>();
        for (Map.Entry<UserId, List<KeyHolders.Waiting>> entry : byUser.entrySet()) {
            users.findInOrganisation(org, entry.getKey())
                    .filter(m -> m.status() == UserStore.Status.ACTIVE && CASE_ROLES.contains(m.role()))
                    .ifPresent(m -> members.add(new WaitingForKeys(m.id(), m.displayName(), m.email(), m.role(),
                            entry.getValue().stream().anyMatch(w -> !w.token()), (int) entry.getValue().stream().filter(KeyHolders.Waiting::token).count())));
        }
        return members;
    }

    /**
     * A COORDINATOR who holds the organisation's keys in this request seals them to a staff member's waiting key pairs
     * (their own and their tokens'), whose role reads cases; recorded as {@code user.keys-granted}. Refused
     * ({@code KeyNotOpenException}) when the request holds no keys. How many pairs were granted.
     */
    @Transactional
    public int grantKeys(UserId coordinator, UserId user) {
        UserStore.Account acting = lockedCoordinator(coordinator);
        UserStore.Member member = member(acting.orgId(), user);
        if (member.status() != UserStore.Status.ACTIVE || !CASE_ROLES.contains(member.role())) {
            throw ChangeRefused.conflict("grants.error.keysNotDue", "user " + user + " is not an active member whose role reads cases");
        }
        return grantKeys(keyHolders, audit, acting.orgId(), coordinator, user);
    }

    /**
     * The keys the calling thread holds sealed to the staff member's waiting key pairs, recorded as
     * {@code user.keys-granted} by {@code holder} when any was; how many. The caller has checked who may be granted.
     */
    static int grantKeys(KeyHolders keyHolders, AuditLog audit, OrgId org, UserId holder, UserId user) {
        int granted = keyHolders.grantWaiting(org, user);
        if (granted > 0) {
            audit.record(AuditEvent.of(org, AuditEvent.user(holder), "user.keys-granted", "user", user.value()));
        }
        return granted;
    }

    /** Whether the coordinator's organisation has a recovery key (the staff home asks its coordinators to make one if not). */
    public boolean hasRecoveryKey(UserId coordinator) {
        return keyHolders.hasRecoveryKey(coordinator(coordinator).orgId());
    }

    /**
     * A COORDINATOR makes the organisation a new recovery key (ADR 0006 C.7), from the keys their request holds; an earlier
     * one stops working. Shown once by the caller, never stored; recorded as {@code organisation.recovery-key-made} by the
     * coordinator. Refused ({@code KeyNotOpenException}) when the request holds no keys and the server may not make them.
     */
    @Transactional
    public String newRecoveryKey(UserId coordinator) {
        UserStore.Account acting = lockedCoordinator(coordinator);
        String key = keyHolders.newRecoveryKey(acting.orgId());
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(coordinator), "organisation.recovery-key-made", "organisation", acting.orgId().value()));
        return key;
    }

    /**
     * A COORDINATOR types the organisation's recovery key (ADR 0006 C.7: every key holder's password lost, or the first
     * coordinator of an organisation whose keys only the recovery key holds): the keys it opens are granted to the
     * coordinator's own key pair; recorded as {@code organisation.recovered}. False when the text is not the
     * organisation's current recovery key (nothing changes).
     */
    @Transactional
    public boolean recover(UserId coordinator, String recoveryKey) {
        UserStore.Account acting = lockedCoordinator(coordinator);
        boolean granted;
        try {
            granted = keyHolders.recover(acting.orgId(), recoveryKey == null ? "" : recoveryKey, coordinator);
        } catch (ProtectionException noKeyPair) {
            throw ChangeRefused.conflict("recover.error.noKeyPair", "coordinator " + coordinator + " has no key pair yet");
        }
        if (granted) {
            audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(coordinator), "organisation.recovered", "user", coordinator.value()));
        }
        return granted;
    }

    /** A COORDINATOR refuses a pending grant: nothing changes, an invited user stays without an activation link. */
    @Transactional
    public void refuse(UserId coordinator, UUID grantId) {
        UserStore.Account acting = lockedCoordinator(coordinator);
        RoleGrantStore.Pending grant = grant(acting.orgId(), grantId);
        grants.remove(acting.orgId(), grantId);
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(coordinator), "user.role-grant-refused", "user", grant.user().value()));
    }

    private RoleGrantStore.Pending grant(OrgId org, UUID grantId) {
        return grants.find(org, grantId).orElseThrow(() -> new UnknownIdException("grant", grantId));
    }

    /** The acting user, who must be an active COORDINATOR; anyone else is refused as the web layer refuses them (403). */
    private UserStore.Account coordinator(UserId coordinator) {
        return users.byId(coordinator).filter(a -> a.active() && a.role() == Role.COORDINATOR)
                .orElseThrow(() -> new AccessDeniedException("user " + coordinator + " is not an active COORDINATOR"));
    }

    private UserStore.Account lockedCoordinator(UserId coordinator) {
        UserStore.Account acting = coordinator(coordinator);
        organisations.lock(acting.orgId());
        return coordinator(coordinator);
    }

    /** Removes a user's second factor: their sessions end, and they must enrol a new one at the next log-in. */
    @Transactional
    public void resetSecondFactor(UserId admin, UserId user) {
        UserStore.Account acting = lockedAdministrator(admin);
        UserStore.Member member = member(acting.orgId(), user);
        if (!member.totpEnrolled()) {
            throw ChangeRefused.conflict("admin.error.noSecondFactor", "user " + user + " has no second factor to reset");
        }
        identity.resetSecondFactor(acting.orgId(), user, AuditEvent.user(admin));
    }

    /**
     * Ends the wait that failed log-ins put on a user's account ({@code locked_until}, from the fifth failure): they may
     * try again at once. The per-client throttle (by address) is not touched: it does not belong to an account.
     */
    @Transactional
    public void unlock(UserId admin, UserId user) {
        UserStore.Account acting = lockedAdministrator(admin);
        UserStore.Member member = member(acting.orgId(), user);
        if (!member.lockedAt(clock.instant())) {
            throw ChangeRefused.conflict("admin.error.notLocked", "user " + user + " is not locked");
        }
        users.unlock(acting.orgId(), user);
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "user.unlocked", "user", user.value()));
    }

    /** The roles an administrator can give, in the order pages list them. */
    public static List<Role> roles() {
        return List.of(Role.values());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private UserStore.Member member(OrgId org, UserId user) {
        return users.findInOrganisation(org, user).orElseThrow(() -> new UnknownIdException("user", user.value()));
    }

    /** Refuses a change that would leave the organisation without an active ADMIN. */
    private void keepsAnAdministrator(OrgId org, UserStore.Member member, boolean staysAdministrator) {
        boolean losesAnAdministrator = !staysAdministrator && member.status() == UserStore.Status.ACTIVE && member.role() == Role.ADMIN;
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
    private UserStore.Account administrator(UserId admin) {
        return users.byId(admin).filter(a -> a.active() && a.role() == Role.ADMIN)
                .orElseThrow(() -> new AccessDeniedException("user " + admin + " is not an active ADMIN"));
    }

    /** As {@link #administrator}, checked again after locking the organisation, so that a concurrent demotion counts. */
    private UserStore.Account lockedAdministrator(UserId admin) {
        UserStore.Account acting = administrator(admin);
        organisations.lock(acting.orgId());
        return administrator(admin);
    }
}
