package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #23, step 1 (docs/adr/0006-sealed-at-rest.md, E): what the primitives of "sealed at rest" cost on this machine,
 * before anything is built on them — the log-in's Argon2id (one computation gives the verifier and the wrap key) at the
 * password hash's cost and at stronger candidates, the intake's HPKE seal of a case's two keysets, a key holder's HPKE
 * open, a grant's bundle open, and the per-request open of the session's bundle copy. Run:
 * {@code mvn -Pbenchmarks test-compile exec:exec -Djmh.args="KeyWrapBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx512m" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KeyWrapBenchmark {

    /** Only the Argon2id benchmark takes this parameter (the other benchmarks run once). */
    @State(Scope.Benchmark)
    public static class Cost {
        /** Argon2id memory (KiB) and passes: the password hash's (OWASP minimum), OWASP's alternative, and a stronger one. */
        @Param({ "19456:2", "47104:1", "65536:3" })
        public String argon2;

        SealedKeys.Argon2Cost cost;

        @Setup
        public void setUp() {
            String[] parts = argon2.split(":");
            cost = new SealedKeys.Argon2Cost(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 1);
        }
    }

    private final char[] password = "correct horse battery staple 42".toCharArray();
    private final byte[] salt = SealedKeys.newSalt();
    private byte[] publicKeyset;
    private KeysetHandle organisation;
    private byte[] caseKeys;
    private byte[] sealedCaseKeys;
    private final byte[] caseBinding = SealedKeys.utf8("case:7f1c2d3e-0000-4000-8000-000000000001|org:9a8b7c6d-0000-4000-8000-000000000002");
    private KeysetHandle holder;
    private byte[] grant;
    private final byte[] grantBinding = SealedKeys.utf8("grant:org-1|principal:user-2");
    private Aead sessionKey;
    private byte[] sessionCopy;
    private final byte[] sessionAd = SealedKeys.utf8("session-bundle|org:org-1");
    private final byte[] cookieSecret = SealedKeys.random(32);

    @Setup
    public void setUp() throws GeneralSecurityException {
        organisation = SealedKeys.newKeyPair();
        publicKeyset = SealedKeys.publicKeyset(organisation);
        // A case's keys as CaseOpening makes them: an AEAD keyset and a streaming keyset, sealed in one HPKE operation.
        byte[] aead = TinkProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
                InsecureSecretKeyAccess.get());
        byte[] streaming = TinkProtoKeysetFormat.serializeKeyset(Tink.newStreamingKeyset(), InsecureSecretKeyAccess.get());
        caseKeys = new byte[aead.length + streaming.length];
        System.arraycopy(aead, 0, caseKeys, 0, aead.length);
        System.arraycopy(streaming, 0, caseKeys, aead.length, streaming.length);
        sealedCaseKeys = SealedKeys.seal(publicKeyset, caseKeys, caseBinding);

        Map<String, KeysetHandle> bundleParts = new LinkedHashMap<>();
        bundleParts.put("hpke", organisation);
        bundleParts.put("kek", KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        bundleParts.put("blind-index", Tink.newHmacKeyset());
        KeyBundle bundle = new KeyBundle(bundleParts);
        holder = SealedKeys.newKeyPair();
        grant = bundle.sealTo(SealedKeys.publicKeyset(holder), grantBinding);
        sessionKey = SealedKeys.fromSecret(cookieSecret, new byte[0], "session");
        sessionCopy = bundle.wrap(sessionKey, sessionAd);
    }

    /** The log-in's one Argon2id: verifier and wrap key (ADR E: the same cost as today's password check alone). */
    @Benchmark
    public Object passwordKeys(Cost cost) throws GeneralSecurityException {
        return SealedKeys.fromPassword(password, salt, cost.cost);
    }

    /** The intake: a case's keys sealed to the organisation's public keyset (read from the database, no secret). */
    @Benchmark
    public byte[] intakeSealsCaseKeys() throws GeneralSecurityException {
        return SealedKeys.seal(publicKeyset, caseKeys, caseBinding);
    }

    /** A key holder opens a sealed case key once (then it is re-wrapped under the organisation's KEK). */
    @Benchmark
    public byte[] keyHolderOpensCaseKeys() throws GeneralSecurityException {
        return SealedKeys.open(organisation, sealedCaseKeys, caseBinding);
    }

    /** At log-in, after the password: the holder's grant opened into the organisation's bundle. */
    @Benchmark
    public KeyBundle logInOpensGrant() throws GeneralSecurityException {
        return KeyBundle.openWith(holder, grant, grantBinding);
    }

    /** Each request: the session's copy of the bundle opened with the key from the cookie's secret. */
    @Benchmark
    public KeyBundle requestOpensSessionCopy() throws GeneralSecurityException {
        return KeyBundle.unwrap(sessionCopy, SealedKeys.fromSecret(cookieSecret, new byte[0], "session"), sessionAd);
    }
}
