package nl.haven.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.Parameters;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits every request body on the bytes actually read, whatever the client declared (issue 15, point 1): a chunked
 * body has no {@code Content-Length}, so a check of the declared length alone lets it through, and a controller that
 * reads it whole (a {@code byte[]} or JSON body) would hold all of it in memory.
 *
 * <ul>
 * <li>A JSON body ({@code application/json}, {@code application/*+json}) is limited to {@code haven.web.max-json-body};
 * any other body that the application reads as a stream (text, YAML, no type at all) to
 * {@code haven.web.max-other-body}. The input stream and reader are wrapped in a counting stream that fails with
 * {@link BodyTooLargeException} one byte past the limit, so nothing beyond it is ever read. A declared length above
 * the limit is refused before anything is read.</li>
 * <li>A form body ({@code application/x-www-form-urlencoded}) has {@code haven.web.max-form-body}: posted, it is read by
 * the container itself, which enforces it as {@code server.tomcat.max-http-form-post-size} also when it is chunked; sent
 * with another method, it is read through the counting stream.</li>
 * <li>A multipart body is read by the container's upload parser, limited by the upload limits on the bytes read
 * ({@link MultipartLimits}); it is left alone here so that it stays parsed lazily.</li>
 * </ul>
 *
 * <p>The query string and a form body are parsed here, first, inside a guard: Tomcat refuses a nameless parameter
 * ({@code ?=x}), a broken escape, too many parameters or a form body above its limit by throwing from
 * {@code getParameter} wherever that is first called (the locale resolver, the CSRF filter, the error page itself),
 * which gave 500s, container HTML and ERROR stack traces with the raw query (issue 15, point 22). A refused request is
 * answered here with 400 or 413 through Haven's error page (problem+json on {@code /api/**}), rendered for a copy of
 * the request that has no body and no unparseable parameters.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // after the character encoding filter (it must set the charset before parsing)
class RequestLimitFilter extends OncePerRequestFilter {
    /** The request attribute that carries the error page's detail text (never the request's content). */
    static final String DETAIL = RequestLimitFilter.class.getName() + ".detail";

    private final WebSettings limits;

    RequestLimitFilter(WebSettings limits) {
        this.limits = limits;
    }

    /** Past the body limit of the request's type: the reading code's own error is replaced by 413. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        final long limit;

        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/");
        try {
            if (multipart) {
                // Asking the container for a parameter would parse the whole upload here: check the query string alone.
                parseQuery(request.getQueryString());
            } else {
                request.getParameterMap();
            }
        } catch (InvalidParameterException refused) {
            boolean tooLarge = refused.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value();
            refuse(request, response, tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST, tooLarge
                    ? "The form is larger than " + limits.maxFormBody().toBytes() + " bytes or has too many fields."
                    : "The address or form has a parameter that cannot be read: one without a name, or a broken %-escape.");
            return;
        }
        if (multipart) {
            chain.doFilter(request, response);
            return;
        }
        // A form posted with POST is read by Tomcat itself (limited by maxPostSize); one sent with PUT, PATCH or DELETE
        // is read by Spring's FormContentFilter through this wrapper.
        long limit = type.startsWith("application/json") || type.matches("application/[^;]*\\+json.*") ? limits.maxJsonBody().toBytes()
                : type.startsWith("application/x-www-form-urlencoded") ? limits.maxFormBody().toBytes() : limits.maxOtherBody().toBytes();
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit), response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (tooLargeCause(e) != null && !response.isCommitted()) {
                response.resetBuffer();
                refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
                return;
            }
            if (e instanceof HttpMessageNotReadableException && !response.isCommitted()) {
                // Thrown by a filter, not a controller (those answer it themselves): Spring's FormContentFilter when a
                // form sent with PUT, PATCH or DELETE has a broken %-escape.
                response.resetBuffer();
                refuse(request, response, HttpStatus.BAD_REQUEST, "The form cannot be read: a broken %-escape or a field without a name.");
                return;
            }
            throw e;
        }
    }

    static String tooLarge(long limit) {
        return "The request body is larger than " + limit + " bytes, the most this address accepts.";
    }

    /** The body limit that this exception, or one of its causes, reports as exceeded. */
    static @Nullable BodyTooLargeException tooLargeCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /** The query string as Tomcat parses it, so that the same requests are refused here as there. */
    static Map<String, String[]> parseQuery(@Nullable String query) {
        Parameters parameters = new Parameters();
        parameters.setCharset(StandardCharsets.UTF_8);
        parameters.setQueryStringCharset(StandardCharsets.UTF_8);
        parameters.setLimit(10_000);
        MessageBytes bytes = MessageBytes.newInstance();
        bytes.setString(query == null ? "" : query);
        parameters.setQuery(bytes);
        parameters.handleQueryParameters();
        Map<String, String[]> map = new LinkedHashMap<>();
        for (Enumeration<String> names = parameters.getParameterNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            map.put(name, parameters.getParameterValues(name));
        }
        return map;
    }

    /** The pairs of a query string that have a name and decode, so that {@code ?=x&lang=nl} still speaks Dutch. */
    static Map<String, String[]> readablePart(@Nullable String query) {
        Map<String, String[]> map = new LinkedHashMap<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!name.isEmpty()) {
                    map.merge(name, new String[] { value }, (a, b) -> Stream.concat(Arrays.stream(a),
                            Arrays.stream(b)).toArray(String[]::new));
                }
            } catch (IllegalArgumentException undecodable) {
                // left out, as Tomcat leaves it out
            }
        }
        return map;
    }

    /**
     * Haven's error page for a request that must not be read any further: for a copy without a body, whose parameters
     * are those of its query string when that can be read (so {@code ?lang=} still chooses the language) and none
     * otherwise. The response keeps the headers set so far (SECURITY.md S6).
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws ServletException, IOException {
        Map<String, String[]> query;
        try {
            query = parseQuery(request.getQueryString());
        } catch (InvalidParameterException unreadable) {
            query = readablePart(request.getQueryString());
        }
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        request.setAttribute(DETAIL, detail);
        response.setStatus(status.value());
        if (status == HttpStatus.CONTENT_TOO_LARGE) {
            readNoFurther(request, response);
        }
        request.getRequestDispatcher("/error").forward(new UnreadRequest(request, query), response);
        // Send the answer now: Tomcat would otherwise first read (and discard) the rest of the body, up to
        // server.tomcat.max-swallow-size, and the client would see the 413 only after sending everything.
        response.flushBuffer();
    }

    /**
     * For a body refused as too large: the connection is not kept, and the rest of the body is not read after the
     * answer ({@link RefusedBodies}).
     */
    static void readNoFurther(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Connection", "close");
        request.setAttribute(RefusedBodies.UNREAD, Boolean.TRUE);
    }
}
