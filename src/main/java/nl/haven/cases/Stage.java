package nl.haven.cases;

/**
 * Where the person is in the Dutch asylum procedure (POLICY-DATA.md "Procedure") or in a regular-route application.
 * {@link #NONE} until the organisation has accepted the case and started preparing.
 */
public enum Stage {
    NONE,
    PREPARING,
    /** The asylum application is registered by the IND (the date starts the decision time limit). */
    APPLIED,
    REST_AND_PREPARATION,
    GENERAL_PROCEDURE,
    EXTENDED_PROCEDURE,
    INTENDED_DECISION,
    GRANTED,
    REJECTED,
    APPEAL,
    FURTHER_APPEAL,
    REGULAR_APPLIED,
    REGULAR_GRANTED,
    REGULAR_REFUSED
}
