package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed names of the cases module stand for strings that are stored: the associated data of every ciphertext, the
 * timeline's event types and the audit actions. Changing one would make stored data unreadable or unsearchable.
 */
class CaseNamesTests {

    @Test
    void theEncryptedFieldsAreTheTablesAndColumnsTheCiphertextsAreBoundTo() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (EncryptedField field : EncryptedField.values()) {
            fields.put(field.name(), field.table() + "." + field.column());
        }
        assertThat(fields).containsExactly(Map.entry("CASE_DETAILS", "case_file.details"), Map.entry("NOTE_BODY", "case_note.body"),
                Map.entry("MESSAGE_BODY", "case_message.body"), Map.entry("TASK_TITLE", "case_task.title"),
                Map.entry("DOCUMENT_NAME", "case_document.name"), Map.entry("DOCUMENT_CONTENT", "case_document.content"),
                Map.entry("RECEIPT_BODY", "case_receipt.body"), Map.entry("EVENT_DETAIL", "case_event.detail"),
                Map.entry("APPOINTMENT_PLACE", "case_appointment.place"), Map.entry("APPOINTMENT_NOTE", "case_appointment.note"));
    }

    /** The details go with the case row itself; every other encrypted column is re-encrypted for the receiving organisation. */
    @Test
    void aReferralReEncryptsEveryEncryptedColumnButTheDetails() {
        assertThat(EnumSet.copyOf(ReferralStore.ENCRYPTED)).isEqualTo(EnumSet.complementOf(EnumSet.of(EncryptedField.CASE_DETAILS)));
    }

    @Test
    void eventTypesAndAuditActionsHaveDistinctCodesThatFindTheirType() {
        assertThat(Arrays.stream(CaseEventType.values()).map(CaseEventType::code)).doesNotHaveDuplicates().allMatch(c -> c.startsWith("case."));
        for (CaseEventType type : CaseEventType.values()) {
            assertThat(CaseEventType.ofCode(type.code())).isSameAs(type);
        }
        assertThat(Arrays.stream(CaseAuditAction.values()).map(CaseAuditAction::code)).doesNotHaveDuplicates()
                .allMatch(c -> c.startsWith("case.") || c.startsWith("calendar."))
                .doesNotContainAnyElementsOf(Arrays.stream(CaseEventType.values()).map(CaseEventType::code).toList());
    }
}
