package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.haven.shared.NotFoundException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Another organisation's case, a case the staff member may not see, a malformed and a nonexistent id: the same plain
 * 404, rendered by the error page, which shows neither the id nor whose it is (SECURITY.md S1).
 */
@ControllerAdvice(assignableTypes = { QueuePages.class, CasePages.class })
class CasePagesAdvice {

    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
