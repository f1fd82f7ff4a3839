package nl.haven.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.IdentityManagement.NewApiToken;
import nl.haven.identity.internal.ApiTokenStore;
import nl.haven.identity.internal.UserStore;
import nl.haven.protection.KeyHolders;
import nl.haven.protection.OpenedKeys;
import nl.haven.shared.BadInputException;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;

/** The API tokens of {@link IdentityManagement}: issuing, listing, revoking, resolving. Transactions begin in {@link IdentityManagement}. */
final class ApiTokenIssuer {
    private final UserStore users;
    private final ApiTokenStore tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final KeyHolders keyHolders;

    ApiTokenIssuer(UserStore users, ApiTokenStore tokens, AuditLog audit, Clock clock, KeyHolders keyHolders) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.keyHolders = keyHolders;
    }

    NewApiToken createApiToken(String email, int days) {
        if (days < 1 || days > 366) {
            throw new BadInputException("expires-days", "--expires-days must be from 1 to 366");
        }
        UserStore.Account account = users.byEmail(email == null ? "" : email)
                .filter(UserStore.Account::active)
                .orElseThrow(() -> new BadInputException("email", "no active user with this e-mail address"));
        return issueApiToken(account, null, days, AuditEvent.SYSTEM);
    }

    NewApiToken createApiToken(UserId user, @Nullable String name, int days) {
        if (days < 1 || days > IdentityManagement.MAX_TOKEN_DAYS) {
            throw new BadInputException("expiresDays", "the token's lifetime " + days + " is not allowed: expected 1 to " + IdentityManagement.MAX_TOKEN_DAYS + " days");
        }
        String label = name == null || name.isBlank() ? null : name.strip();
        if (label != null && label.length() > IdentityManagement.MAX_TOKEN_NAME) {
            throw new BadInputException("name", "the token's name has " + label.length() + " characters: expected at most " + IdentityManagement.MAX_TOKEN_NAME);
        }
        UserStore.Account account = users.byId(user).filter(UserStore.Account::active)
                .orElseThrow(() -> new BadInputException("user", "user " + user + " is not active"));
        return issueApiToken(account, label, days, AuditEvent.user(user));
    }

    private NewApiToken issueApiToken(UserStore.Account account, @Nullable String name, int days, String actor) {
        String token = "hvn_" + IdentityManagement.randomToken(32);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(days));
        UUID id = tokens.create(account.id(), name, IdentityManagement.sha256(token), now, expires);
        boolean granted = keyHolders.tokenIssued(id, account.id(), account.orgId(), token, OrganisationAdministration.CASE_ROLES.contains(account.role()));
        audit.record(AuditEvent.of(account.orgId(), actor, "token.created", "token", id));
        return new NewApiToken(id, token, expires, !granted);
    }

    List<ApiTokenStore.ApiToken> apiTokensOf(UserId user) {
        return tokens.ownedBy(user);
    }

    boolean revokeApiToken(UserId owner, UUID tokenId) {
        UserStore.Account account = users.byId(owner).orElseThrow(() -> new UnknownIdException("user", owner.value()));
        tokens.findOwnedBy(owner, tokenId).orElseThrow(() -> new UnknownIdException("token", tokenId));
        if (!tokens.revoke(owner, tokenId, clock.instant())) {
            return false;
        }
        keyHolders.tokenRevoked(tokenId);
        audit.record(AuditEvent.of(account.orgId(), AuditEvent.user(owner), "token.revoked", "token", tokenId));
        return true;
    }

    void revokeAllApiTokens(UserId user) {
        tokens.revokeAll(user, clock.instant());
        keyHolders.tokensRevoked(user);
    }

    Optional<OpenedKeys> openKeys(IdentityManagement.TokenUser user, String token) {
        return keyHolders.openWithToken(user.tokenId(), token, user.account().orgId());
    }

    Optional<IdentityManagement.TokenUser> tokenUser(String token) {
        return tokens.valid(IdentityManagement.sha256(token), clock.instant()).flatMap(valid -> users.byId(valid.owner())
                .filter(UserStore.Account::active).map(account -> new IdentityManagement.TokenUser(valid.id(), account)));
    }
}
