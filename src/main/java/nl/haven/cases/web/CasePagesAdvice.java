package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.haven.shared.NotFoundException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every case page shares before it renders. Another organisation's case, a case the staff member may not see, a
 * malformed and a nonexistent id: the same plain 404, rendered by the error page, which shows neither the id nor whose
 * it is (SECURITY.md S1).
 */
@ControllerAdvice(assignableTypes = { QueuePages.class, CasePages.class, CaseDocumentPages.class, CaseReferralPages.class, DecisionSupportPages.class,
        CaseErasurePages.class, CaseAppointmentPages.class, ReferralPages.class })
class CasePagesAdvice {

    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /**
     * The CSRF token is created lazily, when the first form asks for it, and its cookie is written then. These pages
     * are longer than the response buffer (the country lists alone), so by the first form the response may be
     * committed and the cookie lost: the next post would be refused. Resolve the token before anything is written.
     */
    @ModelAttribute
    void csrfTokenBeforeRendering(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
    }
}
