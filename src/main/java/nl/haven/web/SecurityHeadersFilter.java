package nl.haven.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers of SECURITY.md S6 on every response, set before anything else runs so that error
 * responses carry them too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    /**
     * Public pages (the home page, policy explorer, route advice, intake, follow-up, account set-up): nothing but the own
     * style sheet and images, forms posting only to this site (SECURITY.md S6: {@code default-src 'none'} plus self for
     * style, images and form-action). The log-in page is not among them: passkeys need its script.
     */
    static final String CSP_PUBLIC_INTAKE = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /** Swagger UI (served from the jar) sets inline styles; it gets them, nothing more. */
    static final String CSP_API_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    /** Public pages without script: the strict policy of SECURITY.md S6 ({@code default-src 'none'}). */
    static boolean strict(String path) {
        return path.equals("/") || path.equals("/policy") || path.startsWith("/policy/") || path.equals("/routes") || path.startsWith("/routes/")
                || path.startsWith("/intake/") || path.equals("/follow-up") || path.startsWith("/setup/") || path.startsWith("/activate/");
    }

    /**
     * The headers for a response to this path (without the context path). Also used by {@link ContainerHeaders} for
     * the responses that the container writes itself, before or without the application.
     */
    static void apply(String path, BiConsumer<String, String> header) {
        header.accept("Content-Security-Policy", path.startsWith("/swagger-ui") ? CSP_API_DOCS : strict(path) ? CSP_PUBLIC_INTAKE : CSP);
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "no-referrer");
        header.accept("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        header.accept("Cross-Origin-Opener-Policy", "same-origin");
        header.accept("Cross-Origin-Resource-Policy", "same-origin");
        if (!path.startsWith("/css/") && !path.startsWith("/img/")) {
            header.accept("Cache-Control", "no-store");
        }
    }

    /**
     * HTTP Strict Transport Security (RFC 6797), one year: a browser that has seen Haven over HTTPS never again asks for
     * it over plain HTTP, where a network in between could read or change the page. Sent only on a secure request, as
     * the RFC requires — HTTPS to Haven itself, or a trusted reverse proxy's {@code X-Forwarded-Proto: https}
     * ({@code HAVEN_TRUSTED_PROXIES}, docs/deploy.md) — so a plain-HTTP test set-up on localhost is not pinned to HTTPS.
     */
    static final String HSTS = "max-age=31536000";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(request.getRequestURI().substring(request.getContextPath().length()), response::setHeader);
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
