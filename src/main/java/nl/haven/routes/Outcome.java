package nl.haven.routes;

/** What the advice says of one route for one profile. Decision support: the IND decides. */
public enum Outcome {
    /** The profile meets every requirement Haven checks. */
    ELIGIBLE,
    /** The profile fails at least one requirement. */
    NOT_ELIGIBLE,
    /** A requirement cannot be checked: {@code missing} names the profile fields. */
    NEEDS_INFORMATION,
    /** The route is not open to this person at all (e.g. DAFT for a non-US national). */
    NOT_APPLICABLE
}
