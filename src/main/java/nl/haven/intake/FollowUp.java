package nl.haven.intake;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.cases.CaseText;
import nl.haven.cases.RequesterCases;
import nl.haven.protection.OpenedThread;
import nl.haven.protection.ThreadSecret;
import nl.haven.protection.RequesterSecrets;
import nl.haven.shared.CaseId;
import nl.haven.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The requester's side after the request: with the codename they see the organisation's replies and their own
 * messages (never the original request text) and can answer (SECURITY.md S7).
 *
 * <p>A wrong codename costs what a right one costs (one keyed look-up, one Argon2id check against the row's hash or a
 * decoy, one audit event) and the caller shows both the same way. More than {@code haven.intake.follow-up-failures-per-hour}
 * wrong codenames from one visitor bucket in an hour, and every further attempt of that hour, right or wrong, is
 * refused without checking.
 */
@Service
class FollowUp {
    private final IntakeStore store;
    private final RequesterSecrets secrets;
    private final RequesterCases cases;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Throttle failures;

    FollowUp(IntakeStore store, RequesterSecrets secrets, RequesterCases cases, AuditLog audit, TransactionTemplate transactions, Clock clock,
            IntakeSettings settings) {
        this.store = store;
        this.secrets = secrets;
        this.cases = cases;
        this.audit = audit;
        this.transactions = transactions;
        this.failures = new Throttle(settings.followUpFailuresPerHour(), clock);
    }

    /** What the page shows. */
    sealed interface Outcome permits Thread, Unknown, Throttled {
    }

    /** The codename was right: the thread, oldest first, and where the request stands. */
    record Thread(List<CaseText> messages, RequesterCases.Standing standing) implements Outcome {
    }

    /** Wrong, or its case is gone (erased): the same for the visitor. */
    record Unknown() implements Outcome {
    }

    record Throttled(long retryAfterSeconds) implements Outcome {
    }

    Outcome thread(String clientAddress, @Nullable String typed) {
        return open(clientAddress, typed, null, List.of());
    }

    /** Adds the requester's message, then shows the thread. */
    Outcome reply(String clientAddress, @Nullable String typed, String message) {
        return open(clientAddress, typed, message, List.of());
    }

    /** Adds the requester's files (checked and stripped as the intake's), then shows the thread. */
    Outcome attach(String clientAddress, @Nullable String typed, List<RequesterCases.IntakeDocument> files) {
        return open(clientAddress, typed, null, files);
    }

    private Outcome open(String clientAddress, @Nullable String typed, @Nullable String reply, List<RequesterCases.IntakeDocument> files) {
        byte[] bucket = secrets.bucket(clientAddress);
        OptionalLong wait = failures.retryAfter(bucket);
        if (wait.isPresent()) {
            return new Throttled(wait.getAsLong());
        }
        String codename = normalised(typed);
        Optional<UUID> caseId = check(codename);
        if (caseId.isEmpty()) {
            failures.count(bucket);
            transactions.executeWithoutResult(status -> audit.record(AuditEvent.of(null, AuditEvent.ANONYMOUS, "intake.follow-up-refused")));
            return new Unknown();
        }
        CaseId id = new CaseId(caseId.get());
        // The codename opens the case's thread key (ADR 0006 C.6): the thread is read and answered with nobody of the
        // organisation logged in, and the key is held by this thread only until the page is made.
        try (OpenedThread thread = cases.unlock(id, ThreadSecret.ofCodename(codename))) {
            if (reply != null) {
                cases.reply(id, reply);
            }
            if (!files.isEmpty()) {
                transactions.executeWithoutResult(status -> {
                    for (RequesterCases.IntakeDocument file : files) {
                        cases.attachLater(id, file);
                    }
                    audit.record(AuditEvent.of(null, AuditEvent.ANONYMOUS, "intake.follow-up-files", "case", id.value()));
                });
            }
            return new Thread(cases.thread(id), cases.standing(id));
        } catch (NotFoundException erased) {
            failures.count(bucket);
            return new Unknown();
        }
    }

    private static String normalised(@Nullable String typed) {
        return typed == null || typed.length() > Codenames.MAX_INPUT ? "" : Codenames.normalise(typed);
    }

    /** The case of the codename, after one Argon2id check whether or not a row was found. */
    private Optional<UUID> check(String codename) {
        Optional<IntakeStore.CodenameRow> row = codename.isEmpty() ? Optional.empty() : store.codename(secrets.codenameIndex(codename));
        boolean matches = secrets.codenameMatches(codename, row.map(IntakeStore.CodenameRow::hash).orElse(null));
        return matches ? row.map(IntakeStore.CodenameRow::caseId) : Optional.empty();
    }
}
