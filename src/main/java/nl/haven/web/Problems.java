package nl.haven.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The one way Haven builds an error answer of its JSON API: an RFC 9457 problem document of a {@link ProblemType}
 * (its type URI, title and status), with the detail written for the person who sent the request, and the extra
 * members the API names ({@code field}, {@code allowed}, {@code limitBytes} …).
 */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** A document of this type: its URI, title and status, and the detail. */
    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** A document built elsewhere (Spring's own, typed {@code about:blank}) given the type and title of its status. */
    static ProblemDetail typedByStatus(ProblemDetail problem) {
        ProblemType type = ProblemType.of(HttpStatusCode.valueOf(problem.getStatus()));
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** 400 {@code /problems/bad-input} naming the field that is wrong (null when it is the request as a whole). */
    public static ProblemDetail badInput(@Nullable String field, String detail) {
        ProblemDetail problem = of(ProblemType.BAD_INPUT, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /**
     * The same document with its type as its {@code instance}: Spring would otherwise put the request's path in the
     * body, and a path can carry an id (SECURITY.md S1: another organisation's id and a nonexistent one answer alike).
     */
    public static ProblemDetail withoutAddress(ProblemDetail problem) {
        problem.setInstance(problem.getType());
        return problem;
    }

    /** The answer: the document's status, {@code application/problem+json}. */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The answer, never stored by a cache ({@code Cache-Control: no-store}). */
    public static ResponseEntity<ProblemDetail> answerNotStored(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).cacheControl(CacheControl.noStore())
                .body(problem);
    }

    /**
     * Writes the document to a response before Spring MVC is reached (a servlet filter): {@code type}, {@code title},
     * {@code status}, {@code detail}, {@code instance} when set, then the extra members.
     */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        if (problem.getTitle() != null) {
            body.put("title", problem.getTitle());
        }
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        // UTF-8, as RFC 8259 requires of JSON: without it the container labels the writer's text ISO-8859-1 (issue #21 point 5).
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
