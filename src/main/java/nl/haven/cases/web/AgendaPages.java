package nl.haven.cases.web;

import nl.haven.cases.internal.CaseAgenda;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff member's day at {@code /cases/today} (issue #19, point 1): the lists of {@code GET /api/v1/agenda}, each
 * entry a link to its case. Here rather than on the staff home because identity may not depend on cases; the staff
 * home links to it. References, task kinds, term ids and dates only: no case content, no audit event.
 */
@Controller
class AgendaPages {
    private final CaseAgenda agenda;
    private final PageSupport support;

    AgendaPages(CaseAgenda agenda, PageSupport support) {
        this.agenda = agenda;
        this.support = support;
    }

    @GetMapping("/cases/today")
    String today(Model model) {
        model.addAttribute("agenda", agenda.agenda(support.who()));
        return "cases/today";
    }
}
