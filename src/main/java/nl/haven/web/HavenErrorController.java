package nl.haven.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error that reaches the container: {@code /api/**} gets RFC 9457 problem+json, everything else a
 * localized page. Neither ever shows an exception's text or a stack trace.
 */
@Controller
class HavenErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    @Nullable ModelAndView page(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        // /api/** answers problem+json whatever its Accept header asks (issue #21 point 5; ApiAcceptFilter before an error).
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri && uri.startsWith("/api/")) {
            ResponseEntity<ProblemDetail> problem = problem(request);
            Problems.write(response, problem.getBody());
            return null;
        }
        HttpStatus status = status(request);
        response.setStatus(status.value());
        // Anyone may reach an error page, and it has no script: the strict policy of public pages (SECURITY.md S6).
        response.setHeader("Content-Security-Policy", SecurityHeadersFilter.CSP_PUBLIC_INTAKE);
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", switch (status) {
            case NOT_FOUND -> "error.notFound";
            case FORBIDDEN, UNAUTHORIZED -> "error.forbidden";
            case BAD_REQUEST, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE -> "error.badRequest";
            case TOO_MANY_REQUESTS -> "error.tooMany";
            case CONTENT_TOO_LARGE, PAYLOAD_TOO_LARGE -> "error.tooLarge";
            default -> "error.general";
        });
        return new ModelAndView("error");
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        // A refused body or bad input names what is wrong (RequestLimitFilter, WebExceptionResolvers); never a 5xx's cause.
        Object detail = request.getAttribute(RequestLimitFilter.DETAIL);
        ProblemDetail problem = Problems.of(ProblemType.of(status), status.is5xxServerError() ? "The server could not complete the request."
                : detail instanceof String text ? text : detail(status));
        if (!status.is5xxServerError() && request.getAttribute(WebExceptionResolvers.FIELD) instanceof String field) {
            problem.setProperty("field", field);
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith("/")) {
            problem.setInstance(URI.create(path.replaceAll("[^A-Za-z0-9/._~-]", "")));
        }
        return Problems.answer(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No resource at this address.";
            case UNAUTHORIZED -> "Authentication is required.";
            case FORBIDDEN -> "Not allowed.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    /** The error's status; a request for {@code /error} itself, which is no error, is answered as an unknown address. */
    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null) {
            return HttpStatus.NOT_FOUND;
        }
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
