package nl.haven.web;

import nl.haven.shared.BadInputException;
import nl.haven.shared.ConflictException;
import nl.haven.shared.NotFoundException;
import nl.haven.shared.PreconditionFailedException;
import nl.haven.shared.PreconditionRequiredException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem documents for the JSON API: Spring's own exceptions through
 * {@link ResponseEntityExceptionHandler} (with Haven's type for their status), Haven's bad input as 400 naming the
 * field, not found and conflicts.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(BadInputException.class)
    ResponseEntity<ProblemDetail> badInput(BadInputException e) {
        ProblemDetail problem = Problems.of(ProblemType.BAD_INPUT, e.getMessage());
        problem.setProperty("field", e.field());
        return Problems.answer(problem);
    }

    /** Another organisation's and a nonexistent id give this same body (SECURITY.md S1). */
    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.answer(Problems.withoutAddress(Problems.of(ProblemType.NOT_FOUND, e.getMessage())));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        ProblemDetail problem = Problems.of(ProblemType.CONFLICT, e.getMessage());
        problem.setProperty("allowed", e.allowed());
        return Problems.answer(problem);
    }

    /** 412: the If-Match names an older version; the current ETag comes along so the client can read again. */
    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<ProblemDetail> preconditionFailed(PreconditionFailedException e) {
        ResponseEntity<ProblemDetail> answer = Problems.answer(Problems.of(ProblemType.PRECONDITION_FAILED, e.getMessage()));
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).eTag(e.currentEtag()).body(answer.getBody());
    }

    /** 428: a change that must say which version it was made on came without If-Match. */
    @ExceptionHandler(PreconditionRequiredException.class)
    ResponseEntity<ProblemDetail> preconditionRequired(PreconditionRequiredException e) {
        ProblemDetail problem = Problems.of(ProblemType.PRECONDITION_REQUIRED, e.getMessage());
        problem.setProperty("field", "If-Match");
        return Problems.answer(problem);
    }

    /** Spring's own problem documents get the type and title of their status, like every other. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && "about:blank".equals(problem.getType().toString())) {
            Problems.typedByStatus(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
