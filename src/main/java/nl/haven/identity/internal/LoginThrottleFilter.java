package nl.haven.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a password log-in ({@code POST /login}) from a client that must still wait ({@link LoginThrottle}), before
 * the password is even checked: the attempt neither succeeds nor counts against the account, and the page says why.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;
    private final LogInLanguage language;

    LoginThrottleFilter(LoginThrottle throttle, LogInLanguage language) {
        this.throttle = throttle;
        this.language = language;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !(request.getContextPath() + "/login").equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (throttle.wait(request.getRemoteAddr()).isPresent()) {
            response.sendRedirect(language.keep(request.getContextPath() + "/login?throttled", request));
            return;
        }
        chain.doFilter(request, response);
    }
}
