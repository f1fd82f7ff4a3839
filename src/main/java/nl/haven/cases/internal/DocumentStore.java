package nl.haven.cases.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.springframework.stereotype.Component;

/**
 * The one place a document enters {@code case_document}, for staff uploads ({@link CaseDocuments#add}) and for files that
 * came with a public intake request ({@link RequesterSide#attach}): the content through the case's streaming AEAD
 * into memory, then the column (nothing of it is ever written to a file), the name as an encrypted field. The callers
 * check type and name first and write the timeline event and the audit event.
 */
@Component
public class DocumentStore {

    private final CaseRecordStore records;
    private final Protection protection;
    private final Clock clock;

    DocumentStore(CaseRecordStore records, Protection protection, Clock clock) {
        this.records = records;
        this.protection = protection;
        this.clock = clock;
    }

    /** What was stored. */
    public record Stored(UUID id, long size, Instant createdAt) {
    }

    /**
     * Encrypts and stores at most {@code max} bytes of {@code content}; one byte more throws {@code tooLarge}'s exception
     * and nothing is stored.
     *
     * @param sizeHint the expected size, for the buffer (or -1)
     */
    public Stored store(CaseRow row, String name, String mediaType, InputStream content, long sizeHint, long max, Supplier<RuntimeException> tooLarge)
            throws IOException {
        return store(row, name, mediaType, content, sizeHint, max, tooLarge, false);
    }

    /** As above; {@code thread}: under the case's thread key (a file the requester adds after the intake, ADR 0006 C.6). */
    public Stored store(CaseRow row, String name, String mediaType, InputStream content, long sizeHint, long max, Supplier<RuntimeException> tooLarge,
            boolean thread) throws IOException {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream((int) Math.min(Math.max(sizeHint, 0) + 4096, max + 4096));
        long size;
        OrgId org = new OrgId(row.org());
        CaseId caseId = new CaseId(row.id());
        try (OutputStream out = protection.encryptingStream(EncryptedField.DOCUMENT_CONTENT.of(org, caseId, thread), ciphertext)) {
            size = copy(content, out, max, tooLarge);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        records.document(id, row.id(), row.org(), mediaType, size, now, protection.encryptText(EncryptedField.DOCUMENT_NAME.of(org, caseId, thread), name),
                ciphertext.toByteArray(), thread);
        return new Stored(id, size, now);
    }

    /** Copies at most {@code max} bytes; one more and the upload is refused. */
    private static long copy(InputStream in, OutputStream out, long max, Supplier<RuntimeException> tooLarge) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            total += n;
            if (total > max) {
                throw tooLarge.get();
            }
            out.write(buffer, 0, n);
        }
        return total;
    }
}
