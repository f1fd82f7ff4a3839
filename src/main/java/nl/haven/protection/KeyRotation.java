package nl.haven.protection;

/**
 * What a key rotation did.
 *
 * @param organisations organisations rotated (or resumed)
 * @param resumed whether it finished an interrupted rotation instead of starting a new one
 * @param caseKeys case keys re-wrapped
 */
public record KeyRotation(int organisations, boolean resumed, long caseKeys) {
}
