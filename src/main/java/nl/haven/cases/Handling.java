package nl.haven.cases;

/** The organisation's handling of a request, from arrival to closing. */
public enum Handling {
    NEW, TRIAGE, ACCEPTED, DECLINED, REFERRED, CLOSED
}
