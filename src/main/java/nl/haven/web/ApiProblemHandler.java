package nl.haven.web;

import java.net.URI;
import nl.haven.shared.BadInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem documents for the JSON API: Spring's own exceptions through
 * {@link ResponseEntityExceptionHandler}, Haven's bad input as 400 naming the field.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(BadInputException.class)
    ResponseEntity<ProblemDetail> badInput(BadInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad input");
        problem.setType(URI.create("/problems/bad-input"));
        problem.setProperty("field", e.field());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Another organisation's and a nonexistent id give this same body (SECURITY.md S1). */
    @ExceptionHandler(nl.haven.shared.NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(nl.haven.shared.NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        problem.setType(URI.create("/problems/not-found"));
        // A fixed instance: Spring would otherwise put the request path (with the id) in the body.
        problem.setInstance(URI.create("/problems/not-found"));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(nl.haven.shared.ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(nl.haven.shared.ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        problem.setType(URI.create("/problems/conflict"));
        problem.setProperty("allowed", e.allowed());
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
