package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A staff member's day (issue #19, point 1): overdue, due today and due this week (tasks and legal deadlines), new
 * requests waiting for triage, cases with a message from the person the viewer has not read yet and open policy-review tasks, each limited to what the role may see
 * ({@link CaseScope}). "Today" is the day in Europe/Amsterdam. Ids, references, kinds, term ids and dates only: no case
 * content, so no case is opened and nothing is decrypted.
 */
@Service
public class CaseAgenda {
    static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");

    private final AgendaStore store;
    private final AppointmentStore appointments;
    private final Clock clock;

    CaseAgenda(AgendaStore store, AppointmentStore appointments, Clock clock) {
        this.store = store;
        this.appointments = appointments;
        this.clock = clock;
    }

    /**
     * One line of the agenda: the case, and for a task its id, kind ({@code DEADLINE} or {@code MANUAL}), legal term
     * (deadlines) and due date; for an appointment (issue #19, point 12) kind {@code APPOINTMENT}, its id, its kind
     * ({@code appointmentKind}, e.g. {@code HEARING}), its day ({@code dueOn}) and its time in Europe/Amsterdam.
     * {@code AgendaItem} in the OpenAPI document (the policy diff has an {@code Item} of its own).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "AgendaItem")
    public record Item(UUID caseId, String reference, @Nullable UUID taskId, @Nullable String kind, @Nullable String termId,
            @Nullable LocalDate dueOn, @Nullable UUID appointmentId, @Nullable String appointmentKind, @Nullable String time) {
        Item(UUID caseId, String reference, @Nullable UUID taskId, @Nullable String kind, @Nullable String termId, @Nullable LocalDate dueOn) {
            this(caseId, reference, taskId, kind, termId, dueOn, null, null, null);
        }
    }

    /** The agenda's kind of an appointment's item. */
    public static final String APPOINTMENT = "APPOINTMENT";

    /**
     * The day's lists. {@code policyReviews}: every open policy-review task (a policy change that may affect the case,
     * {@link PolicyImpact}) whatever its due date, so that a review due next month is on the agenda too; one due within
     * the week is also in its due list.
     */
    public record Agenda(List<Item> overdue, List<Item> dueToday, List<Item> dueThisWeek, List<Item> newRequests, List<Item> unreadReplies,
            List<Item> policyReviews) {
    }

    @Transactional(readOnly = true)
    public Agenda agenda(StaffMember who) {
        CaseScope scope = CaseScope.of(who);
        if (!scope.seesCases()) {
            return new Agenda(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        LocalDate today = LocalDate.now(clock.withZone(DUTCH_TIME));
        List<Item> overdue = new ArrayList<>();
        List<Item> dueToday = new ArrayList<>();
        List<Item> thisWeek = new ArrayList<>();
        for (AgendaStore.DueTask task : store.dueUntil(scope, AgendaDays.weekEnd(today))) {
            Item item = new Item(task.caseId(), task.reference(), task.taskId(), task.kind(), task.termId(), task.dueOn());
            switch (AgendaDays.of(today, task.dueOn())) {
                case OVERDUE -> overdue.add(item);
                case TODAY -> dueToday.add(item);
                case THIS_WEEK -> thisWeek.add(item);
                case LATER -> {
                }
            }
        }
        // Appointments from the start of today to the end of the week, at their day; a past one is not "overdue".
        Instant from = today.atStartOfDay(DUTCH_TIME).toInstant();
        Instant until = AgendaDays.weekEnd(today).plusDays(1).atStartOfDay(DUTCH_TIME).toInstant();
        for (AppointmentStore.Upcoming a : appointments.between(scope, from, until)) {
            ZonedDateTime at = a.startsAt().atZone(DUTCH_TIME);
            Item item = new Item(a.caseId(), a.reference(), null, APPOINTMENT, null, at.toLocalDate(), a.id(), a.kind(), TIME.format(at));
            (at.toLocalDate().isEqual(today) ? dueToday : thisWeek).add(item);
        }
        dueToday.sort(BY_DAY);
        thisWeek.sort(BY_DAY);
        List<Item> reviews = store.policyReviews(scope).stream()
                .map(t -> new Item(t.caseId(), t.reference(), t.taskId(), t.kind(), t.termId(), t.dueOn())).toList();
        return new Agenda(overdue, dueToday, thisWeek, cases(store.newRequests(scope)), cases(store.unreadFor(scope)), reviews);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** Soonest first; on one day the tasks (no time) before the appointments, those by their time. */
    private static final Comparator<Item> BY_DAY = Comparator.comparing(Item::dueOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Item::time, Comparator.nullsFirst(Comparator.naturalOrder()));

    private static List<Item> cases(List<AgendaStore.CaseRef> refs) {
        return refs.stream().map(r -> new Item(r.caseId(), r.reference(), null, null, null, null)).toList();
    }
}
