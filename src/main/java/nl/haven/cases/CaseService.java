package nl.haven.cases;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.cases.internal.CaseRecords;
import nl.haven.cases.internal.CaseRow;
import nl.haven.cases.internal.CaseScope;
import nl.haven.cases.internal.CaseStore;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.protection.FieldRef;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import nl.haven.shared.CaseId;
import nl.haven.shared.NotFoundException;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cases module's published API. Every method takes the acting staff member (from {@link CurrentStaff}, never from
 * a request), finds the case through the member's {@link CaseScope} (another organisation's case is "not found",
 * exactly as one that does not exist), and writes exactly one audit event per read or change of case content, in the
 * same transaction.
 */
@Service
public class CaseService {
    static final String TABLE = "case_file";
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    /** The longest note, message or request, in characters. */
    public static final int MAX_TEXT = 20_000;
    /** The longest name, pronouns or identifier, in characters. */
    public static final int MAX_NAME = 200;
    /** The longest task title, in characters. */
    public static final int MAX_TASK_TITLE = 500;
    private static final char[] REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray(); // Crockford base32
    private final SecureRandom random = new SecureRandom();

    private final CaseStore store;
    private final CaseRecords records;
    private final Protection protection;
    private final AuditLog audit;
    private final CurrentStaff staff;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    private final nl.haven.cases.internal.DeadlinePlanner deadlines;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.transaction.support.TransactionTemplate requiresNew;
    private final DocumentStore documents;
    private final nl.haven.policy.PolicyEngine engine;

    CaseService(CaseStore store, CaseRecords records, Protection protection, AuditLog audit, CurrentStaff staff, Clock clock,
            nl.haven.cases.internal.DeadlinePlanner deadlines, org.springframework.context.ApplicationEventPublisher events,
            org.springframework.transaction.PlatformTransactionManager transactions, DocumentStore documents, nl.haven.policy.PolicyEngine engine) {
        this.engine = engine;
        this.requiresNew = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.requiresNew.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.deadlines = deadlines;
        this.events = events;
        this.documents = documents;
        this.store = store;
        this.records = records;
        this.protection = protection;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
    }

    // --- opening a case ------------------------------------------------------------------------------------------

    /** What a new case starts with. */
    public record NewCase(@Nullable String nationality, @Nullable String countryOfResidence, CaseDetails details, String source) {
        @Override
        public String toString() {
            return "NewCase[" + source + "]";
        }
    }

    /** The case a staff member opens; it is assigned to them unless they are a coordinator or intake. */
    @Transactional
    public CaseView open(StaffMember who, NewCase request) {
        requireCaseAccess(who);
        UUID assignee = who.role() == Role.CASEWORKER || who.role() == Role.LAWYER ? who.id().value() : null;
        CaseRow row = insert(who.org(), request, assignee, who.id().value());
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.opened", "case", row.id()));
        return view(row, details(row));
    }

    /** A case from the public intake, in the organisation's triage queue; the caller records the audit event. */
    @Transactional
    public Opened openFromIntake(OrgId org, NewCase request) {
        CaseRow row = insert(org, request, null, null);
        return new Opened(new CaseId(row.id()), row.reference());
    }

    public record Opened(CaseId id, String reference) {
    }

    /**
     * A document that came with an intake request, already checked by the intake module (type sniffed from content,
     * size limited, metadata stripped unless it is the original kept with consent). {@link #toString()} shows no name.
     */
    public record IntakeDocument(String name, String mediaType, byte[] content) {
        @Override
        public String toString() {
            return "IntakeDocument[" + mediaType + ", " + content.length + " bytes]";
        }
    }

