package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.PolicyInputException;
import nl.haven.protection.Protection;
import nl.haven.shared.BadInputException;
import nl.haven.shared.CaseId;
import nl.haven.shared.IfMatch;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moving a case: along its workflow ({@link CaseWorkflow}, with the legal deadlines a step starts) and to a colleague. */
@Service
public class CaseMoves {
    private final CaseStore store;
    private final CaseRecordStore records;
    private final CaseAccess access;
    private final DeadlinePlanner deadlines;
    private final CurrentStaff staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Protection protection;

    CaseMoves(CaseStore store, CaseRecordStore records, CaseAccess access, DeadlinePlanner deadlines, CurrentStaff staff,
            ApplicationEventPublisher events, Clock clock, Protection protection) {
        this.store = store;
        this.records = records;
        this.access = access;
        this.deadlines = deadlines;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
        this.protection = protection;
    }

    /**
     * Moves the case along its workflow. An unknown target is 400, a target the current state does not allow is 409
     * listing the allowed ones; the step is recorded as a past-tense event on the timeline and in the audit log, and
     * the legal deadlines it starts become tasks.
     */
    @Transactional
    public CaseView transition(StaffMember who, UUID id, CaseWorkflow.Request request) {
        return transition(who, id, request, IfMatch.NONE);
    }

    /** As above, only if the case is still at the version {@code ifMatch} names (412 otherwise), checked under the row lock. */
    @Transactional
    public CaseView transition(StaffMember who, UUID id, CaseWorkflow.Request request, IfMatch ifMatch) {
        CaseRow row = access.lock(who, id);
        ifMatch.check(IfMatch.etag(row.version()));
        CaseWorkflow.Step step = CaseWorkflow.check(row.handling(), row.stage(), request);
        if (step.stage() == Stage.REJECTED) {
            List<String> tracks;
            try {
                tracks = deadlines.appealTracks(Objects.requireNonNull(step.date()));
            } catch (PolicyInputException e) {
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
        if (step.handling() == Handling.ACCEPTED || step.handling() == Handling.CLOSED) {
            // Taken on or closed: a referring organisation can no longer take it back (ADR 0006 C.8), so its way back goes.
            protection.dropReturnSeal(new OrgId(row.org()), new CaseId(row.id()));
        }
        String from = step.handling() != null ? row.handling().name() : row.stage().name();
        CaseEventType type = CaseEventType.ofCode(CaseWorkflow.eventType(step));
        records.event(row.id(), row.org(), now, who.id().value(), type, from, step.target(), step.date());
        List<Notice> notices = step.stage() == null ? List.of()
                : deadlines.plan(row.id(), row.org(), row.stage(), step.stage(), step.date(), step.track(), applicationDate, row.assignee(), now);
        access.audit(who, type, row.id());
        CaseRow after = store.findInOrganisation(row.org(), row.id()).orElseThrow();
        CaseDetails details = access.details(after);
        events.publishEvent(new CaseProfileChanged(row.profile(details), after.profile(details), now));
        return after.view(details, notices);
    }

    /** Assigns the case to a colleague of the same organisation (coordinators and intake staff). */
    @Transactional
    public void assign(StaffMember who, UUID id, @Nullable UUID assignee) {
        assign(who, id, assignee, IfMatch.NONE);
    }

    /** As above, only if the case is still at the version {@code ifMatch} names (412 otherwise), checked under the row lock. */
    @Transactional
    public void assign(StaffMember who, UUID id, @Nullable UUID assignee, IfMatch ifMatch) {
        if (who.role() != Role.COORDINATOR && who.role() != Role.INTAKE) {
            throw new AccessDeniedException("only coordinators and intake staff assign cases");
        }
        CaseRow row = access.lock(who, id);
        ifMatch.check(IfMatch.etag(row.version()));
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
        records.event(row.id(), row.org(), now, who.id().value(), assignee == null ? CaseEventType.UNASSIGNED : CaseEventType.ASSIGNED, null,
                null, null);
        access.audit(who, CaseEventType.ASSIGNED, row.id());
    }

    /**
     * Sets the case's priority, 1 (urgent) to 3 (normal) (coordinators, from the queue). The same priority again is not
     * a change: nothing is written and false is returned. A change is on the timeline and in the audit log.
     */
    @Transactional
    public boolean reprioritise(StaffMember who, UUID id, int priority) {
        if (who.role() != Role.COORDINATOR) {
            throw new AccessDeniedException("only coordinators change a case's priority");
        }
        if (priority < 1 || priority > 3) {
            throw new BadInputException("priority", "a priority of 1 (urgent), 2 or 3 (normal) is expected; got " + priority);
        }
        CaseRow row = access.lock(who, id);
        if (row.priority() != null && row.priority() == priority) {
            return false;
        }
        Instant now = clock.instant();
        store.updateState(row, row.handling(), row.stage(), row.track(), priority, row.assignee(), row.applicationDate(), now);
        records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.PRIORITY_CHANGED, null, null, null);
        access.audit(who, CaseEventType.PRIORITY_CHANGED, row.id());
        return true;
    }
}
