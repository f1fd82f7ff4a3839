package nl.haven.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.IdentityManagement.Invitation;
import nl.haven.identity.internal.OrganisationStore;
import nl.haven.identity.internal.UserStore;
import nl.haven.protection.KeyHolders;
import nl.haven.shared.BadInputException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Invitations, activation and password changes of {@link IdentityManagement}. Transactions begin in
 * {@link IdentityManagement}.
 */
final class AccountActivation {
    private final OrganisationStore organisations;
    private final UserStore users;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordEncoder encoder;
    private final SecondFactor secondFactor;
    private final KeyHolders keyHolders;

    AccountActivation(OrganisationStore organisations, UserStore users, AuditLog audit, Clock clock, PasswordEncoder encoder, SecondFactor secondFactor,
            KeyHolders keyHolders) {
        this.organisations = organisations;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.encoder = encoder;
        this.secondFactor = secondFactor;
        this.keyHolders = keyHolders;
    }

    Invitation invite(String orgSlug, String email, String roleName, @Nullable String displayName) {
        OrgId org = organisations.bySlug(orgSlug == null ? "" : orgSlug).map(OrganisationStore.Organisation::id)
                .orElseThrow(() -> new BadInputException("org", "unknown organisation '" + orgSlug + "'"));
        if (!IdentityManagement.validEmail(email)) {
            throw new BadInputException("email", "not a valid e-mail address: expected name@example.org");
        }
        Role role;
        try {
            role = Role.valueOf(roleName == null ? "" : roleName.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("role", "unknown role '" + roleName + "': expected one of " + Arrays.toString(Role.values()));
        }
        if (users.emailTaken(email)) {
            throw new BadInputException("email", "this e-mail address already has an account");
        }
        return invite(org, AuditEvent.SYSTEM, email, role, displayName);
    }

    Invitation invite(OrgId org, String actor, String email, Role role, @Nullable String displayName) {
        String token = IdentityManagement.randomToken(32);
        Instant expires = clock.instant().plus(IdentityManagement.ACTIVATION_VALIDITY);
        UserId user = users.invite(org, email.strip(), displayName == null || displayName.isBlank() ? role.name().toLowerCase(Locale.ROOT)
                : displayName.strip(), role, IdentityManagement.sha256(token), expires, clock.instant());
        audit.record(AuditEvent.of(org, actor, "user.invited", "user", user.value()));
        return new Invitation(user, token, expires);
    }

    UserId inviteAwaitingApproval(OrgId org, String actor, String email, Role role, @Nullable String displayName) {
        UserId user = users.invite(org, email.strip(), displayName == null || displayName.isBlank() ? role.name().toLowerCase(Locale.ROOT)
                : displayName.strip(), role, null, null, clock.instant());
        audit.record(AuditEvent.of(org, actor, "user.invited", "user", user.value()));
        return user;
    }

    Invitation renewActivation(OrgId org, UserId user) {
        String token = IdentityManagement.randomToken(32);
        Instant expires = clock.instant().plus(IdentityManagement.ACTIVATION_VALIDITY);
        if (!users.renewActivation(org, user, IdentityManagement.sha256(token), expires)) {
            throw new IllegalStateException("user " + user + " has a password or is active: no activation link");
        }
        return new Invitation(user, token, expires);
    }

    boolean activationValid(String token) {
        return users.byActivation(IdentityManagement.sha256(token), clock.instant()).isPresent();
    }

    UserId activate(String token, String password) {
        UserId user = users.byActivation(IdentityManagement.sha256(token), clock.instant())
                .orElseThrow(() -> new BadInputException("token", "the activation link is not valid (used or expired)"));
        UserStore.Account account = users.byId(user).orElseThrow();
        String problem = passwordProblem(account, password);
        if (problem != null) {
            throw new BadInputException("password", problem);
        }
        if (!users.activate(IdentityManagement.sha256(token), encoder.encode(password), clock.instant())) {
            throw new BadInputException("token", "the activation link is not valid (used or expired)");
        }
        keyHolders.passwordSet(user, account.orgId(), password, OrganisationAdministration.CASE_ROLES.contains(account.role()));
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "user.activated", "user", user.value()));
        return user;
    }

    /**
     * The active account whose password this is; a wrong one counts towards the account's throttle like a failed log-in
     * and is audited. {@code field}: the form field a refusal names.
     */
    UserStore.Account checkPassword(UserId user, @Nullable String password, String field) {
        UserStore.Account account = users.byId(user).filter(UserStore.Account::active)
                .orElseThrow(() -> new BadInputException("user", "user " + user + " is not active"));
        if (account.lockedAt(clock.instant())) {
            throw new BadInputException(field, "account.password.locked");
        }
        if (account.passwordHash() == null || !encoder.matches(password == null ? "" : password, account.passwordHash())) {
            int failures = secondFactor.failed(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user),
                    failures >= IdentityManagement.LOCK_AFTER_FAILURES ? "auth.locked" : "auth.password-failed", "user", user.value()));
            throw new BadInputException(field, "account.password.wrongCurrent");
        }
        return account;
    }

    /** What is wrong with this password for this account ({@link PasswordPolicy}, with its organisation's name and slug), or null. */
    private @Nullable String passwordProblem(UserStore.Account account, String password) {
        var org = organisations.byId(account.orgId());
        return PasswordPolicy.problem(password, account.email(), org.map(OrganisationStore.Organisation::name).orElse(null),
                org.map(OrganisationStore.Organisation::slug).orElse(null));
    }

    void changePassword(UserId user, String currentPassword, String code, String newPassword) {
        UserStore.Account account = checkPassword(user, currentPassword, "currentPassword");
        if (!secondFactor.verifySecondFactor(user, code)) {
            throw new BadInputException("code", "mfa.wrongCode");
        }
        String problem = passwordProblem(account, newPassword == null ? "" : newPassword);
        if (problem != null) {
            throw new BadInputException("password", problem);
        }
        if (!users.setPasswordHash(user, encoder.encode(newPassword))) {
            throw new BadInputException("user", "user " + user + " has no password to change");
        }
        keyHolders.passwordChanged(user, account.orgId(), currentPassword, newPassword, OrganisationAdministration.CASE_ROLES.contains(account.role()));
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "user.password-changed", "user", user.value()));
    }
}
