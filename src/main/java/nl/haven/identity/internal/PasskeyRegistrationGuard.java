package nl.haven.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's filter for passkey registration options ({@code POST /webauthn/register/options})
 * runs before the authorization rules and asks only for some authentication: after the password alone
 * it would start a registration (and create the WebAuthn user entity). Haven lets only a full log-in
 * (a role and the second factor) register a passkey; the registration itself ({@code POST
 * /webauthn/register}) is behind the same rule in {@link SecurityConfig}.
 */
final class PasskeyRegistrationGuard extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/webauthn/register/options");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean full = authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().anyMatch(a -> SecondFactorPages.SECOND_FACTOR.equals(a.getAuthority()))
                && authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority() != null && a.getAuthority().startsWith("ROLE_"));
        if (!full) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
