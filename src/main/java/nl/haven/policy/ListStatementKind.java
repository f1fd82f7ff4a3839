package nl.haven.policy;

/** What a dated statement about the safe-country lists does to a listing in force on its dates. */
public enum ListStatementKind {
    /** The listing exists but is not applied to the country, e.g. after a judgment (5 August 2025). */
    NON_APPLICATION(true),
    /** The listing exists but its application is suspended (the national list from 23 September 2025). */
    SUSPENSION(true),
    /** An EU candidate country is not safe because one of the candidate rule's exclusions applies to it. */
    EXCLUSION(true),
    /** Information shown with the assessment; it does not change whether a listing applies. */
    NOTE(false);

    private final boolean stopsListing;

    ListStatementKind(boolean stopsListing) {
        this.stopsListing = stopsListing;
    }

    /** Whether a listing of the statement's level is not applied while the statement holds. */
    public boolean stopsListing() {
        return stopsListing;
    }
}
