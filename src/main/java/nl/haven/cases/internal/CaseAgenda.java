package nl.haven.cases.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A staff member's day (issue #19, point 1): overdue, due today and due this week (tasks and legal deadlines), new
 * requests waiting for triage, cases whose latest message is from the person and open policy-review tasks, each limited to what the role may see
 * ({@link CaseScope}). "Today" is the day in Europe/Amsterdam. Ids, references, kinds, term ids and dates only: no case
 * content, so no case is opened and nothing is decrypted.
 */
@Service
public class CaseAgenda {
    static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");

    private final AgendaStore store;
    private final Clock clock;

    CaseAgenda(AgendaStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * One line of the agenda: the case, and for a task its id, kind ({@code DEADLINE} or {@code MANUAL}), legal term
     * (deadlines) and due date.
     */
    public record Item(UUID caseId, String reference, @Nullable UUID taskId, @Nullable String kind, @Nullable String termId,
            @Nullable LocalDate dueOn) {
    }

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
        List<Item> reviews = store.policyReviews(scope).stream()
                .map(t -> new Item(t.caseId(), t.reference(), t.taskId(), t.kind(), t.termId(), t.dueOn())).toList();
        return new Agenda(overdue, dueToday, thisWeek, cases(store.newRequests(scope)), cases(store.awaitingAnswer(scope)), reviews);
    }

    private static List<Item> cases(List<AgendaStore.CaseRef> refs) {
        return refs.stream().map(r -> new Item(r.caseId(), r.reference(), null, null, null, null)).toList();
    }
}
