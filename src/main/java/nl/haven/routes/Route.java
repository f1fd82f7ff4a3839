package nl.haven.routes;

/** The routes of INTERFACES.md §4, in the order the advice lists them. */
public enum Route {
    ASYLUM, DAFT, HIGHLY_SKILLED_MIGRANT, EU_BLUE_CARD, ORIENTATION_YEAR, PARTNER, FAMILY_REUNIFICATION
}
