package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.CaseFilter;
import nl.haven.cases.internal.CasePage;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseSort;
import nl.haven.cases.internal.CaseSummary;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The queue page's model, for {@link QueuePages} and {@link QueueBulkPages} alike: the filter checked, one page of the
 * cases the staff member may see with their markers ("new": waiting for triage; "unread": a message from the person the viewer has not
 * read; "reply waiting": the person wrote last and the viewer has read it, but nobody has answered) and,
 * for the roles that may see it, the name the person uses as the case's label ({@link CaseQueue#labels}), the sortable
 * headings, the filter's choices and the bulk form for coordinators.
 */
@Component
class QueueView {
    private final CaseQueue queue;
    private final PageSupport support;

    QueueView(CaseQueue queue, PageSupport support) {
        this.queue = queue;
        this.support = support;
    }

    /**
     * A row of the queue as the page shows it. {@code label}: the name the person uses, null when the viewer may not
     * see it or none is known; {@code isNew}: waiting for triage; {@code unread}: a message from the person this viewer has not read;
     * {@code replyWaiting}: the person wrote last (shown only when not unread, one marker about messages at a time).
     */
    record Row(UUID id, String reference, @Nullable String label, boolean isNew, boolean unread, boolean replyWaiting,
            String state, @Nullable Integer priority,
            String assignee, @Nullable String nationality, String nationalityName, @Nullable LocalDate nextDue, PageSupport.Due due,
            LocalDate opened) {
        @Override
        public String toString() {
            return "Row[" + reference + "]";
        }
    }

    /** A sortable column's heading: where its link leads and, on the sorted column, its {@code aria-sort}. */
    record Heading(String href, @Nullable String ariaSort) {
    }

    String page(StaffMember who, QueuePages.Filter filter, @Nullable String q, Model model, Locale locale, HttpServletResponse response) {
        Map<UUID, String> names = support.names(who);
        List<StaffMember> assignable = support.assignable(who);
        PageSupport.Problem problem = (PageSupport.Problem) model.getAttribute("problem");
        CaseFilter checked = null;
        // A refused bulk form keeps the list (unfiltered), so the cases can be ticked again; any other problem empties it.
        if (problem == null || problem.field().startsWith("bulk-")) {
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
        Map<UUID, String> labels = queue.labels(who, result.rows().stream().map(CaseSummary::id).toList());
        List<Row> rows = new ArrayList<>();
        for (CaseSummary s : result.rows()) {
            rows.add(new Row(s.id(), s.reference(), labels.get(s.id()), s.handling() == Handling.NEW, s.unread(), s.replyWaiting(),
                    support.state(s.handling(), s.stage(), locale), s.priority(),
                    support.nameOf(names, s.assignee(), locale), s.nationality(), PageSupport.countryName(s.nationality(), locale), s.nextDue(),
                    support.due(s.nextDue(), false), s.openedAt().atZone(PageSupport.DUTCH_TIME).toLocalDate()));
        }
        int page = checked == null ? 0 : checked.page();
        long pages = Math.max(1, (result.total() + QueuePages.PAGE_SIZE - 1) / QueuePages.PAGE_SIZE);
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
        model.addAttribute("mayOpen", QueuePages.OPENERS.contains(who.role()));
        model.addAttribute("mayBulk", QueueBulkPages.BULK_ROLES.contains(who.role()));
        if (model.getAttribute("bulk") == null) {
            model.addAttribute("bulk", QueueBulkPages.BulkForm.empty());
        }
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
    private static Map<String, Heading> headings(QueuePages.Filter filter, CaseSort sorted, Locale locale) {
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
    private static String link(QueuePages.Filter filter, int page, Locale locale) {
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
