package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.CaseText;
import nl.haven.identity.StaffMember;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A case's internal notes, and its messages with the requester (staff replies; the requester's side is {@link RequesterSide}). */
@Service
public class CaseConversation {
    static final String TO_REQUESTER = "TO_REQUESTER";
    static final String FROM_REQUESTER = "FROM_REQUESTER";

    private final CaseRecords records;
    private final CaseAccess access;
    private final Clock clock;

    CaseConversation(CaseRecords records, CaseAccess access, Clock clock) {
        this.records = records;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public CaseText addNote(StaffMember who, UUID id, String body) {
        String text = CaseInput.text("body", body);
        CaseRow row = access.lock(who, id);
        Instant now = clock.instant();
        UUID note = records.note(row.id(), row.org(), who.id().value(), now, access.encrypt(row, EncryptedField.NOTE_BODY, text));
        records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.NOTE_ADDED, null, null, null);
        access.audit(who, CaseEventType.NOTE_ADDED, row.id());
        return new CaseText(note, who.id().value(), now, null, text);
    }

    @Transactional
    public List<CaseText> notes(StaffMember who, UUID id) {
        CaseRow row = access.find(who, id);
        access.audit(who, CaseAuditAction.NOTES_READ, row.id());
        return notesOf(row);
    }

    /** A reply to the requester, shown on their follow-up page. */
    @Transactional
    public CaseText sendMessage(StaffMember who, UUID id, String body) {
        String text = CaseInput.text("body", body);
        CaseRow row = access.lock(who, id);
        Instant now = clock.instant();
        UUID message = records.message(row.id(), row.org(), TO_REQUESTER, who.id().value(), now,
                access.encrypt(row, EncryptedField.MESSAGE_BODY, text));
        records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.MESSAGE_SENT, null, null, null);
        access.audit(who, CaseEventType.MESSAGE_SENT, row.id());
        return new CaseText(message, who.id().value(), now, TO_REQUESTER, text);
    }

    @Transactional
    public List<CaseText> messages(StaffMember who, UUID id) {
        CaseRow row = access.find(who, id);
        access.audit(who, CaseAuditAction.MESSAGES_READ, row.id());
        return messagesOf(row);
    }

    /** The case's notes, decrypted, oldest first; the caller has found the case and audits the read. */
    List<CaseText> notesOf(CaseRow row) {
        return records.notes(row.id(), row.org()).stream()
                .map(n -> new CaseText(n.id(), n.author(), n.at(), null, access.decrypt(row, EncryptedField.NOTE_BODY, n.body()))).toList();
    }

    /** The thread with the requester, decrypted, oldest first; the caller has found the case and audits the read. */
    List<CaseText> messagesOf(CaseRow row) {
        return records.messages(row.id(), row.org()).stream()
                .map(m -> new CaseText(m.id(), m.author(), m.at(), m.direction(), access.decrypt(row, EncryptedField.MESSAGE_BODY, m.body())))
                .toList();
    }
}
