package nl.haven.cases;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The PDF a caseworker opens: every page of the received PDF rendered to pixels and a new PDF built from those
 * pictures alone, as Dangerzone does (SECURITY.md S10). Nothing of the original's object tree is copied, so none of
 * its active content can survive: no {@code /OpenAction}, no JavaScript (name tree, actions, form scripts), no
 * {@code /Launch}, no embedded files, no XFA or AcroForm, no links or URI actions, no annotations, no metadata. Stripping
 * those one by one from the original (what Haven did before) misses whatever the list misses; a picture of the page
 * has nothing to miss. The price: the derivative's text cannot be selected or searched (copying the text layer would
 * mean copying the original's fonts and content streams, which is exactly what this avoids, and Haven does no OCR).
 *
 * <p>PDFBox only reads the original (it runs no scripts, follows no actions) and renders it in memory. Rendering is
 * itself an attack surface for resource exhaustion, so it is bounded before anything is drawn: at most
 * {@value #MAX_PAGES} pages and at most {@value #MAX_PAGE_PIXELS} pixels a page at {@value #DPI} dpi; beyond that the
 * file is refused, never cut short.
 */
public final class PdfDerivative {
    /** Resolution of the pictures: legible for letters and scans, about 0.2 to 0.5 MB a page as JPEG. */
    public static final int DPI = 150;
    /** The most pages a derivative is made of. */
    public static final int MAX_PAGES = 100;
    /** The most pixels one page may have at {@value #DPI} dpi: 12 million is A2 with room to spare (A4 is 2.2 million). */
    public static final long MAX_PAGE_PIXELS = 12_000_000L;
    private static final float JPEG_QUALITY = 0.85f;

    /** Why no derivative was made. */
    public enum Problem {
        /** more than {@value #MAX_PAGES} pages */
        TOO_MANY_PAGES,
        /** a page larger than {@value #MAX_PAGE_PIXELS} pixels at {@value #DPI} dpi (or with no size at all) */
        PAGE_TOO_LARGE,
        /** the PDF needs a password to be opened */
        PASSWORD,
        /** not a PDF PDFBox can read and render */
        UNREADABLE
    }

    /** A PDF that no derivative was made of; the message names the problem and the limit, never the content. */
    public static final class Refused extends Exception {
        private final Problem problem;

        Refused(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private PdfDerivative() {
    }

    /** The pages of {@code pdf} as a new PDF of JPEG pictures, each page the size of the original's visible page. */
    public static byte[] of(byte[] pdf) throws Refused {
        try (PDDocument original = Loader.loadPDF(pdf, "", null, null, IOUtils.createMemoryOnlyStreamCache());
                PDDocument derivative = new PDDocument(IOUtils.createMemoryOnlyStreamCache())) {
            int pages = original.getNumberOfPages();
            if (pages > MAX_PAGES) {
                throw new Refused(Problem.TOO_MANY_PAGES, "The PDF has " + pages + " pages: at most " + MAX_PAGES + " are accepted.");
            }
            if (pages == 0) {
                throw new Refused(Problem.UNREADABLE, "The PDF has no pages.");
            }
            for (PDPage page : original.getPages()) {
                PDRectangle box = page.getCropBox();
                double pixels = Math.ceil(box.getWidth() * DPI / 72.0) * Math.ceil(box.getHeight() * DPI / 72.0);
                if (!(pixels > 0) || pixels > MAX_PAGE_PIXELS) {
                    throw new Refused(Problem.PAGE_TOO_LARGE, "A page of the PDF is larger than " + MAX_PAGE_PIXELS / 1_000_000
                            + " million pixels at " + DPI + " dpi, the most accepted.");
                }
            }
            PDFRenderer renderer = new PDFRenderer(original);
            for (int i = 0; i < pages; i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, DPI, ImageType.RGB);
                PDRectangle size = new PDRectangle(image.getWidth() * 72f / DPI, image.getHeight() * 72f / DPI);
                PDPage page = new PDPage(size);
                derivative.addPage(page);
                PDImageXObject picture = JPEGFactory.createFromImage(derivative, image, JPEG_QUALITY);
                try (PDPageContentStream content = new PDPageContentStream(derivative, page)) {
                    content.drawImage(picture, 0, 0, size.getWidth(), size.getHeight());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(pdf.length, 64 * 1024));
            derivative.save(out);
            return out.toByteArray();
        } catch (InvalidPasswordException e) {
            throw new Refused(Problem.PASSWORD, "The PDF is protected by a password: save it without one.");
        } catch (IOException | RuntimeException e) {
            throw new Refused(Problem.UNREADABLE, "The file could not be read as a PDF.");
        }
    }
}
