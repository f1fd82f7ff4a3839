package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.CaseText;
import nl.haven.identity.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A case's internal notes, and its messages with the requester (staff replies; the requester's side is {@link RequesterSide}). */
@Service
public class CaseConversation {
    static final String TO_REQUESTER = "TO_REQUESTER";
    static final String FROM_REQUESTER = "FROM_REQUESTER";

    private final CaseRecordStore records;
    private final CaseAccess access;
    private final CaseReadStore reads;
    private final Clock clock;

    CaseConversation(CaseRecordStore records, CaseAccess access, CaseReadStore reads, Clock clock) {
        this.records = records;
        this.access = access;
        this.reads = reads;
        this.clock = clock;
    }

    @Transactional
    public CaseText addNote(StaffMember who, UUID id, String body) {
        return write(who, id, body, null);
    }

    @Transactional
    public List<CaseText> notes(StaffMember who, UUID id) {
        return notesOf(access.read(who, id, CaseAuditAction.NOTES_READ));
    }

    /** A reply to the requester, shown on their follow-up page. The sender has now read the case up to their reply. */
    @Transactional
    public CaseText sendMessage(StaffMember who, UUID id, String body) {
        return write(who, id, body, TO_REQUESTER);
    }

    /** The thread with the requester; the reader has now seen it, so it is no longer unread for them. */
    @Transactional
    public List<CaseText> messages(StaffMember who, UUID id) {
        CaseRow row = access.read(who, id, CaseAuditAction.MESSAGES_READ);
        List<CaseText> thread = messagesOf(row);
        seen(who, row, thread);
        return thread;
    }

    /**
     * The member has been shown this thread of the case (the case page, or the thread itself): their read state moves
     * up to its newest message, whoever wrote it. The moment is the stored one, never "now", so a message that arrives
     * while the page is being made stays unread.
     */
    void seen(StaffMember who, CaseRow row, List<CaseText> thread) {
        thread.stream().map(CaseText::at).max(Comparator.naturalOrder())
                .ifPresent(newest -> reads.readUpTo(row.id(), row.org(), who.id().value(), newest));
    }

    /** A note ({@code direction} null) or a message to the requester, encrypted; one timeline event and one audit event. */
    private CaseText write(StaffMember who, UUID id, String body, @Nullable String direction) {
        String text = CaseInput.text("body", body);
        CaseRow row = access.lock(who, id);
        Instant now = clock.instant();
        UUID author = who.id().value();
        UUID entry;
        CaseEventType type;
        if (direction == null) {
            entry = records.note(row.id(), row.org(), author, now, access.encrypt(row, EncryptedField.NOTE_BODY, text));
            type = CaseEventType.NOTE_ADDED;
        } else {
            entry = records.message(row.id(), row.org(), direction, author, now, access.encrypt(row, EncryptedField.MESSAGE_BODY, text));
            type = CaseEventType.MESSAGE_SENT;
            reads.readUpTo(row.id(), row.org(), author, now);
        }
        records.event(row.id(), row.org(), now, author, type, null, null, null);
        access.audit(who, type, row.id());
        return new CaseText(entry, author, now, direction, text);
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
