package nl.haven.protection;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.haven.protection.internal.PrincipalKeys;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The key pairs of staff members and their API tokens (issue #23, ADR 0006 step 5): made when a password is set
 * (activation, set-up, and the first password log-in of an account that has none), wrapped again at a password change,
 * made for each new API token, and destroyed at deactivation and token revocation. The private half is stored only
 * under a key derived from the principal's own secret, which the server does not keep; later steps seal the
 * organisation's keys to the public half, so that only a logged-in holder can open them.
 */
@Service
public class KeyHolders {
    private final PrincipalKeys principals;
    private final ApplicationEventPublisher events;

    KeyHolders(PrincipalKeys principals, ApplicationEventPublisher events) {
        this.principals = principals;
        this.events = events;
    }

    /** Held on this thread now: told to whatever waits for a key holder of the organisation ({@link KeysOpened}). */
    private Optional<OpenedKeys> opened(OrgId org) {
        OpenedKeys keys = OpenedKeys.held(org);
        try {
            events.publishEvent(new KeysOpened(org));
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
        return Optional.of(keys);
    }

    /**
     * A new key pair for the staff member, under the password they just set; any earlier pair of theirs is destroyed.
     * {@code readsCases}: their role reads cases, so the organisation's keys are granted to the new pair.
     */
    public void passwordSet(UserId user, OrgId org, String password, boolean readsCases) {
        principals.enrolPassword(user.value(), org.value(), password.toCharArray(), readsCases);
    }

    /**
     * After a correct password at log-in: makes the staff member's key pair if they have none under a password, and
     * grants it the organisation's keys if their role reads cases and it has no grant.
     */
    public boolean loggedInWithPassword(UserId user, OrgId org, String password, boolean readsCases) {
        return principals.ensurePassword(user.value(), org.value(), password.toCharArray(), readsCases);
    }

    /** A password change, the current password checked: the same key pair under the new password. */
    public void passwordChanged(UserId user, OrgId org, String current, String replacement, boolean readsCases) {
        principals.changePassword(user.value(), org.value(), current.toCharArray(), replacement.toCharArray(), readsCases);
    }

    /**
     * A new API token of the staff member: a key pair of its own, under the token's secret, granted the organisation's
     * keys if the role reads cases and the keys are at hand (a logged-in key holder made it, or the legacy opener is on).
     * False when its role reads cases but it holds no grant: a key holder must grant it ({@link #grantWaiting}).
     */
    public boolean tokenIssued(UUID token, UserId owner, OrgId org, String secret, boolean readsCases) {
        return principals.enrolToken(token, owner.value(), org.value(), secret, readsCases) || !readsCases;
    }

    /** A staff member's ({@code token} false) or one of their tokens' key pair of the organisation that holds no grant of its keys. */
    public record Waiting(UserId user, boolean token) {
    }

    /**
     * The key pairs of the organisation's staff members and tokens that hold no grant, oldest first; the caller keeps
     * those whose role reads cases — they wait for a key holder (ADR 0006 C.7).
     */
    public List<Waiting> withoutGrant(OrgId org) {
        return principals.withoutGrant(org.value()).stream().map(w -> new Waiting(new UserId(w.user()), w.token())).toList();
    }

    /**
     * Grants the organisation's keys this thread holds (a logged-in key holder's) to the staff member's key pairs that
     * hold none — their own and their tokens'; how many. The caller has checked that their role reads cases.
     *
     * @throws KeyNotOpenException if this thread holds no keys of the organisation (and the legacy opener is off)
     */
    public int grantWaiting(OrgId org, UserId user) {
        return principals.grantWaiting(org.value(), user.value());
    }

    /**
     * The organisation's keys opened with its recovery key and held by this thread until closed (to rotate them on a sealed
     * installation); empty when the text is not its current recovery key. Tells nothing that waits for a key holder.
     */
    public Optional<OpenedKeys> openWithRecoveryKey(OrgId org, String recoveryKey) {
        return principals.holdWithRecoveryKey(org.value(), recoveryKey) ? Optional.of(OpenedKeys.held(org)) : Optional.empty();
    }

    /** The organisation's keys from the staff member's grant, opened with their password and held by this thread until closed; empty without them. */
    public Optional<OpenedKeys> openWithPassword(UserId user, OrgId org, String password) {
        return principals.holdWithPassword(user.value(), org.value(), password.toCharArray()) ? opened(org) : Optional.empty();
    }

    /** The staff member was given a role that reads cases: their key pair and their tokens' are granted the organisation's keys. */
    public void caseAccessGranted(UserId user, OrgId org) {
        principals.grantCaseAccess(user.value(), org.value());
    }

    /** The staff member's role no longer reads cases: the grants to their pair and their tokens' are destroyed. */
    public void caseAccessWithdrawn(UserId user, OrgId org) {
        principals.withdrawCaseAccess(user.value(), org.value());
    }

    /**
     * The organisation's keys for an API request, opened with the token's own secret through its grant and held by this
     * thread until the answer is closed (ADR 0006 C.5); empty when the token holds no grant (its role reads no case).
     */
    public Optional<OpenedKeys> openWithToken(UUID token, String secret, OrgId org) {
        return principals.holdWithToken(token, secret, org.value()) ? opened(org) : Optional.empty();
    }

    /**
     * At a password log-in: the organisation's keys from the staff member's grant, opened with the password and wrapped
     * under a key derived from the session cookie's secret, for the session to keep (ADR 0006 C.4); empty without a grant.
     */
    public Optional<byte[]> keysForSession(UserId user, OrgId org, String password, String sessionSecret) {
        return principals.wrapForSession(user.value(), org.value(), password.toCharArray(), sessionSecret);
    }

    /** The session's keys re-wrapped for its new id's secret. */
    public byte[] keysForNewSessionId(byte[] wrapped, UserId user, OrgId org, String oldSecret, String newSecret) {
        return principals.rewrapForSession(wrapped, user.value(), org.value(), oldSecret, newSecret);
    }

    /** The session's keys opened with its cookie secret and held by this thread until the answer is closed; empty if they do not open. */
    public Optional<OpenedKeys> openSessionKeys(byte[] wrapped, UserId user, OrgId org, String sessionSecret) {
        return principals.holdForSession(wrapped, user.value(), org.value(), sessionSecret) ? opened(org) : Optional.empty();
    }

    /**
     * A new recovery key for the organisation (ADR 0006 C.7): shown once, to be written down or printed and kept away
     * from the server; an earlier one stops working. It grants the organisation's keys again when every key holder's
     * password is lost ({@link #recover}); without it, nothing can.
     */
    public String newRecoveryKey(OrgId org) {
        return principals.newRecoveryKey(org.value());
    }

    /** Whether the organisation has a recovery key (one that holds a grant of its keys). */
    public boolean hasRecoveryKey(OrgId org) {
        return principals.hasRecoveryKey(org.value());
    }

    /**
     * The organisation's keys, opened with its recovery key, granted to the staff member (a coordinator, after every key
     * holder's password was lost). False when the text is not the organisation's current recovery key.
     */
    public boolean recover(OrgId org, String recoveryKey, UserId grantee) {
        return principals.recover(org.value(), recoveryKey, grantee.value());
    }

    /** The token was revoked: its key pair is destroyed. */
    public void tokenRevoked(UUID token) {
        principals.forgetToken(token);
    }

    /** All the staff member's tokens were revoked: their key pairs are destroyed. */
    public void tokensRevoked(UserId owner) {
        principals.forgetTokensOf(owner.value());
    }

    /** The staff member was deactivated: their key pair and their tokens' are destroyed. */
    public void deactivated(UserId user) {
        principals.forgetUser(user.value());
    }
}
