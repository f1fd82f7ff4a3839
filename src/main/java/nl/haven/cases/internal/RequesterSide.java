package nl.haven.cases.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseText;
import nl.haven.cases.NewCase;
import nl.haven.cases.RequesterCases;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMail;
import nl.haven.protection.OpenedThread;
import nl.haven.protection.Protection;
import nl.haven.protection.ThreadSecret;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link RequesterCases}: the public intake's side of a case, with no staff member. */
@Service
class RequesterSide implements RequesterCases {
    private final CaseOpening opening;
    private final CaseConversation conversation;
    private final CaseRecordStore records;
    private final CaseAccess access;
    private final DocumentStore documents;
    private final Clock clock;
    private final StaffMail mail;
    private final StaffMailStore counts;
    private final Protection protection;

    RequesterSide(CaseOpening opening, CaseConversation conversation, CaseRecordStore records, CaseAccess access, DocumentStore documents,
            Clock clock, StaffMail mail, StaffMailStore counts, Protection protection) {
        this.opening = opening;
        this.conversation = conversation;
        this.records = records;
        this.access = access;
        this.documents = documents;
        this.clock = clock;
        this.mail = mail;
        this.counts = counts;
        this.protection = protection;
    }

    @Override
    @Transactional
    public Opened open(OrgId org, NewCase request) {
        return opened(org, opening.insert(org, request, null, null));
    }

    @Override
    @Transactional
    public Opened open(OrgId org, NewCase request, ThreadSecret secret) {
        return opened(org, opening.insert(org, request, null, null, secret));
    }

    private Opened opened(OrgId org, CaseRow row) {
        mail.toRoles(org, StaffMail.Topic.NEW_REQUESTS, counts.waitingForTriage(org.value()), 0, Role.INTAKE, Role.COORDINATOR);
        return new Opened(new CaseId(row.id()), row.reference());
    }

    @Override
    @Transactional
    public OpenedThread unlock(CaseId id, ThreadSecret secret) {
        CaseRow row = access.forRequester(id);
        OrgId org = new OrgId(row.org());
        OpenedThread opened = protection.openThread(org, id, secret);
        if (opened.held() || !protection.mayOpenCaseKeys(org)) {
            return opened;
        }
        // A case opened before thread keys (ADR 0006 F.14): while its case key still opens (until the cut-over), it gets
        // a thread key now that its requester is here with the codename, and its messages move under it.
        Map<UUID, String> thread = new LinkedHashMap<>();
        for (CaseRecordStore.Entry message : records.messages(row.id(), row.org())) {
            thread.put(message.id(), access.decrypt(row, EncryptedField.MESSAGE_BODY, message.body()));
        }
        OpenedThread given = protection.addThread(org, id, secret);
        if (!given.held()) {
            return protection.openThread(org, id, secret); // another request gave it one first, and moved the thread
        }
        try {
            thread.forEach((message, text) -> records.rewriteMessage(message, row.id(), row.org(), access.encrypt(row, EncryptedField.MESSAGE_BODY, text)));
        } catch (RuntimeException e) {
            given.close(); // the key made here is rolled back with the transaction: no thread keeps it
            throw e;
        }
        return given;
    }

    @Override
    @Transactional
    public UUID attach(CaseId id, IntakeDocument document) {
        return attach(access.forRequester(id), document, false);
    }

    @Override
    @Transactional
    public UUID attachLater(CaseId id, IntakeDocument document) {
        CaseRow row = access.forRequester(id);
        // A case opened before thread keys has none: its later files go under the case key, and their row says so.
        return attach(row, document, protection.hasThreadKey(new OrgId(row.org()), id));
    }

    private UUID attach(CaseRow row, IntakeDocument document, boolean thread) {
        DocumentStore.Stored stored;
        try {
            // The intake has checked the type, the name and the size already; the limit here is the file itself.
            stored = documents.store(row, document.name(), document.mediaType(), new ByteArrayInputStream(document.content()),
                    document.content().length, document.content().length, () -> new IllegalStateException("an intake document grew"), thread);
        } catch (IOException e) {
            throw new UncheckedIOException("a document of case " + row.id() + " could not be stored", e);
        }
        records.event(row.id(), row.org(), stored.createdAt(), null, CaseEventType.DOCUMENT_ADDED, null, null, null);
        return stored.id();
    }

    @Override
    @Transactional
    public List<CaseText> thread(CaseId id) {
        CaseRow row = access.forRequester(id);
        access.auditRequester(row, CaseAuditAction.THREAD_READ_BY_REQUESTER);
        return conversation.messagesOf(row).stream().map(m -> new CaseText(m.id(), null, m.at(), m.direction(), m.body())).toList();
    }

    @Override
    @Transactional
    public CaseText reply(CaseId id, String body) {
        String text = CaseInput.text("body", body);
        CaseRow row = access.forRequester(id);
        Instant now = clock.instant();
        UUID message = records.message(row.id(), row.org(), CaseConversation.FROM_REQUESTER, null, now,
                access.encrypt(row, EncryptedField.MESSAGE_BODY, text));
        records.event(row.id(), row.org(), now, null, CaseEventType.REQUESTER_REPLIED, null, null, null);
        access.auditRequester(row, CaseEventType.REQUESTER_REPLIED);
        if (row.assignee() != null) {
            mail.toMember(new OrgId(row.org()), new UserId(row.assignee()), StaffMail.Topic.REPLIES, counts.awaitingAnswer(row.org(), row.assignee()));
        }
        return new CaseText(message, null, now, CaseConversation.FROM_REQUESTER, text);
    }

    @Override
    @Transactional(readOnly = true)
    public Standing standing(CaseId id) {
        CaseRow row = access.forRequester(id);
        return new Standing(row.handling(), row.openedAt(), row.updatedAt());
    }
}
