package nl.haven.protection;

/**
 * What {@code ./haven keys seal} did (ADR 0006 step 11): {@code alreadySealed} when there was nothing left to do; else the
 * organisations whose grants were sealed again before the master key's copies of their keys were removed, and how many
 * grants that was.
 */
public record Sealing(boolean alreadySealed, int organisations, int grants) {
}
