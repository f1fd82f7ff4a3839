package nl.haven.cases.internal;

import java.util.UUID;
import nl.haven.protection.FieldRef;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;

/**
 * Every encrypted column of a case, as the table and column its ciphertext is bound to: together with the organisation
 * and the case they are the encryption's associated data ({@link FieldRef}), so these strings must never change for
 * data already stored.
 */
public enum EncryptedField {
    CASE_DETAILS("case_file", "details"),
    NOTE_BODY("case_note", "body"),
    /** Under the case's thread key where it has one, which its requester's codename opens too (ADR 0006 C.6). */
    MESSAGE_BODY("case_message", "body"),
    TASK_TITLE("case_task", "title"),
    DOCUMENT_NAME("case_document", "name"),
    /** Streamed (Tink's streaming AEAD), not a single ciphertext. */
    DOCUMENT_CONTENT("case_document", "content"),
    RECEIPT_BODY("case_receipt", "body"),
    EVENT_DETAIL("case_event", "detail"),
    APPOINTMENT_PLACE("case_appointment", "place"),
    APPOINTMENT_NOTE("case_appointment", "note");

    private final String table;
    private final String column;

    EncryptedField(String table, String column) {
        this.table = table;
        this.column = column;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    /** Whether the column holds a stream rather than one ciphertext. */
    public boolean streamed() {
        return this == DOCUMENT_CONTENT;
    }

    public FieldRef of(OrgId org, CaseId caseId) {
        return of(org, caseId, false);
    }

    /**
     * {@code inThread}: a value of the requester's thread (ADR 0006 C.6), under the case's thread key where it has one —
     * always so for a message; a document's name and content when the requester added it after the intake.
     */
    public FieldRef of(OrgId org, CaseId caseId, boolean inThread) {
        return new FieldRef(org, caseId, table, column, inThread || this == MESSAGE_BODY);
    }

    public FieldRef of(CaseRow row) {
        return of(new OrgId(row.org()), new CaseId(row.id()));
    }

    public FieldRef of(OrgId org, UUID caseId) {
        return of(org, new CaseId(caseId));
    }
}
