package nl.haven.protection;

import java.nio.charset.StandardCharsets;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;

/**
 * Where a protected value lives. Its ciphertext is bound to all four parts (associated data): a
 * ciphertext copied to another case, table or column does not decrypt. {@code thread}: the value belongs to the
 * requester's thread (a message), encrypted under the case's thread key where it has one (ADR 0006 C.6), not bound to
 * it (the associated data is the same either way).
 */
public record FieldRef(OrgId org, CaseId caseId, String table, String column, boolean thread) {

    /** A value under the case key. */
    public FieldRef(OrgId org, CaseId caseId, String table, String column) {
        this(org, caseId, table, column, false);
    }

    byte[] associatedData() {
        return ("haven:v1|" + org + "|" + caseId + "|" + table + "|" + column).getBytes(StandardCharsets.UTF_8);
    }
}
