package nl.haven.cases.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.PdfDerivative;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import nl.haven.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case's documents (identity papers, letters, photos the person sends): accepted only as PDF, JPEG, PNG or plain
 * text, recognised by content; at most {@code haven.cases.documents.max-size}; stored only encrypted. The content
 * streams through Tink's streaming AEAD under the case's key into {@code case_document.content}, the file name is
 * encrypted as a field, and the plaintext never touches a disk. Cases are found through {@link CaseAccess} with the
 * caller's scope (another organisation's case is "not found", exactly as one that does not exist), and every upload,
 * list and download writes exactly one audit event in its transaction. A refused upload stores nothing and audits
 * nothing.
 */
@Service
public class CaseDocuments {
    private final CaseAccess access;
    private final CaseRecordStore records;
    private final DocumentStore documents;
    private final DocumentSettings settings;

    CaseDocuments(CaseAccess access, CaseRecordStore records, DocumentSettings settings, DocumentStore documents) {
        this.access = access;
        this.records = records;
        this.documents = documents;
        this.settings = settings;
    }

    /** A document as the list shows it; {@link #toString()} shows no name. */
    public record DocumentInfo(UUID id, String name, String mediaType, long size, Instant createdAt) {
        @Override
        public String toString() {
            return "DocumentInfo[" + id + ", " + mediaType + ", " + size + "]";
        }
    }

    /** A document to send: its plaintext is decrypted while {@code content} is read; close it when done. */
    public record Download(String name, String mediaType, long size, InputStream content) {
        @Override
        public String toString() {
            return "Download[" + mediaType + ", " + size + "]";
        }
    }

    /**
     * Stores a document. The case is looked up first (404 for a case the caller may not see), then the content is
     * checked: empty is 400, larger than the limit {@link DocumentRefused} (413), of a type other than PDF, JPEG, PNG
     * or plain text {@link DocumentRefused} (415).
     *
     * @param fileName the name the client gave; only its last segment is kept, cleaned, with an extension of the
     *     sniffed type
     * @param declaredSize the size the caller knows in advance, or -1
     */
    @Transactional
    public DocumentInfo add(StaffMember who, UUID caseId, @Nullable String fileName, long declaredSize, InputStream content) {
        CaseRow row = access.lock(who, caseId);
        long max = settings.maxSize().toBytes();
        if (declaredSize > max) {
            throw tooLarge();
        }
        try {
            BufferedInputStream in = new BufferedInputStream(content, DocumentTypes.HEAD);
            in.mark(DocumentTypes.HEAD);
            byte[] head = in.readNBytes(DocumentTypes.HEAD);
            in.reset();
            if (head.length == 0) {
                throw new BadInputException("file", "the file is empty: a document of 1 byte to " + settings.describeLimit() + " is expected");
            }
            String sniffed = DocumentTypes.sniff(head);
            DocumentTypes.Accepted type = DocumentTypes.accepted(sniffed)
                    .orElseThrow(() -> new DocumentRefused(DocumentRefused.Reason.UNSUPPORTED_TYPE, "The file's content is " + sniffed
                            + ", which Haven does not accept as a document: expected " + DocumentTypes.EXPECTED
                            + ". The file name and the declared Content-Type are not taken into account."));
            String name = DocumentTypes.safeName(fileName == null ? "" : fileName, type);
            DocumentStore.Stored stored;
            if (type.mediaType().equals("application/pdf")) {
                // What a caseworker opens is a PDF of pictures of the pages: no script, launch action, embedded file, form
                // or link of the original survives (PdfDerivative; issue #15, point 8).
                byte[] original = readAtMost(in, max);
                byte[] derivative = pdfDerivative(original);
                stored = documents.store(row, name, type.mediaType(), new ByteArrayInputStream(derivative), derivative.length, derivative.length,
                        this::tooLarge);
            } else {
                stored = documents.store(row, name, type.mediaType(), in, Math.max(declaredSize, head.length), max, this::tooLarge);
            }
            Instant now = stored.createdAt();
            records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.DOCUMENT_ADDED, null, null, null);
            access.audit(who, CaseEventType.DOCUMENT_ADDED, row.id());
            return new DocumentInfo(stored.id(), name, type.mediaType(), stored.size(), now);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an upload to case " + row.id() + " failed", e);
        }
    }

    /** The case's documents, names decrypted, oldest first; one {@code case.documents-read} audit event. */
    @Transactional
    public List<DocumentInfo> list(StaffMember who, UUID caseId) {
        CaseRow row = access.find(who, caseId);
        List<DocumentInfo> documents = records.documents(row.id(), row.org()).stream()
                .map(d -> new DocumentInfo(d.id(), access.documentName(row, d), d.mediaType(), d.size(), d.createdAt()))
                .toList();
        access.audit(who, CaseAuditAction.DOCUMENTS_READ, row.id());
        return documents;
    }

    /**
     * One document of the case, decrypting as it is read; one {@code case.document-downloaded} audit event. A document
     * of another case (of any organisation) is "not found", exactly as one that does not exist.
     */
    @Transactional
    public Download download(StaffMember who, UUID caseId, UUID documentId) {
        CaseRow row = access.find(who, caseId);
        CaseRecordStore.Document document = records.documents(row.id(), row.org()).stream().filter(d -> d.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("document"));
        byte[] ciphertext = records.documentContent(row.id(), row.org(), documentId).orElseThrow(() -> new NotFoundException("document"));
        // The case's key is looked up here, inside the transaction; the bytes decrypt segment by segment while sent.
        InputStream plaintext = access.documentContent(row, document, new ByteArrayInputStream(ciphertext));
        String name = access.documentName(row, document);
        access.audit(who, CaseAuditAction.DOCUMENT_DOWNLOADED, row.id());
        return new Download(name, document.mediaType(), document.size(), plaintext);
    }

    /** At most {@code max} bytes of the upload, in memory; one more and it is refused as too large. */
    private byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] content = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (content.length > max) {
            throw tooLarge();
        }
        return content;
    }

    private static byte[] pdfDerivative(byte[] pdf) {
        try {
            return PdfDerivative.of(pdf);
        } catch (PdfDerivative.Refused refused) {
            throw switch (refused.problem()) {
                case TOO_MANY_PAGES, PAGE_TOO_LARGE -> new DocumentRefused(DocumentRefused.Reason.TOO_MANY_PAGES, refused.getMessage()
                        + " Haven stores a PDF as pictures of its pages, at most " + PdfDerivative.MAX_PAGES + " pages: split it.");
                case PASSWORD, UNREADABLE -> new DocumentRefused(DocumentRefused.Reason.UNREADABLE, refused.getMessage()
                        + " Haven stores a PDF as pictures of its pages, so it must open without a password.");
            };
        }
    }

    private DocumentRefused tooLarge() {
        return new DocumentRefused(DocumentRefused.Reason.TOO_LARGE,
                "The document is larger than " + settings.describeLimit() + ", the most Haven accepts (haven.cases.documents.max-size).");
    }
}
