package nl.haven.cases.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseProfile;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.cases.Handling;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.protection.Protection;
import nl.haven.shared.CaseId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The person's rights over their case (GDPR): everything Haven holds about them, and its erasure. */
@Service
public class CaseGdpr {
    private final CaseStore store;
    private final CaseRecordStore records;
    private final CaseAccess access;
    private final CaseReading reading;
    private final CaseConversation conversation;
    private final CaseTasks tasks;
    private final CaseAppointments appointments;
    private final Protection protection;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseGdpr(CaseStore store, CaseRecordStore records, CaseAccess access, CaseReading reading, CaseConversation conversation, CaseTasks tasks,
            CaseAppointments appointments, Protection protection, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.records = records;
        this.access = access;
        this.reading = reading;
        this.conversation = conversation;
        this.tasks = tasks;
        this.appointments = appointments;
        this.protection = protection;
        this.events = events;
        this.clock = clock;
    }

    /** Everything Haven holds about the person, decrypted (right of access and portability); one audit event. */
    @Transactional
    public Map<String, Object> export(StaffMember who, UUID id) {
        CaseRow row = access.read(who, id, CaseAuditAction.EXPORTED);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("case", row.view(access.details(row)));
        // The timeline with a policy change's detail decrypted (the old and the new framework), never its ciphertext.
        export.put("timeline", records.events(row.id(), row.org()).stream().map(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", e.id());
            entry.put("at", e.at());
            entry.put("actor", e.actor());
            entry.put("type", e.type());
            entry.put("from", e.from());
            entry.put("to", e.to());
            entry.put("onDate", e.onDate());
            if (e.detail() != null) {
                entry.put("policyChange", reading.policyChange(row, e.detail()));
            }
            return entry;
        }).toList());
        export.put("notes", conversation.notesOf(row));
        export.put("messages", conversation.messagesOf(row));
        export.put("tasks", tasks.tasksOf(row));
        export.put("appointments", appointments.appointmentsOf(row));
        // Documents with their content (base64): the export is all of the person's data.
        export.put("documents", records.documents(row.id(), row.org()).stream().map(d -> Map.of("id", d.id(), "mediaType", d.mediaType(),
                "size", d.size(), "createdAt", d.createdAt(), "name", access.documentName(row, d),
                "contentBase64", Base64.getEncoder().encodeToString(documentContent(row, d)))).toList());
        export.put("exportedAt", clock.instant());
        return export;
    }

    private byte[] documentContent(CaseRow row, CaseRecordStore.Document document) {
        byte[] stored = records.documentContent(row.id(), row.org(), document.id()).orElseThrow();
        try (InputStream in = access.documentContent(row, document, new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Erasure by crypto-shredding, confirmed by a coordinator: the case's keys are destroyed, so its content cannot be
     * read in the live database or in any backup; the ciphertexts and blind indexes are removed; the case row keeps
     * only its non-sensitive dimensions for the statistics. The audit log keeps "case erased".
     *
     * @return the case's reference, which stays (the erasure page names it in its answer)
     */
    @Transactional
    public String erase(StaffMember who, UUID id) {
        if (who.role() != Role.COORDINATOR) {
            throw new AccessDeniedException("only a coordinator confirms an erasure");
        }
        CaseRow row = access.lock(who, id);
        CaseProfile before = row.profile(access.details(row));
        protection.shred(who.org(), new CaseId(row.id()));
        records.eraseContent(row.id(), row.org());
        store.markErased(row.org(), row.id(), clock.instant());
        // The counts keep the request (month, nationality, group); its facts and its place among open cases go.
        events.publishEvent(new CaseProfileChanged(before, new CaseProfile(before.org(), before.opened(), before.source(), before.nationality(),
                before.groups(), List.of(), Handling.CLOSED, before.stage()), clock.instant()));
        access.audit(who, CaseAuditAction.ERASED, row.id());
        return row.reference();
    }
}
