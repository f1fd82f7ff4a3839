package nl.haven.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The metrics scraper's credential (issue #15, point 6): {@code /actuator/prometheus} tells when intakes and follow-ups
 * happen, so it answers only a request with {@code Authorization: Bearer <token>}, the token configured in
 * {@code haven.metrics.token} ({@code HAVEN_METRICS_TOKEN}) or in the file named by {@code haven.metrics.token-file}
 * ({@code HAVEN_METRICS_TOKEN_FILE}, what Prometheus's {@code bearer_token_file} reads too). Compared in constant time
 * (SHA-256 of both, then {@link MessageDigest#isEqual}). Without a token configured, the endpoint answers no one.
 */
final class ScrapeToken extends OncePerRequestFilter {
    static final String AUTHORITY = "METRICS_SCRAPE";
    static final int MIN_LENGTH = 32;

    private final byte @Nullable [] expected;

    private ScrapeToken(@Nullable String token) {
        this.expected = token == null ? null : sha256(token);
    }

    /** The configured token: the property's value, else the file's first line; neither: no scrape is accepted. */
    static ScrapeToken configured(@Nullable String token, @Nullable String tokenFile) {
        String value = token == null || token.isBlank() ? null : token.strip();
        if (value == null && tokenFile != null && !tokenFile.isBlank()) {
            try {
                value = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new IllegalStateException("haven.metrics.token-file '" + tokenFile + "' cannot be read: " + e.getClass().getSimpleName()
                        + "; expected a file whose first line is the metrics scrape token");
            }
        }
        if (value != null && value.length() < MIN_LENGTH) {
            // The value itself is a secret: the message names its length only.
            throw new IllegalStateException("the metrics scrape token (haven.metrics.token or haven.metrics.token-file) has " + value.length()
                    + " characters; expected at least " + MIN_LENGTH + ", e.g. the output of: openssl rand -hex 32");
        }
        return new ScrapeToken(value);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (expected != null && authorization != null && authorization.startsWith("Bearer ")
                && MessageDigest.isEqual(expected, sha256(authorization.substring("Bearer ".length()).strip()))) {
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null, List.of(new SimpleGrantedAuthority(AUTHORITY))));
        }
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
