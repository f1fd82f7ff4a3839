package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.haven.identity.UnknownIdException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * An id of another organisation or another user, a nonexistent id and a malformed one: the same plain
 * 404, rendered by the error page, which shows neither the id nor the address.
 */
@ControllerAdvice(assignableTypes = { AdminPages.class, TokenPages.class, PasskeyPages.class, GrantPages.class })
class UnknownIdAdvice {

    @ExceptionHandler(UnknownIdException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
