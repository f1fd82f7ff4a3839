package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseText;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseEditing;
import nl.haven.cases.internal.CaseFilter;
import nl.haven.cases.internal.CaseGdpr;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseSort;
import nl.haven.cases.internal.CaseSummary;
import nl.haven.cases.internal.CaseTasks;
import nl.haven.cases.internal.CaseView;
import nl.haven.identity.CurrentStaff;
import nl.haven.shared.BadInputException;
import nl.haven.shared.IfMatch;
import nl.haven.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff API of INTERFACES.md §6 for cases: the caller's organisation only (taken from the log-in or the API
 * token), another organisation's case answers 404 exactly as a case that does not exist, an invalid transition 409
 * listing the allowed ones. Responses are never cached.
 */
@RestController
@RequestMapping(path = "/api/v1/cases", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseApi {
    private final CaseQueue queue;
    private final CaseOpening opening;
    private final CaseReading reading;
    private final CaseEditing editing;
    private final CaseMoves moves;
    private final CaseConversation conversation;
    private final CaseTasks tasks;
    private final CaseGdpr gdpr;
    private final CurrentStaff staff;
    private final IdempotentCreates creates;

    CaseApi(CaseQueue queue, CaseOpening opening, CaseReading reading, CaseEditing editing, CaseMoves moves, CaseConversation conversation,
            CaseTasks tasks, CaseGdpr gdpr, CurrentStaff staff, IdempotentCreates creates) {
        this.creates = creates;
        this.queue = queue;
        this.opening = opening;
        this.reading = reading;
        this.editing = editing;
        this.moves = moves;
        this.conversation = conversation;
        this.tasks = tasks;
        this.gdpr = gdpr;
        this.staff = staff;
    }

    static <T> ResponseEntity<T> ok(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    public record Page(List<CaseSummary> items, long total, int page, int size) {
    }

    @GetMapping
    ResponseEntity<Page> queue(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Integer priority, @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String nationality,
            @RequestParam(required = false) @Nullable LocalDate dueBefore, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, @RequestParam(required = false) @Nullable String sort, HttpServletRequest request) {
        boolean unassigned = UNASSIGNED.equals(assignee);
        CaseFilter filter = new CaseFilter(status, priority, unassigned ? null : assignee(assignee), nationality, dueBefore, q, page, size,
                unassigned, CaseSort.parse(sort));
        var result = queue.queue(staff.require(), filter);
        return ResponseEntity.ok().headers(Paging.headers(request, new Paging.PageRequest(page, size), result.total()))
                .cacheControl(CacheControl.noStore()).body(new Page(result.rows(), result.total(), page, size));
    }

    /** A single case: its {@code version} is its ETag. */
    static ResponseEntity<CaseView> tagged(CaseView view) {
        return ResponseEntity.ok().eTag(IfMatch.etag(view.version())).cacheControl(CacheControl.noStore()).body(view);
    }

    /**
     * The If-Match a change of a case must carry (428 without it): a move or a change of details made on a version a
     * colleague has changed since would silently undo their work, and both have legal consequences.
     */
    static IfMatch required(@Nullable String ifMatch, String what) {
        return IfMatch.required(ifMatch, what);
    }

    /** The assignee filter's value for the cases assigned to nobody. */
    static final String UNASSIGNED = "none";

    /** A colleague's id, or 400 naming the value ({@code none} is handled before). */
    private static @Nullable UUID assignee(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("assignee", "assignee is '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
                    + "'; expected a staff member's id or " + UNASSIGNED);
        }
    }

    /** A case opened by staff (the public intake opens its own). */
    public record OpenRequest(@Nullable String nationality, @Nullable String countryOfResidence, @Nullable CaseDetails details) {
        @Override
        public String toString() {
            return "OpenRequest";
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseView> open(@RequestBody OpenRequest request, @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key,
            HttpServletRequest http) {
        return creates.create(key, http, request, CaseView.class, () -> {
            CaseView view = opening.open(staff.require(), new NewCase(request.nationality(), request.countryOfResidence(),
                    request.details() == null ? CaseDetails.empty() : request.details(), "STAFF"));
            return ResponseEntity.created(URI.create("/api/v1/cases/" + view.id())).eTag(IfMatch.etag(view.version()))
                    .cacheControl(CacheControl.noStore()).body(view);
        });
    }

    @GetMapping("/{id}")
    ResponseEntity<CaseView> get(@PathVariable UUID id) {
        return tagged(reading.get(staff.require(), id));
    }

    public record DetailsRequest(@Nullable String nationality, @Nullable String countryOfResidence, @Nullable CaseDetails details) {
        @Override
        public String toString() {
            return "DetailsRequest";
        }
    }

    @PutMapping(path = "/{id}/details", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseView> details(@PathVariable UUID id, @RequestBody DetailsRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        if (request.details() == null) {
            throw new BadInputException("details", "details are expected");
        }
        IfMatch precondition = required(ifMatch, "A change of a case's details");
        return tagged(editing.changeDetails(staff.require(), id, CaseEditing.Scope.ALL, request.details(), request.nationality(),
                request.countryOfResidence(), precondition));
    }

    public record TransitionRequest(@Nullable String to, @Nullable LocalDate date, @Nullable String track, @Nullable Integer priority) {
    }

    @PostMapping(path = "/{id}/transitions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseView> transition(@PathVariable UUID id, @RequestBody TransitionRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        if (request.to() == null) {
            throw new BadInputException("to", "the target state 'to' is expected");
        }
        IfMatch precondition = required(ifMatch, "A move of a case");
        return tagged(moves.transition(staff.require(), id, new CaseWorkflow.Request(request.to(), request.date(), request.track(),
                request.priority()), precondition));
    }

    public record AssignmentRequest(@Nullable UUID assignee) {
    }

    @PostMapping(path = "/{id}/assignment", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> assign(@PathVariable UUID id, @RequestBody AssignmentRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        moves.assign(staff.require(), id, request.assignee(), required(ifMatch, "An assignment of a case"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/timeline")
    ResponseEntity<List<CaseReading.TimelineEntry>> timeline(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, reading.timeline(staff.require(), id));
    }

    public record TextRequest(@Nullable String body) {
        @Override
        public String toString() {
            return "TextRequest";
        }
    }

    @GetMapping("/{id}/notes")
    ResponseEntity<List<CaseText>> notes(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, conversation.notes(staff.require(), id));
    }

    @PostMapping(path = "/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseText> addNote(@PathVariable UUID id, @RequestBody TextRequest request,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) {
        return creates.create(key, http, request, CaseText.class,
                () -> ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(conversation.addNote(staff.require(), id, request.body())));
    }

    @GetMapping("/{id}/messages")
    ResponseEntity<List<CaseText>> messages(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, conversation.messages(staff.require(), id));
    }

    @PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseText> sendMessage(@PathVariable UUID id, @RequestBody TextRequest request,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) {
        return creates.create(key, http, request, CaseText.class, () -> ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                .body(conversation.sendMessage(staff.require(), id, request.body())));
    }

    public record TaskRequest(@Nullable String title, @Nullable LocalDate dueOn, @Nullable UUID assignee) {
        @Override
        public String toString() {
            return "TaskRequest[" + dueOn + "]";
        }
    }

    @GetMapping("/{id}/tasks")
    ResponseEntity<List<CaseTasks.TaskView>> tasks(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, tasks.tasks(staff.require(), id));
    }

    @PostMapping(path = "/{id}/tasks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseTasks.TaskView> addTask(@PathVariable UUID id, @RequestBody TaskRequest request,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) {
        return creates.create(key, http, request, CaseTasks.TaskView.class, () -> ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                .body(tasks.addTask(staff.require(), id, request.title(), request.dueOn(), request.assignee())));
    }

    @PostMapping("/{id}/tasks/{taskId}/done")
    ResponseEntity<Void> completeTask(@PathVariable UUID id, @PathVariable UUID taskId) {
        tasks.completeTask(staff.require(), id, taskId);
        return ResponseEntity.noContent().build();
    }

    public record IdentifierRequest(@Nullable String kind, @Nullable String value) {
        @Override
        public String toString() {
            return "IdentifierRequest[" + kind + "]";
        }
    }

    @PostMapping(path = "/{id}/identifiers", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> addIdentifier(@PathVariable UUID id, @RequestBody IdentifierRequest request,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) {
        return creates.create(key, http, request, Void.class, () -> {
            queue.addIdentifier(staff.require(), id, request.kind() == null ? "" : request.kind(), request.value() == null ? "" : request.value());
            return ResponseEntity.noContent().build();
        });
    }

    /** GDPR access and portability: everything about the person, decrypted, as JSON. */
    @GetMapping("/{id}/export")
    ResponseEntity<Map<String, Object>> export(@PathVariable UUID id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "attachment; filename=\"case-export.json\"")
                .body(gdpr.export(staff.require(), id));
    }

    /** Erasure by crypto-shredding; a coordinator confirms it. */
    @PostMapping("/{id}/erasure")
    ResponseEntity<Void> erase(@PathVariable UUID id) {
        gdpr.erase(staff.require(), id);
        return ResponseEntity.noContent().build();
    }
}
