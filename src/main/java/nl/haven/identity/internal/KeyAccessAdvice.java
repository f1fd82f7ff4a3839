package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import nl.haven.protection.KeyNotOpenException;
import nl.haven.protection.KeysNotMadeException;
import org.springframework.http.HttpStatus;
import nl.haven.web.ProblemType;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A request that reached a case without its organisation's keys (issue #23, ADR 0006): the staff member's or token's
 * role may read cases, but no grant opened the keys — a token made on the server before a key holder granted it, a
 * grant withdrawn meanwhile. 403: problem+json on {@code /api/**}, the error page elsewhere; it names nothing of the case.
 * A logged-in browser asking for a page (GET) is sent to "Unlock cases" instead ({@link UnlockPages}): a passkey log-in
 * carries no keys, and the password opens them for the session.
 */
@ControllerAdvice
class KeyAccessAdvice {
    static final String DETAIL = "Case access is not granted to this token or session: a key holder of the organisation must grant it.";

    @ExceptionHandler(KeyNotOpenException.class)
    @Nullable ResponseEntity<ProblemDetail> notOpen(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getRequestURI().startsWith("/api/")) {
            return Problems.answer(Problems.withoutAddress(Problems.of(ProblemType.FORBIDDEN, DETAIL)));
        }
        if ("GET".equals(request.getMethod()) && request.getUserPrincipal() != null && request.getSession(false) != null) {
            response.sendRedirect(request.getContextPath() + "/account/unlock?next="
                    + URLEncoder.encode(UnlockPages.local(request.getRequestURI()), StandardCharsets.UTF_8));
            return null;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
        return null;
    }

    static final String NOT_MADE = "This organisation's set-up is not finished: it cannot accept requests yet. Please try again later.";

    /**
     * On a sealed installation, an organisation whose keys are not made yet (ADR 0006 step 11: they are made for its first
     * key holder): nothing can be sealed to it, so a request is refused rather than stored where nobody could open it.
     * 503 (problem+json on {@code /api/**}, the error page elsewhere): the organisation's set-up is unfinished.
     */
    @ExceptionHandler(KeysNotMadeException.class)
    @Nullable ResponseEntity<ProblemDetail> notMade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getRequestURI().startsWith("/api/")) {
            return Problems.answer(Problems.withoutAddress(Problems.of(ProblemType.of(HttpStatus.SERVICE_UNAVAILABLE), NOT_MADE)));
        }
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return null;
    }
}
