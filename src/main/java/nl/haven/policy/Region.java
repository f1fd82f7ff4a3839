package nl.haven.policy;

/** An ISO 3166-2 subdivision a provision or an assessment may name, e.g. {@code RU-CE}. */
public record Region(String code, Text name) {
}
