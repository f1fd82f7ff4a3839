package nl.haven.protection.internal;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import nl.haven.protection.KeysNotMadeException;
import nl.haven.protection.ProtectionException;
import nl.haven.shared.OrgId;

/**
 * An organisation's key pair and its grants (ADR 0006 step 6, C.1 and C.7): the organisation's keys — its HPKE private
 * key ({@value #PAIR}), the keyset that wraps its case keys ({@value #KEK}) and its blind-index keys (step 9,
 * {@link BlindIndexes}) — as one {@link KeyBundle}, sealed to the
 * public key of each principal whose role reads cases. A grant is bound to its organisation and principal, so a grant
 * copied to another row does not open.
 *
 * <p>Until the cut-over (step 11) the bundle is made by the server itself from what the master key opens (the
 * organisation keyset, and a master-wrapped copy of the private key): grants are made and sealed again without any key
 * holder logged in. From the cut-over on ({@code sealed}), only a key holder's opened bundle can be sealed to another
 * principal, and an organisation made since gets its keys made for its first key holder ({@link #madeForFirstHolder}).
 */
final class OrgGrants {
    static final String PAIR = "org-pair";
    static final String KEK = "case-key-wrapping";
    /** A key pair a rotation replaced, by its keyset's primary id: it still opens what was sealed to it (ADR 0006 C.10). */
    static final String PREVIOUS_PAIR = "org-pair-previous:";
    /** How many replaced key pairs a bundle keeps (a bundle has at most {@link KeyBundle#MAX_PARTS} parts). */
    static final int PREVIOUS_PAIRS_KEPT = 4;

    private final KeyRing ring;
    private final KeyStore store;
    private final Clock clock;
    private final OrgKeysets orgKeys;
    private final BooleanSupplier sealed;

    OrgGrants(KeyRing ring, KeyStore store, Clock clock, OrgKeysets orgKeys, BooleanSupplier sealed) {
        this.sealed = sealed;
        this.ring = ring;
        this.store = store;
        this.clock = clock;
        this.orgKeys = orgKeys;
    }

    /**
     * The organisation's bundle as the legacy opener makes it: its key pair (made on first use), its current keyset and
     * its blind-index keys ({@link BlindIndexes}).
     */
    KeyBundle legacyBundle(UUID org) throws GeneralSecurityException {
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        parts.put(PAIR, legacyPair(org));
        parts.put(KEK, orgKeys.orgKeyset(org));
        parts.putAll(BlindIndexes.legacyParts(ring, store, org));
        return new KeyBundle(parts);
    }

    /** The organisation's key pairs in the bundle: the current one first, then those rotations replaced, newest first. */
    static List<KeysetHandle> pairs(KeyBundle bundle) throws GeneralSecurityException {
        List<KeysetHandle> pairs = new ArrayList<>();
        pairs.add(bundle.part(PAIR));
        List<String> previous = new ArrayList<>(bundle.names().stream().filter(name -> name.startsWith(PREVIOUS_PAIR)).toList());
        Collections.reverse(previous); // added in order: the newest last
        for (String name : previous) {
            pairs.add(bundle.part(name));
        }
        return pairs;
    }

    /**
     * The bundle with a new key pair (a rotation's) in place of the current one, which is kept as a previous pair; of the
     * previous pairs the newest {@value #PREVIOUS_PAIRS_KEPT} are kept.
     */
    static KeyBundle withNewPair(KeyBundle bundle, KeysetHandle newPair) throws GeneralSecurityException {
        KeysetHandle current = bundle.part(PAIR);
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        List<String> previous = bundle.names().stream().filter(name -> name.startsWith(PREVIOUS_PAIR)).toList();
        int drop = Math.max(0, previous.size() + 1 - PREVIOUS_PAIRS_KEPT);
        for (String name : bundle.names()) {
            if (!name.startsWith(PREVIOUS_PAIR) || previous.indexOf(name) >= drop) {
                parts.put(name, name.equals(PAIR) ? newPair : bundle.part(name));
            }
        }
        parts.put(PREVIOUS_PAIR + Integer.toUnsignedString(current.getPrimary().getId()), current);
        return new KeyBundle(parts);
    }

