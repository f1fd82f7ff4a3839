package nl.haven.statistics;

import java.util.Arrays;
import java.util.List;

/**
 * CSV (RFC 4180) that a spreadsheet opens as data, never as a formula: a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe (OWASP's advice for CSV injection), and
 * a cell with a comma, a quote or a line break is quoted.
 */
public final class SafeCsv {
    private final StringBuilder out = new StringBuilder();

    public SafeCsv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i) == null ? "" : String.valueOf(cells.get(i))));
        }
        out.append("\r\n");
        return this;
    }

    public SafeCsv row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    static String cell(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            safe = '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
