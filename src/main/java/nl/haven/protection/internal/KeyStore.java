package nl.haven.protection.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The wrapped keys in the database: one keyset per organisation (wrapped by the master key), two per
 * case (AEAD and streaming, wrapped by the organisation's keyset), one per organisation and blind
 * index. None of these tables is part of a database backup (see Backups): keys are backed up
 * separately, so that an erased case stays erased in every restored backup.
 */
@Repository
public class KeyStore {
    public static final List<String> KEY_TABLES = List.of("org_key", "case_key", "blind_index_key", "key_check", "principal", "principal_wrap", "org_grant",
            "key_seal");

    private final JdbcClient jdbc;

    KeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An organisation's key row: {@code keyset} (wrapped by the master key) is null once the installation is sealed (V34). */
    record OrgKey(UUID org, byte @Nullable [] keyset, long primaryKeyId, boolean rotationPending) {
    }

    /**
     * A case's keys: wrapped by the organisation's keyset ({@code aead}, {@code stream}, {@code wrappedBy}), or — a case
     * no key holder has opened yet — {@code sealed} to the organisation's public key, the wrapped parts then null and
     * {@code wrappedBy} 0 (ADR 0006 step 8).
     */
    record CaseKey(UUID caseId, UUID org, byte @Nullable [] aead, byte @Nullable [] stream, long wrappedBy, byte @Nullable [] sealed) {
        boolean isSealed() {
            return sealed != null;
        }
    }

    Optional<OrgKey> orgKey(UUID org) {
        return jdbc.sql("select org_id, keyset, primary_key_id, rotation_pending from org_key where org_id = ?").param(org)
                .query((rs, n) -> new OrgKey(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getLong(3), rs.getBoolean(4))).optional();
    }

    List<OrgKey> orgKeys() {
        return jdbc.sql("select org_id, keyset, primary_key_id, rotation_pending from org_key order by org_id")
                .query((rs, n) -> new OrgKey(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getLong(3), rs.getBoolean(4))).list();
    }

    /**
     * Inserts the organisation's first keyset ({@code keyset} null on a sealed installation: only its primary key's id is
     * kept); false when another caller was first.
     */
    boolean insertOrgKey(UUID org, byte @Nullable [] keyset, long primaryKeyId, Instant now) {
        return jdbc.sql("""
                insert into org_key (org_id, keyset, primary_key_id, rotation_pending, updated_at)
                select ?, ?, ?, false, ? where not exists (select 1 from org_key where org_id = ?)""")
                .params(org, keyset, primaryKeyId, utc(now), org).update() == 1;
    }

    /** {@code keyset} null on a sealed installation: only the primary key's id and the rotation's state are kept. */
    void updateOrgKey(UUID org, byte @Nullable [] keyset, long primaryKeyId, boolean rotationPending, Instant now) {
        jdbc.sql("update org_key set keyset = ?, primary_key_id = ?, rotation_pending = ?, updated_at = ? where org_id = ?")
                .params(keyset, primaryKeyId, rotationPending, utc(now), org).update();
    }

    /** A new case's keys, sealed to its organisation's public key, and its thread key if it has one. */
    void insertSealedCaseKey(UUID caseId, UUID org, byte[] sealed, @Nullable ThreadKeys thread, Instant now) {
        jdbc.sql("insert into case_key (case_id, org_id, sealed, thread_org, thread_requester, thread_salt, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(caseId, org, sealed, thread == null ? null : thread.byCase(), thread == null ? null : thread.byRequester(),
                        thread == null ? null : thread.salt(), utc(now)).update();
    }

    /**
     * A sealed case key replaced by its wrap under the organisation's keyset ("absorbed"); nothing happens when it is no
     * longer sealed, or no longer the organisation's (absorbed or handed over meanwhile). True when this call absorbed it.
     */
    boolean absorbCaseKey(UUID org, UUID caseId, byte[] aead, byte[] stream, long wrappedBy) {
        return jdbc.sql("update case_key set aead_keyset = ?, stream_keyset = ?, wrapped_by = ?, sealed = null "
                + "where case_id = ? and org_id = ? and sealed is not null")
                .params(aead, stream, wrappedBy, caseId, org).update() == 1;
    }

    Optional<CaseKey> caseKey(UUID org, UUID caseId) {
        return jdbc.sql("select case_id, org_id, aead_keyset, stream_keyset, wrapped_by, sealed from case_key where org_id = ? and case_id = ?")
                .params(org, caseId).query(KeyStore::caseKey).optional();
    }

    /** The keys of many cases of one organisation in one query (a batch of a run over the open cases). */
    List<CaseKey> caseKeys(UUID org, Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(org);
        params.addAll(caseIds);
        return jdbc.sql("select case_id, org_id, aead_keyset, stream_keyset, wrapped_by, sealed from case_key where org_id = ? and case_id in ("
                + String.join(", ", Collections.nCopies(caseIds.size(), "?")) + ")")
                .params(params).query(KeyStore::caseKey).list();
    }

    /** Case keys of the organisation not yet wrapped by the given organisation key (sealed ones included), a batch at a time. */
    List<CaseKey> caseKeysNotWrappedBy(UUID org, long keyId, int limit) {
        return jdbc.sql("select case_id, org_id, aead_keyset, stream_keyset, wrapped_by, sealed from case_key "
                + "where org_id = ? and (wrapped_by is null or wrapped_by <> ?) order by case_id fetch first " + limit + " rows only")
                .params(org, keyId).query(KeyStore::caseKey).list();
    }

    long countCaseKeys(UUID org) {
        return jdbc.sql("select count(*) from case_key where org_id = ?").param(org).query(Long.class).single();
    }

    long countCaseKeysNotWrappedBy(UUID org, long keyId) {
        return jdbc.sql("select count(*) from case_key where org_id = ? and (wrapped_by is null or wrapped_by <> ?)").params(org, keyId).query(Long.class).single();
    }

    void rewrapCaseKey(UUID caseId, byte[] aead, byte[] stream, long wrappedBy) {
        jdbc.sql("update case_key set aead_keyset = ?, stream_keyset = ?, wrapped_by = ?, sealed = null where case_id = ?")
                .params(aead, stream, wrappedBy, caseId).update();
    }

    /**
     * Hands the case's keys to another organisation, sealed to its public key; {@code returnSealed}: the same keys sealed
     * to the giving organisation's public key (a referral's return seal), or null (none: a withdrawal's hand-back).
     */
    int transferCaseKey(UUID from, UUID to, UUID caseId, byte[] sealed, byte @Nullable [] returnSealed) {
        return jdbc.sql("update case_key set org_id = ?, sealed = ?, aead_keyset = null, stream_keyset = null, wrapped_by = null, "
                + "return_org = ?, return_sealed = ? where case_id = ? and org_id = ?")
                .params(to, sealed, returnSealed == null ? null : from, returnSealed, caseId, from).update();
    }

    /** A referred case's return seal for the organisation that referred it (C.8), if it is still kept. */
    Optional<byte[]> returnSeal(UUID org, UUID caseId, UUID returnOrg) {
        return jdbc.sql("select return_sealed from case_key where org_id = ? and case_id = ? and return_org = ? and return_sealed is not null")
                .params(org, caseId, returnOrg).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** The return seal dropped: the receiving organisation took the case on or closed it. */
    void dropReturnSeal(UUID org, UUID caseId) {
        jdbc.sql("update case_key set return_org = null, return_sealed = null where org_id = ? and case_id = ? and return_sealed is not null")
                .params(org, caseId).update();
    }

    /** A case's thread key (ADR 0006 C.6): wrapped by the case key, and under a key from the requester's secret with its salt. */
    record ThreadKeys(byte @Nullable [] byCase, byte @Nullable [] byRequester, byte @Nullable [] salt) {
    }

    Optional<ThreadKeys> threadKeys(UUID org, UUID caseId) {
        return jdbc.sql("select thread_org, thread_requester, thread_salt from case_key where org_id = ? and case_id = ?").params(org, caseId)
                .query((rs, n) -> new ThreadKeys(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3))).optional();
    }

    /** Gives a case that has none its thread key; false when it has one already (another request was first). */
    boolean setThreadKeys(UUID org, UUID caseId, ThreadKeys keys) {
        return jdbc.sql("update case_key set thread_org = ?, thread_requester = ?, thread_salt = ? where org_id = ? and case_id = ? and thread_org is null")
                .params(keys.byCase(), keys.byRequester(), keys.salt(), org, caseId).update() == 1;
    }

    /** Crypto-shredding: the case's keys are gone; what they encrypted can no longer be read. */
    int deleteCaseKey(UUID org, UUID caseId) {
        return jdbc.sql("delete from case_key where org_id = ? and case_id = ?").params(org, caseId).update();
    }

    /** Every blind-index key row of the organisation (index name → master-wrapped keyset), by name. */
    Map<String, byte[]> blindIndexKeys(UUID org) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        jdbc.sql("select index_name, keyset from blind_index_key where org_id = ? order by index_name").param(org)
                .query(rs -> {
                    keys.put(rs.getString(1), rs.getBytes(2));
                });
        return keys;
    }

    boolean insertBlindIndexKey(UUID org, String index, byte[] keyset) {
        return jdbc.sql("""
                insert into blind_index_key (org_id, index_name, keyset)
                select ?, ?, ? where not exists (select 1 from blind_index_key where org_id = ? and index_name = ?)""")
                .params(org, index, keyset, org, index).update() == 1;
    }

    // --- the seal (ADR 0006 step 11) -------------------------------------------------------------------------------

    /** Whether the installation is sealed: the master key's copies of the organisations' keys are gone. */
    boolean sealed() {
        return jdbc.sql("select count(*) from key_seal").query(Long.class).single() > 0;
    }

    /**
     * Removes the master key's copies of every organisation's keys — its keyset, its private key, its blind-index keys —
     * and records the installation as sealed. The caller's transaction makes it all or nothing.
     */
    void seal(Instant now) {
        jdbc.sql("update org_key set keyset = null, private_keyset = null").update();
        jdbc.sql("delete from blind_index_key").update();
        jdbc.sql("insert into key_seal (id, sealed_at) values (1, ?)").param(utc(now)).update();
    }

    /** The organisations with keys but without a recovery key that holds a grant of them, by id. */
    List<UUID> withoutRecoveryKey() {
        return jdbc.sql("""
                select k.org_id from org_key k where not exists (
                    select 1 from principal p join org_grant g on g.principal_id = p.id and g.org_id = p.org_id
                    where p.org_id = k.org_id and p.kind = 'RECOVERY')
                order by k.org_id""").query(UUID.class).list();
    }

    // --- principals (ADR 0006 step 5) -----------------------------------------------------------------------------

    record Principal(UUID id, UUID owner, String kind, UUID user, UUID org, byte[] publicKeyset) {
    }

    record Wrap(UUID principal, String kind, byte[] salt, @Nullable String cost, byte[] wrapped) {
    }

    Optional<Principal> principalOf(UUID owner) {
        return jdbc.sql("select id, owner_id, kind, user_id, org_id, public_keyset from principal where owner_id = ?").param(owner)
                .query(KeyStore::principal).optional();
    }

    Optional<Wrap> wrap(UUID principal, String kind) {
        return jdbc.sql("select principal_id, kind, salt, cost, wrapped from principal_wrap where principal_id = ? and kind = ?")
                .params(principal, kind)
                .query((rs, n) -> new Wrap(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3), rs.getString(4), rs.getBytes(5))).optional();
    }

    /** A new principal with its first wrap, replacing the owner's earlier one and its wraps. Call in a transaction. */
    void replacePrincipal(Principal principal, Wrap wrap, Instant now) {
        deletePrincipalOf(principal.owner());
        jdbc.sql("insert into principal (id, owner_id, kind, user_id, org_id, public_keyset, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(principal.id(), principal.owner(), principal.kind(), principal.user(), principal.org(), principal.publicKeyset(), utc(now))
                .update();
        putWrap(wrap, now);
    }

    /** Stores a wrap of the principal's private keyset, replacing the one of the same kind. Call in a transaction. */
    void putWrap(Wrap wrap, Instant now) {
        jdbc.sql("delete from principal_wrap where principal_id = ? and kind = ?").params(wrap.principal(), wrap.kind()).update();
        jdbc.sql("insert into principal_wrap (principal_id, kind, salt, cost, wrapped, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(wrap.principal(), wrap.kind(), wrap.salt(), wrap.cost(), wrap.wrapped(), utc(now)).update();
    }

    /** Deletes the owner's principal (a staff member's own, or a token's) with its wraps. */
    int deletePrincipalOf(UUID owner) {
        return deletePrincipals("owner_id = ?", owner);
    }

    /** Deletes every principal of a staff member — their own and their tokens' — with their wraps. */
    int deletePrincipalsOfUser(UUID user) {
        return deletePrincipals("user_id = ?", user);
    }

    /** Deletes the principals of a staff member's tokens (revoked) with their wraps. */
    int deleteTokenPrincipalsOf(UUID user) {
        return deletePrincipals("user_id = ? and kind = 'TOKEN'", user);
    }

    private int deletePrincipals(String where, UUID value) {
        jdbc.sql("delete from org_grant where principal_id in (select id from principal where " + where + ")").param(value).update();
        jdbc.sql("delete from principal_wrap where principal_id in (select id from principal where " + where + ")").param(value).update();
        return jdbc.sql("delete from principal where " + where).param(value).update();
    }

    /** The principals of a staff member: their own and their tokens'. */
    List<Principal> principalsOfUser(UUID user) {
        return jdbc.sql("select id, owner_id, kind, user_id, org_id, public_keyset from principal where user_id = ? order by kind, id").param(user)
                .query(KeyStore::principal).list();
    }

    // --- organisation key pairs and grants (ADR 0006 step 6) --------------------------------------------------------

    /** The organisation's key pair: {@code wrappedPrivate} (by the master key) is null once the installation is sealed. */
    record OrgPair(byte[] publicKeyset, byte @Nullable [] wrappedPrivate) {
    }

    Optional<OrgPair> orgPair(UUID org) {
        return jdbc.sql("select public_keyset, private_keyset from org_key where org_id = ? and public_keyset is not null").param(org)
                .query((rs, n) -> new OrgPair(rs.getBytes(1), rs.getBytes(2))).optional();
    }

    /** A rotation's new public key for the organisation (a sealed installation keeps no copy of the private key). */
    void replaceOrgPublicKeyset(UUID org, byte[] publicKeyset) {
        jdbc.sql("update org_key set public_keyset = ?, private_keyset = null where org_id = ?").params(publicKeyset, org).update();
    }

    /** Gives the organisation its key pair unless it has one already (another node was first); the key must exist. */
    void setOrgPairIfNone(UUID org, OrgPair pair) {
        jdbc.sql("update org_key set public_keyset = ?, private_keyset = ? where org_id = ? and public_keyset is null")
                .params(pair.publicKeyset(), pair.wrappedPrivate(), org).update();
    }

    void putGrant(UUID org, UUID principal, byte[] sealed, Instant now) {
        jdbc.sql("delete from org_grant where org_id = ? and principal_id = ?").params(org, principal).update();
        jdbc.sql("insert into org_grant (org_id, principal_id, sealed, created_at) values (?, ?, ?, ?)").params(org, principal, sealed, utc(now))
                .update();
    }

    Optional<byte[]> grant(UUID org, UUID principal) {
        return jdbc.sql("select sealed from org_grant where org_id = ? and principal_id = ?").params(org, principal).query(byte[].class).optional();
    }

    /** The principals that hold a grant of the organisation, to seal its bundle to them again. */
    List<Principal> granted(UUID org) {
        return jdbc.sql("""
                select p.id, p.owner_id, p.kind, p.user_id, p.org_id, p.public_keyset from org_grant g join principal p on p.id = g.principal_id
                where g.org_id = ? order by p.id""").param(org)
                .query(KeyStore::principal).list();
    }

    /** Whether anyone holds a grant of the organisation's keys (the recovery key included). */
    boolean hasGrants(UUID org) {
        return jdbc.sql("select count(*) from org_grant where org_id = ?").param(org).query(Long.class).single() > 0;
    }

    /** The staff members' and tokens' principals of the organisation that hold no grant, oldest first. */
    List<Principal> withoutGrant(UUID org) {
        return jdbc.sql("""
                select p.id, p.owner_id, p.kind, p.user_id, p.org_id, p.public_keyset from principal p
                where p.org_id = ? and p.user_id is not null and not exists (select 1 from org_grant g where g.org_id = p.org_id and g.principal_id = p.id)
                order by p.created_at, p.id""").param(org)
                .query(KeyStore::principal).list();
    }

    /** Withdraws the grants of a staff member's principals (their own and their tokens'). */
    int deleteGrantsOfUser(UUID org, UUID user) {
        return jdbc.sql("delete from org_grant where org_id = ? and principal_id in (select id from principal where user_id = ?)").params(org, user)
                .update();
    }

    private static Principal principal(ResultSet rs, int row) throws SQLException {
        return new Principal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getObject(5, UUID.class), rs.getBytes(6));
    }

    private static CaseKey caseKey(ResultSet rs, int row) throws SQLException {
        return new CaseKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3), rs.getBytes(4), rs.getLong(5), rs.getBytes(6));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
