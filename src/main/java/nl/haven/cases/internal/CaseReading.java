package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.CaseText;
import nl.haven.identity.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Reading a case: the case itself, its timeline, and everything the staff case page shows at once. */
@Service
public class CaseReading {
    private final CaseRecordStore records;
    private final CaseAccess access;
    private final CaseConversation conversation;
    private final CaseTasks tasks;
    private final CaseAppointments appointments;
    private final JsonMapper json = JsonMapper.builder().build();

    CaseReading(CaseRecordStore records, CaseAccess access, CaseConversation conversation, CaseTasks tasks, CaseAppointments appointments) {
        this.records = records;
        this.access = access;
        this.conversation = conversation;
        this.tasks = tasks;
        this.appointments = appointments;
    }

    /** The case with its decrypted details; one {@code case.read} audit event. */
    @Transactional
    public CaseView get(StaffMember who, UUID id) {
        CaseRow row = access.read(who, id, CaseAuditAction.READ);
        return row.view(access.details(row));
    }

    /**
     * The case with everything that hangs off it, decrypted, as the staff case page shows it at once: the case, its
     * tasks (open first), notes, the thread with the requester, the timeline and the documents (names and types, not
     * their content) and the appointments. Reading all of it is one read of the case, so one {@code case.read} audit event;
     * it marks the thread read for the reader ({@link CaseConversation#seen}).
     */
    public record Dossier(CaseView view, List<CaseTasks.TaskView> tasks, List<CaseText> notes, List<CaseText> messages,
            List<TimelineEntry> timeline, List<CaseDocuments.DocumentInfo> documents, List<CaseAppointments.AppointmentView> appointments) {
        @Override
        public String toString() {
            return "Dossier[" + view + "]";
        }
    }

    @Transactional
    public Dossier dossier(StaffMember who, UUID id) {
        CaseRow row = access.read(who, id, CaseAuditAction.READ);
        List<CaseDocuments.DocumentInfo> documents = records.documents(row.id(), row.org()).stream()
                .map(d -> new CaseDocuments.DocumentInfo(d.id(), access.documentName(row, d), d.mediaType(),
                        d.size(), d.createdAt()))
                .toList();
        List<CaseText> messages = conversation.messagesOf(row);
        // The case page shows the whole thread: opening it is what makes the case no longer unread for this member.
        conversation.seen(who, row, messages);
        return new Dossier(row.view(access.details(row)), tasks.tasksOf(row), conversation.notesOf(row), messages,
                timelineOf(row), documents, appointments.appointmentsOf(row));
    }

    /** @param policyChange for a policy change ({@link PolicyImpact}): the old and the new framework with the sources */
    public record TimelineEntry(Instant at, @Nullable UUID actor, String type, @Nullable String from, @Nullable String to,
            @Nullable LocalDate onDate, PolicyImpact.@Nullable Change policyChange) {
    }

    @Transactional
    public List<TimelineEntry> timeline(StaffMember who, UUID id) {
        return timelineOf(access.read(who, id, CaseAuditAction.TIMELINE_READ));
    }

    private List<TimelineEntry> timelineOf(CaseRow row) {
        return records.events(row.id(), row.org()).stream()
                .map(e -> new TimelineEntry(e.at(), e.actor(), e.type(), e.from(), e.to(), e.onDate(), policyChange(row, e.detail()))).toList();
    }

    /** A policy change's detail, decrypted: the old and the new framework. */
    PolicyImpact.@Nullable Change policyChange(CaseRow row, byte @Nullable [] detail) {
        return detail == null ? null : json.readValue(access.decryptBytes(row, EncryptedField.EVENT_DETAIL, detail), PolicyImpact.Change.class);
    }
}
