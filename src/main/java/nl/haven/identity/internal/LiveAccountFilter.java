package nl.haven.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A log-in session holds its authentication from the moment of log-in; the account may have changed
 * since. On every request with a session's authentication this filter reads the account again (one
 * look-up by its unique e-mail address) and:
 * <ul>
 * <li>ends the session (invalidates it; the request goes on as anonymous, so pages redirect to the
 * log-in and the API answers 401) when the account no longer exists or is deactivated, or when a
 * fully logged-in session's second factor has been reset by an administrator;</li>
 * <li>replaces the session's role with the account's current one when an administrator changed it,
 * so that a removed ADMIN role stops working at the next request, not at the next log-in.</li>
 * </ul>
 * Only the authentications of Haven's log-in carry a password or second-factor authority, and only
 * those are checked. API tokens are checked the same way by {@link BearerTokenFilter} (active user,
 * current role) on each request, so their requests are left alone here.
 */
class LiveAccountFilter extends OncePerRequestFilter {
    private final UserStore users;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    LiveAccountFilter(UserStore users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && (has(authentication, StaffUserDetails.PASSWORD_FACTOR) || has(authentication, SecondFactorPages.SECOND_FACTOR))) {
            check(authentication, request, response);
        }
        chain.doFilter(request, response);
    }

    private void check(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        Optional<UserStore.Account> account = users.byEmail(authentication.getName());
        boolean secondFactor = has(authentication, SecondFactorPages.SECOND_FACTOR);
        if (account.isEmpty() || !account.get().active() || secondFactor && !account.get().totpEnrolled()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            return;
        }
        String role = "ROLE_" + account.get().role().name();
        if (secondFactor && !has(authentication, role)) {
            List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(role), new SimpleGrantedAuthority(SecondFactorPages.SECOND_FACTOR));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, authorities));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
        }
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
