package nl.haven.identity;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.IdentityManagement.Enrolment;
import nl.haven.identity.internal.PasskeyStore;
import nl.haven.identity.internal.UserStore;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;

/**
 * The TOTP second factor of {@link IdentityManagement}: enrolment with recovery codes, verification with the account's
 * throttle, and the reset. Transactions begin in {@link IdentityManagement}.
 */
final class SecondFactor {
    static final String TOTP_PURPOSE = "totp-secret";
    /** The TOTP period in seconds, and how many periods a code may be early or late (clock drift between phone and server). */
    static final int TOTP_PERIOD = 30;
    static final int TOTP_DRIFT = 1;

    private final UserStore users;
    private final Protection protection;
    private final AuditLog audit;
    private final Clock clock;
    private final PasskeyStore passkeys;

    SecondFactor(UserStore users, Protection protection, AuditLog audit, Clock clock, PasskeyStore passkeys) {
        this.users = users;
        this.protection = protection;
        this.audit = audit;
        this.clock = clock;
        this.passkeys = passkeys;
    }

    Enrolment startEnrolment(UserId user) {
        UserStore.Account account = users.byId(user).orElseThrow();
        if (account.totpEnrolled()) {
            throw new BadInputException("user", "the second factor is enrolled already: reset it first");
        }
        String secret = new DefaultSecretGenerator(32).generate();
        users.setPendingTotp(user, protection.sealForStaff(user, TOTP_PURPOSE, secret.getBytes(StandardCharsets.UTF_8)));
        return new Enrolment(secret, qr(account, secret));
    }

    Optional<Enrolment> pendingEnrolment(UserId user) {
        return users.byId(user).filter(account -> !account.totpEnrolled() && account.totpSecret() != null)
                .map(account -> {
                    String secret = pendingSecret(account);
                    return new Enrolment(secret, qr(account, secret));
                });
    }

    private String pendingSecret(UserStore.Account account) {
        return totpSecret(account);
    }

    /**
     * The account's TOTP secret. One sealed before issue #23's step 3 under the organisation's key is sealed again
     * under the staff key file as it is read (and {@link #resealLegacySecrets} does all of them at start-up).
     */
    private String totpSecret(UserStore.Account account) {
        Protection.StaffSecret secret = protection.openForStaff(account.id(), account.orgId(), TOTP_PURPOSE, account.totpSecret());
        if (secret.legacy()) {
            users.resealTotp(account.id(), account.totpSecret(), protection.sealForStaff(account.id(), TOTP_PURPOSE, secret.value()));
        }
        return new String(secret.value(), StandardCharsets.UTF_8);
    }

    /**
     * Seals every TOTP secret still under an organisation's key under the staff key file instead (ADR 0006 step 3); run
     * at every start, so an installation upgraded from an earlier version has none left after its first. A row changed
     * meanwhile (an enrolment on another node) is left as that change made it. Returns how many were sealed again.
     */
    int resealLegacySecrets() {
        int resealed = 0;
        for (UserStore.SealedTotp row : users.sealedTotpSecrets()) {
            Protection.StaffSecret secret = protection.openForStaff(row.user(), row.org(), TOTP_PURPOSE, row.sealed());
            if (secret.legacy() && users.resealTotp(row.user(), row.sealed(), protection.sealForStaff(row.user(), TOTP_PURPOSE, secret.value()))) {
                resealed++;
            }
        }
        return resealed;
    }

