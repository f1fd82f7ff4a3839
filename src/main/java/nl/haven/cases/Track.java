package nl.haven.cases;

/**
 * The track of a rejection, which decides the appeal term (art. 69 Vw: one week for the general procedure, manifestly
 * unfounded and inadmissible decisions; four weeks otherwise).
 */
public enum Track {
    GENERAL_PROCEDURE, MANIFESTLY_UNFOUNDED, INADMISSIBLE, EXTENDED_PROCEDURE
}
