package nl.haven.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.internal.ApiTokenStore;
import nl.haven.identity.internal.OrganisationStore;
import nl.haven.identity.internal.PasskeyStore;
import nl.haven.identity.internal.UserStore;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.KeyRotation;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.OpenedKeys;
import nl.haven.protection.Protection;
import nl.haven.protection.ProtectionException;
import nl.haven.protection.Sealing;
import nl.haven.shared.BadInputException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity module's API: organisations, staff invitations and activation, the TOTP second
 * factor with recovery codes, throttling, API tokens. Every change writes its audit event in the
 * same transaction. Messages name fields and codes, never a password, secret or token.
 */
@Service
public class IdentityManagement {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityManagement.class);
    public static final Duration ACTIVATION_VALIDITY = Duration.ofDays(7);
    /**
     * Failed log-in and second-factor attempts of one account: from the fifth on, the account waits
     * {@link #FIRST_WAIT} before the next attempt, twice as long after each further failure, at most
     * {@link #LONGEST_WAIT} (growing delays rather than a long lock that anyone knowing the address could impose).
     * Guessing from one client is slowed down by the log-in's client throttle as well ({@code LoginThrottle}).
     */
    public static final int LOCK_AFTER_FAILURES = 5;
    public static final Duration FIRST_WAIT = Duration.ofSeconds(15);
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final OrganisationStore organisations;
    private final UserStore users;
    private final AuditLog audit;
    private final Clock clock;
    /** The activities behind this API, each in its own package-private class; transactions begin here. */
    private final SecondFactor secondFactor;
    private final AccountActivation accounts;
    private final ApiTokenIssuer apiTokens;
    private final KeyHolders keyHolders;

    private final Protection protection;
    private final TransactionTemplate transactions;

    IdentityManagement(OrganisationStore organisations, UserStore users, Protection protection, AuditLog audit, ApiTokenStore tokens, Clock clock,
            PasswordEncoder encoder, PasskeyStore passkeys, KeyHolders keyHolders, TransactionTemplate transactions) {
        this.protection = protection;
        this.transactions = transactions;
        this.organisations = organisations;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.secondFactor = new SecondFactor(users, protection, audit, clock, passkeys);
        this.accounts = new AccountActivation(organisations, users, audit, clock, encoder, secondFactor, keyHolders);
        this.apiTokens = new ApiTokenIssuer(users, tokens, audit, clock, keyHolders);
        this.keyHolders = keyHolders;
    }

    /**
     * At every start: staff TOTP secrets still sealed under an organisation's key (before issue #23's step 3) are sealed
     * under the server's staff key file instead, so that the organisations' keysets can later leave the server (ADR 0006).
     * Nothing is done once none is left; a secret is also sealed again when it is read.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void resealLegacyTotpSecrets() {
        int resealed = secondFactor.resealLegacySecrets();
        if (resealed > 0) {
            LOG.info("{} staff TOTP secrets sealed again under keys/staff-totp.json (ADR 0006 step 3)", resealed);
        }
    }

    // --- organisations and users ---------------------------------------------------------------------------------

    @Transactional
    public OrgId createOrganisation(String name, String slug) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadInputException("name", "the organisation's name is required (at most 200 characters)");
        }
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new BadInputException("slug", "the slug '" + slug + "' is not valid: use 1–64 lower-case letters, digits and hyphens");
        }
        if (organisations.slugTaken(slug)) {
            throw new BadInputException("slug", "the slug '" + slug + "' is taken");
        }
        OrgId org = organisations.create(slug, name.strip(), clock.instant());
        audit.record(AuditEvent.of(org, AuditEvent.SYSTEM, "organisation.created", "organisation", org.value()));
        return org;
    }

    // --- the organisation's recovery key (issue #23, ADR 0006 C.7) -------------------------------------------------

    /**
     * A new recovery key for the organisation, to be shown once ({@code ./haven keys recovery-key}); an earlier one stops
     * working. Recorded as {@code organisation.recovery-key-made}.
     */
    @Transactional
    public String newRecoveryKey(String orgSlug) {
        OrgId org = organisation(orgSlug);
        String key;
        try {
            key = keyHolders.newRecoveryKey(org);
        } catch (KeyNotOpenException heldByKeyHolders) {
            throw new BadInputException("org", "the keys of organisation '" + orgSlug + "' open only with a key holder's secret now, so the server "
                    + "cannot make a recovery key for it: a key holder must (ADR 0006 C.7)");
        }
        audit.record(AuditEvent.of(org, AuditEvent.SYSTEM, "organisation.recovery-key-made", "organisation", org.value()));
        return key;
    }

    /** The organisation's staff members whose role reads cases and whose key pair or tokens wait for a key holder's grant. */
    public List<OrganisationAdministration.WaitingForKeys> waitingForKeys(OrgId org) {
        return OrganisationAdministration.waitingForKeys(keyHolders, users, org);
    }

    /**
     * A key holder at the server: their password opens the organisation's keys on this thread, which are granted to every
     * active staff member of the organisation whose role reads cases and whose key pair or tokens hold no grant yet (ADR
     * 0006 C.7) — as a coordinator does on the roles page; recorded as {@code user.keys-granted} per member. How many key
     * pairs were granted.
     */
    @Transactional
    public int grantWaitingKeys(UserId holder, String password) {
        UserStore.Account account = users.byId(holder).filter(a -> a.active() && OrganisationAdministration.CASE_ROLES.contains(a.role()))
                .orElseThrow(() -> new BadInputException("holder", "user " + holder + " is not an active member whose role reads cases"));
        int granted = 0;
        try (OpenedKeys keys = keyHolders.openWithPassword(holder, account.orgId(), password)
                .orElseThrow(() -> new BadInputException("password", "the password does not open a grant of the organisation's keys"))) {
            for (OrganisationAdministration.WaitingForKeys waiting : waitingForKeys(account.orgId())) {
                granted += OrganisationAdministration.grantKeys(keyHolders, audit, account.orgId(), holder, waiting.user());
            }
        }
        return granted;
    }

    /**
     * With the organisation's recovery key, its keys are granted to an active COORDINATOR of it who has logged in with a
     * password at least once (so that they have a key pair); for when every key holder's password is lost
     * ({@code ./haven keys recover}). Recorded as {@code organisation.recovered}, naming the coordinator.
     */
    @Transactional
    public void recover(String orgSlug, String recoveryKey, String coordinatorEmail) {
        OrgId org = organisation(orgSlug);
        UserStore.Account coordinator = users.byEmail(coordinatorEmail == null ? "" : coordinatorEmail)
                .filter(a -> a.active() && a.orgId().equals(org) && a.role() == Role.COORDINATOR)
                .orElseThrow(() -> new BadInputException("to", "no active COORDINATOR of organisation '" + orgSlug + "' has this e-mail address"));
        boolean granted;
        try {
            granted = keyHolders.recover(org, recoveryKey, coordinator.id());
        } catch (ProtectionException noKeyPair) {
            throw new BadInputException("to", "the coordinator has no key pair yet: they must log in once with their password first");
        }
        if (!granted) {
            throw notTheRecoveryKey(orgSlug);
        }
        audit.record(AuditEvent.of(org, AuditEvent.SYSTEM, "organisation.recovered", "user", coordinator.id().value()));
    }

    /**
     * Seals the installation ({@code ./haven keys seal}, ADR 0006 step 11; every node stopped): refused, naming them by slug,
     * while an organisation has no recovery key; the TOTP secrets still kept under an organisation's keyset (step 3) are
     * moved under the staff key file first; then {@link Protection#seal}. Its refusal (an organisation mid-rotation: ids
     * only) comes back as {@link BadInputException}, nothing changed.
     */
    public Sealing seal() {
        if (!protection.sealed()) {
            List<OrgId> missing = protection.withoutRecoveryKey();
            if (!missing.isEmpty()) {
                String names = missing.stream().map(org -> organisations.byId(org).map(OrganisationStore.Organisation::slug)
                        .orElse(org.value().toString())).collect(Collectors.joining(", "));
                throw new BadInputException("org", "not sealed: these organisations have no recovery key yet: " + names
                        + ". A coordinator makes one on the roles page (/grants/recovery-key), or: haven keys recovery-key --org SLUG");
            }
            resealLegacyTotpSecrets();
        }
        try {
            return protection.seal();
        } catch (ProtectionException refused) {
            throw new BadInputException("installation", "not sealed: " + refused.getMessage());
        }
    }

    private static BadInputException notTheRecoveryKey(String orgSlug) {
        return new BadInputException("recovery-key", "this is not the current recovery key of organisation '" + orgSlug
                + "': expected the 52 letters (A–Z) and digits (2–7) as printed, in groups of four");
    }

    /**
     * On a sealed installation (ADR 0006 C.10), at the server: the organisation's keys, opened with its recovery key (read
     * by the caller from standard input), are rotated — a new primary key, every grant sealed again with it, every case key
     * re-wrapped — or an interrupted rotation resumed. Recorded as {@code organisation.keys-rotated}.
     */
    public KeyRotation rotateOrganisationKeys(String orgSlug, String recoveryKey, int batchSize, LongConsumer total, LongConsumer progress) {
        OrgId org = organisation(orgSlug);
        KeyRotation rotation;
        try (OpenedKeys keys = keyHolders.openWithRecoveryKey(org, recoveryKey).orElseThrow(() -> notTheRecoveryKey(orgSlug))) {
            rotation = protection.rotateOrganisationKeys(org, batchSize, total, progress);
        }
        // The rotation commits in batches of its own; the record of it in a transaction of its own once it is done.
        transactions.executeWithoutResult(status -> audit.record(AuditEvent.of(org, AuditEvent.SYSTEM, "organisation.keys-rotated", "organisation",
                org.value())));
        return rotation;
    }

    private OrgId organisation(String slug) {
        return organisations.bySlug(slug == null ? "" : slug).map(OrganisationStore.Organisation::id)
                .orElseThrow(() -> new BadInputException("org", "unknown organisation '" + slug + "'"));
    }

    /** A one-time activation token; the link is {@code /activate/TOKEN}. */
    public record Invitation(UserId user, String token, Instant expires) {
        @Override
        public String toString() {
            return "Invitation[" + user + "]";
        }
    }

    /**
     * Invites a user on the server's command line ({@code ./haven users create}); the audit log names the system as actor.
     * A case-reading role is granted here without a COORDINATOR's approval: whoever runs the command line runs the
     * server, with its database and keys, so a second person's approval could not bind them; it is also how an
     * organisation gets its first COORDINATOR. The web's ADMIN invitations need the approval
     * ({@link OrganisationAdministration#invite}).
     */
    @Transactional
    public Invitation invite(String orgSlug, String email, String roleName, @Nullable String displayName) {
        return accounts.invite(orgSlug, email, roleName, displayName);
    }

    /** Creates the invited user and records {@code user.invited} by {@code actor}; the caller has checked the input. */
    Invitation invite(OrgId org, String actor, String email, Role role, @Nullable String displayName) {
        return accounts.invite(org, actor, email, role, displayName);
    }

    /**
     * Creates an invited user without an activation link and records {@code user.invited} by {@code actor}: a
     * case-reading role given by an ADMIN waits for a COORDINATOR's approval, which issues the link
     * ({@link OrganisationAdministration#approve}). The caller has checked the input.
     */
    UserId inviteAwaitingApproval(OrgId org, String actor, String email, Role role, @Nullable String displayName) {
        return accounts.inviteAwaitingApproval(org, actor, email, role, displayName);
    }

    /** A new activation link for an invited user who never set a password; the old link stops working. */
    Invitation renewActivation(OrgId org, UserId user) {
        return accounts.renewActivation(org, user);
    }

    static boolean validEmail(@Nullable String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email.strip()).matches();
    }

    public boolean activationValid(String token) {
        return accounts.activationValid(token);
    }

    /** Sets the first password through the activation link. The password must pass {@link PasswordPolicy}. */
    @Transactional
    public UserId activate(String token, String password) {
        return accounts.activate(token, password);
    }

    /**
     * A logged-in user changes their own password: the current password and a current second-factor code (TOTP or a
     * recovery code, used up as at log-in) must be right, and the new one must pass {@link PasswordPolicy}. Wrong
     * credentials count towards the account's throttle like a failed log-in. Other sessions of the user stay valid:
     * the user may end them by logging out there; an administrator's deactivation ends them all.
     *
     * @throws BadInputException naming {@code currentPassword}, {@code code} or {@code password} with a message key
     */
    /**
     * Checks a logged-in user's password again (to open their case access after a passkey log-in, ADR 0006 step 7c): a
     * wrong one counts towards the account's throttle like a failed log-in, and is audited.
     *
     * @throws BadInputException naming {@code password}, with a message key
     */
    @Transactional(noRollbackFor = BadInputException.class)
    public void checkPassword(UserId user, String password) {
        accounts.checkPassword(user, password, "password");
    }

    // A wrong password or code must stay counted (and audited) although the caller gets an exception.
    @Transactional(noRollbackFor = BadInputException.class)
    public void changePassword(UserId user, String currentPassword, String code, String newPassword) {
        accounts.changePassword(user, currentPassword, code, newPassword);
    }

    // --- second factor -----------------------------------------------------------------------------------------

    /** A TOTP secret to enrol, with its QR code as a PNG data URI rendered here (no external service). */
    public record Enrolment(String secret, String qrDataUri) {
        @Override
        public String toString() {
            return "Enrolment[…]";
        }
    }

    /**
     * Starts (or starts again) enrolment with a new secret. Until a first code confirms it, the secret
     * waits in the user's row, sealed under the organisation's key like an enrolled one and not yet
     * valid for log-in; it is never kept in the session, which Spring Session stores unencrypted.
     */
    @Transactional
    public Enrolment startEnrolment(UserId user) {
        return secondFactor.startEnrolment(user);
    }

    /** The enrolment started last and not yet confirmed (to show again after a wrong code); empty if there is none. */
    public Optional<Enrolment> pendingEnrolment(UserId user) {
        return secondFactor.pendingEnrolment(user);
    }

    /**
     * Confirms the pending enrolment ({@link #startEnrolment}) with a first code; returns ten
     * single-use recovery codes, shown once.
     */
    // A wrong code must stay counted (and audited) although the caller gets an exception: no rollback for bad input.
    @Transactional(noRollbackFor = BadInputException.class)
    public List<String> confirmEnrolment(UserId user, String code) {
        return secondFactor.confirmEnrolment(user, code);
    }

    /** Checks a TOTP code or a recovery code; counts failures and locks the account after too many. */
    @Transactional
    public boolean verifySecondFactor(UserId user, String code) {
        return secondFactor.verifySecondFactor(user, code);
    }

    /** A failed password for a known account (unknown accounts leave no per-account trace). */
    @Transactional
    public void passwordFailed(String email) {
        users.byEmail(email).ifPresent(account -> {
            int failures = secondFactor.failed(account.id());
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(account.id()),
                    failures >= LOCK_AFTER_FAILURES ? "auth.locked" : "auth.password-failed", "user", account.id().value()));
        });
    }

    // --- passkeys (WebAuthn): the ceremonies are Spring Security's; these record what happened ---------------------

    /** A passkey was added to the user's account (its owner, fully logged in, registered it). */
    @Transactional
    public void passkeyRegistered(UserId user) {
        UserStore.Account account = users.byId(user).orElseThrow();
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.passkey-registered", "user", user.value()));
    }

    /** A passkey was removed from the user's account. */
    @Transactional
    public void passkeyRemoved(UserId user) {
        UserStore.Account account = users.byId(user).orElseThrow();
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.passkey-removed", "user", user.value()));
    }

    /** The user logged in with a passkey (with user verification: both factors at once). */
    @Transactional
    public void passkeyLoggedIn(UserId user) {
        UserStore.Account account = users.byId(user).orElseThrow();
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.passkey-login", "user", user.value()));
    }

    /**
     * Removes a user's second factor, recovery codes and passkeys: the user must enrol again at the next
     * log-in. A passkey is a second factor too (it stands for both), and a reset is what an administrator
     * does when a device is lost.
     */
    @Transactional
    public void resetSecondFactor(UserId user) {
        UserStore.Account account = users.byId(user).orElseThrow();
        resetSecondFactor(account.orgId(), user, AuditEvent.SYSTEM);
    }

    /** The reset of a user of {@code org}, recorded as {@code user.second-factor-reset} by {@code actor}; false if there is no such user. */
    boolean resetSecondFactor(OrgId org, UserId user, String actor) {
        return secondFactor.resetSecondFactor(org, user, actor);
    }

    // --- API tokens ----------------------------------------------------------------------------------------------

    /** A new API token for an active user; printed once, stored only as its SHA-256. */
    @Transactional
    public String createApiToken(String email, int days) {
        return apiTokens.createApiToken(email, days).token();
    }

    /**
     * The command line's {@code ./haven tokens create}: {@link #createApiToken(String, int)}, saying whether the token
     * waits for a key holder's grant before it reads cases (it does from the server once the legacy opener is off: ADR 0006
     * C.7).
     */
    @Transactional
    public NewApiToken createServerApiToken(String email, int days) {
        return apiTokens.createApiToken(email, days);
    }

    public static final int MAX_TOKEN_DAYS = 365;
    public static final int MAX_TOKEN_NAME = 100;

    /**
     * A token shown once to the user who created it. {@code waitsForKeys}: its role reads cases but it holds no grant of
     * the organisation's keys yet (a key holder grants it on the roles page). {@code toString} leaves out the token.
     */
    public record NewApiToken(UUID id, String token, Instant expires, boolean waitsForKeys) {
        @Override
        public String toString() {
            return "NewApiToken[" + id + "]";
        }
    }

    /**
     * A user's own new API token, created after a full log-in with the second factor: valid for
     * {@code days} (1–{@value #MAX_TOKEN_DAYS}), with an optional name of at most {@value #MAX_TOKEN_NAME}
     * characters. It carries the user's organisation and role, as they are at each request.
     */
    @Transactional
    public NewApiToken createApiToken(UserId user, @Nullable String name, int days) {
        return apiTokens.createApiToken(user, name, days);
    }

    /** The user's own API tokens, newest first (never the tokens themselves). */
    public List<ApiTokenStore.ApiToken> apiTokensOf(UserId user) {
        return apiTokens.apiTokensOf(user);
    }

    /**
     * Revokes one of the user's own tokens. A token id of another user is unknown here, exactly as an id
     * that does not exist. Returns false when the token was revoked already (nothing changes, nothing is recorded).
     */
    @Transactional
    public boolean revokeApiToken(UserId owner, UUID tokenId) {
        return apiTokens.revokeApiToken(owner, tokenId);
    }

    /** Revokes every token of a user without recording each: part of a change that records its own event. */
    void revokeAllApiTokens(UserId user) {
        apiTokens.revokeAllApiTokens(user);
    }

    /** An accepted API token: its id (not the token) and its active user. */
    public record TokenUser(UUID tokenId, UserStore.Account account) {
    }

    /** The accepted API token and its user, if it is unexpired and unrevoked and the user active: one lookup. */
    public Optional<TokenUser> tokenUser(String token) {
        return apiTokens.tokenUser(token);
    }

    /**
     * The organisation's keys an API token's grant holds, opened with the token for this request and held by this thread
     * until the answer is closed (issue #23, ADR 0006 C.5); empty when the token holds no grant.
     */
    public Optional<OpenedKeys> openKeysOfToken(TokenUser user, String token) {
        return apiTokens.openKeys(user, token);
    }

    /** The user an unexpired, unrevoked API token belongs to, if that user is active. */
    public Optional<UserStore.Account> userOfToken(String token) {
        return tokenUser(token).map(TokenUser::account);
    }

    static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
