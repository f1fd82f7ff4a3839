package nl.haven.statistics.internal;

import java.util.List;
import java.util.Locale;
import nl.haven.statistics.Disclosure;
import nl.haven.statistics.Statistics;

/**
 * Charts as SVG drawn on the server: readable without JavaScript, no inline styles (the Content-Security-Policy
 * allows none), a title and a description for screen readers, and the same numbers in a table beside each chart.
 * A suppressed cell is drawn at the middle of its published range, hatched, and labelled with the range.
 */
final class Charts {
    static final String[] PALETTE = { "#1b5e8c", "#c0661c", "#6b8e23", "#8e3b6f" };

    private Charts() {
    }

    /** One labelled bar per cell. */
    record Bar(String label, Disclosure.Cell cell) {
    }

    static String bars(String id, String title, String description, List<Bar> bars) {
        int rowHeight = 26;
        int labelWidth = 190;
        int plotWidth = 360;
        int height = 30 + rowHeight * Math.max(1, bars.size());
        long max = Math.max(1, bars.stream().mapToLong(b -> upper(b.cell())).max().orElse(1));
        StringBuilder svg = open(id, title, description, labelWidth + plotWidth + 70, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 10 + i * rowHeight;
            long value = bar.cell().drawn();
            int w = (int) Math.round(plotWidth * (double) value / max);
            svg.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 16).append("\" text-anchor=\"end\" font-size=\"13\">")
                    .append(xml(bar.label())).append("</text>");
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"").append(Math.max(w, value > 0 ? 2 : 0))
                    .append("\" height=\"18\" fill=\"").append(bar.cell().exact() ? PALETTE[0] : "url(#" + id + "-hatch)").append("\"/>");
            svg.append("<text x=\"").append(labelWidth + w + 6).append("\" y=\"").append(y + 16).append("\" font-size=\"13\">")
                    .append(xml(bar.cell().text())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** Requests per month: one line per year (this year last, thickest); suppressed points hollow. */
    static String months(String id, String title, String description, List<String> monthLabels, List<Integer> years,
            List<List<Disclosure.Cell>> perYear, int monthsOfLastYear) {
        int left = 50;
        int width = 560;
        int height = 260;
        int plotHeight = 190;
        long max = 1;
        for (List<Disclosure.Cell> cells : perYear) {
            for (Disclosure.Cell c : cells) {
                max = Math.max(max, upper(c));
            }
        }
        StringBuilder svg = open(id, title, description, width + left + 20, height + 40);
        axis(svg, left, 10, width, plotHeight, max);
        double step = width / 11.0;
        for (int m = 0; m < 12; m++) {
            svg.append("<text x=\"").append((int) (left + m * step)).append("\" y=\"").append(plotHeight + 28)
                    .append("\" text-anchor=\"middle\" font-size=\"12\">").append(xml(monthLabels.get(m))).append("</text>");
        }
        for (int yi = 0; yi < years.size(); yi++) {
            List<Disclosure.Cell> cells = perYear.get(yi);
            String colour = PALETTE[(years.size() - 1 - yi) % PALETTE.length];
            boolean current = yi == years.size() - 1;
            int drawn = current ? Math.min(monthsOfLastYear, cells.size()) : cells.size(); // months still to come are not zero
            StringBuilder points = new StringBuilder();
            for (int m = 0; m < drawn; m++) {
                double x = left + m * step;
                double y = 10 + plotHeight - plotHeight * (double) cells.get(m).drawn() / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(current ? 3 : 1.5)
                    .append(current ? "" : "\" stroke-dasharray=\"5,3").append("\" points=\"").append(points.toString().strip()).append("\"/>");
            for (int m = 0; m < drawn; m++) {
                double x = left + m * step;
                double y = 10 + plotHeight - plotHeight * (double) cells.get(m).drawn() / max;
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\"/>", x, y,
                        cells.get(m).exact() ? colour : "#ffffff", colour));
            }
            svg.append("<text x=\"").append(left + width - 40).append("\" y=\"").append(24 + yi * 16).append("\" font-size=\"12\" fill=\"")
                    .append(colour).append("\">").append(years.get(yi)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Cumulative requests this year month by month and, at the year's end, the forecast: the 95 % interval as a light
     * band, the 80 % interval as a darker one, and the median as a line across them.
     */
    static String forecast(String id, String title, String description, List<String> monthLabels, List<Disclosure.Cell> months,
            int monthsSoFar, Statistics.PublishedForecast f) {
        int left = 50;
        int width = 560;
        int plotHeight = 200;
        long max = Math.max(1, f.interval95().get(1));
        long cumulative = 0;
        long[] sums = new long[12];
        for (int m = 0; m < 12; m++) {
            cumulative += months.get(m).drawn();
            sums[m] = cumulative;
            max = Math.max(max, cumulative);
        }
        StringBuilder svg = open(id, title, description, width + left + 60, plotHeight + 50);
        axis(svg, left, 10, width, plotHeight, max);
        double step = width / 12.0;
        StringBuilder points = new StringBuilder(String.format(Locale.ROOT, "%d,%d ", left, 10 + plotHeight));
        for (int m = 0; m < Math.min(monthsSoFar, 12); m++) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + (m + 1) * step, y(sums[m], max, plotHeight)));
        }
        double x0 = left + monthsSoFar * step;
        double x1 = left + width;
        double lastY = y(monthsSoFar == 0 ? 0 : sums[monthsSoFar - 1], max, plotHeight);
        // The bands open from today's count towards the year-end interval.
        svg.append(String.format(Locale.ROOT, "<polygon fill=\"#c9dcea\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>", x0, lastY, x1,
                y(f.interval95().get(1), max, plotHeight), x1, y(f.interval95().get(0), max, plotHeight)));
        svg.append(String.format(Locale.ROOT, "<polygon fill=\"#8fb5d3\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>", x0, lastY, x1,
                y(f.interval80().get(1), max, plotHeight), x1, y(f.interval80().get(0), max, plotHeight)));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1b5e8c\" stroke-dasharray=\"4,3\"/>", x0,
                lastY, x1, y(f.median(), max, plotHeight)));
        svg.append("<polyline fill=\"none\" stroke=\"#1b5e8c\" stroke-width=\"3\" points=\"").append(points.toString().strip()).append("\"/>");
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%d</text>", x1 + 4, y(f.median(), max, plotHeight) + 4,
                f.median()));
        for (int m = 0; m < 12; m++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>", left + (m + 0.5) * step,
                    plotHeight + 28, xml(monthLabels.get(m))));
        }
        return svg.append("</svg>").toString();
    }

    private static double y(long value, long max, int plotHeight) {
        return 10 + plotHeight - plotHeight * (double) value / max;
    }

    private static long upper(Disclosure.Cell c) {
        if (c.exact()) {
            return c.count();
        }
        Long hi = c.range() == null ? null : c.range().get(1);
        return hi == null ? c.drawn() : hi;
    }

    private static StringBuilder open(String id, String title, String description, int width, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" aria-labelledby=\"").append(id)
                .append("-title ").append(id).append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(xml(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(xml(description)).append("</desc>");
        svg.append("<defs><pattern id=\"").append(id).append("-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" ")
                .append("patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e6eef5\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" ")
                .append("stroke=\"#1b5e8c\" stroke-width=\"2\"/></pattern></defs>");
        return svg;
    }

    private static void axis(StringBuilder svg, int left, int top, int width, int plotHeight, long max) {
        svg.append("<line x1=\"").append(left).append("\" y1=\"").append(top + plotHeight).append("\" x2=\"").append(left + width).append("\" y2=\"")
                .append(top + plotHeight).append("\" stroke=\"#555\"/>");
        svg.append("<line x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"").append(left).append("\" y2=\"")
                .append(top + plotHeight).append("\" stroke=\"#555\"/>");
        for (int i = 0; i <= 4; i++) {
            long v = Math.round(max * i / 4.0);
            double y = top + plotHeight - plotHeight * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%d</text>", left - 6, y + 4, v));
        }
    }

    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
