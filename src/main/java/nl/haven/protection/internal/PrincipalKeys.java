package nl.haven.protection.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.ProtectionException;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key pairs of principals (ADR 0006 step 5, C.1): each staff member and each of their API tokens gets an HPKE
 * (X25519) key pair; its public half is stored as it is, its private half only wrapped under a key derived from the
 * principal's own log-in secret — Argon2id over the password (a salt of its own, never the password hash's, and the
 * cost stored beside the wrap), HKDF over a token's 256-bit secret. The organisation's keys are sealed to these public
 * keys ({@link OrgGrants}, step 6); a password log-in opens them into the session ({@link #wrapForSession}) and an API
 * request with its token ({@link #holdWithToken}) (step 7).
 */
@Service
public class PrincipalKeys {
    private static final Logger LOG = LoggerFactory.getLogger(PrincipalKeys.class);
    static final String STAFF = "STAFF";
    static final String TOKEN = "TOKEN";
    static final String PASSWORD_WRAP = "PASSWORD";
    static final String TOKEN_WRAP = "TOKEN";
    static final String RECOVERY = "RECOVERY";
    /** A recovery key's random bytes: 256 bits, written as 52 Base32 letters and digits in groups of four. */
    static final int RECOVERY_KEY_BYTES = 32;

    private final KeyStore store;
    private final KeyManagement keys;
    private final Clock clock;
    private final TransactionTemplate transactions;
    static final int TOKEN_KEYS_SECONDS = 10;
    private final Cache<String, KeyBundle> tokenBundles = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(TOKEN_KEYS_SECONDS))
            .maximumSize(1_000).build();

    PrincipalKeys(KeyStore store, KeyManagement keys, Clock clock, TransactionTemplate transactions) {
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * A new key pair for the staff member, wrapped under their password; an earlier pair of theirs is replaced. With a
     * role that reads cases, the organisation's keys are granted to it if they are at hand ({@link KeyManagement#grant}).
     */
    public void enrolPassword(UUID user, UUID org, char[] password, boolean readsCases) {
        try {
            KeysetHandle pair = SealedKeys.newKeyPair();
            KeyStore.Principal principal = newPrincipal(user, STAFF, user, org, pair);
            keep(principal, passwordWrap(principal.id(), pair, password), readsCases, false);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a key pair for staff member " + user + " could not be made", e);
        }
    }

    /**
     * At a password log-in: makes the staff member's key pair if they have none wrapped under a password (an account
     * from before this version, or reactivated after a deactivation destroyed its pair), and with a role that reads
     * cases a grant if its pair has none. True if a pair was made.
     */
    public boolean ensurePassword(UUID user, UUID org, char[] password, boolean readsCases) {
        Optional<KeyStore.Principal> principal = store.principalOf(user);
        if (principal.isPresent() && store.wrap(principal.get().id(), PASSWORD_WRAP).isPresent()) {
            if (readsCases && store.grant(org, principal.get().id()).isEmpty()) {
                transactions.executeWithoutResult(status -> keys.grant(org, principal.get()));
            }
            return false;
        }
        enrolPassword(user, org, password, readsCases);
        return true;
    }

    /**
     * A password change with the current password in hand: the same key pair, wrapped under the new password. When the
     * current password does not open the stored wrap (none yet, or one restored from a backup made under an older
     * password), a new key pair is made instead.
     */
    public void changePassword(UUID user, UUID org, char[] current, char[] replacement, boolean readsCases) {
        Optional<KeyStore.Principal> principal = store.principalOf(user);
        Optional<KeysetHandle> pair = openWithPassword(user, current);
        if (principal.isEmpty() || pair.isEmpty()) {
            enrolPassword(user, org, replacement, readsCases);
            return;
        }
        try {
            KeyStore.Wrap wrap = passwordWrap(principal.get().id(), pair.get(), replacement);
            transactions.executeWithoutResult(status -> store.putWrap(wrap, clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the key pair of staff member " + user + " could not be wrapped again", e);
        }
    }

    /** The staff member's private keyset, opened with their password; empty if they have none or the password does not open it. */
    public Optional<KeysetHandle> openWithPassword(UUID user, char[] password) {
        return store.principalOf(user).flatMap(principal -> store.wrap(principal.id(), PASSWORD_WRAP).flatMap(wrap -> {
            try {
                SealedKeys.Argon2Cost cost = cost(wrap.cost());
                return Optional.of(SealedKeys.unwrap(wrap.wrapped(), SealedKeys.fromPassword(password, wrap.salt(), cost).wrapKey(),
                        binding(principal.id(), PASSWORD_WRAP)));
            } catch (GeneralSecurityException e) {
                return Optional.empty();
            }
        }));
    }

    /**
     * A key pair for a new API token of the staff member, wrapped under the token's secret (the whole token as issued);
     * with a role that reads cases, the organisation's keys are granted to it if they are at hand; true when it holds a
     * grant now (false: a key holder must grant it, ADR 0006 C.7).
     */
    public boolean enrolToken(UUID token, UUID user, UUID org, String secret, boolean readsCases) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            KeysetHandle pair = SealedKeys.newKeyPair();
            KeyStore.Principal principal = newPrincipal(token, TOKEN, user, org, pair);
            return keep(principal, secretWrap(principal.id(), TOKEN_WRAP, pair, bytes, "token:" + token), readsCases, false);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a key pair for API token " + token + " could not be made", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The token's private keyset, opened with its secret; empty if it has none or the secret does not open it. */
    public Optional<KeysetHandle> openWithToken(UUID token, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            return store.principalOf(token).filter(principal -> principal.kind().equals(TOKEN))
                    .flatMap(principal -> store.wrap(principal.id(), TOKEN_WRAP)).flatMap(wrap -> openSecretWrap(wrap, bytes, "token:" + token));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * A role that reads cases was given: the organisation's keys are granted to the staff member's pair and their tokens',
     * if they are at hand (a coordinator's approval holds them); else the pairs wait for a key holder ({@link #grantWaiting}).
     */
    public void grantCaseAccess(UUID user, UUID org) {
        transactions.executeWithoutResult(status -> store.principalsOfUser(user).forEach(principal -> keys.grant(org, principal)));
    }

    /** A staff member's or token's key pair of the organisation that holds no grant of its keys. */
    public record Waiting(UUID user, boolean token) {
    }

    /** The key pairs of the organisation's staff members and tokens that hold no grant, oldest first (the caller knows whose role reads cases). */
    public List<Waiting> withoutGrant(UUID org) {
        return store.withoutGrant(org).stream().map(p -> new Waiting(p.user(), p.kind().equals(TOKEN))).toList();
    }

    /**
     * Seals the organisation's keys this thread holds (a key holder's) to the staff member's pairs that hold no grant —
     * their own and their tokens' (ADR 0006 C.7); how many.
     *
     * @throws KeyNotOpenException if the keys are not at hand (see {@link KeyManagement#grant})
     */
    public int grantWaiting(UUID org, UUID user) {
        return Objects.requireNonNull(transactions.execute(status -> {
            int granted = 0;
            for (KeyStore.Principal principal : store.principalsOfUser(user)) {
                if (principal.org().equals(org) && store.grant(org, principal.id()).isEmpty()) {
                    if (!keys.grant(org, principal)) {
                        throw new KeyNotOpenException(new OrgId(org));
                    }
                    granted++;
                }
            }
            return granted;
        }));
    }

    /**
     * The organisation's keys from the staff member's grant, opened with their password and held by this thread (the
     * caller closes what {@code nl.haven.protection.KeyHolders} returns); false without a grant or with a wrong password.
     */
    public boolean holdWithPassword(UUID user, UUID org, char[] password) {
        Optional<KeyBundle> bundle = grantOpenedWithPassword(user, org, password);
        bundle.ifPresent(opened -> HeldKeys.add(org, opened));
        return bundle.isPresent();
    }

    /** The staff member's role no longer reads cases: the grants to their pair and their tokens' are destroyed. */
    public int withdrawCaseAccess(UUID user, UUID org) {
        tokenBundles.invalidateAll();
        return store.deleteGrantsOfUser(org, user);
    }

    /**
     * The organisation's keys as the owner's grant holds them, opened with the owner's private keyset (opened with
     * their own secret); empty without a grant.
     */
    Optional<KeyBundle> organisationKeys(UUID org, UUID owner, KeysetHandle ownerKeys) {
        return store.principalOf(owner).flatMap(principal -> keys.openGrant(org, principal.id(), ownerKeys));
    }

    /**
     * An API request's keys (ADR 0006 C.5): the token's private key opened with its secret, its grant with that, and the
     * organisation's bundle held by this thread until the caller closes it. Opened bundles are kept in this node's memory
     * for {@value #TOKEN_KEYS_SECONDS} s per token (never written anywhere), so that a client's run of requests pays the
     * opening once; revocation, deactivation and a withdrawn role forget them at once on this node. False when the token
     * has no grant (its role reads no case).
     */
    public boolean holdWithToken(UUID token, String secret, UUID org) {
        String key = token + "|" + org;
        KeyBundle bundle = tokenBundles.getIfPresent(key);
        if (bundle == null) {
            Optional<KeyBundle> opened = openWithToken(token, secret).flatMap(keysOfToken -> grantOrNone(org, token, keysOfToken));
            if (opened.isEmpty()) {
                return false;
            }
            bundle = opened.get();
            tokenBundles.put(key, bundle);
        }
        HeldKeys.add(org, bundle);
        return true;
    }

    // --- the organisation's recovery key (ADR 0006 C.7) ----------------------------------------------------------------

    /**
     * A new recovery key for the organisation, to be shown once and written down (or printed); nothing on the server
     * opens what it opens. It is a principal of its own with a grant of the organisation's keys, so that when every key
     * holder's password is lost it grants them to a coordinator again ({@link #recover}). An earlier recovery key of the
     * organisation stops working. Needs the organisation's keys at hand ({@link KeyManagement#grant}: a key holder's,
     * the server's at the organisation's set-up, or the legacy opener's), else {@link KeyNotOpenException} and nothing changes.
     */
    public String newRecoveryKey(UUID org) {
        byte[] secret = SealedKeys.random(RECOVERY_KEY_BYTES);
        try {
            KeysetHandle pair = SealedKeys.newKeyPair();
            KeyStore.Principal principal = newPrincipal(org, RECOVERY, null, org, pair);
            keep(principal, secretWrap(principal.id(), RECOVERY, pair, secret, "recovery:" + org), true, true);
            return RecoveryKeys.write(secret);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a recovery key for organisation " + org + " could not be made", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The organisation's recovery key's principal (owned by the organisation itself), if it has one. */
    private Optional<KeyStore.Principal> recoveryPrincipal(UUID org) {
        return store.principalOf(org).filter(p -> p.kind().equals(RECOVERY));
    }

    /** Whether the organisation has a recovery key that holds a grant of its keys. */
    public boolean hasRecoveryKey(UUID org) {
        return recoveryPrincipal(org).flatMap(p -> store.grant(org, p.id())).isPresent();
    }

    /**
     * The organisation's keys opened with its recovery key (through the recovery key's own grant) and held by this thread
     * (the caller closes what {@code nl.haven.protection.KeyHolders} returns); false when the text is not the
     * organisation's current recovery key.
     */
    public boolean holdWithRecoveryKey(UUID org, String recoveryKey) {
        Optional<KeyBundle> bundle = openWithRecoveryKey(org, recoveryKey);
        bundle.ifPresent(opened -> HeldKeys.add(org, opened));
        return bundle.isPresent();
    }

    /** The organisation's keys from its recovery key's grant; empty when the text is not its current recovery key. */
    private Optional<KeyBundle> openWithRecoveryKey(UUID org, String recoveryKey) {
        Optional<byte[]> secret = RecoveryKeys.read(recoveryKey);
        Optional<KeyStore.Principal> recovery = recoveryPrincipal(org);
        if (secret.isEmpty() || recovery.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<KeysetHandle> pair = store.wrap(recovery.get().id(), RECOVERY).flatMap(wrap -> openSecretWrap(wrap, secret.get(), "recovery:" + org));
            return pair.isEmpty() ? Optional.empty() : keys.openGrant(org, recovery.get().id(), pair.get());
        } finally {
            Arrays.fill(secret.get(), (byte) 0);
        }
    }

    /**
     * With the organisation's recovery key: its keys, opened through the recovery key's own grant, sealed to the staff
     * member's key pair (a coordinator after every key holder's password was lost). False when the text is not the
     * organisation's recovery key; the staff member must have a key pair of the organisation (made at their activation
     * or log-in).
     */
    public boolean recover(UUID org, String recoveryKey, UUID grantee) {
        KeyStore.Principal to = store.principalOf(grantee).filter(p -> p.kind().equals(STAFF) && p.org().equals(org))
                .orElseThrow(() -> new ProtectionException("staff member " + grantee + " has no key pair of organisation " + org + " yet: log in once"));
        Optional<KeyBundle> bundle = openWithRecoveryKey(org, recoveryKey);
        if (bundle.isEmpty()) {
            return false; // not this organisation's recovery key
        }
        transactions.executeWithoutResult(status -> keys.grant(org, to, bundle.get()));
        return true;
    }

    // --- sessions (ADR 0006 C.4) -----------------------------------------------------------------------------------

    /**
     * At a password log-in: the organisation's keys from the staff member's grant, opened with their password, wrapped
     * for their session under a key derived from the session cookie's secret — which the server never stores — so that any
     * node given the cookie can open them and a copy of the database cannot. Empty without a grant.
     */
    public Optional<byte[]> wrapForSession(UUID user, UUID org, char[] password, String sessionSecret) {
        return grantOpenedWithPassword(user, org, password).map(bundle -> {
            try {
                return bundle.wrap(sessionKey(sessionSecret), sessionBinding(org, user));
            } catch (GeneralSecurityException e) {
                throw new ProtectionException("the keys of organisation " + org + " could not be wrapped for a session", e);
            }
        });
    }

    /** The same keys under the session's new id (a session id change makes a new cookie secret). */
    public byte[] rewrapForSession(byte[] wrapped, UUID user, UUID org, String oldSecret, String newSecret) {
        try {
            return KeyBundle.unwrap(wrapped, sessionKey(oldSecret), sessionBinding(org, user)).wrap(sessionKey(newSecret), sessionBinding(org, user));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the session's keys of organisation " + org + " do not open with its previous secret", e);
        }
    }

    /** Opens the session's keys with its cookie secret and holds them on this thread; false when they do not open. */
    public boolean holdForSession(byte[] wrapped, UUID user, UUID org, String sessionSecret) {
        try {
            HeldKeys.add(org, KeyBundle.unwrap(wrapped, sessionKey(sessionSecret), sessionBinding(org, user)));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Aead sessionKey(String sessionSecret) throws GeneralSecurityException {
        byte[] secret = sessionSecret.getBytes(StandardCharsets.UTF_8);
        try {
            return SealedKeys.fromSecret(secret, new byte[0], "session-keys");
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] sessionBinding(UUID org, UUID user) {
        return SealedKeys.utf8("session-keys|org:" + org + "|user:" + user + "|v1");
    }

    /** The staff member's grant, opened with their password (their private key first); empty without one or with a wrong password. */
    private Optional<KeyBundle> grantOpenedWithPassword(UUID user, UUID org, char[] password) {
        return openWithPassword(user, password).flatMap(mine -> grantOrNone(org, user, mine));
    }

    /**
     * For a request: the owner's grant opened, or none when it does not open (damaged, or not sealed to this key) — the
     * request goes on without the keys (403 where it needs them, after the cut-over) instead of failing, and the log says
     * which grant, by ids only.
     */
    private Optional<KeyBundle> grantOrNone(UUID org, UUID owner, KeysetHandle ownerKeys) {
        try {
            return organisationKeys(org, owner, ownerKeys);
        } catch (ProtectionException e) {
            LOG.warn("The grant of organisation {} to {} does not open with its key: the request goes on without the organisation's keys", org, owner);
            return Optional.empty();
        }
    }

    /** The owner's public keyset (a staff member's user id or a token's id), as stored. */
    public Optional<byte[]> publicKeyset(UUID owner) {
        return store.principalOf(owner).map(KeyStore.Principal::publicKeyset);
    }

    /** Destroys the staff member's key pair and their tokens' (deactivation): what was sealed to them opens no more. */
    public int forgetUser(UUID user) {
        tokenBundles.invalidateAll();
        return store.deletePrincipalsOfUser(user);
    }

    /** Destroys one token's key pair (the token was revoked). */
    public int forgetToken(UUID token) {
        tokenBundles.invalidateAll();
        return store.deletePrincipalOf(token);
    }

    /** Destroys the key pairs of every token of the staff member (all their tokens were revoked). */
    public int forgetTokensOf(UUID user) {
        tokenBundles.invalidateAll();
        return store.deleteTokenPrincipalsOf(user);
    }

    private static KeyStore.Principal newPrincipal(UUID owner, String kind, @Nullable UUID user, UUID org, KeysetHandle pair)
            throws GeneralSecurityException {
        return new KeyStore.Principal(UUID.randomUUID(), owner, kind, user, org, SealedKeys.publicKeyset(pair));
    }

    /**
     * Stores a new principal with its first wrap (replacing the owner's earlier one) and, if {@code readsCases}, its grant
     * when the keys are at hand: one transaction. {@code grantRequired}: without the grant nothing is stored
     * ({@link KeyNotOpenException}). True when the principal holds a grant now.
     */
    private boolean keep(KeyStore.Principal principal, KeyStore.Wrap wrap, boolean readsCases, boolean grantRequired) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            store.replacePrincipal(principal, wrap, clock.instant());
            boolean granted = readsCases && keys.grant(principal.org(), principal);
            if (grantRequired && !granted) {
                throw new KeyNotOpenException(new OrgId(principal.org()));
            }
            return granted;
        }));
    }

    /** The private keyset wrapped under HKDF of a full-entropy secret (a token, the recovery key), with a salt of its own. */
    private static KeyStore.Wrap secretWrap(UUID principal, String kind, KeysetHandle pair, byte[] secret, String purpose)
            throws GeneralSecurityException {
        byte[] salt = SealedKeys.newSalt();
        return new KeyStore.Wrap(principal, kind, salt, null, SealedKeys.wrap(pair, SealedKeys.fromSecret(secret, salt, purpose), binding(principal, kind)));
    }

    /** What {@link #secretWrap} wrapped, opened with the secret; empty when the secret does not open it. */
    private static Optional<KeysetHandle> openSecretWrap(KeyStore.Wrap wrap, byte[] secret, String purpose) {
        try {
            return Optional.of(SealedKeys.unwrap(wrap.wrapped(), SealedKeys.fromSecret(secret, wrap.salt(), purpose), binding(wrap.principal(), wrap.kind())));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static KeyStore.Wrap passwordWrap(UUID principal, KeysetHandle pair, char[] password) throws GeneralSecurityException {
        SealedKeys.Argon2Cost cost = SealedKeys.Argon2Cost.OWASP_MINIMUM;
        byte[] salt = SealedKeys.newSalt();
        byte[] wrapped = SealedKeys.wrap(pair, SealedKeys.fromPassword(password, salt, cost).wrapKey(), binding(principal, PASSWORD_WRAP));
        return new KeyStore.Wrap(principal, PASSWORD_WRAP, salt, cost.memoryKib() + "," + cost.iterations() + "," + cost.parallelism(), wrapped);
    }

    /** The stored cost of a password wrap ("memory KiB,iterations,lanes"). */
    private static SealedKeys.Argon2Cost cost(@Nullable String stored) throws GeneralSecurityException {
        String[] parts = stored == null ? new String[0] : stored.split(",");
        if (parts.length != 3) {
            throw new GeneralSecurityException("a password wrap without a readable Argon2id cost");
        }
        try {
            return new SealedKeys.Argon2Cost(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a password wrap with an unusable Argon2id cost", e);
        }
    }

    /** The associated data that binds a wrap to its principal and kind: a wrap copied to another principal does not open. */
    private static byte[] binding(UUID principal, String kind) {
        return SealedKeys.utf8("principal:" + principal + "|" + kind.toLowerCase(Locale.ROOT) + "|v1");
    }
}