    /** The QR code (PNG data URI) of an enrolment secret for this user. */
    private static String qr(UserStore.Account account, String secret) {
        QrData data = new QrData.Builder().label(account.email()).secret(secret).issuer("Haven").algorithm(HashingAlgorithm.SHA1).digits(6)
                .period(30).build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            return "data:" + generator.getImageMimeType() + ";base64," + Base64.getEncoder().encodeToString(generator.generate(data));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("the QR code could not be drawn", e);
        }
    }

    List<String> confirmEnrolment(UserId user, String code) {
        UserStore.Account account = users.byId(user).orElseThrow();
        if (account.totpEnrolled() || account.totpSecret() == null) {
            throw new BadInputException("code", "no enrolment is pending: start one first");
        }
        if (account.lockedAt(clock.instant())) {
            // Throttled like the log-in: no code is even checked while the account is locked.
            throw new BadInputException("code", "mfa.wrongCode");
        }
        OptionalLong step = matchingStep(pendingSecret(account), code == null ? "" : code.strip());
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
            String recovery = IdentityManagement.randomToken(10).replace("-", "x").replace("_", "y").substring(0, 12).toLowerCase(Locale.ROOT);
            codes.add(recovery.substring(0, 4) + "-" + recovery.substring(4, 8) + "-" + recovery.substring(8));
            hashes.add(IdentityManagement.sha256(recovery));
        }
        users.replaceRecoveryCodes(user, hashes);
        users.recordSuccess(user);
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "user.second-factor-enrolled", "user", user.value()));
        return codes;
    }

    boolean verifySecondFactor(UserId user, String code) {
        UserStore.Account account = users.byId(user).orElseThrow();
        Instant now = clock.instant();
        if (account.lockedAt(now) || !account.totpEnrolled() || account.totpSecret() == null) {
            return false;
        }
        String entered = code == null ? "" : code.strip();
        boolean ok;
        if (entered.matches("\\d{6}")) {
            String secret = totpSecret(account);
            // A code works once: its time step must be later than the last one accepted (kept in the database, for every node).
            OptionalLong step = matchingStep(secret, entered);
            ok = step.isPresent() && users.useTotpStep(user, step.getAsLong());
        } else {
            ok = users.useRecoveryCode(user, IdentityManagement.sha256(entered.replace("-", "").toLowerCase(Locale.ROOT)), now);
        }
        if (ok) {
            users.recordSuccess(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user), "auth.succeeded", "user", user.value()));
        } else {
            int failures = failed(user);
            audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(user),
                    failures >= IdentityManagement.LOCK_AFTER_FAILURES ? "auth.locked" : "auth.second-factor-failed", "user", user.value()));
        }
        return ok;
    }

    /** Counts a failure of the account ({@link IdentityManagement#LOCK_AFTER_FAILURES}); the number of failures since the last success. */
    int failed(UserId user) {
        return users.recordFailure(user, IdentityManagement.LOCK_AFTER_FAILURES, clock.instant(), IdentityManagement.FIRST_WAIT, IdentityManagement.LONGEST_WAIT);
    }

    boolean resetSecondFactor(OrgId org, UserId user, String actor) {
        if (!users.resetTotp(org, user)) {
            return false;
        }
        users.findInOrganisation(org, user).ifPresent(member -> passkeys.removeAll(member.email()));
        audit.record(AuditEvent.of(org, actor, "user.second-factor-reset", "user", user.value()));
        return true;
    }

    /**
     * The time step (RFC 6238 counter) whose code is {@code code}, within ±{@value #TOTP_DRIFT} step of now; empty when
     * none matches. The library's verifier only says yes or no; replay protection needs the step, so the code of each
     * step in the window is generated with the library's generator and compared in constant time.
     */
    private OptionalLong matchingStep(String secret, String code) {
        if (!code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long now = Math.floorDiv(clock.instant().getEpochSecond(), TOTP_PERIOD);
        DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
        OptionalLong found = OptionalLong.empty();
        for (long step = now - TOTP_DRIFT; step <= now + TOTP_DRIFT; step++) {
            try {
                if (MessageDigest.isEqual(generator.generate(secret, step).getBytes(StandardCharsets.US_ASCII),
                        code.getBytes(StandardCharsets.US_ASCII))) {
                    found = OptionalLong.of(step);
                }
            } catch (CodeGenerationException e) {
                throw new IllegalStateException("a TOTP code could not be computed", e);
            }
        }
        return found;
    }
}
