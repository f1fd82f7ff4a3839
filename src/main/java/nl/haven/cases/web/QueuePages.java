package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseInput;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseView;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff member's queue at {@code /cases}: the cases they may see, filtered and paginated, with non-sensitive
 * columns (reference, state, priority, assignee, nationality, next due date), the "new" and "reply waiting" markers and,
 * for the roles that may see it, the name the person uses ({@link QueueView}; each name shown is an audited read);
 * nothing else of the person's story. The filters are in the address (GET); the search for a reference or an
 * identifier (a V-number, phone number or e-mail address: personal data) is posted, so it never ends up in an address,
 * the browser's history or a log. Coordinators and caseworkers open a new case here; coordinators change cases in
 * bulk ({@link QueueBulkPages}).
 */
@Controller
@RequestMapping("/cases")
class QueuePages {
    static final int PAGE_SIZE = 25;
    /** Who opens cases from the queue page. */
    static final List<Role> OPENERS = List.of(Role.COORDINATOR, Role.CASEWORKER);
    /** The assignee filter's value for the cases assigned to nobody. */
    static final String UNASSIGNED = "none";

    private final CaseOpening opening;
    private final PageSupport support;
    private final QueueView view;

    QueuePages(CaseOpening opening, PageSupport support, QueueView view) {
        this.opening = opening;
        this.support = support;
        this.view = view;
    }

    /** The filter as typed: text, so that a wrong value can be named in the message. */
    record Filter(@Nullable String status, @Nullable String priority, @Nullable String assignee, @Nullable String nationality,
            @Nullable String dueBefore, @Nullable String page, @Nullable String sort) {
        static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }

        Filter sortedBy(String value) {
            return new Filter(status, priority, assignee, nationality, dueBefore, null, value);
        }

        @Override
        public String toString() {
            return "Filter[" + status + "]";
        }
    }

    /** A new case: what staff know when they open it. {@code toString} leaves the name out. */
    record NewCaseForm(@Nullable String nameUsed, @Nullable String pronouns, @Nullable String nationality,
            @Nullable String countryOfResidence) {
        static NewCaseForm empty() {
            return new NewCaseForm("", "", "", "");
        }

        @Override
        public String toString() {
            return "NewCaseForm[" + nationality + "]";
        }
    }

    /** The search: a reference or an identifier, exact match. {@code toString} leaves the value out. */
    record SearchForm(@Nullable String q) {
        @Override
        public String toString() {
            return "SearchForm";
        }
    }

    @GetMapping
    String queue(@ModelAttribute("filter") Filter filter, Model model, Locale locale, HttpServletResponse response) {
        StaffMember who = support.who();
        model.addAttribute("newCase", NewCaseForm.empty());
        model.addAttribute("search", new SearchForm(""));
        return page(who, filter, null, model, locale, response);
    }

    /** Not a change, so no redirect: the answer is this response (an address with the value in it is what it avoids). */
    @PostMapping("/search")
    String search(@ModelAttribute("search") SearchForm search, Model model, Locale locale, HttpServletResponse response) {
        StaffMember who = support.who();
        model.addAttribute("newCase", NewCaseForm.empty());
        model.addAttribute("filter", Filter.none());
        String q = PageSupport.blankToNull(search.q());
        if (q == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", support.problem("search-q", locale, "cases.error.search.empty"));
        } else if (q.length() > 200) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", support.problem("search-q", locale, "cases.error.search.long", q.length(), 200));
        }
        return page(who, Filter.none(), q, model, locale, response);
    }

    @PostMapping
    String open(@ModelAttribute("newCase") NewCaseForm form, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        StaffMember who = support.who();
        if (!OPENERS.contains(who.role())) {
            throw new AccessDeniedException("coordinators and caseworkers open cases on this page");
        }
        PageSupport.Problem problem = null;
        String nameUsed = PageSupport.blankToNull(form.nameUsed());
        String pronouns = PageSupport.blankToNull(form.pronouns());
        if (nameUsed != null && nameUsed.length() > CaseInput.MAX_NAME) {
            problem = support.problem("new-nameUsed", locale, "cases.error.tooLong", nameUsed.length(), CaseInput.MAX_NAME);
        } else if (pronouns != null && pronouns.length() > CaseInput.MAX_NAME) {
            problem = support.problem("new-pronouns", locale, "cases.error.tooLong", pronouns.length(), CaseInput.MAX_NAME);
        }
        CaseView opened = null;
        if (problem == null) {
            try {
                opened = opening.open(who, new NewCase(form.nationality(), form.countryOfResidence(),
                        new CaseDetails(nameUsed, pronouns, null, List.of(), List.of(), false, null, null, null, Map.of()), "STAFF"));
            } catch (BadInputException e) {
                String field = "countryOfResidence".equals(e.field()) ? "new-countryOfResidence" : "new-nationality";
                String value = "countryOfResidence".equals(e.field()) ? form.countryOfResidence() : form.nationality();
                problem = support.problem(field, locale, "cases.error.country", value == null ? "" : value);
            }
        }
        if (problem != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", problem);
            model.addAttribute("filter", Filter.none());
            model.addAttribute("search", new SearchForm(""));
            return page(who, Filter.none(), null, model, locale, response);
        }
        redirect.addFlashAttribute("doneSection", "case");
        redirect.addFlashAttribute("doneKey", "cases.done.opened");
        return "redirect:/cases/" + opened.id() + "?lang=" + locale.getLanguage();
    }

    private String page(StaffMember who, Filter filter, @Nullable String q, Model model, Locale locale, HttpServletResponse response) {
        return view.page(who, filter, q, model, locale, response);
    }
}