    /** Stores a document of a case that {@link #openFromIntake} just opened, encrypted; the caller records the audit event. */
    @Transactional
    public UUID attachFromIntake(CaseId id, IntakeDocument document) {
        CaseRow row = store.findForRequester(id.value()).orElseThrow(() -> new NotFoundException("case"));
        DocumentStore.Stored stored;
        try {
            // The intake has checked the type, the name and the size already; the limit here is the file itself.
            stored = documents.store(row, document.name(), document.mediaType(), new java.io.ByteArrayInputStream(document.content()),
                    document.content().length, document.content().length, () -> new IllegalStateException("an intake document grew"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a document of case " + row.id() + " could not be stored", e);
        }
        records.event(row.id(), row.org(), stored.createdAt(), null, "case.document-added", null, null, null);
        return stored.id();
    }

    private CaseRow insert(OrgId org, NewCase request, @Nullable UUID assignee, @Nullable UUID actor) {
        String nationality = country("nationality", request.nationality());
        String residence = country("countryOfResidence", request.countryOfResidence());
        validate(request.details());
        UUID id = UUID.randomUUID();
        protection.newCase(org, new CaseId(id));
        Instant now = clock.instant();
        byte[] details = encryptDetails(org, id, request.details());
        CaseRow row = new CaseRow(id, org.value(), newReference(), Handling.NEW, Stage.NONE, null, null, assignee, nationality, residence,
                request.source(), null, now, now, 0, details);
        store.insert(row);
        records.event(id, org.value(), now, actor, "case.opened", null, Handling.NEW.name(), null);
        events.publishEvent(new CaseProfileChanged(null, profile(row, request.details()), now));
        return row;
    }

    private String newReference() {
        for (int attempt = 0; attempt < 10; attempt++) {
            StringBuilder reference = new StringBuilder("HV-");
            for (int i = 0; i < 8; i++) {
                reference.append(REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)]);
            }
            if (!store.referenceTaken(reference.toString())) {
                return reference.toString();
            }
        }
        throw new IllegalStateException("no free case reference after 10 attempts");
    }

    // --- reading ---------------------------------------------------------------------------------------------------

    /** The case with its decrypted details; one {@code case.read} audit event. */
    @Transactional
    public CaseView get(StaffMember who, UUID id) {
        CaseRow row = find(who, id);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.read", "case", row.id()));
        return view(row, details(row));
    }

    /**
     * The case with everything that hangs off it, decrypted, as the staff case page shows it at once: the case, its
     * tasks (open first), notes, the thread with the requester, the timeline and the documents (names and types, not
     * their content). Reading all of it is one read of the case, so one {@code case.read} audit event.
     */
    public record Dossier(CaseView view, List<TaskView> tasks, List<Text> notes, List<Text> messages, List<TimelineEntry> timeline,
            List<CaseDocuments.DocumentInfo> documents) {
        @Override
        public String toString() {
            return "Dossier[" + view + "]";
        }
    }

    @Transactional
    public Dossier dossier(StaffMember who, UUID id) {
        CaseRow row = find(who, id);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.read", "case", row.id()));
        List<Text> notes = records.notes(row.id(), row.org()).stream()
                .map(n -> new Text(n.id(), n.author(), n.at(), null, decrypt(row, "case_note", "body", n.body()))).toList();
        List<TimelineEntry> timeline = records.events(row.id(), row.org()).stream()
                .map(e -> new TimelineEntry(e.at(), e.actor(), e.type(), e.from(), e.to(), e.onDate(), policyChange(row, e.detail()))).toList();
        List<CaseDocuments.DocumentInfo> documents = records.documents(row.id(), row.org()).stream()
                .map(d -> new CaseDocuments.DocumentInfo(d.id(), decrypt(row, CaseDocuments.TABLE, "name", d.name()), d.mediaType(), d.size(),
                        d.createdAt()))
                .toList();
        return new Dossier(view(row, details(row)), tasksOf(row), notes, messagesOf(row), timeline, documents);
    }

    /**
     * The queue: non-sensitive columns only, so listing it writes no audit event. A search ({@code q}, a reference or an
     * identifier such as a V-number) does: it tells whether a person is this organisation's client, so who searched and
     * when is recorded ({@code case.queue-searched}, without what was searched for, which is personal data).
     */
    @Transactional
    public CasePage queue(StaffMember who, CaseFilter filter) {
        requireCaseAccess(who);
        CaseScope scope = CaseScope.of(who);
        String status = filter.status() == null ? null : state("status", filter.status());
        CaseFilter checked = new CaseFilter(status, filter.priority(), filter.assignee(),
                country("nationality", filter.nationality()), filter.dueBefore(), filter.q(), filter.page(), filter.size());
        List<UUID> only = null;
        if (checked.q() != null && !checked.q().isBlank()) {
            String q = checked.q().strip();
            only = new ArrayList<>(store.byReference(who.org().value(), q.toUpperCase(Locale.ROOT)).stream().toList());
            for (String kind : IDENTIFIER_KINDS) {
                only.addAll(store.byIdentifier(who.org().value(), kind, protection.blindIndex(who.org(), "case." + kind, normalise(q))));
            }
            audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.queue-searched"));
        }
        return store.list(scope, checked, only);
    }

