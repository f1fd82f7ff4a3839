package nl.haven.policy;

/** How well a provision is confirmed (INTERFACES.md §2). Anything below PRIMARY is shown as a warning. */
public enum Confidence {
    /** Seen in the primary source. */
    PRIMARY,
    /** Only in a secondary source. */
    SECONDARY,
    /** In force when last confirmed; later validity not confirmed. */
    UNCONFIRMED_CONTINUATION
}
