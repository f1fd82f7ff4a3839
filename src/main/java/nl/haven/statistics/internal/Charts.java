package nl.haven.statistics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.haven.statistics.Disclosure;
import nl.haven.statistics.Statistics;

/**
 * Charts as SVG drawn on the server: readable without JavaScript, no inline styles (the Content-Security-Policy
 * allows none), a title and a description for screen readers, and the same numbers in a table beside each chart.
 * A suppressed cell is drawn at the middle of its published range, hatched, and labelled with the range. Every label's
 * place is worked out from its measured width ({@link Svg}), so no two labels overlap and none is cut off by the frame.
 */
final class Charts {
    static final String[] PALETTE = { "#1b5e8c", "#c0661c", "#6b8e23", "#8e3b6f" };
    /** The forecast's bands: each at least 3:1 against the white page (WCAG 1.4.11), and 2.5:1 against each other. */
    static final String BAND_95 = "#5b8fbd";
    static final String BAND_80 = "#234f73";
    static final double WIDTH = 640;
    private static final double LABEL = 13;
    private static final double SMALL = 12;
    private static final double AXIS = 11;

    private Charts() {
    }

    /** One labelled bar per cell. */
    record Bar(String label, Disclosure.Cell cell) {
    }

    /** The words of a chart's legend, in the page's language. */
    record Legend(String soFar, String median, String interval80, String interval95) {
    }