    /** The identifiers searchable by exact match through blind indexes. */
    public static final List<String> IDENTIFIER_KINDS = List.of("v-number", "phone", "email");

    static String normalise(String identifier) {
        return identifier.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    /** Records an identifier (V-number, phone, e-mail) for exact-match search; only its keyed blind index is stored. */
    @Transactional
    public void addIdentifier(StaffMember who, UUID id, String kind, String value) {
        if (!IDENTIFIER_KINDS.contains(kind)) {
            throw new BadInputException("kind", "unknown identifier kind '" + kind + "': expected one of " + IDENTIFIER_KINDS);
        }
        if (value == null || value.isBlank() || value.length() > MAX_NAME) {
            throw new BadInputException("value", "an identifier of 1 to 200 characters is expected");
        }
        CaseRow row = lock(who, id);
        store.putIdentifier(row.id(), row.org(), kind, protection.blindIndex(who.org(), "case." + kind, normalise(value)));
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.identifier-added", "case", row.id()));
    }

    // --- changing --------------------------------------------------------------------------------------------------

    /** Replaces the person's details (name used, pronouns, legal name, groups, facts, contact …). */
    @Transactional
    public CaseView updateDetails(StaffMember who, UUID id, CaseDetails details, @Nullable String nationality,
            @Nullable String countryOfResidence) {
        String nat = country("nationality", nationality);
        String res = country("countryOfResidence", countryOfResidence);
        validate(details);
        CaseRow row = lock(who, id);
        Instant now = clock.instant();
        CaseProfile before = profile(row, details(row));
        store.updateDetails(row, encryptDetails(who.org(), row.id(), details), nat, res, now);
        records.event(row.id(), row.org(), now, who.id().value(), "case.details-changed", null, null, null);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.details-changed", "case", row.id()));
        CaseRow after = store.find(CaseScope.of(who), row.id()).orElseThrow();
        events.publishEvent(new CaseProfileChanged(before, profile(after, details), now));
        return view(after, details);
    }

    /**
     * Replaces what staff record about the person on the case page (name used, pronouns, legal name, groups, facts, the
     * gender-marker mismatch, safe contact) and keeps the rest: what the person wrote themselves (their request and its
     * language) and the route profile. One {@code case.details-changed} event, as {@link #updateDetails}.
     */
    @Transactional
    public CaseView editDetails(StaffMember who, UUID id, CaseDetails edited, @Nullable String nationality, @Nullable String countryOfResidence) {
        String nat = country("nationality", nationality);
        String res = country("countryOfResidence", countryOfResidence);
        CaseRow row = lock(who, id);
        CaseDetails current = details(row);
        CaseDetails details = new CaseDetails(edited.nameUsed(), edited.pronouns(), edited.legalName(), edited.groups(), edited.facts(),
                edited.documentGenderMismatch(), current.request(), current.language(), edited.safeContact(), current.routeProfile());
        validate(details);
        Instant now = clock.instant();
        CaseProfile before = profile(row, current);
        store.updateDetails(row, encryptDetails(who.org(), row.id(), details), nat, res, now);
        records.event(row.id(), row.org(), now, who.id().value(), "case.details-changed", null, null, null);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.details-changed", "case", row.id()));
        CaseRow after = store.find(CaseScope.of(who), row.id()).orElseThrow();
        events.publishEvent(new CaseProfileChanged(before, profile(after, details), now));
        return view(after, details);
    }

    /**
     * Moves the case along its workflow. An unknown target is 400, a target the current state does not allow is 409
     * listing the allowed ones; the step is recorded as a past-tense event on the timeline and in the audit log, and
     * the legal deadlines it starts become tasks.
     */
    @Transactional
    public CaseView transition(StaffMember who, UUID id, CaseWorkflow.Request request) {
        CaseRow row = lock(who, id);
        CaseWorkflow.Step step = CaseWorkflow.check(row.handling(), row.stage(), request);
        if (step.stage() == Stage.REJECTED) {
            List<String> tracks;
            try {
                tracks = deadlines.appealTracks(java.util.Objects.requireNonNull(step.date()));
            } catch (nl.haven.policy.PolicyInputException e) {
                throw new BadInputException("date", e.getMessage());
            }
            if (!tracks.contains(step.track())) {
                throw new BadInputException("track", "track '" + step.track() + "' is not an appeal track on " + step.date() + ": expected one of "
                        + tracks);
            }
        }
        if (step.handling() == Handling.ACCEPTED && who.role() == Role.INTAKE && row.assignee() == null) {
            // Intake staff triage; accepting hands the case on, so it must have someone to go to.
            throw new BadInputException("to", "assign the case to a caseworker or lawyer before accepting it");
        }
        Instant now = clock.instant();
        Handling handling = step.handling() != null ? step.handling() : row.handling();
        Stage stage = step.stage() != null ? step.stage() : row.stage();
        String track = step.track() != null ? step.track() : row.track();
        Integer priority = step.priority() != null ? step.priority() : row.priority();
        LocalDate applicationDate = step.stage() != null && step.stage().datesTheApplication() ? step.date() : row.applicationDate();
        store.updateState(row, handling, stage, track, priority, row.assignee(), applicationDate, now);
        String from = step.handling() != null ? row.handling().name() : row.stage().name();
        String type = CaseWorkflow.eventType(step);
        records.event(row.id(), row.org(), now, who.id().value(), type, from, step.target(), step.date());
        List<Notice> notices = step.stage() == null ? List.of()
                : deadlines.plan(row.id(), row.org(), row.stage(), step.stage(), step.date(), step.track(), applicationDate, row.assignee(), now);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), type, "case", row.id()));
        CaseRow after = store.findInOrganisation(row.org(), row.id()).orElseThrow();
        CaseDetails details = details(after);
        events.publishEvent(new CaseProfileChanged(profile(row, details), profile(after, details), now));
        return view(after, details, notices);
    }

    /** Assigns the case to a colleague of the same organisation (coordinators and intake staff). */
    @Transactional
    public void assign(StaffMember who, UUID id, @Nullable UUID assignee) {
        if (who.role() != Role.COORDINATOR && who.role() != Role.INTAKE) {
            throw new AccessDeniedException("only coordinators and intake staff assign cases");
        }
        CaseRow row = lock(who, id);
        if (assignee != null) {
            StaffMember colleague = staff.colleague(who.org(), new UserId(assignee))
                    .orElseThrow(() -> new BadInputException("assignee", "no active colleague with id " + assignee + " in your organisation"));
            if (colleague.role() == Role.ANALYST || colleague.role() == Role.ADMIN) {
                throw new BadInputException("assignee", "a case can be assigned to intake staff, caseworkers, lawyers or coordinators, not to "
                        + colleague.role());
            }
        }
        Instant now = clock.instant();
        store.updateState(row, row.handling(), row.stage(), row.track(), row.priority(), assignee, row.applicationDate(), now);
        records.event(row.id(), row.org(), now, who.id().value(), assignee == null ? "case.unassigned" : "case.assigned", null, null, null);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.assigned", "case", row.id()));
    }

    // --- timeline, notes, messages, tasks -------------------------------------------------------------------------

    /** @param policyChange for a policy change ({@link PolicyImpact}): the old and the new framework with the sources */
    public record TimelineEntry(Instant at, @Nullable UUID actor, String type, @Nullable String from, @Nullable String to,
            @Nullable LocalDate onDate, PolicyImpact.@Nullable Change policyChange) {
    }

    private PolicyImpact.@Nullable Change policyChange(CaseRow row, byte @Nullable [] detail) {
        return detail == null ? null : json.readValue(decryptBytes(row, "case_event", "detail", detail), PolicyImpact.Change.class);
    }

    @Transactional
    public List<TimelineEntry> timeline(StaffMember who, UUID id) {
        CaseRow row = find(who, id);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.timeline-read", "case", row.id()));
        return records.events(row.id(), row.org()).stream()
                .map(e -> new TimelineEntry(e.at(), e.actor(), e.type(), e.from(), e.to(), e.onDate(), policyChange(row, e.detail()))).toList();
    }

    /** A note or a message, decrypted. */
    public record Text(UUID id, @Nullable UUID author, Instant at, @Nullable String direction, String body) {
        @Override
        public String toString() {
            return "Text[" + id + "]";
        }
    }

    @Transactional
    public Text addNote(StaffMember who, UUID id, String body) {
        String text = text("body", body);
        CaseRow row = lock(who, id);
        Instant now = clock.instant();
        UUID note = records.note(row.id(), row.org(), who.id().value(), now, encrypt(row, "case_note", "body", text));
        records.event(row.id(), row.org(), now, who.id().value(), "case.note-added", null, null, null);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.note-added", "case", row.id()));
        return new Text(note, who.id().value(), now, null, text);
    }

    @Transactional
    public List<Text> notes(StaffMember who, UUID id) {
        CaseRow row = find(who, id);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.notes-read", "case", row.id()));
        return records.notes(row.id(), row.org()).stream()
                .map(n -> new Text(n.id(), n.author(), n.at(), null, decrypt(row, "case_note", "body", n.body()))).toList();
    }

    /** A reply to the requester, shown on their follow-up page. */
    @Transactional
    public Text sendMessage(StaffMember who, UUID id, String body) {
        String text = text("body", body);
        CaseRow row = lock(who, id);
        Instant now = clock.instant();
        UUID message = records.message(row.id(), row.org(), "TO_REQUESTER", who.id().value(), now, encrypt(row, "case_message", "body", text));
        records.event(row.id(), row.org(), now, who.id().value(), "case.message-sent", null, null, null);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.message-sent", "case", row.id()));
        return new Text(message, who.id().value(), now, "TO_REQUESTER", text);
    }

    @Transactional
    public List<Text> messages(StaffMember who, UUID id) {
        CaseRow row = find(who, id);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.messages-read", "case", row.id()));
        return messagesOf(row);
    }

    private List<Text> messagesOf(CaseRow row) {
        return records.messages(row.id(), row.org()).stream()
                .map(m -> new Text(m.id(), m.author(), m.at(), m.direction(), decrypt(row, "case_message", "body", m.body()))).toList();
    }

    /** A task with its title decrypted (manual) or its legal term (deadline). */
    public record TaskView(UUID id, String kind, @Nullable String termId, @Nullable String title, LocalDate dueOn, @Nullable UUID assignee,
            @Nullable Instant doneAt) {
        @Override
        public String toString() {
            return "TaskView[" + id + ", " + kind + ", " + dueOn + "]";
        }
    }

    @Transactional
    public List<TaskView> tasks(StaffMember who, UUID id) {
        CaseRow row = find(who, id);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.tasks-read", "case", row.id()));
        return tasksOf(row);
    }

    private List<TaskView> tasksOf(CaseRow row) {
        return records.tasks(row.id(), row.org()).stream().map(t -> new TaskView(t.id(), t.kind(), t.termId(),
                t.title() == null ? null : decrypt(row, "case_task", "title", t.title()), t.dueOn(), t.assignee(), t.doneAt())).toList();
    }

    @Transactional
    public TaskView addTask(StaffMember who, UUID id, String title, LocalDate dueOn, @Nullable UUID assignee) {
        String text = text("title", title);
        if (text.length() > MAX_TASK_TITLE) {
            throw new BadInputException("title", "a task title of at most 500 characters is expected");
        }
        if (dueOn == null) {
            throw new BadInputException("dueOn", "a due date (yyyy-mm-dd) is expected");
        }
        CaseRow row = lock(who, id);
        if (assignee != null && staff.colleague(who.org(), new UserId(assignee)).isEmpty()) {
            throw new BadInputException("assignee", "no active colleague with id " + assignee + " in your organisation");
        }
        Instant now = clock.instant();
        UUID task = records.task(row.id(), row.org(), "MANUAL", null, encrypt(row, "case_task", "title", text), dueOn, assignee, now);
        records.event(row.id(), row.org(), now, who.id().value(), "case.task-added", null, null, dueOn);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.task-added", "case", row.id()));
        return new TaskView(task, "MANUAL", null, text, dueOn, assignee, null);
    }

    @Transactional
    public void completeTask(StaffMember who, UUID id, UUID taskId) {
        CaseRow row = lock(who, id);
        if (!records.completeTask(row.id(), row.org(), taskId, clock.instant())) {
            throw new NotFoundException("open task");
        }
        records.event(row.id(), row.org(), clock.instant(), who.id().value(), "case.task-completed", null, null, null);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.task-completed", "case", row.id()));
    }

    // --- GDPR ---------------------------------------------------------------------------------------------------------

    /** Everything Haven holds about the person, decrypted (right of access and portability); one audit event. */
    @Transactional
    public Map<String, Object> export(StaffMember who, UUID id) {
        CaseRow row = find(who, id);
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.exported", "case", row.id()));
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("case", view(row, details(row)));
        // The timeline with a policy change's detail decrypted (the old and the new framework), never its ciphertext.
        export.put("timeline", records.events(row.id(), row.org()).stream().map(e -> {
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("id", e.id());
            entry.put("at", e.at());
            entry.put("actor", e.actor());
            entry.put("type", e.type());
            entry.put("from", e.from());
            entry.put("to", e.to());
            entry.put("onDate", e.onDate());
            if (e.detail() != null) {
                entry.put("policyChange", policyChange(row, e.detail()));
            }
            return entry;
        }).toList());
        export.put("notes", records.notes(row.id(), row.org()).stream()
                .map(n -> new Text(n.id(), n.author(), n.at(), null, decrypt(row, "case_note", "body", n.body()))).toList());
        export.put("messages", messagesOf(row));
        export.put("tasks", tasksOf(row));
        // Documents with their content (base64): the export is all of the person's data.
        export.put("documents", records.documents(row.id(), row.org()).stream().map(d -> Map.of("id", d.id(), "mediaType", d.mediaType(),
                "size", d.size(), "createdAt", d.createdAt(), "name", decrypt(row, "case_document", "name", d.name()),
                "contentBase64", java.util.Base64.getEncoder().encodeToString(documentContent(row, d.id())))).toList());
        export.put("exportedAt", clock.instant());
        return export;
    }

    /**
     * Erasure by crypto-shredding, confirmed by a coordinator: the case's keys are destroyed, so its content cannot be
     * read in the live database or in any backup; the ciphertexts and blind indexes are removed; the case row keeps
     * only its non-sensitive dimensions for the statistics. The audit log keeps "case erased".
     */
    @Transactional
    public void erase(StaffMember who, UUID id) {
        if (who.role() != Role.COORDINATOR) {
            throw new AccessDeniedException("only a coordinator confirms an erasure");
        }
        CaseRow row = lock(who, id);
        CaseProfile before = profile(row, details(row));
        protection.shred(who.org(), new CaseId(row.id()));
        records.eraseContent(row.id(), row.org());
        store.markErased(row.org(), row.id(), clock.instant());
        // The counts keep the request (month, nationality, group); its facts and its place among open cases go.
        events.publishEvent(new CaseProfileChanged(before, new CaseProfile(before.org(), before.opened(), before.source(), before.nationality(),
                before.groups(), List.of(), Handling.CLOSED, before.stage()), clock.instant()));
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.erased", "case", row.id()));
    }

    // --- the requester's side (the intake module's follow-up page; no staff member) ------------------------------------

    /**
     * The thread the requester sees with their codename: the organisation's replies and their own messages, oldest
     * first, never the original request text (SECURITY.md S7). The case is found wherever it is now (a referral moves
     * it to another organisation; the codename goes on working). One audit event by an anonymous actor.
     */
    @Transactional
    public List<Text> requesterThread(CaseId id) {
        CaseRow row = store.findForRequester(id.value()).orElseThrow(() -> new NotFoundException("case"));
        audit.record(AuditEvent.of(new OrgId(row.org()), AuditEvent.ANONYMOUS, "case.thread-read-by-requester", "case", row.id()));
        return messagesOf(row).stream().map(m -> new Text(m.id(), null, m.at(), m.direction(), m.body())).toList();
    }

    /** A message from the requester on their follow-up page; one audit event by an anonymous actor. */
    @Transactional
    public Text requesterReply(CaseId id, String body) {
        String text = text("body", body);
        CaseRow row = store.findForRequester(id.value()).orElseThrow(() -> new NotFoundException("case"));
        OrgId org = new OrgId(row.org());
        Instant now = clock.instant();
        UUID message = records.message(row.id(), row.org(), "FROM_REQUESTER", null, now, encrypt(row, "case_message", "body", text));
        records.event(row.id(), row.org(), now, null, "case.requester-replied", null, null, null);
        audit.record(AuditEvent.of(org, AuditEvent.ANONYMOUS, "case.requester-replied", "case", row.id()));
        return new Text(message, null, now, "FROM_REQUESTER", text);
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    /** A timeline event for collaborators in this package (referrals, documents). */
    void recordsEvent(UUID caseId, UUID org, Instant at, @Nullable UUID actor, String type, @Nullable String from, @Nullable String to) {
        records.event(caseId, org, at, actor, type, from, to, null);
    }

    /** The case's statistical dimensions (see CaseProfile: no id, no names, no text). */
    static CaseProfile profile(CaseRow row, CaseDetails details) {
        return new CaseProfile(row.org(), java.time.YearMonth.from(row.openedAt().atZone(java.time.ZoneOffset.UTC)), row.source(),
                row.nationality(), details.groups(), details.facts(), row.handling(), row.stage());
    }

    void publish(CaseProfileChanged change) {
        events.publishEvent(change);
    }

    static void requireCaseAccess(StaffMember who) {
        if (who.role() == Role.ANALYST || who.role() == Role.ADMIN) {
            throw new AccessDeniedException("this role sees no case content");
        }
    }

    CaseRow find(StaffMember who, UUID id) {
        requireCaseAccess(who);
        return store.find(CaseScope.of(who), id).orElseThrow(() -> denied(who, id));
    }

    CaseRow lock(StaffMember who, UUID id) {
        requireCaseAccess(who);
        return store.lock(CaseScope.of(who), id).orElseThrow(() -> denied(who, id));
    }

    /**
     * A case the staff member may not see, or that does not exist: one {@code case.access-denied} audit event with the
     * id asked for (SECURITY.md S8), in a transaction of its own so that the caller's rollback does not take it along;
     * the caller gets the same 404 either way.
     */
    private NotFoundException denied(StaffMember who, UUID id) {
        requiresNew.executeWithoutResult(status ->
                audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), "case.access-denied", "case", id)));
        return new NotFoundException("case");
    }

    private static @Nullable String country(String field, @Nullable String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(upper).matches()) {
            throw new BadInputException(field, field + " '" + code + "' is not a country code: expected two letters (ISO 3166-1), e.g. US");
        }
        return upper;
    }

    private static String state(String field, String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Handling h : Handling.values()) {
            if (h.name().equals(upper)) {
                return upper;
            }
        }
        for (Stage s : Stage.values()) {
            if (s.name().equals(upper)) {
                return upper;
            }
        }
        throw new BadInputException(field, "unknown status '" + name + "': expected a handling (" + List.of(Handling.values())
                + ") or a stage (" + List.of(Stage.values()) + ")");
    }

    private static String text(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(field, field + " is empty: some text is expected");
        }
        if (value.length() > MAX_TEXT) {
            throw new BadInputException(field, field + " has " + value.length() + " characters: at most " + MAX_TEXT + " are accepted");
        }
        return value;
    }

    /** The most a case's route profile may take, as JSON (what the route advice needs is well under 1 KB). */
    public static final int MAX_ROUTE_PROFILE_BYTES = 16 * 1024;
    /** The most fact codes a case may record (the data set has far fewer; a list is bounded whatever it grows to). */
    public static final int MAX_FACTS = 32;

    /** Group codes a case may record: the policy engine's groups and {@code lgbti} (all of them). */
    public static final java.util.Set<String> GROUP_CODES;

    static {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (nl.haven.policy.Group group : nl.haven.policy.Group.values()) {
            codes.add(group.code());
        }
        codes.add(nl.haven.policy.Group.ALL);
        GROUP_CODES = java.util.Collections.unmodifiableSet(codes);
    }

    /**
     * Checks what staff (or the intake) record before anything is stored: the bounds and the known codes (issue #15,
     * point 14). Groups and facts are special-category data the statistics and the what-if count; a code the policy
     * data set does not know would be either dropped silently or stored as free text where only codes belong, and an
     * unbounded list or profile lets one request fill the case's encrypted details without limit.
     */
    private void validate(CaseDetails details) {
        if (details == null) {
            throw new BadInputException("details", "the case's details are missing");
        }
        if (details.groups().size() > GROUP_CODES.size()) {
            throw new BadInputException("groups", details.groups().size() + " groups: at most " + GROUP_CODES.size() + " are possible ("
                    + String.join(", ", GROUP_CODES) + ")");
        }
        for (String group : details.groups()) {
            if (group == null || !GROUP_CODES.contains(group)) {
                throw new BadInputException("groups", "unknown group '" + group + "': expected one of " + String.join(", ", GROUP_CODES));
            }
        }
        if (details.facts().size() > MAX_FACTS) {
            throw new BadInputException("facts", details.facts().size() + " facts: at most " + MAX_FACTS + " are accepted");
        }
        java.util.Set<String> facts = engine.dataSet().facts().keySet();
        for (String fact : details.facts()) {
            if (fact == null || !facts.contains(fact)) {
                throw new BadInputException("facts", "unknown fact '" + fact + "': expected a fact code of the policy data set ("
                        + String.join(", ", new java.util.TreeSet<>(facts)) + ")");
            }
        }
        int profileBytes = json.writeValueAsBytes(details.routeProfile()).length;
        if (profileBytes > MAX_ROUTE_PROFILE_BYTES) {
            throw new BadInputException("routeProfile", "the route profile has " + profileBytes + " bytes as JSON: at most "
                    + MAX_ROUTE_PROFILE_BYTES / 1024 + " KB (" + MAX_ROUTE_PROFILE_BYTES + " bytes) are accepted");
        }
        for (String value : new String[] { details.nameUsed(), details.pronouns(), details.legalName() }) {
            if (value != null && value.length() > MAX_NAME) {
                throw new BadInputException("details", "names and pronouns may have at most 200 characters");
            }
        }
        if (details.request() != null && details.request().length() > MAX_TEXT) {
            throw new BadInputException("request", "the request may have at most " + MAX_TEXT + " characters");
        }
        if (details.language() != null && !List.of("en", "nl", "ru").contains(details.language())) {
            throw new BadInputException("language", "language '" + details.language() + "': expected en, nl or ru");
        }
        // A contact without a channel ({"safeContact":{}}) is bad input too: List.of(...).contains(null) would throw.
        if (details.safeContact() != null && (details.safeContact().channel() == null
                || !List.of("none", "email", "signal", "phone", "post", "in-person").contains(details.safeContact().channel()))) {
            throw new BadInputException("safeContact.channel", (details.safeContact().channel() == null ? "no contact channel"
                    : "contact channel '" + details.safeContact().channel() + "'") + ": expected none, email, signal, phone, post or in-person");
        }
    }

    byte[] encryptDetails(OrgId org, UUID caseId, CaseDetails details) {
        return protection.encrypt(new FieldRef(org, new CaseId(caseId), TABLE, "details"), json.writeValueAsBytes(details));
    }

    CaseDetails details(CaseRow row) {
        byte[] plain = protection.decrypt(new FieldRef(new OrgId(row.org()), new CaseId(row.id()), TABLE, "details"), row.details());
        return json.readValue(plain, CaseDetails.class);
    }

    byte[] encrypt(CaseRow row, String table, String column, String text) {
        return protection.encryptText(new FieldRef(new OrgId(row.org()), new CaseId(row.id()), table, column), text);
    }

    private byte[] documentContent(CaseRow row, UUID documentId) {
        byte[] stored = records.documentContent(row.id(), row.org(), documentId).orElseThrow();
        try (java.io.InputStream in = protection.decryptingStream(new FieldRef(new OrgId(row.org()), new CaseId(row.id()), "case_document",
                "content"), new java.io.ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    byte[] encryptBytes(CaseRow row, String table, String column, byte[] plain) {
        return protection.encrypt(new FieldRef(new OrgId(row.org()), new CaseId(row.id()), table, column), plain);
    }

    byte[] decryptBytes(CaseRow row, String table, String column, byte[] ciphertext) {
        return protection.decrypt(new FieldRef(new OrgId(row.org()), new CaseId(row.id()), table, column), ciphertext);
    }

    String decrypt(CaseRow row, String table, String column, byte[] ciphertext) {
        return protection.decryptText(new FieldRef(new OrgId(row.org()), new CaseId(row.id()), table, column), ciphertext);
    }

    static CaseView view(CaseRow row, CaseDetails details) {
        return view(row, details, List.of());
    }

    static CaseView view(CaseRow row, CaseDetails details, List<Notice> notices) {
        return new CaseView(row.id(), row.reference(), row.handling(), row.stage(), row.track(), row.priority(), row.assignee(),
                row.nationality(), row.residence(), row.source(), row.applicationDate(), row.openedAt(), row.updatedAt(), row.version(),
                details, CaseWorkflow.allowed(row.handling(), row.stage()), notices);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
