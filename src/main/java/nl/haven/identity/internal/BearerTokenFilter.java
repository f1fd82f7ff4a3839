package nl.haven.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import nl.haven.identity.IdentityManagement;
import nl.haven.protection.OpenedKeys;
import nl.haven.web.ProblemType;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer hvn_…} on {@code /api/**}: an API token is a credential of its own
 * (created after a full log-in or by an administrator on the server), carrying its user's
 * organisation and role as they are at each request; no session is created. An unknown, expired or
 * revoked token, and a token of a deactivated user, is a 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    static final String TOKEN_FACTOR = "FACTOR_TOKEN";
    private final IdentityManagement identity;

    BearerTokenFilter(IdentityManagement identity) {
        this.identity = identity;
    }

    /** The scheme is case-insensitive (RFC 9110 §11.1): "bearer", "Bearer" and "BEARER" are the same. */
    static boolean isBearer(@Nullable String header) {
        return header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isBearer(request.getHeader("Authorization")) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader("Authorization").substring("Bearer ".length()).strip();
        var user = identity.tokenUser(token);
        if (user.isEmpty()) {
            // RFC 6750 §3.1: a token was given and is not valid.
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The API token is unknown, expired or revoked\"");
            Problems.write(response, Problems.of(ProblemType.UNAUTHORIZED, "The API token is unknown, expired or revoked."));
            return;
        }
        var account = user.get().account();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(account.email(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name()), new SimpleGrantedAuthority(TOKEN_FACTOR)));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        // The token's own grant opens its organisation's keys for this request (ADR 0006 C.5); a token whose role reads no
        // case has none.
        Optional<OpenedKeys> keys = identity.openKeysOfToken(user.get(), token);
        try {
            chain.doFilter(request, response);
        } finally {
            keys.ifPresent(OpenedKeys::close);
            SecurityContextHolder.clearContext();
        }
    }
}
