package nl.haven.cases.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.CaseFilter;
import nl.haven.cases.internal.CaseSort;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;

/**
 * The queue page's filter as typed, checked: each value the page cannot use is refused naming its field, the message
 * key and the value, so the page can show it at the field (400); a good filter becomes the {@link CaseFilter} the
 * queue runs.
 */
final class QueueFilters {
    private QueueFilters() {
    }

    /** A filter value the page cannot use: which field, the message key and the value to name. */
    static final class Refused extends RuntimeException {
        final String field;
        final String key;
        final String value;

        Refused(String field, String key, @Nullable String value) {
            super(field, null, false, false);
            this.field = field;
            this.key = key;
            this.value = value == null ? "" : value;
        }
    }

    static CaseFilter check(QueuePages.Filter filter, @Nullable String q, List<StaffMember> assignable) {
        String status = PageSupport.blankToNull(filter.status());
        if (status != null && !isState(status)) {
            throw new Refused("filter-status", "cases.error.choice", status);
        }
        Integer priority = null;
        String p = PageSupport.blankToNull(filter.priority());
        if (p != null) {
            if (!p.matches("[123]")) {
                throw new Refused("filter-priority", "cases.error.choice", p);
            }
            priority = Integer.valueOf(p);
        }
        UUID assignee = null;
        String a = PageSupport.blankToNull(filter.assignee());
        boolean unassigned = QueuePages.UNASSIGNED.equals(a);
        if (a != null && !unassigned) {
            assignee = assignable.stream().map(m -> m.id().value()).filter(id -> id.toString().equals(a)).findFirst()
                    .orElseThrow(() -> new Refused("filter-assignee", "cases.error.choice", a));
        }
        String nationality = PageSupport.blankToNull(filter.nationality());
        if (nationality != null && !nationality.matches("[A-Za-z]{2}")) {
            throw new Refused("filter-nationality", "cases.error.country", nationality);
        }
        LocalDate dueBefore;
        try {
            dueBefore = PageSupport.date(filter.dueBefore());
        } catch (PageSupport.BadDate bad) {
            throw new Refused("filter-dueBefore", "cases.error.date", bad.getMessage());
        }
        int page = 0;
        String pg = PageSupport.blankToNull(filter.page());
        if (pg != null) {
            if (!pg.matches("\\d{1,6}") || Integer.parseInt(pg) < 1) {
                throw new Refused("filter-page", "cases.error.choice", pg);
            }
            page = Integer.parseInt(pg) - 1;
        }
        CaseSort sort;
        try {
            sort = CaseSort.parse(filter.sort());
        } catch (BadInputException e) {
            throw new Refused("filter-form", "cases.error.choice", filter.sort());
        }
        return new CaseFilter(status, priority, assignee, nationality, dueBefore, q, page, QueuePages.PAGE_SIZE, unassigned, sort);
    }

    private static boolean isState(String name) {
        for (Handling h : Handling.values()) {
            if (h.name().equals(name)) {
                return true;
            }
        }
        for (Stage s : Stage.values()) {
            if (s.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
