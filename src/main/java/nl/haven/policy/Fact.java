package nl.haven.policy;

/** A circumstance an assessment may take into account, e.g. {@code military-dismissal}. */
public record Fact(String id, Text label) {
}
