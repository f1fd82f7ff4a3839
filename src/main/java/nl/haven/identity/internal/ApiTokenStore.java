package nl.haven.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API tokens, stored only as the SHA-256 of the token. Every query that takes a token id is scoped
 * to the token's owner here, so that no caller can reach another user's token by its id.
 */
@Repository
public class ApiTokenStore {
    private final JdbcClient jdbc;

    ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One token as its owner sees it: never the token or its hash. */
    public record ApiToken(UUID id, @Nullable String name, Instant created, Instant expires, @Nullable Instant revoked) {
        public boolean usableAt(Instant now) {
            return revoked == null && expires.isAfter(now);
        }

        @Override
        public String toString() {
            return "ApiToken[" + id + "]";
        }
    }

    public UUID create(UserId owner, @Nullable String name, String tokenHash, Instant now, Instant expires) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into api_token (id, user_id, token_hash, created_at, expires_at, name) values (?, ?, ?, ?, ?, ?)")
                .params(id, owner.value(), tokenHash, utc(now), utc(expires), name).update();
        return id;
    }

    /** An unexpired, unrevoked token: its id and its owner. */
    public record Valid(UUID id, UserId owner) {
    }

    /** The unexpired, unrevoked token with this hash. */
    public Optional<Valid> valid(String tokenHash, Instant now) {
        return jdbc.sql("select id, user_id from api_token where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(tokenHash, utc(now)).query((rs, n) -> new Valid(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class))))
                .optional();
    }

    /** The owner of an unexpired, unrevoked token. */
    public Optional<UserId> ownerOf(String tokenHash, Instant now) {
        return valid(tokenHash, now).map(Valid::owner);
    }

    /** The owner's tokens, newest first. */
    public List<ApiToken> ownedBy(UserId owner) {
        return jdbc.sql("select id, name, created_at, expires_at, revoked_at from api_token where user_id = ? order by created_at desc, id")
                .param(owner.value()).query(ApiTokenStore::token).list();
    }

    /** A token of this owner; empty for another user's token and for an id that does not exist alike. */
    public Optional<ApiToken> findOwnedBy(UserId owner, UUID id) {
        return jdbc.sql("select id, name, created_at, expires_at, revoked_at from api_token where user_id = ? and id = ?")
                .params(owner.value(), id).query(ApiTokenStore::token).optional();
    }

    /** Revokes a token of this owner; true only if it was not revoked before. */
    public boolean revoke(UserId owner, UUID id, Instant now) {
        return jdbc.sql("update api_token set revoked_at = ? where user_id = ? and id = ? and revoked_at is null")
                .params(utc(now), owner.value(), id).update() == 1;
    }

    /** Revokes every token of this user that is not revoked yet; returns how many. */
    public int revokeAll(UserId owner, Instant now) {
        return jdbc.sql("update api_token set revoked_at = ? where user_id = ? and revoked_at is null").params(utc(now), owner.value()).update();
    }

    private static ApiToken token(ResultSet rs, int n) throws SQLException {
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
