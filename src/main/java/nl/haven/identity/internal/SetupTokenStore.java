package nl.haven.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time first-start set-up tokens: 256 random bits, only their SHA-256 hash stored, single use,
 * expiring.
 */
@Repository
public class SetupTokenStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;

    SetupTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String issue(Instant now, Duration validity) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into setup_token (token_hash, created_at, expires_at) values (?, ?, ?)")
                .params(hash(token), utc(now), utc(now.plus(validity)))
                .update();
        return token;
    }

    /** True if the token exists, is unused and has not expired. */
    public boolean isValid(String token, Instant now) {
        return jdbc.sql("select count(*) from setup_token where token_hash = ? and used_at is null and expires_at > ?")
                .params(hash(token), utc(now)).query(Long.class).single() == 1;
    }

    /** Marks the token used; true only for the one caller that used it while it was valid. */
    public boolean consume(String token, Instant now) {
        return jdbc.sql("update setup_token set used_at = ? where token_hash = ? and used_at is null and expires_at > ?")
                .params(utc(now), hash(token), utc(now)).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
