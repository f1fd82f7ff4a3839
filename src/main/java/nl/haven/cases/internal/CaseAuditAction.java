package nl.haven.cases.internal;

/**
 * The cases module's audit actions other than the changes that are also timeline events (those are audited under their
 * {@link CaseEventType#code()}). The codes are stored in the audit log and searched for, so they never change.
 */
public enum CaseAuditAction {
    READ("case.read"),
    QUEUE_SEARCHED("case.queue-searched"),
    /** The name the person uses, shown as the case's label in the queue. */
    LABEL_READ("case.label-read"),
    IDENTIFIER_ADDED("case.identifier-added"),
    TIMELINE_READ("case.timeline-read"),
    NOTES_READ("case.notes-read"),
    MESSAGES_READ("case.messages-read"),
    TASKS_READ("case.tasks-read"),
    THREAD_READ_BY_REQUESTER("case.thread-read-by-requester"),
    EXPORTED("case.exported"),
    ERASED("case.erased"),
    ACCESS_DENIED("case.access-denied"),
    DOCUMENTS_READ("case.documents-read"),
    DOCUMENT_DOWNLOADED("case.document-downloaded"),
    SUMMARY_EXPORTED("case.summary-exported"),
    ASSESSMENT_READ("case.assessment-read"),
    ROUTES_READ("case.routes-read"),
    RECEIPTS_READ("case.receipts-read"),
    RECEIPTS_COMPARED("case.receipts-compared"),
    RECEIPT_REPRODUCED("case.receipt-reproduced"),
    DECISION_SUPPORT_READ("case.decision-support-read"),
    POLICY_REVIEW_ADDED("case.policy-review-added"),
    APPOINTMENTS_READ("case.appointments-read"),
    CALENDAR_ADDRESS_CREATED("calendar.address-created"),
    CALENDAR_READ("calendar.read");

    private final String code;

    CaseAuditAction(String code) {
        this.code = code;
    }

    /** The action as the audit log stores it. */
    public String code() {
        return code;
    }
}
