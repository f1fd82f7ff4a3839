package nl.haven.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.haven.cases.internal.CaseRecords;
import nl.haven.cases.internal.CaseRow;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.springframework.stereotype.Component;

/**
 * Writes a document that came with a public intake request into {@code case_document}: the content through the case's
 * streaming AEAD (into memory, then the column: never a file), the name as an encrypted field. A stop-gap until the
 * case documents service (branch {@code case-documents}) takes intake documents; the intake module calls only
 * {@link CaseService#attachFromIntake}, so replacing this class changes nothing there.
 */
@Component
class IntakeDocumentWriter {
    static final String TABLE = "case_document";

    private final CaseRecords records;
    private final Protection protection;
    private final Clock clock;

    IntakeDocumentWriter(CaseRecords records, Protection protection, Clock clock) {
        this.records = records;
        this.protection = protection;
        this.clock = clock;
    }

    UUID write(CaseRow row, CaseService.IntakeDocument document) {
        FieldRef content = new FieldRef(new OrgId(row.org()), new CaseId(row.id()), TABLE, "content");
        FieldRef name = new FieldRef(new OrgId(row.org()), new CaseId(row.id()), TABLE, "name");
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream(document.content().length + 4096);
        try (OutputStream out = protection.encryptingStream(content, ciphertext)) {
            out.write(document.content());
        } catch (IOException e) {
            throw new UncheckedIOException("a document of case " + row.id() + " could not be encrypted", e);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        records.document(id, row.id(), row.org(), document.mediaType(), document.content().length, now,
                protection.encryptText(name, document.name()), ciphertext.toByteArray());
        return id;
    }
}
