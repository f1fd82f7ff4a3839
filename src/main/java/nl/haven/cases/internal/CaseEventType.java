package nl.haven.cases.internal;

/**
 * The types of the events on a case's timeline ({@code case_event.type}). The codes are stored and name the texts
 * ({@code cases.event.<code>}), so they never change; a step of the workflow is audited under its event's code too.
 */
public enum CaseEventType {
    OPENED("case.opened"),
    DETAILS_CHANGED("case.details-changed"),
    // steps of the workflow (CaseWorkflow.eventType)
    TRIAGED("case.triaged"),
    ACCEPTED("case.accepted"),
    DECLINED("case.declined"),
    CLOSED("case.closed"),
    PREPARATION_STARTED("case.preparation-started"),
    APPLIED("case.applied"),
    REST_PERIOD_STARTED("case.rest-period-started"),
    GENERAL_PROCEDURE_STARTED("case.general-procedure-started"),
    EXTENDED_PROCEDURE_STARTED("case.extended-procedure-started"),
    INTENDED_DECISION_RECEIVED("case.intended-decision-received"),
    GRANTED("case.granted"),
    REJECTED("case.rejected"),
    APPEALED("case.appealed"),
    FURTHER_APPEALED("case.further-appealed"),
    REGULAR_ROUTE_APPLIED("case.regular-route-applied"),
    REGULAR_ROUTE_GRANTED("case.regular-route-granted"),
    REGULAR_ROUTE_REFUSED("case.regular-route-refused"),
    // everything else that happens to a case
    ASSIGNED("case.assigned"),
    UNASSIGNED("case.unassigned"),
    PRIORITY_CHANGED("case.priority-changed"),
    NOTE_ADDED("case.note-added"),
    MESSAGE_SENT("case.message-sent"),
    REQUESTER_REPLIED("case.requester-replied"),
    TASK_ADDED("case.task-added"),
    TASK_COMPLETED("case.task-completed"),
    REFERRED("case.referred"),
    REFERRAL_WITHDRAWN("case.referral-withdrawn"),
    DOCUMENT_ADDED("case.document-added"),
    RECEIPT_RECORDED("case.receipt-recorded"),
    POLICY_CHANGED("case.policy-changed"),
    APPOINTMENT_ADDED("case.appointment-added"),
    APPOINTMENT_CHANGED("case.appointment-changed"),
    APPOINTMENT_CANCELLED("case.appointment-cancelled");

    private final String code;

    CaseEventType(String code) {
        this.code = code;
    }

    /** What {@code case_event.type} holds. */
    public String code() {
        return code;
    }

    /** The type with this code (a workflow step's event type); an unknown code is a programming error. */
    public static CaseEventType ofCode(String code) {
        for (CaseEventType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no timeline event type " + code);
    }
}
