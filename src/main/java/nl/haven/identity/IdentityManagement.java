package nl.haven.identity;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.internal.ApiTokens;
import nl.haven.identity.internal.Organisations;
import nl.haven.identity.internal.Passkeys;
import nl.haven.identity.internal.Users;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity module's API: organisations, staff invitations and activation, the TOTP second
 * factor with recovery codes, throttling, API tokens. Every change writes its audit event in the
 * same transaction. Messages name fields and codes, never a password, secret or token.
 */
@Service
public class IdentityManagement {
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
    static final String TOTP_PURPOSE = "totp-secret";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final Organisations organisations;
    private final Users users;
    private final Protection protection;
    private final AuditLog audit;
    private final ApiTokens tokens;
    private final Clock clock;
    private final org.springframework.security.crypto.password.PasswordEncoder encoder;
    private final Passkeys passkeys;

    IdentityManagement(Organisations organisations, Users users, Protection protection, AuditLog audit, ApiTokens tokens, Clock clock,
            org.springframework.security.crypto.password.PasswordEncoder encoder, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.organisations = organisations;
        this.users = users;
        this.protection = protection;
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
        this.encoder = encoder;
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
        OrgId org = organisations.bySlug(orgSlug == null ? "" : orgSlug).map(Organisations.Organisation::id)
                .orElseThrow(() -> new BadInputException("org", "unknown organisation '" + orgSlug + "'"));
        if (!validEmail(email)) {
            throw new BadInputException("email", "not a valid e-mail address: expected name@example.org");
        }
        Role role;
        try {
            role = Role.valueOf(roleName == null ? "" : roleName.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("role", "unknown role '" + roleName + "': expected one of " + java.util.Arrays.toString(Role.values()));
        }
        if (users.emailTaken(email)) {
            throw new BadInputException("email", "this e-mail address already has an account");
        }
        return invite(org, AuditEvent.SYSTEM, email, role, displayName);
    }

    /** Creates the invited user and records {@code user.invited} by {@code actor}; the caller has checked the input. */
    Invitation invite(OrgId org, String actor, String email, Role role, @Nullable String displayName) {
        String token = randomToken(32);
        Instant expires = clock.instant().plus(ACTIVATION_VALIDITY);
        UserId user = users.invite(org, email.strip(), displayName == null || displayName.isBlank() ? role.name().toLowerCase(Locale.ROOT)
                : displayName.strip(), role, sha256(token), expires, clock.instant());
        audit.record(AuditEvent.of(org, actor, "user.invited", "user", user.value()));
        return new Invitation(user, token, expires);
    }

    /**
     * Creates an invited user without an activation link and records {@code user.invited} by {@code actor}: a
     * case-reading role given by an ADMIN waits for a COORDINATOR's approval, which issues the link
     * ({@link OrganisationAdministration#approve}). The caller has checked the input.
     */
    UserId inviteAwaitingApproval(OrgId org, String actor, String email, Role role, @Nullable String displayName) {
        UserId user = users.invite(org, email.strip(), displayName == null || displayName.isBlank() ? role.name().toLowerCase(Locale.ROOT)
                : displayName.strip(), role, null, null, clock.instant());
        audit.record(AuditEvent.of(org, actor, "user.invited", "user", user.value()));
        return user;
    }

    /** A new activation link for an invited user who never set a password; the old link stops working. */
    Invitation renewActivation(OrgId org, UserId user) {
        String token = randomToken(32);
        Instant expires = clock.instant().plus(ACTIVATION_VALIDITY);
        if (!users.renewActivation(org, user, sha256(token), expires)) {
            throw new IllegalStateException("user " + user + " has a password or is active: no activation link");
        }
        return new Invitation(user, token, expires);
    }

    static boolean validEmail(@Nullable String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email.strip()).matches();
    }

    public boolean activationValid(String token) {
        return users.byActivation(sha256(token), clock.instant()).isPresent();
    }

