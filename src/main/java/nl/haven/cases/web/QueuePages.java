package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.Handling;
import nl.haven.cases.NewCase;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.CaseFilter;
import nl.haven.cases.internal.CaseInput;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CasePage;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseSort;
import nl.haven.cases.internal.CaseSummary;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The staff member's queue at {@code /cases}: the cases they may see, filtered and paginated, with non-sensitive
 * columns only (reference, state, priority, assignee, nationality, next due date); never a name or anything of the
 * person's story, so listing it reads no case content and writes no audit event. The filters are in the address (GET);
 * the search for a reference or an identifier (a V-number, phone number or e-mail address: personal data) is posted,
 * so it never ends up in an address, the browser's history or a log. Coordinators and caseworkers open a new case here.
 */
@Controller
@RequestMapping("/cases")
class QueuePages {
    static final int PAGE_SIZE = 25;
    /** Who opens cases from the queue page. */
    static final List<Role> OPENERS = List.of(Role.COORDINATOR, Role.CASEWORKER);
    /** The assignee filter's value for the cases assigned to nobody. */
    static final String UNASSIGNED = "none";

    private final CaseQueue queue;
    private final CaseOpening opening;
    private final PageSupport support;

    QueuePages(CaseQueue queue, CaseOpening opening, PageSupport support) {
        this.queue = queue;
        this.opening = opening;
        this.support = support;
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

    /** A row of the queue as the page shows it. */
    record Row(UUID id, String reference, String state, @Nullable Integer priority, String assignee, @Nullable String nationality,
            String nationalityName, @Nullable LocalDate nextDue, PageSupport.Due due, LocalDate opened) {
    }

    /** A sortable column's heading: where its link leads and, on the sorted column, its {@code aria-sort}. */
    record Heading(String href, @Nullable String ariaSort) {
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
        Map<UUID, String> names = support.names(who);
        List<StaffMember> assignable = support.assignable(who);
        PageSupport.Problem problem = (PageSupport.Problem) model.getAttribute("problem");
        CaseFilter checked = null;
        if (problem == null) {
            try {
                checked = QueueFilters.check(filter, q, assignable);
            } catch (QueueFilters.Refused refused) {
                problem = support.problem(refused.field, locale, refused.key, refused.value);
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
        }
        CasePage result = new CasePage(List.of(), 0);
        if (checked != null) {
            try {
                result = queue.queue(who, checked);
            } catch (BadInputException e) {
                problem = support.problem("filter-" + e.field(), locale, "cases.error.filter", "");
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (CaseSummary s : result.rows()) {
            rows.add(new Row(s.id(), s.reference(), support.state(s.handling(), s.stage(), locale), s.priority(),
                    support.nameOf(names, s.assignee(), locale), s.nationality(), PageSupport.countryName(s.nationality(), locale), s.nextDue(),
                    support.due(s.nextDue(), false), s.openedAt().atZone(PageSupport.DUTCH_TIME).toLocalDate()));
        }
        int page = checked == null ? 0 : checked.page();
        long pages = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("problem", problem == null ? PageSupport.Problem.NONE : problem);
        model.addAttribute("rows", rows);
        model.addAttribute("total", result.total());
        model.addAttribute("pageNumber", page + 1);
        model.addAttribute("pages", pages);
        model.addAttribute("previous", page > 0 ? link(filter, page - 1, locale) : null);
        model.addAttribute("next", page + 1 < pages ? link(filter, page + 1, locale) : null);
        model.addAttribute("searched", q != null);
        model.addAttribute("filtered", PageSupport.blankToNull(filter.status()) != null || PageSupport.blankToNull(filter.priority()) != null
                || PageSupport.blankToNull(filter.assignee()) != null || PageSupport.blankToNull(filter.nationality()) != null
                || PageSupport.blankToNull(filter.dueBefore()) != null);
        CaseSort sorted = checked == null ? null : checked.sort();
        model.addAttribute("sortParam", sorted == null ? null : sorted.param());
        model.addAttribute("headings", headings(filter, effectiveSort(checked), locale));
        model.addAttribute("statuses", statuses(locale));
        model.addAttribute("assignees", assignable);
        model.addAttribute("countries", PageSupport.countries(locale));
        model.addAttribute("mayOpen", OPENERS.contains(who.role()));
        model.addAttribute("dueSoonDays", PageSupport.DUE_SOON_DAYS);
        return "cases/queue";
    }

    /** The order the page shows: the chosen one, or the default the queue uses for this filter. */
    private static CaseSort effectiveSort(@Nullable CaseFilter filter) {
        if (filter != null && filter.sort() != null) {
            return filter.sort();
        }
        if (filter != null && Handling.NEW.name().equals(filter.status())) {
            return new CaseSort(CaseSort.Column.OPENED, true);
        }
        return new CaseSort(CaseSort.Column.PRIORITY, false);
    }

    /**
     * Each sortable column's heading link, by the column's name in addresses: the sorted column's link turns the
     * order round, any other sorts by it ascending; the page starts again at 1.
     */
    private static Map<String, Heading> headings(Filter filter, CaseSort sorted, Locale locale) {
        Map<String, Heading> headings = new LinkedHashMap<>();
        for (CaseSort.Column column : CaseSort.Column.values()) {
            boolean current = sorted.column() == column;
            CaseSort next = new CaseSort(column, current && !sorted.descending());
            String ariaSort = current ? (sorted.descending() ? "descending" : "ascending") : null;
            headings.put(column.param(), new Heading(link(filter.sortedBy(next.param()), 0, locale), ariaSort));
        }
        return headings;
    }

    /** Every handling and every stage, as the status filter offers them. */
    List<PageSupport.Option> statuses(Locale locale) {
        List<PageSupport.Option> options = new ArrayList<>();
        for (Handling h : Handling.values()) {
            options.add(new PageSupport.Option(h.name(), support.text("cases.handling." + h.name(), locale)));
        }
        for (Stage s : Stage.values()) {
            if (s != Stage.NONE) {
                options.add(new PageSupport.Option(s.name(), support.text("cases.stage." + s.name(), locale)));
            }
        }
        return options;
    }

    /** The queue's address with the same filter on another page (pages are counted from 1 in addresses). */
    private static String link(Filter filter, int page, Locale locale) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/cases");
        param(uri, "status", filter.status());
        param(uri, "priority", filter.priority());
        param(uri, "assignee", filter.assignee());
        param(uri, "nationality", filter.nationality());
        param(uri, "dueBefore", filter.dueBefore());
        param(uri, "sort", filter.sort());
        uri.queryParam("page", page + 1).queryParam("lang", locale.getLanguage());
        return uri.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder uri, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            uri.queryParam(name, value.strip());
        }
    }
}
