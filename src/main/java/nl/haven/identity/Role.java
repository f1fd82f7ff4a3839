package nl.haven.identity;

/** The staff roles of INTERFACES.md §6. */
public enum Role {
    /** Triages new requests. */
    INTAKE,
    CASEWORKER,
    LAWYER,
    /** Assigns, sees all of the organisation's cases, statistics. */
    COORDINATOR,
    /** Statistics only, no case content. */
    ANALYST,
    /** The organisation's users and settings, no case content by default. */
    ADMIN
}