    /**
     * The organisation's public keyset (made with its pair on first use; on a sealed installation only for its first key
     * holder, else {@link KeysNotMadeException}).
     */
    byte[] publicKeyset(UUID org) throws GeneralSecurityException {
        Optional<KeyStore.OrgPair> stored = store.orgPair(org);
        if (stored.isEmpty()) {
            if (sealed.getAsBoolean()) {
                throw new KeysNotMadeException(new OrgId(org));
            }
            legacyPair(org);
            stored = store.orgPair(org);
        }
        return stored.orElseThrow().publicKeyset();
    }

    /** The organisation's key pair as the master key opens it: the legacy opener's copy (made on first use). */
    KeysetHandle legacyPair(UUID org) throws GeneralSecurityException {
        if (sealed.getAsBoolean()) {
            throw new ProtectionException("the installation is sealed: the master key no longer opens the keys of organisation " + org);
        }
        Optional<KeyStore.OrgPair> stored = store.orgPair(org);
        if (stored.isEmpty()) {
            orgKeys.orgKeyset(org); // the org_key row the pair is stored in
            KeysetHandle fresh = SealedKeys.newKeyPair();
            store.setOrgPairIfNone(org, new KeyStore.OrgPair(SealedKeys.publicKeyset(fresh),
                    Tink.wrap(fresh, ring.master(), KeyManagement.ad("org-pair:" + org))));
            stored = store.orgPair(org); // another node's, if it was first
        }
        byte[] wrapped = stored.orElseThrow().wrappedPrivate();
        if (wrapped == null) {
            throw new ProtectionException("the master key no longer opens the keys of organisation " + org);
        }
        return Tink.unwrap(wrapped, ring.master(), KeyManagement.ad("org-pair:" + org));
    }

    /**
     * On a sealed installation, the keys of an organisation nobody holds yet, made now for its first key holder: a new
     * key pair, keyset and blind-index root, of which the server keeps the public key and the keyset's primary key id
     * only. Refused when the organisation has keys already (every grant of them lost: only its recovery key gives them
     * back). In the caller's transaction: rolled back with it, nothing remains.
     */
    KeyBundle madeForFirstHolder(UUID org) throws GeneralSecurityException {
        KeysetHandle pair = SealedKeys.newKeyPair();
        KeysetHandle kek = Tink.newAeadKeyset();
        if (!store.insertOrgKey(org, null, kek.getPrimary().getId(), clock.instant())) {
            throw new ProtectionException("organisation " + org + " has keys that no grant holds: only its recovery key gives them back");
        }
        store.setOrgPairIfNone(org, new KeyStore.OrgPair(SealedKeys.publicKeyset(pair), null));
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        parts.put(PAIR, pair);
        parts.put(KEK, kek);
        parts.put(BlindIndexes.ROOT, Tink.newHmacKeyset());
        return new KeyBundle(parts);
    }

    /** Seals the organisation's bundle to the principal: from now on their own secret opens the organisation's keys. */
    void grant(UUID org, KeyStore.Principal principal) throws GeneralSecurityException {
        grant(org, principal, legacyBundle(org));
    }

    /** Seals a bundle a holder opened (a recovery key's) to the principal. */
    void grant(UUID org, KeyStore.Principal principal, KeyBundle bundle) throws GeneralSecurityException {
        if (!principal.org().equals(org)) {
            throw new GeneralSecurityException("principal " + principal.id() + " is not of organisation " + org);
        }
        store.putGrant(org, principal.id(), bundle.sealTo(principal.publicKeyset(), binding(org, principal.id())), clock.instant());
    }

    /** Seals the organisation's current bundle again to every principal that holds a grant (after its keyset changed). */
    void resealAll(UUID org) throws GeneralSecurityException {
        resealAll(org, legacyBundle(org));
    }

    /** Seals the bundle to every principal that holds a grant of the organisation (a rotation's, from a holder's keys). */
    void resealAll(UUID org, KeyBundle bundle) throws GeneralSecurityException {
        for (KeyStore.Principal principal : store.granted(org)) {
            grant(org, principal, bundle);
        }
    }

    /** The organisation's bundle from the principal's grant, opened with the principal's private key; empty without a grant. */
    Optional<KeyBundle> open(UUID org, UUID principal, KeysetHandle principalKeys) throws GeneralSecurityException {
        Optional<byte[]> sealed = store.grant(org, principal);
        return sealed.isEmpty() ? Optional.empty() : Optional.of(KeyBundle.openWith(principalKeys, sealed.get(), binding(org, principal)));
    }

    private static byte[] binding(UUID org, UUID principal) {
        return SealedKeys.utf8("grant|org:" + org + "|principal:" + principal + "|v1");
    }
}
