package nl.haven.statistics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * What the charts share: the SVG frame, escaping, and the room text takes. The server cannot ask the browser how
 * wide a label is, so it measures with DejaVu Sans (shipped in the jar for the PDFs; wider than the other fonts of the
 * page's font stack: system-ui, Segoe UI, Roboto) plus a margin, and lays the labels out from that: wrapped,
 * shortened with the full text as a {@code <title>}, turned upright or thinned.
 */
final class Svg {
    /** How far text reaches above and below its baseline, in em, with a margin (DejaVu Sans: 0.928 and 0.236). */
    static final double ASCENT = 0.95;
    static final double DESCENT = 0.26;
    private static final double MARGIN = 1.06;
    private static final float[] ASCII = new float[128];
    private static final TrueTypeFont FONT;
    private static final CmapLookup CMAP;
    private static final float UNITS;

    static {
        try (InputStream in = Svg.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            if (in == null) {
                throw new IllegalStateException("the font fonts/DejaVuSans.ttf is missing from the class path");
            }
            FONT = new TTFParser().parse(new RandomAccessReadBuffer(in));
            CMAP = FONT.getUnicodeCmapLookup();
            UNITS = FONT.getUnitsPerEm();
            for (int c = 0; c < ASCII.length; c++) {
                ASCII[c] = advance(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Svg() {
    }

    private static float advance(int codePoint) {
        try {
            int glyph = CMAP.getGlyphId(codePoint);
            return glyph == 0 ? 0.75f : FONT.getAdvanceWidth(glyph) / UNITS;
        } catch (IOException e) {
            return 0.75f;
        }
    }

    /** The width of {@code text} at {@code size} user units, a little more than DejaVu Sans needs. */
    static double width(String text, double size) {
        double em = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            em += c < ASCII.length ? ASCII[c] : advance(c);
            i += Character.charCount(c);
        }
        return em * size * MARGIN;
    }

    /** Text set in at most {@code maxLines} lines of at most {@code maxWidth}; {@code shortened} when words were cut. */
    record Fitted(List<String> lines, boolean shortened) {
        double width(double size) {
            return lines.stream().mapToDouble(l -> Svg.width(l, size)).max().orElse(0);
        }
    }

    /** Wraps at spaces and hyphens; what does not fit in the last line is cut with "…". */
    static Fitted fit(String text, double size, double maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && lines.size() < maxLines - 1 && width(rest, size) > maxWidth) {
            int cut = -1;
            for (int i = 1; i < rest.length(); i++) {
                char c = rest.charAt(i);
                int end = c == '-' ? i + 1 : i;
                if ((c == ' ' || c == '-') && width(rest.substring(0, end), size) <= maxWidth) {
                    cut = end;
                }
            }
            if (cut <= 0) {
                break;
            }
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        boolean shortened = false;
        if (width(rest, size) > maxWidth) {
            shortened = true;
            while (rest.length() > 1 && width(rest + "…", size) > maxWidth) {
                rest = rest.substring(0, rest.length() - 1);
            }
            rest = rest.strip() + "…";
        }
        if (!rest.isEmpty()) {
            lines.add(rest);
        }
        return new Fitted(lines, shortened);
    }

    /**
     * A {@code <text>} of one or more lines, the first baseline at {@code y}, {@code lineHeight} apart; when the text
     * was shortened its full wording is its {@code <title>} (a tooltip) and the table beside the chart has it too.
     */
    static void text(StringBuilder svg, double x, double y, String anchor, double size, double lineHeight, Fitted text, String full,
            String attributes) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\"%s>", x, y, anchor,
                number(size), attributes));
        if (text.shortened()) {
            svg.append("<title>").append(xml(full)).append("</title>");
        }
        for (int i = 0; i < text.lines().size(); i++) {
            if (text.lines().size() == 1) {
                svg.append(xml(text.lines().get(i)));
            } else {
                svg.append(String.format(Locale.ROOT, "<tspan x=\"%.1f\" dy=\"%s\">", x, i == 0 ? "0" : number(lineHeight)))
                        .append(xml(text.lines().get(i))).append("</tspan>");
            }
        }
        svg.append("</text>");
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Axis values: 0 and steps of 1, 2 or 5 times a power of ten, up to the first at or above {@code max} (at most 6 steps). */
    static List<Long> ticks(long max) {
        long top = Math.max(1, max);
        long step = 1;
        for (long power = 1; ; power *= 10) {
            long found = 0;
            for (long f : new long[] { 1, 2, 5 }) {
                if (top <= f * power * 5) {
                    found = f * power;
                    break;
                }
            }
            if (found > 0) {
                step = found;
                break;
            }
        }
        List<Long> ticks = new ArrayList<>();
        for (long v = 0; ; v += step) {
            ticks.add(v);
            if (v >= top) {
                return ticks;
            }
        }
    }

    /**
     * How labels at equal distances along an axis are set: across when the widest fits between two neighbours, else
     * upright (turned a quarter) when a line's height fits, else across showing only every {@code every}-th.
     */
    record AxisLabels(boolean upright, int every, double room) {
        static AxisLabels of(List<String> labels, double size, double step) {
            double widest = labels.stream().mapToDouble(l -> width(l, size)).max().orElse(0);
            if (widest + 4 <= step) {
                return new AxisLabels(false, 1, size * (ASCENT + DESCENT) + 12);
            }
            if (size * (ASCENT + DESCENT) + 2 <= step) {
                return new AxisLabels(true, 1, widest + 12);
            }
            int every = (int) Math.ceil((widest + 4) / step);
            return new AxisLabels(false, every, size * (ASCENT + DESCENT) + 12);
        }

        /** Draws label {@code i} centred on {@code x}, below the axis at {@code axisY}. */
        void draw(StringBuilder svg, String label, int i, double x, double axisY, double size) {
            if (i % every != 0) {
                return;
            }
            if (upright) {
                double y = axisY + 8;
                double baseline = x + size * (ASCENT - DESCENT) / 2;
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%s\" transform=\"rotate(-90 %.1f %.1f)\">",
                        baseline, y, number(size), baseline, y)).append(xml(label)).append("</text>");
            } else {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"%s\">", x,
                        axisY + 8 + size * ASCENT, number(size))).append(xml(label)).append("</text>");
            }
        }
    }

    static StringBuilder open(String id, String title, String description, double width, double height) {
        String w = number(Math.ceil(width));
        String h = number(Math.ceil(height));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id).append("\" role=\"img\" viewBox=\"0 0 ").append(w)
                .append(' ').append(h).append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" aria-labelledby=\"").append(id)
                .append("-title ").append(id).append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(xml(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(xml(description)).append("</desc>");
        svg.append("<defs><pattern id=\"").append(id).append("-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" ")
                .append("patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e6eef5\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" ")
                .append("stroke=\"#1b5e8c\" stroke-width=\"2\"/></pattern></defs>");
        return svg;
    }

    /** The y axis with its values (right-aligned before {@code left}) and the x axis. */
    static void axes(StringBuilder svg, double left, double top, double width, double plotHeight, List<Long> ticks, double size) {
        long max = ticks.get(ticks.size() - 1);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left, top + plotHeight,
                left + width, top + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left, top, left,
                top + plotHeight));
        for (long v : ticks) {
            double y = top + plotHeight - plotHeight * (double) v / max;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left - 3, y, left, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%s\">%d</text>", left - 6,
                    y + size * (ASCENT - DESCENT) / 2, number(size), v));
        }
    }

    /** The room the axis values need left of the axis. */
    static double axisRoom(List<Long> ticks, double size) {
        return width(Long.toString(ticks.get(ticks.size() - 1)), size) + 10;
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
