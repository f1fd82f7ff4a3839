package nl.haven.cases.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.internal.CaseAgenda;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff member's day at {@code /cases/today} (issue #19, point 1): the lists of {@code GET /api/v1/agenda}, each
 * entry a link to its case with what is due in words (the legal term's name, "policy review", "task"). Here rather
 * than on the staff home because identity may not depend on cases; the staff home links to it. References, the kind
 * of what is due and dates only: no case content (not even a task's title), no audit event.
 */
@Controller
class AgendaPages {
    /** The lists in the order the page shows them. */
    static final List<String> LISTS = List.of("overdue", "dueToday", "dueThisWeek", "newRequests", "unreadReplies", "policyReviews");

    private final CaseAgenda agenda;
    private final CaseDossier dossier;
    private final PageSupport support;

    AgendaPages(CaseAgenda agenda, CaseDossier dossier, PageSupport support) {
        this.agenda = agenda;
        this.dossier = dossier;
        this.support = support;
    }

    /** One line as the page shows it: what is due ({@code what} empty for a case without a task) and when. */
    record Line(UUID caseId, String reference, String what, @Nullable LocalDate dueOn, PageSupport.@Nullable Due due) {
    }

    @GetMapping("/cases/today")
    String today(Model model, Locale locale) {
        CaseAgenda.Agenda day = agenda.agenda(support.who());
        List<List<CaseAgenda.Item>> all = List.of(day.overdue(), day.dueToday(), day.dueThisWeek(), day.newRequests(), day.unreadReplies(),
                day.policyReviews());
        Map<String, List<Line>> lists = new LinkedHashMap<>();
        for (int i = 0; i < LISTS.size(); i++) {
            lists.put(LISTS.get(i), all.get(i).stream().map(item -> line(item, locale)).toList());
        }
        model.addAttribute("agenda", day);
        model.addAttribute("lists", lists);
        return "cases/today";
    }

    private Line line(CaseAgenda.Item item, Locale locale) {
        String what;
        if (item.kind() == null) {
            what = "";
        } else if ("DEADLINE".equals(item.kind())) {
            what = dossier.termName(item.termId(), locale);
        } else if ("POLICY".equals(item.kind())) {
            what = support.text("cases.tasks.policyReview", locale);
        } else if (CaseAgenda.APPOINTMENT.equals(item.kind()) && item.appointmentKind() != null) {
            what = support.text("cases.today.appointment", locale) + ": " + support.text("cases.appointment.kind." + item.appointmentKind(), locale)
                    + (item.time() == null ? "" : ", " + item.time());
        } else {
            what = support.text("cases.today.task", locale);
        }
        return new Line(item.caseId(), item.reference(), what, item.dueOn(), item.dueOn() == null ? null : support.due(item.dueOn(), false));
    }
}
