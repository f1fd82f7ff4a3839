package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk assignment and re-prioritising from the queue ({@code POST /cases/bulk}, issue #19 point 2), for coordinators
 * only: the cases ticked in the queue are assigned to one colleague (or to nobody) and/or given one priority. Each case
 * goes through the same service call as a single change ({@link CaseMoves#assign}, {@link CaseMoves#reprioritise}):
 * its own permission check through the coordinator's scope, its own transaction, its own timeline event and audit
 * event. A case that is no longer there (erased, referred) is counted and named as not changed, without telling
 * why. A form that cannot be used is refused (400) on the queue page, the field named; any other role gets 403.
 */
@Controller
class QueueBulkPages {
    /** Who changes cases in bulk. */
    static final Set<Role> BULK_ROLES = Set.of(Role.COORDINATOR);
    /** At most this many cases at once: more than a queue page (25) shows, fewer than a forged form could send. */
    static final int MAX_CASES = 100;

    private final CaseMoves moves;
    private final PageSupport support;
    private final QueueView view;

    QueueBulkPages(CaseMoves moves, PageSupport support, QueueView view) {
        this.moves = moves;
        this.support = support;
        this.view = view;
    }

    /**
     * The bulk form: the ticked cases' ids, the colleague ({@code none} for nobody, empty to leave as it is) and the
     * priority (empty to leave as it is). {@code toString} names no case.
     */
    record BulkForm(@Nullable List<String> ids, @Nullable String assignee, @Nullable String priority) {
        static BulkForm empty() {
            return new BulkForm(List.of(), "", "");
        }

        @Override
        public String toString() {
            return "BulkForm[" + (ids == null ? 0 : ids.size()) + " cases]";
        }
    }

    @PostMapping("/cases/bulk")
    String bulk(@ModelAttribute("bulk") BulkForm form, Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        StaffMember who = support.who();
        if (!BULK_ROLES.contains(who.role())) {
            throw new AccessDeniedException("coordinators assign and re-prioritise cases in bulk");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        PageSupport.Problem problem = null;
        for (String id : form.ids() == null ? List.<String>of() : form.ids()) {
            try {
                ids.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                problem = support.problem("bulk-ids", locale, "cases.bulk.error.ids");
            }
        }
        String a = PageSupport.blankToNull(form.assignee());
        String p = PageSupport.blankToNull(form.priority());
        StaffMember assignee = null;
        if (problem == null && ids.isEmpty()) {
            problem = support.problem("bulk-ids", locale, "cases.bulk.error.none");
        } else if (problem == null && ids.size() > MAX_CASES) {
            problem = support.problem("bulk-ids", locale, "cases.bulk.error.many", ids.size(), MAX_CASES);
        } else if (problem == null && a == null && p == null) {
            problem = support.problem("bulk-assignee", locale, "cases.bulk.error.nothing");
        } else if (problem == null && p != null && !p.matches("[123]")) {
            problem = support.problem("bulk-priority", locale, "cases.error.choice", p);
        } else if (problem == null && a != null && !QueuePages.UNASSIGNED.equals(a)) {
            assignee = support.assignable(who).stream().filter(m -> m.id().value().toString().equals(a)).findFirst().orElse(null);
            if (assignee == null) {
                problem = support.problem("bulk-assignee", locale, "cases.error.choice", a);
            }
        }
        if (problem != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", problem);
            model.addAttribute("newCase", QueuePages.NewCaseForm.empty());
            model.addAttribute("search", new QueuePages.SearchForm(""));
            model.addAttribute("filter", QueuePages.Filter.none());
            return view.page(who, QueuePages.Filter.none(), null, model, locale, response);
        }
        int assigned = 0;
        int prioritised = 0;
        int missing = 0;
        for (UUID id : ids) {
            try {
                if (a != null) {
                    moves.assign(who, id, assignee == null ? null : assignee.id().value());
                    assigned++;
                }
                if (p != null && moves.reprioritise(who, id, Integer.parseInt(p))) {
                    prioritised++;
                }
            } catch (NotFoundException e) {
                missing++;
            }
        }
        List<String> done = new ArrayList<>();
        if (a != null) {
            done.add(assignee == null ? support.text("cases.bulk.done.unassigned", locale, assigned)
                    : support.text("cases.bulk.done.assigned", locale, assigned, assignee.displayName()));
        }
        if (p != null) {
            done.add(support.text("cases.bulk.done.prioritised", locale, prioritised, support.text("cases.priority." + p, locale)));
        }
        if (missing > 0) {
            done.add(support.text("cases.bulk.done.missing", locale, missing));
        }
        redirect.addFlashAttribute("bulkDone", done);
        return "redirect:/cases?lang=" + locale.getLanguage();
    }
}
