package nl.haven.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A staff member's passkeys as Haven shows and removes them. The WebAuthn ceremonies themselves read
 * and write the same tables (V11) through Spring Security's JDBC repositories; a WebAuthn user entity
 * is tied to its staff account by the account's e-mail address. Every query names the owner: a
 * passkey of someone else is as absent as one that does not exist.
 */
@Repository
public class PasskeyStore {
    private final JdbcClient jdbc;

    PasskeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A passkey as its owner sees it; the credential id is public (the authenticator sends it at every log-in). */
    public record Passkey(String id, String label, @Nullable Instant created, @Nullable Instant lastUsed) {
        @Override
        public String toString() {
            return "Passkey[…]";
        }
    }

    private static final String OWNED = """
            select c.credential_id, c.label, c.created, c.last_used from user_credentials c
            join user_entities u on u.id = c.user_entity_user_id where u.name = ?""";

    private static Passkey passkey(ResultSet rs, int n) throws SQLException {
        Timestamp created = rs.getTimestamp("created");
        Timestamp lastUsed = rs.getTimestamp("last_used");
        return new Passkey(rs.getString("credential_id"), rs.getString("label"), created == null ? null : created.toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    /** The passkeys of the account with this e-mail address, newest first. */
    public List<Passkey> of(String email) {
        return jdbc.sql(OWNED + " order by c.created desc, c.credential_id").param(email).query(PasskeyStore::passkey).list();
    }

    /** One passkey of the account with this e-mail address; empty for another's and for an unknown id alike. */
    public Optional<Passkey> find(String email, String credentialId) {
        return jdbc.sql(OWNED + " and c.credential_id = ?").params(email, credentialId).query(PasskeyStore::passkey).optional();
    }

    /** The e-mail address of the account a credential belongs to. */
    public Optional<String> owner(String credentialId) {
        return jdbc.sql("select u.name from user_credentials c join user_entities u on u.id = c.user_entity_user_id where c.credential_id = ?")
                .param(credentialId).query(String.class).optional();
    }

    /** The e-mail address of a WebAuthn user entity (by its user handle). */
    public Optional<String> ownerOfUserHandle(String userHandle) {
        return jdbc.sql("select name from user_entities where id = ?").param(userHandle).query(String.class).optional();
    }

    /** Removes every passkey of the account with this e-mail address; how many there were. */
    public int removeAll(String email) {
        return jdbc.sql("delete from user_credentials where user_entity_user_id in (select id from user_entities where name = ?)")
                .param(email).update();
    }
}
