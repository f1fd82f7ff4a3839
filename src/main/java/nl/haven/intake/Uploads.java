package nl.haven.intake;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import nl.haven.cases.PdfDerivative;
import nl.haven.cases.RequesterCases;
import org.apache.tika.mime.MimeTypes;
import org.jspecify.annotations.Nullable;

/**
 * Files sent with a request: PDF, JPEG or PNG, recognised by their content alone (Apache Tika's magic bytes; the name
 * and the declared type are never consulted), and stored as a <em>derivative without metadata</em> (SECURITY.md S10):
 * photos are decoded and encoded anew (which drops EXIF with its GPS position and camera, XMP, IPTC, comments and
 * text chunks; the EXIF orientation is applied first so the picture stays upright), a PDF is rendered to pictures of
 * its pages and rebuilt from them ({@link PdfDerivative}: no metadata, and no active content such as scripts, launch
 * actions, embedded files, forms or links survives). The original is kept too, only when the person consents.
 * Everything happens in memory: nothing of a file reaches a disk unencrypted.
 */
final class Uploads {
    static final int HEAD = 64 * 1024;
    /**
     * Pictures larger than this many pixels are never decoded (a "pixel flood"): the ceiling of
     * {@code haven.intake.max-pixels}, which the form checks first, from the picture's header.
     */
    static final long MAX_PIXELS = 40_000_000L;
    static final int MAX_NAME = 120;
    private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
    private static final Pattern UNSAFE_IN_NAME = Pattern.compile("[\\p{Cntrl}\\p{Cf}\\p{Zl}\\p{Zp}\"\\\\/:*?<>|]");

    /** Pictures decoded since start-up: a test hook (IntakeAbuseIT checks that a refused form decodes none). */
    static final AtomicLong DECODES = new AtomicLong();
    /** Run inside every decode, before the pixels are read: a test hook to observe how many decodes run at once. */
    static volatile Runnable whileDecoding = () -> {
    };

    static {
        ImageIO.setUseCache(false); // ImageIO would otherwise cache streams in temporary files
    }

    enum Kind {
        PDF("application/pdf", "pdf"), JPEG("image/jpeg", "jpg"), PNG("image/png", "png");

        final String mediaType;
        final String extension;

        Kind(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    /** Why a file is refused: a message key of {@code intake.error.file.*}. */
    static final class Refused extends Exception {
        private final String key;

        Refused(String key) {
            super(key, null, false, false);
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    private Uploads() {
    }

    /** The documents to store for one file: the derivative, and the original when kept with consent. */
    static List<RequesterCases.IntakeDocument> prepare(@Nullable String clientName, byte[] content, boolean keepOriginal) throws Refused {
        Kind kind = sniff(content).orElseThrow(() -> new Refused("intake.error.file.type"));
        byte[] stripped = switch (kind) {
            case PDF -> pdfDerivative(content);
            case JPEG, PNG -> reencode(content, kind);
        };
        String name = safeName(clientName, kind);
        RequesterCases.IntakeDocument derivative = new RequesterCases.IntakeDocument(name, kind.mediaType, stripped);
        if (!keepOriginal) {
            return List.of(derivative);
        }
        String base = name.substring(0, name.lastIndexOf('.'));
        return List.of(derivative, new RequesterCases.IntakeDocument(base + " (original)." + kind.extension, kind.mediaType, content));
    }

    /**
     * Width x height as a picture's header declares them, read without decoding a single pixel (ImageIO's reader
     * parses only the header, e.g. a PNG's IHDR or a JPEG's SOF), so that a "pixel flood" is refused for what it claims
     * to be before it costs anything; empty when the header cannot be read.
     */
    static OptionalLong declaredPixels(byte[] content) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return OptionalLong.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                return pixels > 0 ? OptionalLong.of(pixels) : OptionalLong.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static Optional<Kind> sniff(byte[] content) {
        if (content.length == 0) {
            return Optional.empty();
        }
        String type;
        try {
            byte[] head = content.length <= HEAD ? content : Arrays.copyOf(content, HEAD);
            // Empty metadata: no name, no declared type, so only the bytes decide.
            type = TIKA.detect(new ByteArrayInputStream(head), new org.apache.tika.metadata.Metadata()).getBaseType().toString();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.mediaType.equals(type)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The PDF as pictures of its pages (issue #15, point 8); too many or too large pages are refused, never cut. */
    static byte[] pdfDerivative(byte[] content) throws Refused {
        try {
            return PdfDerivative.of(content);
        } catch (PdfDerivative.Refused refused) {
            throw new Refused(switch (refused.problem()) {
                case TOO_MANY_PAGES, PAGE_TOO_LARGE -> "intake.error.file.pages";
                case PASSWORD -> "intake.error.file.password";
                case UNREADABLE -> "intake.error.file.unreadable";
            });
        }
    }

    static byte[] reencode(byte[] content, Kind kind) throws Refused {
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Refused("intake.error.file.unreadable");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true); // ignore metadata: it is not wanted, and not parsed
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new Refused("intake.error.file.pixels");
                }
                DECODES.incrementAndGet();
                whileDecoding.run();
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("intake.error.file.unreadable");
        }
        image = upright(image, orientation(content));
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName(kind == Kind.JPEG ? "jpeg" : "png").next();
            try {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (kind == Kind.JPEG) {
                    image = withoutAlpha(image);
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(0.92f);
                }
                writer.write(null, new IIOImage(image, null, null), param); // no metadata at all
            } finally {
                writer.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("intake.error.file.unreadable");
        }
        return out.toByteArray();
    }

    /** The EXIF orientation (1 to 8), 1 when there is none or it cannot be read. */
    static int orientation(byte[] content) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(content), content.length);
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return value >= 1 && value <= 8 ? value : 1;
            }
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            // no readable orientation: leave the picture as it is
        }
        return 1;
    }

    /** The picture turned as its EXIF orientation says it should be shown. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { return image; }
        }
        int type = image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : image.getType();
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h, type);
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    private static BufferedImage withoutAlpha(BufferedImage image) {
        if (!image.getColorModel().hasAlpha() && image.getType() != BufferedImage.TYPE_CUSTOM) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * A name safe to store and to offer for download: the last path segment of what the browser sent, without control,
     * format (e.g. right-to-left override) or separator characters, at most {@value #MAX_NAME} characters, ending in the
     * extension of the sniffed type.
     */
    static String safeName(@Nullable String original, Kind kind) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = UNSAFE_IN_NAME.matcher(name).replaceAll("_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        if (base.isBlank()) {
            base = "document";
        }
        if (base.length() > MAX_NAME) {
            int cut = MAX_NAME;
            if (Character.isHighSurrogate(base.charAt(cut - 1))) {
                cut--;
            }
            base = base.substring(0, cut);
        }
        return base + "." + kind.extension.toLowerCase(Locale.ROOT);
    }
}
