package nl.haven.intake;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import nl.haven.identity.IdentityManagement;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Organisations, files with metadata, and reading an answer page: what the intake tests share. */
final class IntakeFixture {
    static final Pattern CODENAME = Pattern.compile("id=\"codename\"[^>]*>([a-z0-9 -]+)<");
    static final Pattern REFERENCE = Pattern.compile("id=\"reference\"[^>]*>(HV-[0-9A-Z]+)<");
    /** Where the JPEG fixture says it was taken: a street in Grozny. */
    static final double LATITUDE = 43.3178;
    static final double LONGITUDE = 45.6949;
    static final String PDF_AUTHOR = "Ivan Petrov-Author-Marker";

    private IntakeFixture() {
    }

    static String organisation(IdentityManagement identity, String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createOrganisation("Rainbow " + slug, slug);
        return slug;
    }

    static String codename(String html) {
        Matcher m = CODENAME.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no codename on the page");
        }
        return m.group(1);
    }

    static String reference(String html) {
        Matcher m = REFERENCE.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no reference on the page");
        }
        return m.group(1);
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A real, valid 8-bit grey PNG of {@code width} x {@code height} black pixels, written by hand (signature, IHDR, one
     * deflated IDAT, IEND) because it compresses to a few kilobytes however many pixels it declares: a "pixel flood" as an
     * attacker would send it. Decoding it would cost width x height bytes and the CPU to inflate them.
     */
    static byte[] blackPng(int width, int height) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
            ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                    .put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(png, "IHDR", header.array());
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (DeflaterOutputStream out = new DeflaterOutputStream(idat, deflater)) {
                byte[] row = new byte[width + 1]; // filter byte 0, then black pixels
                for (int y = 0; y < height; y++) {
                    out.write(row);
                }
            }
            deflater.end();
            chunk(png, "IDAT", idat.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(typeBytes);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A JPEG with an EXIF GPS position, a camera make and an orientation, written with Commons Imaging. */
    static byte[] jpegWithGps() {
        try {
            BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.ORANGE);
            g.fillRect(0, 0, 64, 32);
            g.dispose();
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", plain);
            TiffOutputSet exif = new TiffOutputSet();
            exif.setGpsInDegrees(LONGITUDE, LATITUDE);
            TiffOutputDirectory root = exif.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "MarkerCam");
            root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF with an author in its Info dictionary and in XMP, and the given text on the page. */
    static byte[] pdfWithAuthor(String text) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            PDDocumentInformation info = new PDDocumentInformation();
            info.setAuthor(PDF_AUTHOR);
            info.setCreator("MarkerWriter");
            document.setDocumentInformation(info);
            String xmp = "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
                    + "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' "
                    + "xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator><rdf:Seq><rdf:li>" + PDF_AUTHOR
                    + "</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
            PDMetadata metadata = new PDMetadata(document);
            metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
            document.getDocumentCatalog().setMetadata(metadata);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first bytes of a Windows executable, as if someone renamed a program to "report.pdf". */
    static byte[] windowsExecutable() {
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }
}
