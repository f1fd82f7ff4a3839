package nl.haven.protection.internal;

import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.TransactionDefinition;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.StreamingAead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.haven.protection.ProtectionSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.KeyRotation;
import nl.haven.protection.Sealing;
import nl.haven.protection.ProtectionException;
import nl.haven.shared.AuditKeys;
import nl.haven.shared.OrgId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key hierarchy: master key → one keyset per organisation → two keysets per case. Organisation
 * keysets are cached by (organisation, primary key id) and reloaded when a case key was wrapped by a
 * newer one (another node rotated): {@link OrgKeysets}; the rotation itself is {@link OrgKeyRotation}.
 *
 * <p>A case's unwrapped keys are cached for a short time ({@code haven.protection.case-key-cache}, default 10 s after
 * they were unwrapped, at most {@value #CASE_KEY_CACHE_SIZE} cases), the way the AWS Encryption SDK's caching
 * materials manager bounds data-key reuse: reading and unwrapping the key on every field was most of the cost of an
 * encrypted write (benchmarks/write-cost.md). The cache is keyed by organisation <em>and</em> case, so it never hands
 * one organisation's case key to another. An erasure deletes the wrapped keys and evicts them from this node at once
 * and again after its transaction commits; another node may go on using keys it already holds for at most the
 * cache's lifetime. The database, its backups and every node that has not cached the key lose it at once.
 */
@Service
public class KeyManagement implements AuditKeys, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(KeyManagement.class);
    private final KeyRing ring;
    private final KeyStore store;
    private final Clock clock;
    private final OrgKeysets orgKeys;
    private final OrgKeyRotation rotation;
    private final OrgGrants grants;
    static final int CASE_KEY_CACHE_SIZE = 10_000;
    static final int ABSORB_QUEUE = 1_000;
    static final int THREAD_SALT_BYTES = 32;
    /** The parts of a case's keys: its AEAD (fields) and its streaming AEAD (documents), in wraps' bindings and sealed bundles. */
    static final String AEAD = "|aead";
    static final String STREAM = "|stream";
    /** The purpose a referral's return seal is bound to. */
    static final String RETURN = "|return";
    private final @Nullable Cache<CaseKeyId, Object> caseKeys;
    private final Mac ephemeral;
    /** The setting ({@code haven.protection.legacy-opener}); a sealed installation ignores it: {@link #legacyOpener()}. */
    private final boolean legacySetting;
    /** Whether this process has seen the installation sealed (set by {@link #seal} or read; a seal is never undone). */
    private volatile boolean sealedSeen;
    /** When an unsealed installation was last read as such (System.nanoTime), or 0: read again after {@link #SEAL_RECHECK}. */
    private volatile long unsealedReadAt;
    /** How long a node goes on as unsealed before it reads again whether another process sealed the installation. */
    public static final Duration SEAL_RECHECK = Duration.ofSeconds(10);
    private final Map<UUID, byte[]> publicKeysets = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor absorbing;
    private final TransactionTemplate absorbTransactions;
    private final TransactionTemplate transactions;

    /** One cached primitive: an {@link Aead} or a {@link StreamingAead} of one case of one organisation. */
    private record CaseKeyId(UUID org, UUID caseId, String purpose) {
    }

    KeyManagement(KeyRing ring, KeyStore store, Clock clock, TransactionTemplate transactions, ProtectionSettings settings) {
        this.ring = ring;
        this.store = store;
        this.clock = clock;
        this.orgKeys = new OrgKeysets(ring, store, clock, transactions, this::sealed);
        this.grants = new OrgGrants(ring, store, clock, orgKeys, this::sealed);
        this.rotation = new OrgKeyRotation(ring, store, clock, transactions, orgKeys, grants);
        Duration ttl = settings.caseKeyCacheTtl();
        this.legacySetting = settings.legacyOpenerOn();
        this.transactions = transactions;
        this.caseKeys = ttl.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(CASE_KEY_CACHE_SIZE).build();
        this.absorbTransactions = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.absorbTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.absorbing = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(ABSORB_QUEUE), runnable -> {
            Thread thread = new Thread(runnable, "haven-absorb-case-keys");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        try {
            this.ephemeral = Tink.mac(Tink.newHmacKeyset());
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("an in-memory key could not be made", e);
        }
    }

    /** One of a case's keysets ({@link #AEAD} or {@link #STREAM}) wrapped by the organisation's keyset, bound to the case and the part. */
    static byte[] wrapCaseKey(KeysetHandle keys, Aead kek, UUID caseId, String part) throws GeneralSecurityException {
        return Tink.wrap(keys, kek, ad("case:" + caseId + part));
    }

    static KeysetHandle unwrapCaseKey(byte[] wrapped, Aead kek, UUID caseId, String part) throws GeneralSecurityException {
        return Tink.unwrap(wrapped, kek, ad("case:" + caseId + part));
    }

    /**
     * A case's keys sealed to the organisation's public key (at intake, or a referral's), opened with its private key: the
     * current one, or one a rotation replaced (a node that read the public key before the rotation seals to the old one
     * until it restarts).
     */
    static KeyBundle openSealedCaseKeys(List<KeysetHandle> orgPairs, UUID org, UUID caseId, byte[] sealed) throws GeneralSecurityException {
        return openSealedCaseKeys(orgPairs, org, caseId, sealed, "");
    }

    /** As above, for a seal bound to a purpose as well ({@link #RETURN}: a referral's return seal). */
    private static KeyBundle openSealedCaseKeys(List<KeysetHandle> orgPairs, UUID org, UUID caseId, byte[] sealed, String purpose)
            throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (KeysetHandle pair : orgPairs) {
            try {
                return KeyBundle.openWith(pair, sealed, caseBinding(org, caseId, purpose));
            } catch (GeneralSecurityException notThisPair) {
                last = notThisPair;
            }
        }
        throw last != null ? last : new GeneralSecurityException("no key pair of organisation " + org);
    }

    static byte[] ad(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // --- the capability -----------------------------------------------------------------------------------

    /**
     * Refuses a thread that does not hold the organisation's keys (ADR 0006 step 4): checked before the cache, so that a
     * key this node unwrapped for another request is never handed to one without the keys. With the legacy opener on
     * (until step 11) every thread holds every organisation's keys, as the master key opens them all.
     */
    private void requireOpen(UUID org) {
        if (!legacyOpener() && !HeldKeys.holds(org)) {
            throw new KeyNotOpenException(new OrgId(org));
        }
    }

    // --- cases -------------------------------------------------------------------------------------------

    /**
     * Makes a new case's keys and stores them sealed to the organisation's public key (ADR 0006 step 8): nothing secret
     * of the organisation is needed, so the anonymous intake can open a case with nobody logged in. The transaction that
     * made them may use them until it ends ({@link MadeKeys}); after that only a thread holding the organisation's keys
     * opens them, and the first such opening replaces the seal by a wrap under the organisation's keyset ({@link #absorbLater}).
     */
    public void createCaseKeys(UUID org, UUID caseId, byte @Nullable [] threadSecret) {
        try {
            KeysetHandle aeadKeyset = Tink.newAeadKeyset();
            KeysetHandle streamKeyset = Tink.newStreamingKeyset();
            byte[] sealed = sealCaseKeys(org, caseId, aeadKeyset, streamKeyset);
            Aead aead = Tink.aead(aeadKeyset);
            KeyBundle thread = threadSecret == null ? null : ThreadKey.newBundle();
            store.insertSealedCaseKey(caseId, org, sealed, thread == null ? null : ThreadKey.wrap(caseId, thread, aead, threadSecret, THREAD_SALT_BYTES), clock.instant());
            // The transaction goes on to encrypt the new case's fields and files with them; nothing else is served them
            // before a key holder opens the seal (not this node's cache either: its first opening is what absorbs the seal).
            MadeKeys.remember(org, caseId, aeadKeyset, streamKeyset, thread == null ? null : ThreadKey.of(thread));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("case keys for case " + caseId + " could not be created", e);
        }
    }

    /** Both keysets of a case as one bundle, HPKE-sealed to the organisation's public keyset and bound to the case and organisation. */
    private byte[] sealCaseKeys(UUID org, UUID caseId, KeysetHandle aead, KeysetHandle stream) throws GeneralSecurityException {
        return sealCaseKeys(org, caseId, aead, stream, "");
    }

    /** As above, bound to a purpose as well ({@link #RETURN}: a referral's return seal, never taken for the case's own seal). */
    private byte[] sealCaseKeys(UUID org, UUID caseId, KeysetHandle aead, KeysetHandle stream, String purpose) throws GeneralSecurityException {
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        parts.put(AEAD, aead);
        parts.put(STREAM, stream);
        return new KeyBundle(parts).sealTo(publicKeyset(org), caseBinding(org, caseId, purpose));
    }

    static byte[] caseBinding(UUID org, UUID caseId) {
        return caseBinding(org, caseId, "");
    }

    private static byte[] caseBinding(UUID org, UUID caseId, String purpose) {
        return ad("case-keys" + purpose + "|case:" + caseId + "|org:" + org + "|v1");
    }

    /** The organisation's public keyset, kept in memory once read: a public key is no secret. */
    private byte[] publicKeyset(UUID org) throws GeneralSecurityException {
        byte[] known = publicKeysets.get(org);
        if (known == null) {
            known = grants.publicKeyset(org);
            publicKeysets.put(org, known);
        }
        return known;
    }

    public Aead caseAead(UUID org, UUID caseId) {
        MadeKeys made = MadeKeys.of(org, caseId);
        if (made != null) {
            return made.aead();
        }
        requireOpen(org);
        return (Aead) cached(new CaseKeyId(org, caseId, AEAD), () -> {
            KeyStore.CaseKey key = caseKey(org, caseId);
            try {
                return Tink.aead(unwrapCase(org, key, AEAD));
            } catch (GeneralSecurityException e) {
                throw new ProtectionException("the key of case " + caseId + " cannot be used", e);
            }
        });
    }

    /** The AEADs of many cases of one organisation: cached ones as they are, the others read in one query and unwrapped. */
    public Map<UUID, Aead> caseAeads(UUID org, Collection<UUID> caseIds) {
        Map<UUID, Aead> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        List<UUID> others = new ArrayList<>();
        for (UUID id : caseIds) {
            MadeKeys made = MadeKeys.of(org, id);
            if (made != null) {
                found.put(id, made.aead());
            } else {
                others.add(id);
            }
        }
        if (others.isEmpty()) {
            return found;
        }
        requireOpen(org);
        for (UUID id : others) {
            Object cached = caseKeys == null ? null : caseKeys.getIfPresent(new CaseKeyId(org, id, AEAD));
            if (cached != null) {
                found.put(id, (Aead) cached);
            } else {
                missing.add(id);
            }
        }
        for (KeyStore.CaseKey key : store.caseKeys(org, missing)) {
            try {
                found.put(key.caseId(), Tink.aead(unwrapCase(org, key, AEAD)));
            } catch (GeneralSecurityException e) {
                throw new ProtectionException("the key of case " + key.caseId() + " cannot be used", e);
            }
        }
        return found;
    }

    public StreamingAead caseStreaming(UUID org, UUID caseId) {
        MadeKeys made = MadeKeys.of(org, caseId);
        if (made != null) {
            return made.streaming();
        }
        requireOpen(org);
        return (StreamingAead) cached(new CaseKeyId(org, caseId, STREAM), () -> {
            KeyStore.CaseKey key = caseKey(org, caseId);
            try {
                return Tink.streaming(unwrapCase(org, key, STREAM));
            } catch (GeneralSecurityException e) {
                throw new ProtectionException("the document key of case " + caseId + " cannot be used", e);
            }
        });
    }

    private Object cached(CaseKeyId id, Supplier<Object> unwrap) {
        if (caseKeys == null) {
            return unwrap.get();
        }
        Object hit = caseKeys.getIfPresent(id);
        if (hit == null) {
            // Not loaded inside the cache's own computation: opening a sealed key fills both of the case's entries.
            hit = unwrap.get();
            caseKeys.put(id, hit);
        }
        return hit;
    }

    /** Forgets this node's unwrapped keys of the case. */
    private void evict(UUID org, UUID caseId) {
        if (caseKeys != null) {
            caseKeys.invalidate(new CaseKeyId(org, caseId, AEAD));
            caseKeys.invalidate(new CaseKeyId(org, caseId, STREAM));
            caseKeys.invalidate(new CaseKeyId(org, caseId, "|thread"));
        }
    }

    private KeyStore.CaseKey caseKey(UUID org, UUID caseId) {
        return store.caseKey(org, caseId)
                .orElseThrow(() -> new ProtectionException("case " + caseId + " has no key (erased, or of another organisation)"));
    }

    /** One of the case's keysets ({@code purpose} {@code |aead} or {@code |stream}), opened with what the thread holds. */
    private KeysetHandle unwrapCase(UUID org, KeyStore.CaseKey key, String purpose) throws GeneralSecurityException {
        if (key.isSealed()) {
            return openSealed(org, key).part(purpose);
        }
        byte[] wrapped = Objects.requireNonNull(AEAD.equals(purpose) ? key.aead() : key.stream());
        return unwrapCaseKey(wrapped, Tink.aead(kekFor(org, key)), key.caseId(), purpose);
    }

    /** The keyset that wrapped a case's keys: the grant's copy when the thread opened one, else the master key's (legacy). */
    private KeysetHandle kekFor(UUID org, KeyStore.CaseKey key) throws GeneralSecurityException {
        KeyBundle held = HeldKeys.bundle(org);
        if (held != null) {
            // Opened through a grant (ADR 0006 step 7): the organisation's keyset as the grant carries it, not the master key's copy.
            KeysetHandle granted = held.part(OrgGrants.KEK);
            if (contains(granted, key.wrappedBy())) {
                return granted;
            }
            if (!legacyOpener()) {
                // The case key is wrapped by a key newer than the grant this request opened (a rotation since): the keys must be
                // opened again (a session's "Unlock cases"; a token's next request after its few seconds' cache).
                throw new KeyNotOpenException(new OrgId(org));
            }
        }
        KeysetHandle orgKeyset = orgKeys.orgKeyset(org);
        if (!contains(orgKeyset, key.wrappedBy())) {
            orgKeyset = orgKeys.reloadOrgKeyset(org); // rotated elsewhere since we cached it
        }
        return orgKeyset;
    }

    /**
     * A case's keys sealed to the organisation's public key, opened with its private key (the grant's, or the legacy
     * opener's copy under the master key); both keysets go to this node's cache and are wrapped for the store.
     */
    private KeyBundle openSealed(UUID org, KeyStore.CaseKey key) throws GeneralSecurityException {
        KeyBundle held = HeldKeys.bundle(org);
        // Held the legacy way (requireOpen let the thread through): the master key's copy of the keyset.
        KeysetHandle kek = held != null ? held.part(OrgGrants.KEK) : orgKeys.orgKeyset(org);
        UUID caseId = key.caseId();
        KeyBundle keys = sealedKeys(org, key);
        if (caseKeys != null) {
            caseKeys.put(new CaseKeyId(org, caseId, AEAD), Tink.aead(keys.part(AEAD)));
            caseKeys.put(new CaseKeyId(org, caseId, STREAM), Tink.streaming(keys.part(STREAM)));
        }
        Aead wrapper = Tink.aead(kek);
        absorbLater(org, caseId, wrapCaseKey(keys.part(AEAD), wrapper, caseId, AEAD), wrapCaseKey(keys.part(STREAM), wrapper, caseId, STREAM),
                kek.getPrimary().getId());
        return keys;
    }

    /** A case's keys sealed to the organisation's public key, opened with its private key; nothing cached or written. */
    private KeyBundle sealedKeys(UUID org, KeyStore.CaseKey key) throws GeneralSecurityException {
        return openSealedCaseKeys(pairsFor(org), org, key.caseId(), Objects.requireNonNull(key.sealed()));
    }

    /**
     * The organisation's private keys: the grant's (the current pair, then those rotations replaced) when the thread opened
     * one, else the master key's copy (legacy).
     */
    private List<KeysetHandle> pairsFor(UUID org) throws GeneralSecurityException {
        KeyBundle held = HeldKeys.bundle(org);
        return held != null ? OrgGrants.pairs(held) : List.of(grants.legacyPair(org));
    }

    /**
     * Replaces a sealed case key by its wrap under the organisation's keyset ("absorb", ADR 0006 C.3), so the next opening
     * costs an AES unwrap instead of an HPKE decapsulation. Done after the caller's transaction has ended (the row may have
     * been written in it), on a thread of its own so that no request holds two database connections at once; only wrapped
     * bytes wait in its queue. It is an optimisation: when the queue is full or the update fails, the key stays sealed and
     * the next opening tries again.
     */
    private void absorbLater(UUID org, UUID caseId, byte[] aead, byte[] stream, long wrappedBy) {
        Runnable absorb = () -> {
            try {
                absorbing.submit(() -> {
                    try {
                        absorbTransactions.executeWithoutResult(status -> store.absorbCaseKey(org, caseId, aead, stream, wrappedBy));
                    } catch (RuntimeException e) {
                        LOG.warn("The sealed key of case {} was not replaced by its wrap ({}); the next opening tries again", caseId,
                                e.getClass().getSimpleName());
                    }
                });
            } catch (RejectedExecutionException full) {
                LOG.debug("Absorbing queue full or closed: the key of case {} stays sealed for now", caseId);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    absorb.run();
                }
            });
        } else {
            absorb.run();
        }
    }

    @Override
    public void destroy() {
        absorbing.shutdown();
        try {
            if (!absorbing.awaitTermination(10, TimeUnit.SECONDS)) {
                absorbing.shutdownNow();
            }
        } catch (InterruptedException e) {
            absorbing.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static boolean contains(KeysetHandle handle, long keyId) {
        for (int i = 0; i < handle.size(); i++) {
            if (handle.getAt(i).getId() == keyId) {
                return true;
            }
        }
        return false;
    }

    /**
     * A referral: the case's keys are unwrapped with the referring organisation's key and wrapped with the receiving
     * one's, so from now on only the receiving organisation can use them. The caller re-encrypts the case's fields,
     * whose associated data names the organisation.
     */
    public void transferCase(UUID from, UUID to, UUID caseId) {
        transferCase(from, to, caseId, true);
    }

    /**
     * Hands the case's keys to another organisation, sealed to its public key (ADR 0006 C.8): no key of theirs is needed.
     * {@code keepReturn}: the keys are also kept sealed to the giving organisation's public key (a referral's return
     * seal, for a withdrawal of consent); false when the case goes back (the withdrawal itself). The giving side needs
     * the case's keys: its organisation's, or those this transaction made or took back ({@link MadeKeys}).
     */
    public void transferCase(UUID from, UUID to, UUID caseId, boolean keepReturn) {
        MadeKeys made = MadeKeys.of(from, caseId);
        if (made == null) {
            requireOpen(from);
        }
        try {
            KeysetHandle aead;
            KeysetHandle stream;
            if (made != null) {
                aead = made.aeadKeyset();
                stream = made.streamKeyset();
            } else {
                KeyStore.CaseKey key = caseKey(from, caseId);
                // A sealed key is opened once, and not absorbed: it is sealed to the receiver next.
                KeyBundle sealed = key.isSealed() ? sealedKeys(from, key) : null;
                aead = sealed != null ? sealed.part(AEAD) : unwrapCase(from, key, AEAD);
                stream = sealed != null ? sealed.part(STREAM) : unwrapCase(from, key, STREAM);
            }
            byte[] returnSealed = keepReturn ? sealCaseKeys(from, caseId, aead, stream, RETURN) : null;
            int moved = store.transferCaseKey(from, to, caseId, sealCaseKeys(to, caseId, aead, stream), returnSealed);
            if (moved != 1) {
                throw new ProtectionException("the keys of case " + caseId + " could not be handed over");
            }
            // This transaction goes on to re-encrypt the case's fields for the receiving organisation: it knows the keys.
            rememberFor(to, caseId, aead, stream);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the keys of case " + caseId + " could not be handed over", e);
        }
        evict(from, caseId);
    }

    /** The case's keys (and its thread key, from the store) made known to this transaction for the organisation. */
    private void rememberFor(UUID org, UUID caseId, KeysetHandle aead, KeysetHandle stream) throws GeneralSecurityException {
        Aead caseAead = Tink.aead(aead);
        KeyStore.ThreadKeys thread = store.threadKeys(org, caseId).orElseThrow();
        MadeKeys.remember(org, caseId, aead, stream, thread.byCase() == null ? null
                : ThreadKey.openWithCase(caseId, thread.byCase(), caseAead));
    }

    /**
     * A referred case taken back after the person withdrew their consent (C.8): its keys opened from the return seal with
     * the referring organisation's keys, which this thread must hold, and made known to this transaction for the
     * receiving organisation (so the case's fields can be read there and handed back). False when the case keeps no
     * return seal for the referrer (a referral made before return seals; the legacy opener may still open the keys).
     */
    public boolean openReturnSeal(UUID receiver, UUID referrer, UUID caseId) {
        requireOpen(referrer);
        Optional<byte[]> sealed = store.returnSeal(receiver, caseId, referrer);
        if (sealed.isEmpty()) {
            return false;
        }
        try {
            KeyBundle keys = openSealedCaseKeys(pairsFor(referrer), referrer, caseId, sealed.get(), RETURN);
            rememberFor(receiver, caseId, keys.part(AEAD), keys.part(STREAM));
            return true;
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the return seal of case " + caseId + " does not open with the keys of organisation " + referrer, e);
        }
    }

    /** The receiving organisation took the case on or closed it: the referrer's way back is gone. */
    public void dropReturnSeal(UUID org, UUID caseId) {
        store.dropReturnSeal(org, caseId);
    }

    public boolean shred(UUID org, UUID caseId) {
        boolean deleted = store.deleteCaseKey(org, caseId) == 1;
        evict(org, caseId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // A request that read the key row before this transaction committed may have cached it meanwhile.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(org, caseId);
                }
            });
        }
        return deleted;
    }

    // --- the requester's thread (ADR 0006 C.6) -----------------------------------------------------------------------

    /**
     * Opens the case's thread key with the requester's secret and holds it on this thread ({@link HeldThreads}); false
     * when the case has no thread key (opened before thread keys existed, or by staff).
     */
    public boolean openThread(UUID org, UUID caseId, byte[] secret) {
        Optional<KeyStore.ThreadKeys> stored = store.threadKeys(org, caseId);
        if (stored.isEmpty() || stored.get().byRequester() == null || stored.get().salt() == null) {
            return false;
        }
        try {
            HeldThreads.add(org, caseId, ThreadKey.openWithSecret(caseId, Objects.requireNonNull(stored.get().byRequester()), secret,
                    Objects.requireNonNull(stored.get().salt())));
            return true;
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the thread key of case " + caseId + " does not open with this secret", e);
        }
    }

    /**
     * Gives a case opened before thread keys its thread key (ADR 0006 F.14), made under the case key — so only a thread
     * that may open the case key — and the requester's secret, and holds it on this thread ({@link HeldThreads}). False
     * when the case has one already (another request was first); the caller then opens that one.
     */
    public boolean addThread(UUID org, UUID caseId, byte[] secret) {
        Aead caseAead = caseAead(org, caseId);
        try {
            KeyBundle thread = ThreadKey.newBundle();
            if (!store.setThreadKeys(org, caseId, ThreadKey.wrap(caseId, thread, caseAead, secret, THREAD_SALT_BYTES))) {
                return false;
            }
            if (caseKeys != null) {
                caseKeys.invalidate(new CaseKeyId(org, caseId, "|thread")); // the case key stood in for it until now
            }
            HeldThreads.add(org, caseId, ThreadKey.of(thread));
            return true;
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the thread key of case " + caseId + " could not be made", e);
        }
    }

    /** Whether this thread may use the organisation's case keys (it holds them, or the legacy opener is on). */
    public boolean mayOpen(UUID org) {
        return legacyOpener() || HeldKeys.holds(org);
    }

    // --- the seal (ADR 0006 step 11) ------------------------------------------------------------------------------------

    /**
     * Whether the legacy opener is on: the setting, unless the installation is sealed — the master key then opens no
     * organisation's keys, whatever the setting says.
     */
    public boolean legacyOpener() {
        return legacySetting && !sealed();
    }

    /**
     * Whether the installation is sealed ({@link #seal}). Once seen sealed, always; while not, read again at most every
     * {@link #SEAL_RECHECK}, so that a node that runs while another process seals (against the advice to stop every node)
     * stops using the master key's copies within seconds instead of making new ones.
     */
    public boolean sealed() {
        if (sealedSeen) {
            return true;
        }
        long now = System.nanoTime();
        long readAt = unsealedReadAt;
        if (readAt == 0 || now - readAt > SEAL_RECHECK.toNanos()) {
            if (store.sealed()) {
                sealedSeen = true;
                orgKeys.clear();
                return true;
            }
            unsealedReadAt = now == 0 ? 1 : now;
        }
        return false;
    }

    /** The organisations that have keys but no recovery key holding a grant of them (the seal refuses while there are any). */
    public List<UUID> withoutRecoveryKey() {
        return store.withoutRecoveryKey();
    }

    /**
     * The cut-over (ADR 0006 step 11), with every node stopped: every grant of every organisation is sealed again from the
     * server's bundle (so that each carries every part, the blind-index keys included), then, in one transaction, the master
     * key's copies of the organisations' keys are removed and the installation is recorded as sealed. From then on only a
     * key holder's own secret opens an organisation's keys. Refused while an organisation has no recovery key (without one,
     * losing every key holder would lose its cases for good); {@code withoutRecoveryKey} names them.
     */
    public Sealing seal() {
        if (sealed()) {
            return new Sealing(true, 0, 0);
        }
        List<UUID> missing = store.withoutRecoveryKey();
        if (!missing.isEmpty()) {
            throw new ProtectionException("organisations " + missing + " have no recovery key: the seal would leave their keys with no way back");
        }
        int organisations = 0;
        int sealedGrants = 0;
        for (KeyStore.OrgKey org : store.orgKeys()) {
            if (org.rotationPending()) {
                throw new ProtectionException("organisation " + org.org() + " is in the middle of a key rotation: finish it first (haven keys rotate)");
            }
            sealedGrants += transactions.execute(status -> {
                resealAllFromServer(org.org());
                return store.granted(org.org()).size();
            });
            organisations++;
        }
        transactions.executeWithoutResult(status -> store.seal(clock.instant()));
        sealedSeen = true;
        orgKeys.clear();
        publicKeysets.clear();
        if (caseKeys != null) {
            caseKeys.invalidateAll();
        }
        return new Sealing(false, organisations, sealedGrants);
    }

    /** Whether the case has a thread key (every case the intake opened since step 8b; ADR 0006 C.6). */
    public boolean hasThreadKey(UUID org, UUID caseId) {
        MadeKeys made = MadeKeys.of(org, caseId);
        if (made != null) {
            return made.thread() != null;
        }
        return store.threadKeys(org, caseId).map(keys -> keys.byCase() != null).orElse(false);
    }

    /** The AEAD of the case's thread (messages, the names of files the requester added later): see {@link #threadKey}. */
    public Aead threadAead(UUID org, UUID caseId) {
        return threadKey(org, caseId).aead();
    }

    /** The streaming AEAD of the case's thread (files the requester added later): see {@link #threadKey}. */
    public StreamingAead threadStreaming(UUID org, UUID caseId) {
        return threadKey(org, caseId).streaming();
    }

    /**
     * The case's thread key: the one the requester opened on this thread, or the one this transaction made or handed
     * over; otherwise — with the case key's own checks — the thread key unwrapped by the case key, or, for a case without
     * one, the case key itself.
     */
    private ThreadKey threadKey(UUID org, UUID caseId) {
        ThreadKey held = HeldThreads.of(org, caseId);
        if (held != null) {
            return held;
        }
        MadeKeys made = MadeKeys.of(org, caseId);
        if (made != null && made.thread() != null) {
            return Objects.requireNonNull(made.thread());
        }
        Aead caseAead = caseAead(org, caseId); // refuses a thread that holds neither the case nor its organisation's keys
        if (made != null) {
            return new ThreadKey(caseAead, made.streaming()); // made in this transaction without a thread key
        }
        return (ThreadKey) cached(new CaseKeyId(org, caseId, "|thread"), () -> {
            KeyStore.ThreadKeys stored = store.threadKeys(org, caseId).orElseThrow(() -> new ProtectionException("case " + caseId + " has no key"));
            if (stored.byCase() == null) {
                return new ThreadKey(caseAead, caseStreaming(org, caseId));
            }
            try {
                return ThreadKey.openWithCase(caseId, stored.byCase(), caseAead);
            } catch (GeneralSecurityException e) {
                throw new ProtectionException("the thread key of case " + caseId + " cannot be used", e);
            }
        });
    }

    // --- grants of the organisation's keys (ADR 0006 step 6) -----------------------------------------------------------

    /**
     * Seals the organisation's keys to the principal (a staff member or token whose role reads cases), if they are at
     * hand (ADR 0006 C.7): while the legacy opener is on, the server makes them from what the master key opens; without
     * it, only the keys a key holder's request holds on this thread are sealed — except for an organisation nobody holds
     * the keys of yet, whose first holder gets them from the server (its set-up; after the cut-over, keys made then).
     * False when the grant has to wait for a key holder.
     */
    boolean grant(UUID org, KeyStore.Principal principal) {
        try {
            if (legacyOpener()) {
                grants.grant(org, principal);
                return true;
            }
            KeyBundle held = HeldKeys.bundle(org);
            if (held != null) {
                grants.grant(org, principal, held);
                return true;
            }
            if (!store.hasGrants(org)) {
                if (!sealed()) {
                    grants.grant(org, principal, grants.legacyBundle(org)); // the organisation's first key holder
                    return true;
                }
                if (store.orgKey(org).isEmpty()) {
                    // A sealed installation: the first key holder of an organisation made since gets keys made now.
                    grants.grant(org, principal, grants.madeForFirstHolder(org));
                    return true;
                }
                // Keys exist that no grant holds here (a recovery key being replaced): only a holder's opened keys may be granted.
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the keys of organisation " + org + " could not be granted to principal " + principal.id(), e);
        }
    }

    /**
     * Seals the organisation's keys as the server makes them from what the master key opens (with its blind-index keys)
     * to every principal that holds a grant again: a grant made before a part joined the bundle gets it (the cut-over
     * does this first, while the master key still opens them).
     */
    void resealAllFromServer(UUID org) {
        try {
            grants.resealAll(org);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the grants of organisation " + org + " could not be sealed again", e);
        }
    }

    /** Seals keys a holder opened (a recovery key's bundle) to the principal. */
    void grant(UUID org, KeyStore.Principal principal, KeyBundle bundle) {
        try {
            grants.grant(org, principal, bundle);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the keys of organisation " + org + " could not be granted to principal " + principal.id(), e);
        }
    }

    /** The organisation's keys from a principal's grant, opened with the principal's private key; empty without a grant. */
    Optional<KeyBundle> openGrant(UUID org, UUID principal, KeysetHandle principalKeys) {
        try {
            return grants.open(org, principal, principalKeys);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the grant of organisation " + org + " to principal " + principal + " does not open with its key", e);
        }
    }

    // --- organisation secrets -----------------------------------------------------------------------------

    public byte[] sealForOrganisation(UUID org, String purpose, byte[] secret) {
        try {
            return Tink.aead(orgKeys.orgKeyset(org)).encrypt(secret, ad("org-secret:" + org + "|" + purpose));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a secret of organisation " + org + " could not be sealed", e);
        }
    }

    public byte[] openForOrganisation(UUID org, String purpose, byte[] sealed) {
        try {
            return Tink.aead(orgKeys.orgKeyset(org)).decrypt(sealed, ad("org-secret:" + org + "|" + purpose));
        } catch (GeneralSecurityException first) {
            try {
                return Tink.aead(orgKeys.reloadOrgKeyset(org)).decrypt(sealed, ad("org-secret:" + org + "|" + purpose));
            } catch (GeneralSecurityException e) {
                throw new ProtectionException("a secret of organisation " + org + " could not be opened", e);
            }
        }
    }

    // --- staff members' own secrets (their TOTP secret) ------------------------------------------------------

    /** Under the server key file {@code keys/staff-totp.json}, bound to the user and the purpose (ADR 0006 step 3). */
    public byte[] sealStaffSecret(UUID user, String purpose, byte[] secret) {
        try {
            return ring.staffTotp().encrypt(secret, ad("staff-secret:" + user + "|" + purpose));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("a secret of staff member " + user + " could not be sealed", e);
        }
    }

    /** The secret, or empty if it was not sealed by {@link #sealStaffSecret} for this user and purpose. */
    public Optional<byte[]> openStaffSecret(UUID user, String purpose, byte[] sealed) {
        try {
            return Optional.of(ring.staffTotp().decrypt(sealed, ad("staff-secret:" + user + "|" + purpose)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    // --- blind indexes -------------------------------------------------------------------------------------

    /**
     * The blind value of an identifier in one of the organisation's indexes (ADR 0006 step 9): from the keys in the bundle
     * the thread holds; without one (the legacy opener), or from a grant made before the blind-index keys joined the bundle
     * while the legacy opener is on, from the master key's copies — the same keys, so the same values.
     */
    public byte[] blindIndex(UUID org, String index, byte[] normalised) {
        BlindIndexes.checkName(index);
        requireOpen(org);
        try {
            KeyBundle held = HeldKeys.bundle(org);
            if (held != null) {
                byte[] value = BlindIndexes.compute(held, index, normalised);
                if (value != null) {
                    return value;
                }
                if (!legacyOpener()) {
                    // a grant sealed before the blind-index keys joined the bundle (the cut-over seals every grant again)
                    throw new KeyNotOpenException(new OrgId(org));
                }
            }
            return Objects.requireNonNull(BlindIndexes.compute(new KeyBundle(BlindIndexes.legacyParts(ring, store, org)), index, normalised));
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("blind index " + index + " of organisation " + org + " cannot be computed", e);
        }
    }

    // --- rotation ----------------------------------------------------------------------------------------

    /**
     * Adds a new primary key to every organisation's keyset and re-wraps every case key with it, in
     * small transactions. A rotation that was interrupted (an organisation with a pending rotation) is
     * resumed instead of starting a new one. {@code progress} receives the number of case keys done.
     */
    public KeyRotation rotate(int batchSize, LongConsumer total, LongConsumer progress) {
        if (sealed()) {
            // C.10: on a sealed installation a rotation needs a key holder's keys for each organisation (not built yet).
            throw new ProtectionException("the installation is sealed: the master key no longer opens the organisations' keysets; "
                    + "each organisation's keys are rotated with its key holder's or recovery key's keys");
        }
        return rotation.rotate(batchSize, total, progress);
    }

    /**
     * On a sealed installation (ADR 0006 C.10): a new primary key in the organisation's keyset, from the keys this thread
     * holds (a key holder's or its recovery key's), sealed to every holder of a grant, and every case key re-wrapped by it;
     * an interrupted rotation is resumed by the next call. {@code progress} receives the number of case keys done.
     *
     * @throws KeyNotOpenException if this thread does not hold the organisation's keys, or holds keys opened before an
     *     interrupted rotation began
     */
    public KeyRotation rotate(UUID org, int batchSize, LongConsumer total, LongConsumer progress) {
        if (!sealed()) {
            throw new ProtectionException("the installation is not sealed: the master key still keeps every organisation's keyset, "
                    + "and haven keys rotate rotates them all");
        }
        KeyBundle held = HeldKeys.bundle(org);
        if (held == null) {
            throw new KeyNotOpenException(new OrgId(org));
        }
        try {
            return rotation.rotateHeld(org, held, batchSize, total, progress);
        } finally {
            publicKeysets.remove(org); // a rotation gives the organisation a new public key
        }
    }

    /** The organisation key id that wraps a case's keys (for tests and the rotation report). */
    public long wrappedBy(UUID org, UUID caseId) {
        return caseKey(org, caseId).wrappedBy();
    }

    public long primaryKeyId(UUID org) {
        return store.orgKey(org).orElseThrow(() -> new ProtectionException("organisation " + org + " has no key")).primaryKeyId();
    }

    // --- requesters' codenames and visitors' buckets --------------------------------------------------------

    /** HMAC-SHA256 under the codename lookup key (a key file wrapped by the master key). */
    public byte[] codenameLookup(byte[] data) {
        try {
            return ring.codenameLookup(data);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the codename lookup key cannot be used", e);
        }
    }

    /** HMAC-SHA256 under the codename pepper (a key file wrapped by the master key, apart from the lookup key). */
    public byte[] codenamePepper(byte[] data) {
        try {
            return ring.codenamePepper(data);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the codename pepper cannot be used", e);
        }
    }

    /** HMAC-SHA256 under the staff sessions key (a key file wrapped by the master key): staff session ids, passkey log-in options. */
    public byte[] staffSessionsMac(byte[] data) {
        try {
            return ring.staffSessions(data);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the staff sessions key cannot be used", e);
        }
    }

    /** HMAC-SHA256 under a key made when this process started, held only in its memory and never written anywhere. */
    public byte[] ephemeralMac(byte[] data) {
        try {
            return ephemeral.computeMac(data);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the in-memory bucket key cannot be used", e);
        }
    }

    // --- the audit log's keys ------------------------------------------------------------------------------

    @Override
    public byte[] mac(byte[] data) {
        try {
            return ring.auditMac(data);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the audit chain key cannot be used", e);
        }
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            return ring.auditSign(data);
        } catch (GeneralSecurityException e) {
            throw new ProtectionException("the audit signing key cannot be used", e);
        }
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        return ring.auditVerify(data, signature);
    }
}
