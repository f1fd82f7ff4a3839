package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The capability check of ADR 0006 step 4, with the legacy opener off (as it will be for good from step 11): a thread
 * gets a case key only while it holds its organisation's keys, whatever this node has cached. Every other test runs
 * with the legacy opener on, which treats every thread as holding every organisation's keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "haven.protection.legacy-opener=false")
class OpenedKeysIT {
    private static final String SECRET = "Ik ben trans en zoek hulp";
    private static final ExecutorService OTHER = Executors.newSingleThreadExecutor();

    @Autowired
    Protection protection;
    @Autowired
    TransactionTemplate transactions;

    @AfterAll
    static void stop() {
        OTHER.shutdownNow();
    }

    private static FieldRef body(OrgId org, CaseId caseId) {
        return new FieldRef(org, caseId, "canary_field", "body");
    }

    /** Runs on another thread, one that opened nothing, and returns what it threw (or fails if it threw nothing). */
    private static Throwable refusedElsewhere(ThrowingRunnable work) throws InterruptedException {
        Future<?> done = OTHER.submit(() -> {
            work.run();
            return null;
        });
        try {
            done.get();
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("another thread, which holds no keys, was served");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aThreadWithoutTheOrganisationsKeysGetsNoCaseKeyEvenWhenCached() throws Exception {
        OrgId org = OrgId.random();
        CaseId caseId = CaseId.random();
        byte[] field;
        byte[] document;
        try (OpenedKeys keys = protection.open(org)) {
            protection.newCase(org, caseId);
            field = protection.encryptText(body(org, caseId), SECRET);
            assertThat(protection.decryptText(body(org, caseId), field)).isEqualTo(SECRET); // the key is in this node's cache now
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (OutputStream out = protection.encryptingStream(new FieldRef(org, caseId, "document", "content"), sink)) {
                out.write(SECRET.getBytes(StandardCharsets.UTF_8));
            }
            document = sink.toByteArray();
            protection.blindIndex(org, "case.V_NUMBER", "1234567890");

            // Another thread, while this one still holds the keys and the case key is cached: nothing.
            for (Throwable refused : new Throwable[] {
                    refusedElsewhere(() -> protection.decrypt(body(org, caseId), field)),
                    refusedElsewhere(() -> protection.encryptText(body(org, caseId), "more")),
                    refusedElsewhere(() -> protection.decryptAll(org, "canary_field", "body", Map.of(caseId, field))),
                    refusedElsewhere(() -> protection.decryptingStream(new FieldRef(org, caseId, "document", "content"),
                            new ByteArrayInputStream(document)).readAllBytes()),
                    refusedElsewhere(() -> protection.blindIndex(org, "case.V_NUMBER", "1234567890")),
                    refusedElsewhere(() -> protection.transferCase(org, OrgId.random(), caseId)) }) {
                assertThat(refused).isInstanceOf(KeyNotOpenException.class).hasMessageContaining(org.value().toString())
                        .hasMessageNotContaining(SECRET);
                assertThat(((KeyNotOpenException) refused).org()).isEqualTo(org);
            }
        }
        // This thread, once it closed them: nothing either.
        assertThatThrownBy(() -> protection.decrypt(body(org, caseId), field)).isInstanceOf(KeyNotOpenException.class);
        // The other thread, given the keys: served.
        assertThat(CompletableFuture.supplyAsync(() -> {
            try (OpenedKeys keys = protection.open(org)) {
                return protection.decryptText(body(org, caseId), field);
            }
        }, OTHER).get()).isEqualTo(SECRET);
    }

    @Test
    void oneOrganisationsKeysOpenNoOtherAndNestedOpensAreCounted() throws IOException {
        OrgId one = OrgId.random();
        OrgId two = OrgId.random();
        CaseId ofTwo = CaseId.random();
        byte[] field;
        try (OpenedKeys keys = protection.open(two)) {
            protection.newCase(two, ofTwo);
            field = protection.encryptText(body(two, ofTwo), SECRET);
        }
        try (OpenedKeys keys = protection.open(one)) {
            assertThatThrownBy(() -> protection.decrypt(body(two, ofTwo), field)).isInstanceOf(KeyNotOpenException.class);
        }
        try (OpenedKeys outer = protection.open(two)) {
            try (OpenedKeys inner = protection.open(two)) {
                assertThat(protection.decryptText(body(two, ofTwo), field)).isEqualTo(SECRET);
            }
            assertThat(protection.decryptText(body(two, ofTwo), field)).isEqualTo(SECRET); // the outer one still holds them
            outer.close();
            outer.close(); // closing twice does not drop another holder's count
            assertThatThrownBy(() -> protection.decrypt(body(two, ofTwo), field)).isInstanceOf(KeyNotOpenException.class);
        }
    }

    @Test
    void openedKeysAreClosedOnTheThreadThatOpenedThem() throws Exception {
        OrgId org = OrgId.random();
        try (OpenedKeys keys = protection.open(org)) {
            Throwable refused = refusedElsewhere(keys::close);
            assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("must be closed there");
            assertThat(keys).hasToString("OpenedKeys[" + org.value() + "]");
        }
    }

    /**
     * ADR 0006 step 8: the transaction that made a case's keys (the intake, with nobody logged in) encrypts with them
     * without holding the organisation's keys — and with nothing else: not another case, not on another thread, not
     * after it ended, not for another organisation.
     */
    @Test
    void aTransactionUsesTheKeysOfTheCasesItMadeAndNothingElse() throws Exception {
        OrgId org = OrgId.random();
        CaseId earlier = CaseId.random();
        byte[] earlierField;
        try (OpenedKeys keys = protection.open(org)) {
            protection.newCase(org, earlier);
            earlierField = protection.encryptText(body(org, earlier), SECRET);
        }
        CaseId made = CaseId.random();
        byte[][] fields = new byte[2][];
        transactions.executeWithoutResult(status -> {
            protection.newCase(org, made);
            fields[0] = protection.encryptText(body(org, made), SECRET);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (OutputStream out = protection.encryptingStream(new FieldRef(org, made, "document", "content"), sink)) {
                out.write(SECRET.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            fields[1] = sink.toByteArray();
            assertThat(protection.decryptText(body(org, made), fields[0])).isEqualTo(SECRET);
            assertThat(protection.decryptAll(org, "canary_field", "body", Map.of(made, fields[0]))).containsOnlyKeys(made);

            assertThatThrownBy(() -> protection.decrypt(body(org, earlier), earlierField)).isInstanceOf(KeyNotOpenException.class);
            assertThatThrownBy(() -> protection.decryptAll(org, "canary_field", "body", Map.of(made, fields[0], earlier, earlierField)))
                    .isInstanceOf(KeyNotOpenException.class);
            OrgId other = OrgId.random();
            assertThatThrownBy(() -> protection.decrypt(body(other, made), fields[0])).isInstanceOf(KeyNotOpenException.class);
            try {
                assertThat(refusedElsewhere(() -> protection.decrypt(body(org, made), fields[0]))).isInstanceOf(KeyNotOpenException.class);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThatThrownBy(() -> protection.decrypt(body(org, made), fields[0])).isInstanceOf(KeyNotOpenException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> protection.decrypt(body(org, made), fields[0])))
                .isInstanceOf(KeyNotOpenException.class);
        // Stored sealed, and opened by whoever holds the organisation's keys.
        try (OpenedKeys keys = protection.open(org)) {
            assertThat(protection.decryptText(body(org, made), fields[0])).isEqualTo(SECRET);
            assertThat(protection.decryptingStream(new FieldRef(org, made, "document", "content"), new ByteArrayInputStream(fields[1]))
                    .readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo(SECRET);
        }
    }
}
