package nl.haven.statistics.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.haven.statistics.Disclosure;
import nl.haven.statistics.Statistics;

/** The year-end forecast chart of {@link Charts#forecast}: cumulative requests by day of the year, then the bands. */
final class ForecastChart {
    private static final double SMALL = 12;
    private static final double AXIS = 11;
    /** The bar at the year's end that shows the two intervals, right of the plot. */
    private static final double BAR = 22;

    private ForecastChart() {
    }

    static String draw(String id, String title, String description, List<String> monthLabels, List<Disclosure.Cell> months,
            Statistics.PublishedForecast f, Charts.Legend words) {
        LocalDate asOf = f.asOf();
        int year = asOf.getYear();
        double days = LocalDate.of(year, 12, 31).getDayOfYear();
        long max = Math.max(1, f.interval95().get(1));
        long cumulative = 0;
        long[] sums = new long[12];
        for (int m = 0; m < 12; m++) {
            cumulative += m < asOf.getMonthValue() ? months.get(m).drawn() : 0; // months still to come are not zero
            sums[m] = cumulative;
            max = Math.max(max, cumulative);
        }
        List<Long> ticks = Svg.ticks(max);
        long top = ticks.get(ticks.size() - 1);
        String median = Long.toString(f.median());
        double left = Svg.axisRoom(ticks, AXIS);
        double right = 6 + BAR + 6 + Svg.width(median, SMALL) + 6;
        double width = Charts.WIDTH - left - right;
        double step = width / 12.0;
        Svg.AxisLabels axis = Svg.AxisLabels.of(monthLabels, SMALL, step);
        double plotTop = 12;
        double plotHeight = 200;
        double axisY = plotTop + plotHeight;
        double x1 = left + width;

        List<Charts.LegendItem> legend = List.of(new Charts.LegendItem(Charts.Swatch.LINE, Charts.PALETTE[0], words.soFar()),
                new Charts.LegendItem(Charts.Swatch.WHITE_DASHED, "#ffffff", words.median()),
                new Charts.LegendItem(Charts.Swatch.FILL, Charts.BAND_80, words.interval80()),
                new Charts.LegendItem(Charts.Swatch.FILL, Charts.BAND_95, words.interval95()));
        double legendTop = axisY + axis.room() + 6;
        StringBuilder legendSvg = new StringBuilder();
        double height = legendTop + Charts.legend(legendSvg, legend, left, legendTop, Charts.WIDTH - left - 8) + 6;

        StringBuilder svg = Svg.open(id, title, description, Charts.WIDTH, height);
        // The cumulative count at each month's end up to the last full month, then on the day the numbers are as of.
        List<double[]> line = new ArrayList<>();
        line.add(new double[] { left, y(0, top, plotTop, plotHeight) });
        for (int m = 0; m < asOf.getMonthValue() - 1; m++) {
            LocalDate end = LocalDate.of(year, m + 1, 1).plusMonths(1).minusDays(1);
            line.add(new double[] { left + width * end.getDayOfYear() / days, y(sums[m], top, plotTop, plotHeight) });
        }
        double x0 = left + width * asOf.getDayOfYear() / days;
        double y0 = y(sums[asOf.getMonthValue() - 1], top, plotTop, plotHeight);
        line.add(new double[] { x0, y0 });

        double lo95 = y(f.interval95().get(0), top, plotTop, plotHeight);
        double hi95 = y(f.interval95().get(1), top, plotTop, plotHeight);
        double lo80 = y(f.interval80().get(0), top, plotTop, plotHeight);
        double hi80 = y(f.interval80().get(1), top, plotTop, plotHeight);
        double ym = y(f.median(), top, plotTop, plotHeight);
        // From today's count the bands open towards the year-end intervals...
        if (x1 - x0 >= 1) {
            band(svg, "forecast-band band-95", Charts.BAND_95, x0, y0, x1, hi95, lo95);
            band(svg, "forecast-band band-80", Charts.BAND_80, x0, y0, x1, hi80, lo80);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ffffff\" stroke-width=\"2\" stroke-dasharray=\"4,3\"/>", x0, y0, x1,
                    ym));
        }
        // ...and stand at the year's end as a bar of their own, wide enough to see on any day.
        double bx = x1 + 6;
        // In December little is left to come and the intervals are narrow: like a bar for a small count, the
        // marker keeps a least height (8 and 4 units) around its middle, so it never disappears.
        double[] outer = atLeast(hi95, lo95, 8, plotTop, axisY);
        double[] inner = atLeast(hi80, lo80, 4, outer[0], outer[1]);
        rect(svg, "forecast-band band-95 year-end", Charts.BAND_95, bx, outer[0], bx + BAR, outer[1]);
        rect(svg, "forecast-band band-80 year-end", Charts.BAND_80, bx, inner[0], bx + BAR, inner[1]);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ffffff\" stroke-width=\"2\"/>", bx, ym,
                bx + BAR, ym));
        Svg.axes(svg, left, plotTop, width, plotHeight, ticks, AXIS);
        StringBuilder points = new StringBuilder();
        for (double[] p : line) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(Charts.PALETTE[0]).append("\" stroke-width=\"3\" points=\"")
                .append(points.toString().strip()).append("\"/>");
        double labelY = Math.min(Math.max(ym + SMALL * (Svg.ASCENT - Svg.DESCENT) / 2, plotTop + SMALL * Svg.ASCENT), axisY - 2);
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\">%s</text>", bx + BAR + 6, labelY, Svg.number(SMALL),
                median));
        for (int m = 0; m < 12; m++) {
            axis.draw(svg, monthLabels.get(m), m, left + (m + 0.5) * step, axisY, SMALL);
        }
        return svg.append(legendSvg).append("</svg>").toString();
    }

    /** The span from {@code top} to {@code bottom}, widened around its middle to at least {@code least}, kept within the limits. */
    private static double[] atLeast(double top, double bottom, double least, double upper, double lower) {
        if (bottom - top >= least) {
            return new double[] { top, bottom };
        }
        double middle = Math.min(Math.max((top + bottom) / 2, upper + least / 2), lower - least / 2);
        return new double[] { middle - least / 2, middle + least / 2 };
    }

    private static double y(long value, long top, double plotTop, double plotHeight) {
        return plotTop + plotHeight - plotHeight * (double) value / top;
    }

    private static void band(StringBuilder svg, String cls, String fill, double x0, double y0, double x1, double high, double low) {
        svg.append(String.format(Locale.ROOT, "<path class=\"%s\" fill=\"%s\" d=\"M %.1f %.1f L %.1f %.1f L %.1f %.1f Z\"/>", cls, fill, x0, y0, x1,
                high, x1, low));
    }

    private static void rect(StringBuilder svg, String cls, String fill, double x0, double top, double x1, double bottom) {
        svg.append(String.format(Locale.ROOT, "<path class=\"%s\" fill=\"%s\" d=\"M %.1f %.1f L %.1f %.1f L %.1f %.1f L %.1f %.1f Z\"/>", cls, fill,
                x0, top, x1, top, x1, bottom, x0, bottom));
    }
}
