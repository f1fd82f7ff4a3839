package nl.haven.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The intake's request-size guard. The container's one multipart configuration ({@code web.MultipartLimits}, given
 * {@link IntakeSettings} as upload limits) takes the larger of the intake's and the case documents' limits and keeps
 * every part in memory, never in a temporary file
 * (SECURITY.md S3); the intake checks its own per-file and total limits with clear messages.
 *
 * <p>A request larger than that is refused by {@link RequestSizeFilter} from its declared length, before anything reads
 * it and before the CSRF check would have to: the person sees a page that says the files were too large (413), in
 * their language, and nothing is stored.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class IntakeConfig {
    /** Room for the form's text fields and the multipart framing beside the files. */
    static final DataSize FORM_OVERHEAD = DataSize.ofMegabytes(1);

    static long maxRequest(IntakeSettings settings) {
        return settings.maxUploadSize().toBytes() + FORM_OVERHEAD.toBytes();
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> intakeRequestSize(IntakeSettings settings, UploadsInFlight uploads) {
        FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(new RequestSizeFilter(maxRequest(settings), uploads));
        registration.addUrlPatterns("/intake/*", "/api/v1/intake/*", "/follow-up");
        registration.setOrder(-200); // before Spring Security (-100): a refused body is never parsed for its CSRF token
        return registration;
    }

    /** The request as a body-less GET whose parameters come from the query string alone. */
    static final class Unread extends HttpServletRequestWrapper {
        private final Map<String, String[]> query;

        Unread(HttpServletRequest request) {
            super(request);
            Map<String, String[]> parameters = new LinkedHashMap<>();
            UriComponentsBuilder.fromUriString("?" + (request.getQueryString() == null ? "" : request.getQueryString())).build().getQueryParams()
                    .forEach((name, values) -> parameters.put(name, values.stream()
                            .map(v -> v == null ? "" : URLDecoder.decode(v, StandardCharsets.UTF_8)).toArray(String[]::new)));
            this.query = parameters;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public @Nullable String getContentType() {
            return null;
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public @Nullable String getParameter(String name) {
            String[] values = query.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(query);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(query.keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return query.get(name);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            throw new IOException("the body of a refused request is not read");
        }

        @Override
        public Collection<Part> getParts() throws IOException {
            return List.of();
        }
    }

    /**
     * Refuses a POST whose declared length is above the limit, with 413 (the error page or problem+json), and an upload
     * for which {@link UploadsInFlight} has no place, with 503 and {@code Retry-After}; neither body is read.
     */
    static final class RequestSizeFilter extends OncePerRequestFilter {
        private final long maxForm;
        private final UploadsInFlight uploads;

        RequestSizeFilter(long maxForm, UploadsInFlight uploads) {
            this.maxForm = maxForm;
            this.uploads = uploads;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long length = request.getContentLengthLong();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            long max = path.startsWith("/api/") || path.equals("/follow-up") ? IntakeApi.MAX_BODY : maxForm;
            if ("POST".equals(request.getMethod()) && length > max) {
                refuseUnread(request, response, HttpStatus.CONTENT_TOO_LARGE);
                return;
            }
            if (!UploadsInFlight.needsPlace(request)) {
                chain.doFilter(request, response);
                return;
            }
            if (!uploads.take()) {
                response.setHeader("Retry-After", Long.toString(IntakePages.BUSY_RETRY_SECONDS));
                refuseUnread(request, response, HttpStatus.SERVICE_UNAVAILABLE);
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                uploads.release();
            }
        }

        /**
         * The error page, shown as for any error, but for a request that must never be read: without its body (so
         * neither the locale nor the CSRF check would parse it), the language coming from ?lang= or the Accept-Language
         * header. Tomcat discards the unread body afterwards (server.tomcat.max-swallow-size).
         */
        private static void refuseUnread(HttpServletRequest request, HttpServletResponse response, HttpStatus status)
                throws ServletException, IOException {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            response.setStatus(status.value());
            request.getRequestDispatcher("/error").forward(new Unread(request), response);
        }
    }
}
