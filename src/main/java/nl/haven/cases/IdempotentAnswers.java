package nl.haven.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import nl.haven.protection.Protection;
import nl.haven.protection.ProtectionException;
import nl.haven.shared.OrgId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Idempotency keys, one implementation for the public intake and every staff create (issue #21, point 6): the first
 * answer to a request with a key is kept, sealed under a key derived from the client's {@code Idempotency-Key} itself
 * (which the server never stores: a copy of the server's disk and database opens no kept answer — issue #23, ADR 0006
 * step 2; an intake's answer holds the requester's codename), in the <em>same transaction</em> as what
 * the request made, for {@code haven.intake.idempotency-retention} (24 hours by default); a retry with the same key and
 * the same content gets that answer again, a retry with other content is refused ({@link KeyReused}, 422). Two
 * requests racing with one key meet at the key's primary key: the second waits for the first, fails, rolls back
 * everything it did and gets the first's answer. A key is only ever stored as SHA-256 of its purpose, its scope (the
 * intake's organisation, a staff member's user id) and the key, so one caller's key never finds another's answer.
 */
@Service
public class IdempotentAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentAnswers.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Protection protection;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration retention;

    IdempotentAnswers(JdbcClient jdbc, Protection protection, TransactionTemplate transactions, Clock clock,
            @Value("${haven.intake.idempotency-retention:24h}") Duration retention) {
        this.jdbc = jdbc;
        this.protection = protection;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
    }

    /** Where a key belongs: what it is for (also the sealing purpose) and whose it is. */
    public record Scope(OrgId org, String purpose, String owner) {
        @Override
        public String toString() {
            return "Scope[" + purpose + "]";
        }
    }

    /** The key was used before, within the retention, for a request with other content. */
    public static final class KeyReused extends RuntimeException {
        public KeyReused() {
            super("the Idempotency-Key was used before for a different request", null, false, false);
        }
    }

    /**
     * The answer kept for this key (its fields as {@link #record} stored them), if it is within the retention.
     *
     * @throws KeyReused when it was given to a request with another fingerprint
     */
    public Optional<ObjectNode> earlier(Scope scope, String key, String fingerprint) {
        return kept(scope, key).map(answer -> {
            if (!answer.path("fingerprint").asString().equals(fingerprint)) {
                throw new KeyReused();
            }
            return answer;
        });
    }

    /** The answer kept for this key, whatever request it answered (the intake shows its receipt again). */
    public Optional<ObjectNode> kept(Scope scope, String key) {
        Instant notBefore = clock.instant().minus(retention);
        return jdbc.sql("select sealed from intake_idempotency where key_hash = ? and org_id = ? and created_at >= ?")
                .params(keyHash(scope, key), scope.org().value(), OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC))
                .query((rs, n) -> rs.getBytes(1)).optional()
                .map(sealed -> (ObjectNode) JSON.readTree(open(scope, key, sealed)));
    }

    /** What a request made and the answer to keep for it (without the fingerprint, which is added). */
    public record Made<T>(T result, ObjectNode answer) {
    }

    /**
     * Runs {@code work} and keeps its answer in one transaction (a transaction {@code work} joins). When another request
     * with the same key committed first, everything {@code work} did is rolled back and that request's answer is
     * returned instead (empty result).
     *
     * @throws KeyReused when that other request had other content
     */
    public <T> Replayable<T> record(Scope scope, String key, String fingerprint, Supplier<Made<T>> work) {
        byte[] keyHash = keyHash(scope, key);
        try {
            Made<T> made = Objects.requireNonNull(transactions.execute(status -> {
                Made<T> result = work.get();
                ObjectNode answer = result.answer().deepCopy();
                answer.put("fingerprint", fingerprint);
                byte[] sealed = protection.sealWithClientSecret(purpose(scope), key.getBytes(StandardCharsets.UTF_8),
                        answer.toString().getBytes(StandardCharsets.UTF_8));
                jdbc.sql("insert into intake_idempotency (key_hash, org_id, sealed, created_at) values (?, ?, ?, ?)")
                        .params(keyHash, scope.org().value(), sealed, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
                return result;
            }));
            return new Replayable<>(made.result(), made.answer());
        } catch (DuplicateKeyException raced) {
            // Another request with the same key committed first: everything of this one was rolled back.
            ObjectNode first = earlier(scope, key, fingerprint).orElseThrow(() -> raced);
            return new Replayable<>(null, first);
        }
    }

    /** The result of {@link #record}: {@code result} null when the answer is another request's, to be replayed. */
    public record Replayable<T>(@org.jspecify.annotations.Nullable T result, ObjectNode answer) {
        public boolean replayed() {
            return result == null;
        }
    }

    /**
     * The sealing purpose: what the key is for, whose it is and in which organisation — an answer opens only for the
     * request that made it (the same key, the same owner).
     */
    static String purpose(Scope scope) {
        return scope.purpose() + "|" + scope.org().value() + "|" + scope.owner();
    }

    /**
     * An answer sealed under the client's key; one kept before this version (under the organisation's key, at most
     * the retention old) is still opened the old way until it expires — this fallback can go one release later.
     */
    private byte[] open(Scope scope, String key, byte[] sealed) {
        try {
            return protection.openWithClientSecret(purpose(scope), key.getBytes(StandardCharsets.UTF_8), sealed);
        } catch (ProtectionException notUnderTheClientsKey) {
            return protection.openForOrganisation(scope.org(), scope.purpose(), sealed);
        }
    }

    static byte[] keyHash(Scope scope, String key) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((scope.purpose() + "|" + scope.owner() + "|" + key).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers kept for retries are deleted once their retention has passed (hourly). */
    @Scheduled(cron = "0 17 * * * *")
    void forgetOldAnswers() {
        Instant before = clock.instant().minus(retention);
        int deleted = jdbc.sql("delete from intake_idempotency where created_at < ?").param(OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .update();
        if (deleted > 0) {
            LOG.info("deleted {} answers kept for retried requests past their retention", deleted);
        }
    }
}
