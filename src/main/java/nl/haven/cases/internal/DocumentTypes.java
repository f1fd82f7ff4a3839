package nl.haven.cases.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/**
 * The kinds of document a case accepts, recognised by their content alone (Apache Tika's magic bytes, then its
 * plain-text heuristic). The file name and the client's Content-Type are never consulted: an executable called
 * {@code report.pdf} sent as {@code application/pdf} is still an executable.
 */
final class DocumentTypes {
    /** How many leading bytes the sniffer looks at (Tika's longest magic pattern reaches this far). */
    static final int HEAD = 64 * 1024;

    /** An accepted type: its media type, a label for messages, and the file name extensions that fit it. */
    record Accepted(String mediaType, String label, List<String> extensions) {
        String defaultExtension() {
            return extensions.get(0);
        }
    }

    static final List<Accepted> ACCEPTED = List.of(
            new Accepted("application/pdf", "PDF", List.of("pdf")),
            new Accepted("image/jpeg", "JPEG", List.of("jpg", "jpeg")),
            new Accepted("image/png", "PNG", List.of("png")),
            new Accepted("text/plain", "plain text", List.of("txt")));

    /** "PDF (application/pdf), JPEG (image/jpeg), …" for messages. */
    static final String EXPECTED = String.join(", ", ACCEPTED.stream().map(a -> a.label() + " (" + a.mediaType() + ")").toList());

    private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
    private static final Pattern UNSAFE_IN_NAME = Pattern.compile("[\\p{Cntrl}\\p{Cf}\\p{Zl}\\p{Zp}\"\\\\/:*?<>|]");
    static final int MAX_NAME = 200;

    private DocumentTypes() {
    }

    /** The media type of the content, e.g. {@code application/x-msdownload}; never null, never from a name. */
    static String sniff(byte[] head) {
        try {
            // Empty metadata: no resource name, no declared content type, so only the bytes decide.
            return TIKA.detect(new ByteArrayInputStream(head), new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
        }
    }

    static Optional<Accepted> accepted(String mediaType) {
        return ACCEPTED.stream().filter(a -> a.mediaType().equals(mediaType)).findFirst();
    }

    /**
     * A file name that is safe to store and to offer for download: the last path segment of what the client sent,
     * without control, format (e.g. right-to-left override) or separator characters, at most {@value #MAX_NAME}
     * characters, and ending in an extension of the sniffed type (so the recipient's system opens it as what it is).
     */
    static String safeName(String original, Accepted type) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = UNSAFE_IN_NAME.matcher(name).replaceAll("_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            name = "document";
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!type.extensions().contains(extension)) {
            name = name + "." + type.defaultExtension();
        }
        if (name.length() > MAX_NAME) {
            String suffix = name.substring(name.lastIndexOf('.'));
            int cut = MAX_NAME - suffix.length();
            if (Character.isHighSurrogate(name.charAt(cut - 1))) {
                cut--; // never split a character outside the Basic Multilingual Plane
            }
            name = name.substring(0, cut) + suffix;
        }
        return name;
    }
}
