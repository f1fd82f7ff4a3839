package nl.haven.protection;

import java.nio.charset.StandardCharsets;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;

/**
 * Where a protected value lives. Its ciphertext is bound to all four parts (associated data): a
 * ciphertext copied to another case, table or column does not decrypt.
 */
public record FieldRef(OrgId org, CaseId caseId, String table, String column) {

    byte[] associatedData() {
        return ("haven:v1|" + org + "|" + caseId + "|" + table + "|" + column).getBytes(StandardCharsets.UTF_8);
    }
}
