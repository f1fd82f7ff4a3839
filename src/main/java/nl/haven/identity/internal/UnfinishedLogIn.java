package nl.haven.identity.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Someone who has given the password but not the second factor — or not finished setting it up — and asks for a staff
 * page (a bookmark, the public header's "Staff" link) is sent back to the step they are on (issue #19, point 7), where
 * the header offers Log out, instead of an "error 403" page with no way out. Everything else, and the API always, goes
 * to the next handler (a 403).
 */
final class UnfinishedLogIn implements AccessDeniedHandler {
    private final AccessDeniedHandler otherwise;
    private final LogInLanguage language;

    UnfinishedLogIn(AccessDeniedHandler otherwise, LogInLanguage language) {
        this.otherwise = otherwise;
        this.language = language;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal) throws IOException, ServletException {
        if ("GET".equals(request.getMethod()) && !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && halfway(SecurityContextHolder.getContext().getAuthentication())) {
            // Relative, like every other redirect (never built from the Host header).
            response.sendRedirect(language.keep(request.getContextPath() + "/mfa", request));
            return;
        }
        otherwise.handle(request, response, refusal);
    }

    static boolean halfway(@Nullable Authentication auth) {
        if (auth == null || !auth.isAuthenticated()) {
            return false;
        }
        boolean password = false;
        for (GrantedAuthority granted : auth.getAuthorities()) {
            if (SecondFactorPages.SECOND_FACTOR.equals(granted.getAuthority())) {
                return false;
            }
            password |= StaffUserDetails.PASSWORD_FACTOR.equals(granted.getAuthority());
        }
        return password;
    }
}