    /** Sets the first password through the activation link. The password must pass {@link PasswordPolicy}. */
    @Transactional
    public UserId activate(String token, String password) {
        UserId user = users.byActivation(sha256(token), clock.instant())
                .orElseThrow(() -> new BadInputException("token", "the activation link is not valid (used or expired)"));
        Users.Account account = users.byId(user).orElseThrow();
        String problem = passwordProblem(account, password);
        if (problem != null) {
            throw new BadInputException("password", problem);
        }
        if (!users.activate(sha256(token), encoder.encode(password), clock.instant())) {
            throw new BadInputException("token", "the activation link is not valid (used or expired)");
        }
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "user.activated", "user", user.value()));
        return user;
    }

    /** What is wrong with this password for this account ({@link PasswordPolicy}, with its organisation's name and slug), or null. */
    private @Nullable String passwordProblem(Users.Account account, String password) {
        var org = organisations.byId(account.orgId());
        return PasswordPolicy.problem(password, account.email(), org.map(Organisations.Organisation::name).orElse(null),
                org.map(Organisations.Organisation::slug).orElse(null));
    }

    /**
     * A logged-in user changes their own password: the current password and a current second-factor code (TOTP or a
     * recovery code, used up as at log-in) must be right, and the new one must pass {@link PasswordPolicy}. Wrong
     * credentials count towards the account's throttle like a failed log-in. Other sessions of the user stay valid:
     * the user may end them by logging out there; an administrator's deactivation ends them all.
     *
     * @throws BadInputException naming {@code currentPassword}, {@code code} or {@code password} with a message key
     */
    // A wrong password or code must stay counted (and audited) although the caller gets an exception.
    @Transactional(noRollbackFor = BadInputException.class)
    public void changePassword(UserId user, String currentPassword, String code, String newPassword) {
        Users.Account account = users.byId(user).filter(Users.Account::active)
                .orElseThrow(() -> new BadInputException("user", "user " + user + " is not active"));
        Instant now = clock.instant();
        if (account.lockedAt(now)) {
            throw new BadInputException("currentPassword", "account.password.locked");
        }
        if (account.passwordHash() == null || !encoder.matches(currentPassword == null ? "" : currentPassword, account.passwordHash())) {
            int failures = failed(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user),
                    failures >= LOCK_AFTER_FAILURES ? "auth.locked" : "auth.password-failed", "user", user.value()));
            throw new BadInputException("currentPassword", "account.password.wrongCurrent");
        }
        if (!verifySecondFactor(user, code)) {
            throw new BadInputException("code", "mfa.wrongCode");
        }
        String problem = passwordProblem(account, newPassword == null ? "" : newPassword);
        if (problem != null) {
            throw new BadInputException("password", problem);
        }
        if (!users.setPasswordHash(user, encoder.encode(newPassword))) {
            throw new BadInputException("user", "user " + user + " has no password to change");
        }
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "user.password-changed", "user", user.value()));
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
        Users.Account account = users.byId(user).orElseThrow();
        if (account.totpEnrolled()) {
            throw new BadInputException("user", "the second factor is enrolled already: reset it first");
        }
        String secret = new DefaultSecretGenerator(32).generate();
        users.setPendingTotp(user, protection.sealForOrganisation(account.orgId(), TOTP_PURPOSE, secret.getBytes(StandardCharsets.UTF_8)));
        return new Enrolment(secret, qr(account, secret));
    }

    /** The enrolment started last and not yet confirmed (to show again after a wrong code); empty if there is none. */
    public java.util.Optional<Enrolment> pendingEnrolment(UserId user) {
        return users.byId(user).filter(account -> !account.totpEnrolled() && account.totpSecret() != null)
                .map(account -> {
                    String secret = pendingSecret(account);
                    return new Enrolment(secret, qr(account, secret));
                });
    }

    private String pendingSecret(Users.Account account) {
        return new String(protection.openForOrganisation(account.orgId(), TOTP_PURPOSE, account.totpSecret()), StandardCharsets.UTF_8);
    }

    /** The QR code (PNG data URI) of an enrolment secret for this user. */
    private static String qr(Users.Account account, String secret) {
        QrData data = new QrData.Builder().label(account.email()).secret(secret).issuer("Haven").algorithm(HashingAlgorithm.SHA1).digits(6)
                .period(30).build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            return "data:" + generator.getImageMimeType() + ";base64," + Base64.getEncoder().encodeToString(generator.generate(data));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("the QR code could not be drawn", e);
        }
    }

    /**
     * Confirms the pending enrolment ({@link #startEnrolment}) with a first code; returns ten
     * single-use recovery codes, shown once.
     */
    // A wrong code must stay counted (and audited) although the caller gets an exception: no rollback for bad input.
    @Transactional(noRollbackFor = BadInputException.class)
    public List<String> confirmEnrolment(UserId user, String code) {
        Users.Account account = users.byId(user).orElseThrow();
        if (account.totpEnrolled() || account.totpSecret() == null) {
            throw new BadInputException("code", "no enrolment is pending: start one first");
        }
        if (account.lockedAt(clock.instant())) {
            // Throttled like the log-in: no code is even checked while the account is locked.
            throw new BadInputException("code", "mfa.wrongCode");
        }
        java.util.OptionalLong step = matchingStep(pendingSecret(account), code == null ? "" : code.strip());
        if (step.isEmpty()) {
            failed(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.second-factor-failed", "user", user.value()));
            throw new BadInputException("code", "mfa.wrongCode");
        }
        // Enrols the secret the code was checked against, unless an enrolment started meanwhile replaced it.
        // The first code is used up like any other: it cannot log in again (the step is remembered).
        if (!users.confirmPendingTotp(user, account.totpSecret(), step.getAsLong())) {
            throw new BadInputException("code", "mfa.wrongCode");
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String recovery = randomToken(10).replace("-", "x").replace("_", "y").substring(0, 12).toLowerCase(Locale.ROOT);
            codes.add(recovery.substring(0, 4) + "-" + recovery.substring(4, 8) + "-" + recovery.substring(8));
            hashes.add(sha256(recovery));
        }
        users.replaceRecoveryCodes(user, hashes);
        users.recordSuccess(user);
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "user.second-factor-enrolled", "user", user.value()));
        return codes;
    }

    /** Checks a TOTP code or a recovery code; counts failures and locks the account after too many. */
    @Transactional
    public boolean verifySecondFactor(UserId user, String code) {
        Users.Account account = users.byId(user).orElseThrow();
        Instant now = clock.instant();
        if (account.lockedAt(now) || !account.totpEnrolled() || account.totpSecret() == null) {
            return false;
        }
        String entered = code == null ? "" : code.strip();
        boolean ok;
        if (entered.matches("\\d{6}")) {
            String secret = new String(protection.openForOrganisation(account.orgId(), TOTP_PURPOSE, account.totpSecret()), StandardCharsets.UTF_8);
            // A code works once: its time step must be later than the last one accepted (kept in the database, for every node).
            java.util.OptionalLong step = matchingStep(secret, entered);
            ok = step.isPresent() && users.useTotpStep(user, step.getAsLong());
        } else {
            ok = users.useRecoveryCode(user, sha256(entered.replace("-", "").toLowerCase(Locale.ROOT)), now);
        }
        if (ok) {
            users.recordSuccess(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.succeeded", "user", user.value()));
        } else {
            int failures = failed(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user),
                    failures >= LOCK_AFTER_FAILURES ? "auth.locked" : "auth.second-factor-failed", "user", user.value()));
        }
        return ok;
    }

    /** Counts a failure of the account ({@link #LOCK_AFTER_FAILURES}); the number of failures since the last success. */
    private int failed(UserId user) {
        return users.recordFailure(user, LOCK_AFTER_FAILURES, clock.instant(), FIRST_WAIT, LONGEST_WAIT);
    }

    /** A failed password for a known account (unknown accounts leave no per-account trace). */
    @Transactional
    public void passwordFailed(String email) {
        users.byEmail(email).ifPresent(account -> {
            int failures = failed(account.id());
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(account.id()),
                    failures >= LOCK_AFTER_FAILURES ? "auth.locked" : "auth.password-failed", "user", account.id().value()));
        });
    }

    // --- passkeys (WebAuthn): the ceremonies are Spring Security's; these record what happened ---------------------

    /** A passkey was added to the user's account (its owner, fully logged in, registered it). */
    @Transactional
    public void passkeyRegistered(UserId user) {
        Users.Account account = users.byId(user).orElseThrow();
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.passkey-registered", "user", user.value()));
    }

    /** A passkey was removed from the user's account. */
    @Transactional
    public void passkeyRemoved(UserId user) {
        Users.Account account = users.byId(user).orElseThrow();
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.passkey-removed", "user", user.value()));
    }

    /** The user logged in with a passkey (with user verification: both factors at once). */
    @Transactional
    public void passkeyLoggedIn(UserId user) {
        Users.Account account = users.byId(user).orElseThrow();
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.passkey-login", "user", user.value()));
    }

    /**
     * Removes a user's second factor, recovery codes and passkeys: the user must enrol again at the next
     * log-in. A passkey is a second factor too (it stands for both), and a reset is what an administrator
     * does when a device is lost.
     */
    @Transactional
    public void resetSecondFactor(UserId user) {
        Users.Account account = users.byId(user).orElseThrow();
        resetSecondFactor(account.orgId(), user, AuditEvent.SYSTEM);
    }

    /** The reset of a user of {@code org}, recorded as {@code user.second-factor-reset} by {@code actor}; false if there is no such user. */
    boolean resetSecondFactor(OrgId org, UserId user, String actor) {
        if (!users.resetTotp(org, user)) {
            return false;
        }
        users.findInOrganisation(org, user).ifPresent(member -> passkeys.removeAll(member.email()));
        audit.record(AuditEvent.of(org, actor, "user.second-factor-reset", "user", user.value()));
        return true;
    }

    /** The TOTP period in seconds, and how many periods a code may be early or late (clock drift between phone and server). */
    static final int TOTP_PERIOD = 30;
    static final int TOTP_DRIFT = 1;

    /**
     * The time step (RFC 6238 counter) whose code is {@code code}, within ±{@value #TOTP_DRIFT} step of now; empty when
     * none matches. The library's verifier only says yes or no; replay protection needs the step, so the code of each
     * step in the window is generated with the library's generator and compared in constant time.
     */
    private java.util.OptionalLong matchingStep(String secret, String code) {
        if (!code.matches("\\d{6}")) {
            return java.util.OptionalLong.empty();
        }
        long now = Math.floorDiv(clock.instant().getEpochSecond(), TOTP_PERIOD);
        DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
        java.util.OptionalLong found = java.util.OptionalLong.empty();
        for (long step = now - TOTP_DRIFT; step <= now + TOTP_DRIFT; step++) {
            try {
                if (MessageDigest.isEqual(generator.generate(secret, step).getBytes(StandardCharsets.US_ASCII),
                        code.getBytes(StandardCharsets.US_ASCII))) {
                    found = java.util.OptionalLong.of(step);
                }
            } catch (dev.samstevens.totp.exceptions.CodeGenerationException e) {
                throw new IllegalStateException("a TOTP code could not be computed", e);
            }
        }
        return found;
    }

    // --- API tokens ----------------------------------------------------------------------------------------------

    /** A new API token for an active user; printed once, stored only as its SHA-256. The command line's {@code ./haven tokens create}. */
    @Transactional
    public String createApiToken(String email, int days) {
        if (days < 1 || days > 366) {
            throw new BadInputException("expires-days", "--expires-days must be from 1 to 366");
        }
        Users.Account account = users.byEmail(email == null ? "" : email)
                .filter(Users.Account::active)
                .orElseThrow(() -> new BadInputException("email", "no active user with this e-mail address"));
        return issueApiToken(account, null, days, AuditEvent.SYSTEM).token();
    }

    public static final int MAX_TOKEN_DAYS = 365;
    public static final int MAX_TOKEN_NAME = 100;

    /** A token shown once to the user who created it. {@code toString} leaves out the token. */
    public record NewApiToken(UUID id, String token, Instant expires) {
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
        if (days < 1 || days > MAX_TOKEN_DAYS) {
            throw new BadInputException("expiresDays", "the token's lifetime " + days + " is not allowed: expected 1 to " + MAX_TOKEN_DAYS + " days");
        }
        String label = name == null || name.isBlank() ? null : name.strip();
        if (label != null && label.length() > MAX_TOKEN_NAME) {
            throw new BadInputException("name", "the token's name has " + label.length() + " characters: expected at most " + MAX_TOKEN_NAME);
        }
        Users.Account account = users.byId(user).filter(Users.Account::active)
                .orElseThrow(() -> new BadInputException("user", "user " + user + " is not active"));
        return issueApiToken(account, label, days, AuditEvent.user(user));
    }

    private NewApiToken issueApiToken(Users.Account account, @Nullable String name, int days, String actor) {
        String token = "hvn_" + randomToken(32);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(days));
        UUID id = tokens.create(account.id(), name, sha256(token), now, expires);
        audit.record(AuditEvent.of(account.orgId(), actor, "token.created", "token", id));
        return new NewApiToken(id, token, expires);
    }

    /** The user's own API tokens, newest first (never the tokens themselves). */
    public List<ApiTokens.ApiToken> apiTokensOf(UserId user) {
        return tokens.ownedBy(user);
    }

    /**
     * Revokes one of the user's own tokens. A token id of another user is unknown here, exactly as an id
     * that does not exist. Returns false when the token was revoked already (nothing changes, nothing is recorded).
     */
    @Transactional
    public boolean revokeApiToken(UserId owner, UUID tokenId) {
        Users.Account account = users.byId(owner).orElseThrow(() -> new UnknownIdException("user", owner.value()));
        tokens.findOwnedBy(owner, tokenId).orElseThrow(() -> new UnknownIdException("token", tokenId));
        if (!tokens.revoke(owner, tokenId, clock.instant())) {
            return false;
        }
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(owner), "token.revoked", "token", tokenId));
        return true;
    }

    /** Revokes every token of a user without recording each: part of a change that records its own event. */
    void revokeAllApiTokens(UserId user) {
        tokens.revokeAll(user, clock.instant());
    }

    /** The user an unexpired, unrevoked API token belongs to, if that user is active. */
    public java.util.Optional<Users.Account> userOfToken(String token) {
        return tokens.ownerOf(sha256(token), clock.instant()).flatMap(users::byId).filter(Users.Account::active);
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
