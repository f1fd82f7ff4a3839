package nl.haven.protection.internal;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import nl.haven.protection.ProtectionException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organisations' keysets for {@link KeyManagement}: created on first use, cached by organisation, reloaded when a case key
 * was wrapped by a newer key than the cached one (another node rotated) and replaced by {@link OrgKeyRotation}. None on a
 * sealed installation (ADR 0006 step 11): the master key wraps no organisation keyset there.
 */
final class OrgKeysets {
    private final KeyRing ring;
    private final KeyStore store;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Map<UUID, KeysetHandle> orgKeysets = new ConcurrentHashMap<>();
    private final BooleanSupplier sealed;

    OrgKeysets(KeyRing ring, KeyStore store, Clock clock, TransactionTemplate transactions, BooleanSupplier sealed) {
        this.sealed = sealed;
        this.ring = ring;
        this.store = store;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The organisation's keyset, created on first use. */
    KeysetHandle orgKeyset(UUID org) throws GeneralSecurityException {
        KeysetHandle cached = orgKeysets.get(org);
        if (cached != null) {
            return cached;
        }
        return reloadOrgKeyset(org);
    }

    KeysetHandle reloadOrgKeyset(UUID org) throws GeneralSecurityException {
        if (sealed.getAsBoolean()) {
            throw new ProtectionException("the installation is sealed: the master key no longer opens the keyset of organisation " + org);
        }
        var stored = store.orgKey(org);
        if (stored.isEmpty()) {
            // In a transaction of its own, committed before anything is wrapped with it and before it is cached: were it
            // created in the caller's transaction, a rollback there would leave other requests holding (and wrapping case
            // keys under) a keyset that was never stored. Two first uses at once: the second insert loses and re-reads.
            KeysetHandle fresh = Tink.newAeadKeyset();
            byte[] wrapped = Tink.wrap(fresh, ring.master(), KeyManagement.ad("org:" + org));
            try {
                ownTransaction.executeWithoutResult(status -> store.insertOrgKey(org, wrapped, fresh.getPrimary().getId(), clock.instant()));
            } catch (DuplicateKeyException | CannotAcquireLockException e) {
                // created meanwhile by another request: use that one
            }
            stored = store.orgKey(org);
        }
        byte[] wrapped = stored.orElseThrow().keyset();
        if (wrapped == null) {
            throw new ProtectionException("the master key no longer opens the keyset of organisation " + org);
        }
        KeysetHandle handle = Tink.unwrap(wrapped, ring.master(), KeyManagement.ad("org:" + org));
        orgKeysets.put(org, handle);
        return handle;
    }

    /** Forgets every cached keyset (the installation was sealed). */
    void clear() {
        orgKeysets.clear();
    }

    /** Caches a keyset the rotation has just given a new primary key. */
    void put(UUID org, KeysetHandle handle) {
        orgKeysets.put(org, handle);
    }
}
