package nl.haven.identity;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.time.TimeProvider;
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
import nl.haven.identity.internal.Organisations;
import nl.haven.identity.internal.Users;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    public static final int LOCK_AFTER_FAILURES = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    static final String TOTP_PURPOSE = "totp-secret";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final Organisations organisations;
    private final Users users;
    private final Protection protection;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.security.crypto.password.PasswordEncoder encoder;

    IdentityManagement(Organisations organisations, Users users, Protection protection, AuditLog audit, JdbcClient jdbc, Clock clock,
            org.springframework.security.crypto.password.PasswordEncoder encoder) {
        this.organisations = organisations;
        this.users = users;
        this.protection = protection;
        this.audit = audit;
        this.jdbc = jdbc;
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

    @Transactional
    public Invitation invite(String orgSlug, String email, String roleName, @Nullable String displayName) {
        OrgId org = organisations.bySlug(orgSlug == null ? "" : orgSlug).map(Organisations.Organisation::id)
                .orElseThrow(() -> new BadInputException("org", "unknown organisation '" + orgSlug + "'"));
        if (email == null || email.length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
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
        String token = randomToken(32);
        Instant expires = clock.instant().plus(ACTIVATION_VALIDITY);
        UserId user = users.invite(org, email.strip(), displayName == null || displayName.isBlank() ? role.name().toLowerCase(Locale.ROOT)
                : displayName.strip(), role, sha256(token), expires, clock.instant());
        audit.record(AuditEvent.of(org, AuditEvent.SYSTEM, "user.invited", "user", user.value()));
        return new Invitation(user, token, expires);
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
        String problem = PasswordPolicy.problem(password, List.of(account.email(), account.email().split("@")[0]));
        if (problem != null) {
            throw new BadInputException("password", problem);
        }
        if (!users.activate(sha256(token), encoder.encode(password), clock.instant())) {
            throw new BadInputException("token", "the activation link is not valid (used or expired)");
        }
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "user.activated", "user", user.value()));
        return user;
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
    @Transactional
    public List<String> confirmEnrolment(UserId user, String code) {
        Users.Account account = users.byId(user).orElseThrow();
        if (account.totpEnrolled() || account.totpSecret() == null) {
            throw new BadInputException("code", "no enrolment is pending: start one first");
        }
        if (!verifier().isValidCode(pendingSecret(account), code == null ? "" : code.strip())) {
            users.recordFailure(user, LOCK_AFTER_FAILURES, clock.instant().plus(LOCK_DURATION));
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.second-factor-failed", "user", user.value()));
            throw new BadInputException("code", "mfa.wrongCode");
        }
        // Enrols the secret the code was checked against, unless an enrolment started meanwhile replaced it.
        if (!users.confirmPendingTotp(user, account.totpSecret())) {
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
            ok = verifier().isValidCode(secret, entered);
        } else {
            ok = users.useRecoveryCode(user, sha256(entered.replace("-", "").toLowerCase(Locale.ROOT)), now);
        }
        if (ok) {
            users.recordSuccess(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.succeeded", "user", user.value()));
        } else {
            int failures = users.recordFailure(user, LOCK_AFTER_FAILURES, now.plus(LOCK_DURATION));
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user),
                    failures >= LOCK_AFTER_FAILURES ? "auth.locked" : "auth.second-factor-failed", "user", user.value()));
        }
        return ok;
    }

    /** A failed password for a known account (unknown accounts leave no per-account trace). */
    @Transactional
    public void passwordFailed(String email) {
        users.byEmail(email).ifPresent(account -> {
            int failures = users.recordFailure(account.id(), LOCK_AFTER_FAILURES, clock.instant().plus(LOCK_DURATION));
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(account.id()),
                    failures >= LOCK_AFTER_FAILURES ? "auth.locked" : "auth.password-failed", "user", account.id().value()));
        });
    }

    @Transactional
    public void resetSecondFactor(UserId user) {
        Users.Account account = users.byId(user).orElseThrow();
        users.resetTotp(user);
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.SYSTEM, "user.second-factor-reset", "user", user.value()));
    }

    private CodeVerifier verifier() {
        TimeProvider time = () -> clock.instant().getEpochSecond();
        DefaultCodeVerifier verifier = new DefaultCodeVerifier(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6), time);
        verifier.setTimePeriod(30);
        verifier.setAllowedTimePeriodDiscrepancy(1);
        return verifier;
    }

    // --- API tokens ----------------------------------------------------------------------------------------------

    /** A new API token for an active user; printed once, stored only as its SHA-256. */
    @Transactional
    public String createApiToken(String email, int days) {
        if (days < 1 || days > 366) {
            throw new BadInputException("expires-days", "--expires-days must be from 1 to 366");
        }
        Users.Account account = users.byEmail(email == null ? "" : email)
                .filter(Users.Account::active)
                .orElseThrow(() -> new BadInputException("email", "no active user with this e-mail address"));
        String token = "hvn_" + randomToken(32);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("insert into api_token (id, user_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(id, account.id().value(), sha256(token), utc(now), utc(now.plus(Duration.ofDays(days)))).update();
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.SYSTEM, "token.created", "token", id));
        return token;
    }

    /** The user an unexpired, unrevoked API token belongs to. */
    public java.util.Optional<Users.Account> userOfToken(String token) {
        return jdbc.sql("select user_id from api_token where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(sha256(token), utc(clock.instant())).query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).optional()
                .flatMap(users::byId).filter(Users.Account::active);
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
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
