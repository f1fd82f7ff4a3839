package nl.haven.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /api/**} answers in its own formats whatever the {@code Accept} header asks (issue #21 point 5): a client that
 * asks only for types the API never produces (a browser's {@code text/html}) is answered as if it had sent no
 * {@code Accept} — which RFC 9110 §12.5.1 allows ("disregard the header field") — so a bad request is a 400 and an
 * unknown address a 404, both problem+json, instead of an HTML page or a 406. A client that accepts any type the API
 * produces keeps its header and its content negotiation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ApiAcceptFilter extends OncePerRequestFilter {
    /** What the API produces: JSON, problem documents, the summary PDF, statistics CSV, the calendar feed. */
    static final List<MediaType> PRODUCED = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.APPLICATION_PDF,
            MediaType.valueOf("text/csv"), MediaType.valueOf("text/calendar"), MediaType.APPLICATION_YAML);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || request.getHeader(HttpHeaders.ACCEPT) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(acceptsAnyProduced(request.getHeader(HttpHeaders.ACCEPT)) ? request : new WithoutAccept(request), response);
    }

    static boolean acceptsAnyProduced(String accept) {
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(accept);
            return accepted.stream().anyMatch(a -> a.getQualityValue() > 0 && PRODUCED.stream().anyMatch(a::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false; // a header that cannot be read is disregarded like one that asks for nothing the API has
        }
    }

    /** The request as if it had no {@code Accept} header. */
    static final class WithoutAccept extends HttpServletRequestWrapper {
        WithoutAccept(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(n -> !HttpHeaders.ACCEPT.equalsIgnoreCase(n))
                    .toList());
        }
    }
}
