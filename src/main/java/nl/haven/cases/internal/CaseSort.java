package nl.haven.cases.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import nl.haven.cases.Stage;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;

/**
 * The queue's order: one of a fixed set of columns and a direction, written {@code column} or {@code column,asc|desc}
 * (for example {@code opened,desc}). Only the column's own SQL expression, a constant of this class, ever reaches the
 * ORDER BY; the parameter as typed never does. Empty values sort last in both directions, and the case id breaks ties.
 */
public record CaseSort(Column column, boolean descending) {

    /** The columns the queue sorts by, with the name used in addresses and the SQL expression sorted on. */
    public enum Column {
        REFERENCE("reference", "c.reference"),
        OPENED("opened", "c.opened_at"),
        PRIORITY("priority", "c.priority"),
        NEXT_DUE("nextDue", "next_due"),
        STAGE("stage", stageOrder());

        private final String param;
        private final String sql;

        Column(String param, String sql) {
            this.param = param;
            this.sql = sql;
        }

        public String param() {
            return param;
        }

        String sql() {
            return sql;
        }

        /** The stages in their workflow order rather than by name; built from the enum, never from input. */
        private static String stageOrder() {
            StringBuilder sql = new StringBuilder("case c.stage");
            for (Stage s : Stage.values()) {
                sql.append(" when '").append(s.name()).append("' then ").append(s.ordinal());
            }
            return sql.append(" end").toString();
        }
    }

    /** What the sort parameter may be, as an error message lists it. */
    public static final List<String> ALLOWED = Arrays.stream(Column.values()).map(Column::param).toList();

    /** The value for an address: {@code opened,desc}. */
    public String param() {
        return column.param() + (descending ? ",desc" : ",asc");
    }

    /** The ORDER BY clause, without the keywords: the column, then the tie-breakers. */
    String orderBy() {
        String direction = descending ? " desc" : " asc";
        String tie = column == Column.PRIORITY ? ", c.opened_at asc, c.id" : ", c.id";
        return column.sql() + direction + " nulls last" + tie;
    }

    /**
     * The sort named by this parameter, or null for none (blank); anything else is refused naming the value and
     * listing the allowed columns and directions.
     */
    public static @Nullable CaseSort parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.strip().split(",", -1);
        Column column = null;
        for (Column c : Column.values()) {
            if (c.param().equalsIgnoreCase(parts[0].strip())) {
                column = c;
            }
        }
        Boolean descending = null;
        if (parts.length == 1) {
            descending = false;
        } else if (parts.length == 2) {
            String direction = parts[1].strip().toLowerCase(Locale.ROOT);
            descending = "desc".equals(direction) ? Boolean.TRUE : "asc".equals(direction) ? Boolean.FALSE : null;
        }
        if (column == null || descending == null) {
            throw new BadInputException("sort", "sort is '" + shorten(value) + "'; expected one of "
                    + ALLOWED.stream().collect(Collectors.joining(", ")) + ", optionally followed by ,asc or ,desc");
        }
        return new CaseSort(column, descending);
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
