package nl.haven.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The kind of a problem document (RFC 9457) Haven answers with: its {@code type} URI {@code /problems/{slug}}, its one
 * title and its status. {@code docs/problems.md} lists them; {@link Problems} builds the documents.
 *
 * @param slug the last segment of the type URI
 * @param title the document's {@code title}, the same wherever the type is used
 * @param status the HTTP status a document of this type is sent with
 */
public record ProblemType(String slug, String title, HttpStatus status) {
    public static final ProblemType BAD_INPUT = new ProblemType("bad-input", "Bad input", HttpStatus.BAD_REQUEST);
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", "Unauthorized", HttpStatus.UNAUTHORIZED);
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Forbidden", HttpStatus.FORBIDDEN);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not Found", HttpStatus.NOT_FOUND);
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method Not Allowed", HttpStatus.METHOD_NOT_ALLOWED);
    public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflict", HttpStatus.CONFLICT);
    public static final ProblemType TOO_LARGE = new ProblemType("too-large", "Content Too Large", HttpStatus.CONTENT_TOO_LARGE);
    public static final ProblemType DOCUMENT_TOO_LARGE = new ProblemType("document-too-large", "Document too large", HttpStatus.CONTENT_TOO_LARGE);
    public static final ProblemType DOCUMENT_TYPE = new ProblemType("document-type", "Document type not accepted", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type", "Unsupported Media Type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused", "Unprocessable Content",
            HttpStatus.UNPROCESSABLE_CONTENT);
    public static final ProblemType PRECONDITION_FAILED = new ProblemType("precondition-failed", "Precondition Failed",
            HttpStatus.PRECONDITION_FAILED);
    public static final ProblemType PRECONDITION_REQUIRED = new ProblemType("precondition-required", "Precondition Required",
            HttpStatus.PRECONDITION_REQUIRED);
    public static final ProblemType TOO_MANY_REQUESTS = new ProblemType("too-many-requests", "Too Many Requests", HttpStatus.TOO_MANY_REQUESTS);
    public static final ProblemType SERVER_ERROR = new ProblemType("server-error", "Internal Server Error", HttpStatus.INTERNAL_SERVER_ERROR);

    /** Every named type, as {@code docs/problems.md} lists them. */
    public static final List<ProblemType> NAMED = List.of(BAD_INPUT, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT, TOO_LARGE,
            DOCUMENT_TOO_LARGE, DOCUMENT_TYPE, UNSUPPORTED_MEDIA_TYPE, IDEMPOTENCY_KEY_REUSED, PRECONDITION_FAILED, PRECONDITION_REQUIRED, TOO_MANY_REQUESTS,
            SERVER_ERROR);

    /** The types an error with nothing more to say than its status gets (the container's error page, Spring's own errors). */
    private static final List<ProblemType> GENERAL = List.of(BAD_INPUT, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT,
            TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, PRECONDITION_FAILED, PRECONDITION_REQUIRED, TOO_MANY_REQUESTS, SERVER_ERROR);

    public ProblemType {
        if (!slug.matches("[a-z]+(-[a-z]+)*")) {
            throw new IllegalArgumentException("a problem type's slug is lower-case words joined by '-'");
        }
    }

    /** {@code /problems/{slug}}. */
    public URI uri() {
        return URI.create("/problems/" + slug);
    }

    /**
     * The general type of a status: one of the named ones, else {@code /problems/} with the reason phrase in lower
     * case, words joined by '-' (e.g. {@code /problems/service-unavailable}), titled with the reason phrase.
     */
    public static ProblemType of(HttpStatusCode code) {
        for (ProblemType type : GENERAL) {
            if (type.status.value() == code.value()) {
                return type;
            }
        }
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            return code.is5xxServerError() ? SERVER_ERROR : BAD_INPUT;
        }
        String slug = status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
        return new ProblemType(slug, status.getReasonPhrase(), status);
    }
}
