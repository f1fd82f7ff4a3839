package nl.haven.bench;

import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import nl.haven.HavenApplication;
import nl.haven.audit.AuditChain;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.protection.internal.KeyManagement;
import nl.haven.shared.AuditKeys;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cost of field encryption and of the audit log per write (issue acceptance point: encryption ≤ 10 %, audit ≤ 15 %
 * extra over the same write without them). One write is one transaction that inserts one row with a 200-byte text
 * value into {@code canary_field}, on a real Haven context (embedded H2 file database, PostgreSQL mode, Haven's own
 * migrations), started once per fork.
 *
 * <ul>
 *   <li>{@link #plain}: the value as UTF-8 bytes, no encryption, no audit event;</li>
 *   <li>{@link #encrypted}: the value encrypted with {@link Protection#encryptText} (AES-256-GCM under the case's key);</li>
 *   <li>{@link #audited}: plain plus {@link AuditLog#record} of a {@code case.note-added} event in the same transaction;</li>
 *   <li>{@link #encryptedAndAudited}: both.</li>
 * </ul>
 *
 * The rest are diagnostics. Encryption: {@link #encryptedCachedKey} is the encrypted write with the case's {@link Aead}
 * unwrapped once in setup (what a short-lived key cache would give); {@link #encryptOnly}, {@link #caseKeyOnly},
 * {@link #caseKeyRowOnly} and {@link #aesGcmOnly} time the parts without a write; {@link #emptyTransaction} is the
 * begin/commit every write pays. Audit: {@link #auditMacOnly} (the chain's HMAC); {@code -p checkpointEvery=0} turns the
 * signed checkpoints off. The {@code T2} methods run writes on two threads at once (audited writers queue on the next
 * sequence number).
 *
 * <p>Warm-up is 10 × 2 s, not 3 × 2 s: on the 2-core build machine the write paths (Spring transaction, JDBC, H2, Tink)
 * were still getting faster through the sixth iteration with 3 × 2 s (audited: 147, 83, 55, 43, 35 µs/op).
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Djmh.args="WriteCostBenchmark -prof gc -rf json -rff
 * target/benchmarks/write-cost.json"} (about 10 minutes; method and results in benchmarks/write-cost.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class WriteCostBenchmark {
    /** 200 ASCII characters, so 200 bytes in UTF-8: a short case note. */
    static final String TEXT = note(200);
    static final String TABLE = "canary_field";
    static final String COLUMN = "body";
    static final String INSERT = "insert into canary_field (case_id, org_id, body) values (?, ?, ?)";
    /** The test-only table of src/test/resources/db/test/V900__test_fields.sql, which is not on the benchmark class path. */
    static final String CANARY_DDL = """
            create table if not exists canary_field (
                case_id  uuid primary key,
                org_id   uuid  not null,
                body     bytea not null
            )""";

    /**
     * Haven's default is a signed checkpoint (Ed25519 signature, appended and fsynced to the checkpoint file) every 1000
     * audit events; {@code -p checkpointEvery=0} turns them off to show what they add to {@link #audited}.
     */
    @Param("1000")
    public int checkpointEvery;

    /**
     * {@code h2}: Haven's embedded default, an H2 file database under the fork's temp dir. {@code postgresql}: the server
     * of {@code -Dhaven.bench.postgres} (default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), in a
     * fresh schema per fork that teardown drops; commits there are durable (fsync, synchronous_commit as the server is
     * configured, which setup prints).
     */
    @Param("h2")
    public String database;

    /** The case-key cache's lifetime ({@code haven.protection.case-key-cache}); {@code 0s} turns it off. */
    @Param("10s")
    public String caseKeyCache;

    private BenchDatabase db;
    private ConfigurableApplicationContext context;
    private Protection protection;
    private AuditLog audit;
    private KeyManagement keys;
    private AuditKeys auditKeys;
    private JdbcClient jdbc;
    private TransactionTemplate transactions;

    private OrgId org;
    private CaseId caseId;
    private FieldRef field;
    private Aead cachedAead;
    private byte[] associatedData;

    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException {
        db = BenchDatabase.open(database, "write-cost");
        List<String> args = new ArrayList<>(db.args());
        args.addAll(List.of(
                "--spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor},classpath:db/test",
                "--logging.level.root=WARN", "--haven.audit.checkpoint-every=" + checkpointEvery,
                "--haven.protection.case-key-cache=" + caseKeyCache));
        context = new SpringApplicationBuilder(HavenApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
        protection = context.getBean(Protection.class);
        audit = context.getBean(AuditLog.class);
        keys = context.getBean(KeyManagement.class);
        auditKeys = context.getBean(AuditKeys.class);
        jdbc = context.getBean(JdbcClient.class);
        transactions = context.getBean(TransactionTemplate.class);

        // The test-only table of db/test (not on the benchmark class path), in this context's own schema.
        jdbc.sql(CANARY_DDL).update();
        String url;
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("\n[write-cost] database " + url);

        org = OrgId.random();
        caseId = CaseId.random();
        field = new FieldRef(org, caseId, TABLE, COLUMN);
        transactions.executeWithoutResult(s -> protection.newCase(org, caseId));

        // The same associated data as FieldRef.associatedData() (package-private); checked by decrypting below.
        associatedData = ("haven:v1|" + org + "|" + caseId + "|" + TABLE + "|" + COLUMN).getBytes(StandardCharsets.UTF_8);
        cachedAead = keys.caseAead(org.value(), caseId.value());
        byte[] viaCache = cachedAead.encrypt(TEXT.getBytes(StandardCharsets.UTF_8), associatedData);
        if (!protection.decryptText(field, viaCache).equals(TEXT) || !protection.decryptText(field, protection.encryptText(field, TEXT)).equals(TEXT)) {
            throw new IllegalStateException("the cached-key path does not produce what Protection decrypts");
        }
        if (TEXT.getBytes(StandardCharsets.UTF_8).length != 200) {
            throw new IllegalStateException("the note is not 200 bytes");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            long rows = jdbc.sql("select count(*) from canary_field").query(Long.class).single();
            long events = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
            long head = jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
            System.out.println("\n[write-cost] rows written: " + rows + ", audit events: " + events + ", last sequence number: " + head);
            if (events != head) {
                throw new IllegalStateException("audit events " + events + " != last sequence number " + head + ": a gap");
            }
        } finally {
            context.close();
            db.close();
        }
    }

    // --- the four writes ----------------------------------------------------------------------------------

    @Benchmark
    public Integer plain() {
        return transactions.execute(s -> insert(TEXT.getBytes(StandardCharsets.UTF_8)));
    }

    @Benchmark
    public Integer encrypted() {
        return transactions.execute(s -> insert(protection.encryptText(field, TEXT)));
    }

    @Benchmark
    public Long audited() {
        return transactions.execute(s -> {
            insert(TEXT.getBytes(StandardCharsets.UTF_8));
            return audit.record(AuditEvent.of(org, AuditEvent.SYSTEM, "case.note-added", "case", caseId));
        });
    }

    @Benchmark
    public Long encryptedAndAudited() {
        return transactions.execute(s -> {
            insert(protection.encryptText(field, TEXT));
            return audit.record(AuditEvent.of(org, AuditEvent.SYSTEM, "case.note-added", "case", caseId));
        });
    }

    // --- diagnostics: where the encryption cost goes ------------------------------------------------------

    /** The encrypted write with the case's key unwrapped once (a per-request or short-lived cache). */
    @Benchmark
    public Integer encryptedCachedKey() {
        return transactions.execute(s -> {
            try {
                return insert(cachedAead.encrypt(TEXT.getBytes(StandardCharsets.UTF_8), associatedData));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Protection.encryptText alone, in a transaction of its own (the key row is read on its connection). */
    @Benchmark
    public byte[] encryptOnly() {
        return transactions.execute(s -> protection.encryptText(field, TEXT));
    }

    /** The case's Aead as encryptText gets it: read the case_key row, unwrap the keyset, build the primitive. */
    @Benchmark
    public Aead caseKeyOnly() {
        return transactions.execute(s -> keys.caseAead(org.value(), caseId.value()));
    }

    /** Only the case_key row read that caseKeyOnly does (the same SQL as KeyStore.caseKey). */
    @Benchmark
    public byte[] caseKeyRowOnly() {
        return transactions.execute(s -> jdbc
                .sql("select case_id, org_id, aead_keyset, stream_keyset, wrapped_by, sealed from case_key where org_id = ? and case_id = ?")
                .params(org.value(), caseId.value()).query((rs, n) -> rs.getBytes(3)).single());
    }

    /** AES-256-GCM of the 200 bytes with a key in hand: the cryptography itself. */
    @Benchmark
    public byte[] aesGcmOnly() throws GeneralSecurityException {
        return cachedAead.encrypt(TEXT.getBytes(StandardCharsets.UTF_8), associatedData);
    }

    /** A transaction that does nothing: what every write above pays for begin and commit alone. */
    @Benchmark
    public Integer emptyTransaction() {
        return transactions.execute(s -> 1);
    }

    // --- diagnostics: where the audit cost goes -----------------------------------------------------------

    /** The HMAC-SHA256 of an event's canonical encoding, as AuditLog.record computes it (the chain's cryptography). */
    @Benchmark
    public String auditMacOnly() {
        AuditEvent event = AuditEvent.of(org, AuditEvent.SYSTEM, "case.note-added", "case", caseId);
        Instant at = AuditChain.micros(Instant.now());
        return HexFormat.of().formatHex(auditKeys.mac(AuditChain.eventBytes(42, at, org.value(), event.actor(), event.action(),
                event.subjectType(), event.subjectId(), AuditChain.GENESIS)));
    }

    // --- two writers at once ------------------------------------------------------------------------------

    @Benchmark
    @Threads(2)
    public Integer plainT2() {
        return plain();
    }

    @Benchmark
    @Threads(2)
    public Long auditedT2() {
        return audited();
    }

    @Benchmark
    @Threads(2)
    public Long encryptedAndAuditedT2() {
        return encryptedAndAudited();
    }

    // -----------------------------------------------------------------------------------------------------

    /** One row under a fresh random key (random like Haven's UUIDs, so the index takes inserts all over). */
    private int insert(byte[] body) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID id = new UUID(random.nextLong(), random.nextLong());
        return jdbc.sql(INSERT).params(id, org.value(), body).update();
    }

    private static String note(int length) {
        String words = "Client reports threats from family after coming out; needs safe housing and a lawyer. ";
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = words.charAt(i % words.length());
        }
        return new String(text);
    }
}
