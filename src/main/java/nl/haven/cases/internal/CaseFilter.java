package nl.haven.cases.internal;

import java.time.LocalDate;
import java.util.UUID;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;

/**
 * What the queue is filtered by; all optional. {@code status} is a handling or stage name; {@code q} is a reference
 * (exact) or an identifier searched through its blind index (exact match only); {@code unassigned} keeps only the cases
 * assigned to nobody (then {@code assignee} is null); {@code sort} null is the default order.
 */
public record CaseFilter(@Nullable String status, @Nullable Integer priority, @Nullable UUID assignee, @Nullable String nationality,
        @Nullable LocalDate dueBefore, @Nullable String q, int page, int size, boolean unassigned, @Nullable CaseSort sort) {

    public static final int MAX_SIZE = 100;

    public CaseFilter {
        if (page < 0) {
            throw new BadInputException("page", "page is " + page + "; expected 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadInputException("size", "size is " + size + "; expected 1 to " + MAX_SIZE);
        }
        if (unassigned && assignee != null) {
            throw new BadInputException("assignee", "either an assignee or unassigned, not both");
        }
    }

    /** Someone's or anyone's cases in the default order. */
    public CaseFilter(@Nullable String status, @Nullable Integer priority, @Nullable UUID assignee, @Nullable String nationality,
            @Nullable LocalDate dueBefore, @Nullable String q, int page, int size) {
        this(status, priority, assignee, nationality, dueBefore, q, page, size, false, null);
    }

    public static CaseFilter firstPage() {
        return new CaseFilter(null, null, null, null, null, null, 0, 25);
    }

    @Override
    public String toString() {
        return "CaseFilter[status=" + status + ", page=" + page + ", sort=" + (sort == null ? null : sort.param()) + "]";
    }
}
