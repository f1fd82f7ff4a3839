package nl.haven.identity.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The staff header on every page a signed-in staff member sees (issue #19, point 7): Home, Cases and Statistics for the
 * roles that may open them, the organisation's users for an administrator, the account, and Log out. Someone who has
 * given the password but not yet the second factor sees Log out only, so they can leave at every step of the log-in.
 * Read from the security context alone: an anonymous visitor gets nothing, and no session is created for one. An error
 * page has no header.
 */
@ControllerAdvice(annotations = Controller.class)
class StaffHeader {

    /** What the header offers; null for an anonymous visitor. */
    record Nav(boolean complete, boolean cases, boolean statistics, boolean admin) {
    }

    /**
     * None on an error page: a 404 must be the same page, byte for byte, whatever was asked for (SECURITY.md S1), and
     * the log-out form's CSRF token is masked afresh at every rendering. Except a 403: a logged-in staff member refused a
     * page (an analyst following a link to the cases) keeps a way to log out, and a refusal says nothing about what
     * exists.
     */
    @ModelAttribute("staffNav")
    @Nullable Nav staffNav(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (status != null && !Integer.valueOf(403).equals(status)) {
            return null;
        }
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static @Nullable Nav of(@Nullable Authentication auth) {
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        Set<String> granted = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        if (!granted.contains(StaffUserDetails.PASSWORD_FACTOR) && !granted.contains(SecondFactorPages.SECOND_FACTOR)) {
            return null; // an API token or another kind of caller: no pages, no header
        }
        boolean complete = granted.contains(SecondFactorPages.SECOND_FACTOR);
        return new Nav(complete,
                complete && (granted.contains("ROLE_INTAKE") || granted.contains("ROLE_CASEWORKER") || granted.contains("ROLE_LAWYER")
                        || granted.contains("ROLE_COORDINATOR")),
                complete && (granted.contains("ROLE_COORDINATOR") || granted.contains("ROLE_ANALYST")),
                complete && granted.contains("ROLE_ADMIN"));
    }
}
