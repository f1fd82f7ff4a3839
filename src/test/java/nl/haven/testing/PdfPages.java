package nl.haven.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A PDF as the tests read it with PDFBox: the text of each page, and each line of each page as groups of glyphs with
 * their x-range ({@link TextPosition}). A group ends where the gap to the next glyph is wider than two spaces, so a
 * table row reads as its cells and "≥ 5" stays one cell.
 */
public final class PdfPages {
    private PdfPages() {
    }

    /** Glyphs that belong together on one line: their text and where they start and end across the page, in points. */
    public record Group(String text, float left, float right) {
        public boolean overlaps(Group other) {
            return Math.min(right, other.right) - Math.max(left, other.left) > 0;
        }
    }

    /** One line of a page: its groups from left to right. */
    public record Line(int page, float y, List<Group> groups) {
        public String text() {
            return String.join(" ", groups.stream().map(Group::text).toList());
        }
    }

    /** The text of every page, in order. */
    public static List<String> texts(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The characters of every glyph as drawn, page after page, in the order the content stream draws them (left to
     * right within a line), before PDFBox maps presentation forms back to letters or puts right-to-left text into
     * logical order: the shaped Arabic-script letters (U+FB50–U+FDFF, U+FE70–U+FEFF) as they stand on the page.
     */
    public static String glyphs(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            StringBuilder drawn = new StringBuilder();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    positions.forEach(t -> drawn.append(t.getUnicode()));
                    drawn.append('\n');
                }
            };
            stripper.getText(document);
            return drawn.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of every page (glyphs on the same baseline), split into groups by the gaps between glyphs. */
    public static List<Line> lines(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<Line> lines = new ArrayList<>();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                List<TextPosition> glyphs = new ArrayList<>();
                PDFTextStripper stripper = new PDFTextStripper() {
                    @Override
                    protected void writeString(String text, List<TextPosition> positions) {
                        glyphs.addAll(positions);
                    }
                };
                stripper.setSortByPosition(true);
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                stripper.getText(document);
                glyphs.removeIf(t -> t.getUnicode() == null || t.getUnicode().isBlank());
                glyphs.sort(Comparator.comparingDouble(TextPosition::getYDirAdj).thenComparingDouble(TextPosition::getXDirAdj));
                List<TextPosition> line = new ArrayList<>();
                for (TextPosition t : glyphs) {
                    if (!line.isEmpty() && Math.abs(t.getYDirAdj() - line.get(0).getYDirAdj()) > 1.5f) {
                        lines.add(line(p, line));
                        line = new ArrayList<>();
                    }
                    line.add(t);
                }
                if (!line.isEmpty()) {
                    lines.add(line(p, line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Line line(int page, List<TextPosition> glyphs) {
        glyphs.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
        List<Group> groups = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        float left = 0;
        float right = 0;
        for (TextPosition t : glyphs) {
            float space = Math.max(t.getWidthOfSpace(), 1f);
            float gap = t.getXDirAdj() - right;
            if (current.length() > 0 && gap > 2 * space) {
                groups.add(new Group(current.toString(), left, right));
                current.setLength(0);
            }
            if (current.length() == 0) {
                left = t.getXDirAdj();
            } else if (gap > 0.3f * space) {
                current.append(' ');
            }
            current.append(t.getUnicode());
            right = t.getXDirAdj() + t.getWidthDirAdj();
        }
        groups.add(new Group(current.toString(), left, right));
        return new Line(page, glyphs.get(0).getYDirAdj(), groups);
    }

    /** "n / N" as Haven numbers its PDF pages, for page {@code n} (from 1) of {@code total}. */
    public static Pattern pageNumber(int n, int total) {
        return Pattern.compile("(?<!\\d)" + n + " / " + total + "(?!\\d)");
    }
}