    /** Bars across; a label longer than 230 units is wrapped to two lines, and shortened (full text as a title) beyond. */
    static String bars(String id, String title, String description, List<Bar> bars) {
        List<Svg.Fitted> labels = new ArrayList<>();
        double labelWidth = 0;
        double valueWidth = 0;
        for (Bar bar : bars) {
            Svg.Fitted fitted = Svg.fit(bar.label(), LABEL, 230, 2);
            labels.add(fitted);
            labelWidth = Math.max(labelWidth, fitted.width(LABEL));
            valueWidth = Math.max(valueWidth, Svg.width(bar.cell().text(), LABEL));
        }
        double plotLeft = Math.ceil(labelWidth) + 14;
        double plotWidth = WIDTH - plotLeft - valueWidth - 12;
        long max = Math.max(1, bars.stream().mapToLong(b -> upper(b.cell())).max().orElse(1));
        double lineHeight = LABEL * 1.25;
        List<Double> tops = new ArrayList<>();
        double y = 8;
        for (Svg.Fitted label : labels) {
            tops.add(y);
            y += Math.max(26, label.lines().size() * lineHeight + 10);
        }
        StringBuilder svg = Svg.open(id, title, description, WIDTH, Math.max(y, 34) + 6);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            Svg.Fitted label = labels.get(i);
            double rowHeight = Math.max(26, label.lines().size() * lineHeight + 10);
            double middle = tops.get(i) + rowHeight / 2;
            double baseline = middle + LABEL * (Svg.ASCENT - Svg.DESCENT) / 2;
            long value = bar.cell().drawn();
            double w = Math.round(plotWidth * (double) value / max);
            double firstBaseline = baseline - (label.lines().size() - 1) * lineHeight / 2;
            Svg.text(svg, plotLeft - 8, firstBaseline, "end", LABEL, lineHeight, label, bar.label(), "");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>", plotLeft, middle - 9,
                    Math.max(w, value > 0 ? 2 : 0), bar.cell().exact() ? PALETTE[0] : "url(#" + id + "-hatch)"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\">%s</text>", plotLeft + w + 6, baseline,
                    Svg.number(LABEL), Svg.xml(bar.cell().text())));
        }
        return svg.append("</svg>").toString();
    }

    /** Requests per month: one line per year (this year last, thickest); suppressed points hollow; the years as a legend below. */
    static String months(String id, String title, String description, List<String> monthLabels, List<Integer> years,
            List<List<Disclosure.Cell>> perYear, int monthsOfLastYear) {
        long max = 1;
        for (List<Disclosure.Cell> cells : perYear) {
            for (Disclosure.Cell c : cells) {
                max = Math.max(max, upper(c));
            }
        }
        List<Long> ticks = Svg.ticks(max);
        long top = ticks.get(ticks.size() - 1);
        double half = monthLabels.stream().mapToDouble(l -> Svg.width(l, SMALL)).max().orElse(0) / 2;
        double left = Math.max(Svg.axisRoom(ticks, AXIS), half + 4);
        double width = WIDTH - left - half - 6;
        double step = width / 11.0;
        Svg.AxisLabels axis = Svg.AxisLabels.of(monthLabels, SMALL, step);
        if (axis.upright()) {
            left = Svg.axisRoom(ticks, AXIS) + 4;
            width = WIDTH - left - 16;
            step = width / 11.0;
        }
        double plotTop = 12;
        double plotHeight = 190;
        double axisY = plotTop + plotHeight;
        List<LegendItem> legend = new ArrayList<>();
        for (int yi = 0; yi < years.size(); yi++) {
            boolean current = yi == years.size() - 1;
            legend.add(new LegendItem(current ? Swatch.LINE : Swatch.DASHED, PALETTE[(years.size() - 1 - yi) % PALETTE.length],
                    String.valueOf(years.get(yi))));
        }
        double legendTop = axisY + axis.room() + 6;
        StringBuilder body = new StringBuilder();
        double height = legendTop + legend(body, legend, left, legendTop, WIDTH - left - 8) + 6;
        StringBuilder svg = Svg.open(id, title, description, WIDTH, height);
        Svg.axes(svg, left, plotTop, width, plotHeight, ticks, AXIS);
        for (int m = 0; m < 12; m++) {
            axis.draw(svg, monthLabels.get(m), m, left + m * step, axisY, SMALL);
        }
        for (int yi = 0; yi < years.size(); yi++) {
            List<Disclosure.Cell> cells = perYear.get(yi);
            String colour = PALETTE[(years.size() - 1 - yi) % PALETTE.length];
            boolean current = yi == years.size() - 1;
            int drawn = current ? Math.min(monthsOfLastYear, cells.size()) : cells.size(); // months still to come are not zero
            StringBuilder points = new StringBuilder();
            for (int m = 0; m < drawn; m++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + m * step, plotTop + plotHeight - plotHeight * (double) cells.get(m).drawn() / top));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(current ? 3 : 1.5)
                    .append(current ? "" : "\" stroke-dasharray=\"5,3").append("\" points=\"").append(points.toString().strip()).append("\"/>");
            for (int m = 0; m < drawn; m++) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\"/>", left + m * step,
                        plotTop + plotHeight - plotHeight * (double) cells.get(m).drawn() / top, cells.get(m).exact() ? colour : "#ffffff", colour));
            }
        }
        return svg.append(body).append("</svg>").toString();
    }

    /**
     * Cumulative requests this year, drawn up to the day the numbers are as of, and from there to the year's end the
     * forecast: the 95 % interval as a band, the 80 % interval as a darker band inside it and the median as a white
     * dashed line across them. At the year's end the two intervals stand as a bar of their own, so they stay visible in
     * December; the legend below names each.
     */
    static String forecast(String id, String title, String description, List<String> monthLabels, List<Disclosure.Cell> months,
            Statistics.PublishedForecast f, Legend words) {
        return ForecastChart.draw(id, title, description, monthLabels, months, f, words);
    }

    enum Swatch { LINE, DASHED, WHITE_DASHED, FILL }

    record LegendItem(Swatch swatch, String colour, String label) {
    }

    /** Draws the legend from ({@code x}, {@code y}), in rows no wider than {@code maxWidth}; returns its height. */
    static double legend(StringBuilder svg, List<LegendItem> items, double x, double y, double maxWidth) {
        double rowHeight = SMALL * (Svg.ASCENT + Svg.DESCENT) + 6;
        double cx = x;
        double cy = y;
        for (LegendItem item : items) {
            Svg.Fitted label = Svg.fit(item.label(), SMALL, maxWidth - 30, 1);
            double w = 26 + label.width(SMALL) + 16;
            if (cx > x && cx + w > x + maxWidth) {
                cx = x;
                cy += rowHeight;
            }
            double middle = cy + rowHeight / 2;
            switch (item.swatch()) {
                case FILL -> svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"20\" height=\"12\" fill=\"%s\"/>", cx, middle - 6,
                        item.colour()));
                case WHITE_DASHED -> svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"20\" height=\"12\" fill=\"%s\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                                + "stroke=\"#ffffff\" stroke-width=\"2\" stroke-dasharray=\"4,3\"/>",
                        cx, middle - 6, BAND_80, cx + 1, middle, cx + 19, middle));
                default -> svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"%s/>", cx, middle, cx + 20, middle,
                        item.colour(), item.swatch() == Swatch.LINE ? "3" : "1.5", item.swatch() == Swatch.DASHED ? " stroke-dasharray=\"5,3\"" : ""));
            }
            Svg.text(svg, cx + 26, middle + SMALL * (Svg.ASCENT - Svg.DESCENT) / 2, "start", SMALL, 0, label, item.label(), "");
            cx += w;
        }
        return cy - y + rowHeight;
    }

    static long upper(Disclosure.Cell c) {
        if (c.exact()) {
            return c.count();
        }
        Long hi = c.range() == null ? null : c.range().get(1);
        return hi == null ? c.drawn() : hi;
    }

    static String xml(String text) {
        return Svg.xml(text);
    }
}
