package nl.haven.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.cases.IdempotentAnswers;
import nl.haven.cases.NewCase;
import nl.haven.cases.RequesterCases;
import nl.haven.protection.ThreadSecret;
import nl.haven.protection.Protection;
import nl.haven.protection.RequesterSecrets;
import nl.haven.shared.OrgId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asking for help: a checked {@link Submission} becomes a new case in the organisation's triage queue, with its
 * documents, a codename and one audit event, all in <em>one</em> transaction; the method returns (and so the caller
 * answers) only after that transaction has committed (SECURITY.md S9).
 *
 * <p>With an idempotency key a retried request never opens a second case: the first answer (reference and codename) is
 * kept sealed under the organisation's key, in the same transaction, for {@code haven.intake.idempotency-retention},
 * and a retry with the same key and the same content gets it again. Two requests racing with one key meet at the
 * key's primary key: the second waits for the first, fails, rolls back everything it did and returns the first's
 * answer.
 */
@Service
class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    static final String SEAL_PURPOSE = "intake-idempotency";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RequesterCases cases;
    private final IntakeStore store;
    private final Codenames codenames;
    private final RequesterSecrets secrets;
    private final Protection protection;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final IntakeSettings settings;
    private final Throttle submissions;
    private final IdempotentAnswers answers;

    Intake(RequesterCases cases, IntakeStore store, Codenames codenames, RequesterSecrets secrets, Protection protection, AuditLog audit,
            TransactionTemplate transactions, Clock clock, IntakeSettings settings, IdempotentAnswers answers) {
        this.answers = answers;
        this.cases = cases;
        this.store = store;
        this.codenames = codenames;
        this.secrets = secrets;
        this.protection = protection;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.submissions = new Throttle(settings.submissionsPerHour(), clock);
    }

    /** The answer: the case's reference and the codename, shown once. {@link #toString()} hides the codename. */
    record Receipt(String reference, String codename, boolean replayed) {
        @Override
        public String toString() {
            return "Receipt[" + reference + (replayed ? ", replayed" : "") + "]";
        }
    }

    /** The key was used before for a request with other content. */
    static final class KeyReused extends RuntimeException {
        KeyReused() {
            super("the Idempotency-Key was used before for a different request", null, false, false);
        }
    }

    /** Seconds until this visitor may send another request, if they have sent too many this hour. */
    OptionalLong tooMany(String clientAddress) {
        return submissions.retryAfter(secrets.bucket(clientAddress));
    }

    /**
     * Counts a refused request against the visitor's bucket like an accepted one: otherwise refused forms, which cost
     * the server parsing and checking, could be sent without end (issue #15, point 7).
     */
    void refused(String clientAddress) {
        submissions.count(secrets.bucket(clientAddress));
    }

    /**
     * Opens the case. {@code key}: the client's Idempotency-Key (API) or the form's submission token; null for none.
     *
     * @throws KeyReused when the key belongs to an earlier request with other content
     */
    Receipt submit(OrgId org, Submission submission, @Nullable String key, String clientAddress) {
        String fingerprint = submission.fingerprint();
        IdempotentAnswers.Scope scope = scope(org);
        try {
            if (key != null) {
                Optional<ObjectNode> earlier = answers.earlier(scope, key, fingerprint);
                if (earlier.isPresent()) {
                    return receipt(earlier.get(), true);
                }
            }
            // The slow, pure work before the transaction: the codename, its index and its Argon2id hash.
            String codename = codenames.generate(submission.language());
            // Stored as follow-up reads it: normalised (a Spanish or French word without its accents; English words and
            // digit groups are their own normal form), so the codename as shown and as typed on any keyboard both open it.
            String normal = Codenames.normalise(codename);
            byte[] lookup = secrets.codenameIndex(normal);
            String hash = secrets.hashCodename(normal);
            Supplier<IdempotentAnswers.Made<Receipt>> open = () -> {
                RequesterCases.Opened opened = cases.open(org, new NewCase(submission.nationality(),
                        submission.countryOfResidence(), submission.details(), "INTAKE"), ThreadSecret.ofCodename(normal));
                for (RequesterCases.IntakeDocument file : submission.files()) {
                    cases.attach(opened.id(), file);
                }
                store.insertCodename(lookup, hash, opened.id().value(), clock.instant());
                audit.record(AuditEvent.of(org, AuditEvent.ANONYMOUS, "intake.case-opened", "case", opened.id().value()));
                ObjectNode answer = JSON.createObjectNode();
                answer.put("reference", opened.reference());
                answer.put("codename", codename);
                return new IdempotentAnswers.Made<>(new Receipt(opened.reference(), codename, false), answer);
            };
            Receipt receipt;
            if (key == null) {
                receipt = Objects.requireNonNull(transactions.execute(status -> open.get().result()));
            } else {
                IdempotentAnswers.Replayable<Receipt> done = answers.record(scope, key, fingerprint, open);
                if (done.replayed()) {
                    // Another request with the same key committed first: everything of this one was rolled back.
                    return receipt(done.answer(), true);
                }
                receipt = Objects.requireNonNull(done.result());
            }
            submissions.count(secrets.bucket(clientAddress));
            return receipt;
        } catch (IdempotentAnswers.KeyReused reused) {
            throw new KeyReused();
        }
    }

    /**
     * The answer already given to the request sent with this key, to show the receipt again (its language changed):
     * nothing new is made or stored, and nothing is found once the retention has passed.
     */
    Optional<Receipt> answered(OrgId org, String key) {
        return answers.kept(scope(org), key).map(answer -> receipt(answer, true));
    }

    /** The intake's keys: one scope per organisation, sealed for the intake; the same hash as before issue #21. */
    private static IdempotentAnswers.Scope scope(OrgId org) {
        return new IdempotentAnswers.Scope(org, SEAL_PURPOSE, org.value().toString());
    }

    private static Receipt receipt(JsonNode answer, boolean replayed) {
        return new Receipt(answer.path("reference").asString(), answer.path("codename").asString(), replayed);
    }
}
