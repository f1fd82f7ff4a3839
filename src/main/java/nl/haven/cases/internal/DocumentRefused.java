package nl.haven.cases.internal;

/**
 * An upload Haven does not store: too large (413) or of a type it does not accept (415). The message names the limit
 * or the accepted types, never the file's name or content. (An empty file is plain bad input, 400.)
 */
public class DocumentRefused extends RuntimeException {
    public enum Reason {
        TOO_LARGE, UNSUPPORTED_TYPE,
        /** a PDF with more pages, or larger pages, than its derivative may have ({@link PdfDerivative}): 413 */
        TOO_MANY_PAGES,
        /** a PDF that cannot be rendered (damaged, or protected by a password): 415 */
        UNREADABLE
    }

    private final Reason reason;

    DocumentRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
