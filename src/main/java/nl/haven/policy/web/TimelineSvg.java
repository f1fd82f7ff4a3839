package nl.haven.policy.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import nl.haven.policy.AssessmentDocument.ProvisionView;
import nl.haven.policy.ProvisionKind;
import org.springframework.web.util.HtmlUtils;

/**
 * A country's provisions drawn as an SVG timeline on the server: one bar per provision from
 * validFrom to validTo (open bars run to the right edge), years along the bottom. Presentation
 * attributes only (no inline style), so the page's strict CSP holds. The table beside it carries
 * the same content for screen readers. For a right-to-left language the drawing is mirrored: time runs from right to
 * left, the labels stand at the right (issue #20, point 1).
 */
final class TimelineSvg {
    private static final int LABEL = 230;
    private static final int WIDTH = 900;
    private static final int ROW = 26;
    private static final int TOP = 10;
    private static final Map<ProvisionKind, String> COLOURS = Map.ofEntries(
            Map.entry(ProvisionKind.RISK_GROUP, "#14506e"),
            Map.entry(ProvisionKind.GROUP_PERSECUTION, "#5b2a86"),
            Map.entry(ProvisionKind.VULNERABLE_MINORITY, "#1d6b37"),
            Map.entry(ProvisionKind.SPECIFIC_GROUP, "#7a4b00"),
            Map.entry(ProvisionKind.NO_GROUP_POLICY, "#4a525c"),
            Map.entry(ProvisionKind.INTERNAL_RELOCATION, "#a4161a"),
            Map.entry(ProvisionKind.NO_INTERNAL_RELOCATION, "#2f6f8f"),
            Map.entry(ProvisionKind.NOTE, "#6b5d00"),
            Map.entry(ProvisionKind.PROCEDURAL, "#3d4f7d"),
            Map.entry(ProvisionKind.COUNTRY_LAW, "#5a4a6b"),
            Map.entry(ProvisionKind.SAFE_COUNTRY, "#8a3b12"));

    private TimelineSvg() {
    }

    static String draw(List<ProvisionView> provisions, LocalDate today, String title) {
        return draw(provisions, today, title, false);
    }

    static String draw(List<ProvisionView> provisions, LocalDate today, String title, boolean rightToLeft) {
        return draw(provisions, today, title, rightToLeft, ProvisionView::id);
    }

    /**
     * With each bar's label and tooltip from {@code label}: the public page names a provision in the reader's words
     * (its kind), not by its id (issue #20, point 6).
     */
    static String draw(List<ProvisionView> provisions, LocalDate today, String title, boolean rightToLeft, Function<ProvisionView, String> label) {
        if (provisions.isEmpty()) {
            return "";
        }
        int firstYear = provisions.stream().mapToInt(p -> LocalDate.parse(p.validFrom()).getYear()).min().orElse(today.getYear());
        int lastYear = Math.max(today.getYear(), provisions.stream().filter(p -> p.validTo() != null)
                .mapToInt(p -> LocalDate.parse(p.validTo()).getYear()).max().orElse(today.getYear())) + 1;
        long start = LocalDate.of(firstYear, 1, 1).toEpochDay();
        long end = LocalDate.of(lastYear, 1, 1).toEpochDay();
        double scale = (WIDTH - LABEL - 10) / (double) (end - start);
        int height = TOP + provisions.size() * ROW + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                // text-anchor "end" of a label is its left edge in right-to-left text: the mirrored labels grow towards the edge
                .append(rightToLeft ? "\" direction=\"rtl" : "")
                .append("\" role=\"img\" aria-labelledby=\"timeline-title\"><title id=\"timeline-title\">").append(HtmlUtils.htmlEscape(title))
                .append("</title>");
        int step = lastYear - firstYear > 12 ? 2 : 1;
        for (int year = firstYear; year <= lastYear; year += step) {
            double x = mirror(rightToLeft, LABEL + (LocalDate.of(year, 1, 1).toEpochDay() - start) * scale);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c9d0d8\" stroke-width=\"1\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#4a525c\">%d</text>",
                    x, TOP, x, height - 22, x, height - 8, year));
        }
        int row = 0;
        for (ProvisionView p : provisions) {
            int y = TOP + row * ROW;
            double from = LABEL + (LocalDate.parse(p.validFrom()).toEpochDay() - start) * scale;
            double to = LABEL + ((p.validTo() == null ? end : LocalDate.parse(p.validTo()).toEpochDay()) - start) * scale;
            double x1 = rightToLeft ? mirror(true, to) : from;
            double x2 = rightToLeft ? mirror(true, from) : to;
            String colour = COLOURS.getOrDefault(p.kind(), "#4a525c");
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1f24\">%s</text>"
                            + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" rx=\"3\" fill=\"%s\"%s><title>%s</title></rect>",
                    mirror(rightToLeft, LABEL - 8), y + 13, HtmlUtils.htmlEscape(label.apply(p)), x1, y + 2, Math.max(2, x2 - x1), colour,
                    p.validTo() == null ? " fill-opacity=\"0.85\"" : "",
                    HtmlUtils.htmlEscape(label.apply(p) + ": " + p.validFrom() + " – " + (p.validTo() == null ? "…" : p.validTo()))));
            row++;
        }
        return svg.append("</svg>").toString();
    }

    /** An x coordinate, mirrored about the drawing's middle for a right-to-left page. */
    private static double mirror(boolean rightToLeft, double x) {
        return rightToLeft ? WIDTH - x : x;
    }
}
