package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import nl.haven.shared.NotFoundException;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A case's tasks: the ones staff add (with an encrypted title) and the legal deadlines a step of the workflow starts. */
@Service
public class CaseTasks {
    static final String MANUAL = "MANUAL";

    private final CaseRecordStore records;
    private final CaseAccess access;
    private final CurrentStaff staff;
    private final Clock clock;

    CaseTasks(CaseRecordStore records, CaseAccess access, CurrentStaff staff, Clock clock) {
        this.records = records;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
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
        return tasksOf(access.read(who, id, CaseAuditAction.TASKS_READ));
    }

    @Transactional
    public TaskView addTask(StaffMember who, UUID id, String title, LocalDate dueOn, @Nullable UUID assignee) {
        String text = CaseInput.text("title", title);
        if (text.length() > CaseInput.MAX_TASK_TITLE) {
            throw new BadInputException("title", "a task title of at most 500 characters is expected");
        }
        if (dueOn == null) {
            throw new BadInputException("dueOn", "a due date (yyyy-mm-dd) is expected");
        }
        CaseRow row = access.lock(who, id);
        if (assignee != null && staff.colleague(who.org(), new UserId(assignee)).isEmpty()) {
            throw new BadInputException("assignee", "no active colleague with id " + assignee + " in your organisation");
        }
        Instant now = clock.instant();
        UUID task = records.task(row.id(), row.org(), MANUAL, null, access.encrypt(row, EncryptedField.TASK_TITLE, text), dueOn, assignee, now);
        records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.TASK_ADDED, null, null, dueOn);
        access.audit(who, CaseEventType.TASK_ADDED, row.id());
        return new TaskView(task, MANUAL, null, text, dueOn, assignee, null);
    }

    @Transactional
    public void completeTask(StaffMember who, UUID id, UUID taskId) {
        CaseRow row = access.lock(who, id);
        if (!records.completeTask(row.id(), row.org(), taskId, clock.instant())) {
            throw new NotFoundException("open task");
        }
        records.event(row.id(), row.org(), clock.instant(), who.id().value(), CaseEventType.TASK_COMPLETED, null, null, null);
        access.audit(who, CaseEventType.TASK_COMPLETED, row.id());
    }

    /** The case's tasks, open first, titles decrypted; the caller has found the case and audits the read. */
    List<TaskView> tasksOf(CaseRow row) {
        return records.tasks(row.id(), row.org()).stream().map(t -> new TaskView(t.id(), t.kind(), t.termId(),
                t.title() == null ? null : access.decrypt(row, EncryptedField.TASK_TITLE, t.title()), t.dueOn(), t.assignee(), t.doneAt()))
                .toList();
    }
}
