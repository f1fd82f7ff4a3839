package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #23, step 8: the CPU a new case's keys cost the intake, without the database — the same calls as
 * {@code KeyManagement.createCaseKeys} before step 8 (two keysets wrapped by the organisation's keyset), after step 8a
 * (both sealed to the organisation's public keyset in one HPKE operation) and after step 8b (plus the thread key: a
 * bundle of two keysets wrapped by the case key and under HKDF of the codename). The HTTP figure
 * ({@code IntakeThroughput}) is too noisy on a shared 2-vCPU VM to see a difference of this size; this one is not. Run:
 * {@code mvn -Pbenchmarks test-compile exec:exec -Djmh.args="CaseKeysBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx512m" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CaseKeysBenchmark {
    private KeysetHandle organisationKeyset;
    private byte[] publicKeyset;
    private final UUID org = UUID.randomUUID();
    private final byte[] codename = SealedKeys.utf8("codename:4821-0937-5520-1184-6093-2271-8830");

    @Setup
    public void setUp() throws GeneralSecurityException {
        organisationKeyset = Tink.newAeadKeyset();
        publicKeyset = SealedKeys.publicKeyset(SealedKeys.newKeyPair());
    }

    /** Before step 8: both keysets wrapped by the organisation's keyset (as the code did, the AEAD made per case). */
    @Benchmark
    public Object wrappedByOrganisationKeyset() throws GeneralSecurityException {
        UUID caseId = UUID.randomUUID();
        Aead kek = Tink.aead(organisationKeyset);
        KeysetHandle aead = Tink.newAeadKeyset();
        byte[] a = KeyManagement.wrapCaseKey(aead, kek, caseId, KeyManagement.AEAD);
        byte[] s = KeyManagement.wrapCaseKey(Tink.newStreamingKeyset(), kek, caseId, KeyManagement.STREAM);
        return new Object[] { a, s, Tink.aead(aead) };
    }

    /** Step 8a: both keysets sealed to the organisation's public keyset; the primitives kept for the transaction. */
    @Benchmark
    public Object sealedToPublicKey() throws GeneralSecurityException {
        UUID caseId = UUID.randomUUID();
        KeysetHandle aead = Tink.newAeadKeyset();
        KeysetHandle stream = Tink.newStreamingKeyset();
        return new Object[] { sealed(caseId, aead, stream), Tink.aead(aead), Tink.streaming(stream) };
    }

    /** Step 8b: as 8a, plus the thread key made, wrapped twice and kept for the transaction. */
    @Benchmark
    public Object sealedWithThreadKey() throws GeneralSecurityException {
        UUID caseId = UUID.randomUUID();
        KeysetHandle aead = Tink.newAeadKeyset();
        KeysetHandle stream = Tink.newStreamingKeyset();
        byte[] sealed = sealed(caseId, aead, stream);
        Aead caseAead = Tink.aead(aead);
        KeyBundle thread = ThreadKey.newBundle();
        KeyStore.ThreadKeys wraps = ThreadKey.wrap(caseId, thread, caseAead, codename, KeyManagement.THREAD_SALT_BYTES);
        return new Object[] { sealed, wraps.byCase(), wraps.byRequester(), caseAead, Tink.streaming(stream), ThreadKey.of(thread) };
    }

    private byte[] sealed(UUID caseId, KeysetHandle aead, KeysetHandle stream) throws GeneralSecurityException {
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        parts.put(KeyManagement.AEAD, aead);
        parts.put(KeyManagement.STREAM, stream);
        return new KeyBundle(parts).sealTo(publicKeyset, KeyManagement.caseBinding(org, caseId));
    }
}
