package nl.haven.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import nl.haven.cases.internal.CaseRecords;
import nl.haven.cases.internal.CaseRow;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.springframework.stereotype.Component;

/**
 * The one place a document enters {@code case_document}, for staff uploads ({@link CaseDocuments#add}) and for files that
 * came with a public intake request ({@link CaseService#attachFromIntake}): the content through the case's streaming AEAD
 * into memory, then the column (nothing of it is ever written to a file), the name as an encrypted field. The callers
 * check type and name first and write the timeline event and the audit event.
 */
@Component
class DocumentStore {
    static final String TABLE = "case_document";

    private final CaseRecords records;
    private final Protection protection;
    private final Clock clock;

    DocumentStore(CaseRecords records, Protection protection, Clock clock) {
        this.records = records;
        this.protection = protection;
        this.clock = clock;
    }

    /** What was stored. */
    record Stored(UUID id, long size, Instant createdAt) {
    }

    /**
     * Encrypts and stores at most {@code max} bytes of {@code content}; one byte more throws {@code tooLarge}'s exception
     * and nothing is stored.
     *
     * @param sizeHint the expected size, for the buffer (or -1)
     */
    Stored store(CaseRow row, String name, String mediaType, InputStream content, long sizeHint, long max, Supplier<RuntimeException> tooLarge)
            throws IOException {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream((int) Math.min(Math.max(sizeHint, 0) + 4096, max + 4096));
        long size;
        try (OutputStream out = protection.encryptingStream(field(row, "content"), ciphertext)) {
            size = copy(content, out, max, tooLarge);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        records.document(id, row.id(), row.org(), mediaType, size, now, protection.encryptText(field(row, "name"), name),
                ciphertext.toByteArray());
        return new Stored(id, size, now);
    }

    static FieldRef field(CaseRow row, String column) {
        return new FieldRef(new OrgId(row.org()), new CaseId(row.id()), TABLE, column);
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
