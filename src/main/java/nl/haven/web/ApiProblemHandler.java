package nl.haven.web;

import nl.haven.shared.BadInputException;
import nl.haven.shared.ConflictException;
import nl.haven.shared.NotFoundException;
import nl.haven.shared.PreconditionFailedException;
import nl.haven.shared.PreconditionRequiredException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.http.MediaType;

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
        if (e.expected() != null) {
            problem.setProperty("expected", e.expected());
        }
        return Problems.answer(problem);
    }

    /**
     * A JSON body whose value has the wrong type (issue #21 point 4: no coercion, {@link StrictInput}): 400 naming the
     * field (its path in the body, e.g. {@code details.groups[0]}) and the type expected; never the parser's message.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
        if (mismatch == null || mismatch.getPath().isEmpty()) {
            ProblemDetail problem = Problems.badInput("body", "The body is not JSON of the form this operation takes.");
            problem.setProperty("expected", "a JSON object as the operation's schema describes it (/v3/api-docs)");
            return handleExceptionInternal(ex, problem, headers, status, request);
        }
        String field = path(mismatch);
        if (mismatch instanceof UnrecognizedPropertyException unknown) {
            List<String> fields = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            String expected = fields.isEmpty() ? "no fields" : "one of " + String.join(", ", fields);
            ProblemDetail problem = Problems.badInput(field, "'" + field + "' is not a field of this body: expected " + expected + ".");
            problem.setProperty("expected", expected);
            return handleExceptionInternal(ex, problem, headers, status, request);
        }
        String expected = StrictInput.expected(mismatch.getTargetType());
        ProblemDetail problem = Problems.badInput(field, "'" + field + "' must be " + expected + ".");
        problem.setProperty("expected", expected);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** A query or path parameter of the wrong type ({@code page=first}): 400 naming it and its type, never Java's. */
    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String field = name == null ? "parameter" : name;
        String expected = StrictInput.expected(ex.getRequiredType());
        ProblemDetail problem = Problems.badInput(field, "'" + field + "' must be " + expected + ".");
        problem.setProperty("expected", expected);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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
        if (body instanceof ProblemDetail) {
            // Always problem+json, whatever the Accept header asked (issue #21 point 5): a preset type skips negotiation.
            HttpHeaders typed = new HttpHeaders();
            typed.putAll(headers);
            typed.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, typed, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
