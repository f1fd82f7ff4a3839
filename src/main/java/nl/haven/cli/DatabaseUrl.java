package nl.haven.cli;

import nl.haven.shared.BadInputException;

/** Checks {@code HAVEN_DB_URL} before anything starts, so a typo is one clear line, not a stack trace. */
final class DatabaseUrl {
    static final String VARIABLE = "HAVEN_DB_URL";

    private DatabaseUrl() {
    }

    static void check(String value) {
        if (value == null || value.isBlank()) {
            return; // unset: embedded H2 under HAVEN_DATA_DIR
        }
        boolean postgres = value.matches("jdbc:postgresql://[^/\\s]+(:\\d+)?/[^\\s?/]+(\\?\\S*)?");
        boolean h2 = value.matches("jdbc:h2:\\S+");
        if (!postgres && !h2) {
            // The URL may hold a password; show only its scheme.
            String shown = value.length() > 16 ? value.substring(0, 16) + "…" : value;
            throw new BadInputException(VARIABLE, VARIABLE + " is not a usable JDBC URL ('" + shown.replaceAll("(?<=//)[^@/]*@", "***@")
                    + "'): expected jdbc:postgresql://HOST[:PORT]/DATABASE, or leave it unset for the embedded H2 database");
        }
    }
}
