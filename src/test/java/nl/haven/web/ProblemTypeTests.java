package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;

/** One type URI scheme, one title per type, and docs/problems.md listing them as the code has them. */
class ProblemTypeTests {

    @Test
    void everyNamedTypeIsInTheDocumentationWithItsTitleAndStatus() throws Exception {
        String docs = Files.readString(Path.of("docs", "problems.md"));
        for (ProblemType type : ProblemType.NAMED) {
            assertThat(docs).as(type.slug()).contains("| `/problems/" + type.slug() + "` | " + type.title() + " | " + type.status().value() + " |");
        }
        long rows = docs.lines().filter(line -> line.startsWith("| `/problems/")).count();
        assertThat(rows).as("a row for each named type, and no other").isEqualTo(ProblemType.NAMED.size());
    }

    @Test
    void eachSlugHasOneTitle() {
        Set<String> slugs = new HashSet<>();
        for (ProblemType type : ProblemType.NAMED) {
            assertThat(slugs.add(type.slug())).as(type.slug()).isTrue();
        }
    }

    @Test
    void aStatusGetsItsNamedTypeOrOneMadeFromItsReasonPhrase() {
        assertThat(ProblemType.of(HttpStatus.NOT_FOUND)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.of(HttpStatus.BAD_REQUEST)).isEqualTo(ProblemType.BAD_INPUT);
        assertThat(ProblemType.of(HttpStatus.PAYLOAD_TOO_LARGE)).isEqualTo(ProblemType.TOO_LARGE);
        ProblemType unavailable = ProblemType.of(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(unavailable.uri()).hasToString("/problems/service-unavailable");
        assertThat(unavailable.title()).isEqualTo("Service Unavailable");
        assertThat(unavailable.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(ProblemType.of(HttpStatusCode.valueOf(599))).isEqualTo(ProblemType.SERVER_ERROR);
    }

    @Test
    void theFactorySetsTypeTitleStatusAndDetail() {
        ProblemDetail problem = Problems.badInput("year", "year 'x' is not a whole number");
        assertThat(problem.getType()).hasToString("/problems/bad-input");
        assertThat(problem.getTitle()).isEqualTo("Bad input");
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("year 'x' is not a whole number");
        assertThat(problem.getProperties()).containsEntry("field", "year");
        assertThat(Problems.withoutAddress(Problems.of(ProblemType.NOT_FOUND, "Case not found.")).getInstance()).hasToString("/problems/not-found");
    }

    /** A filter's answer (the API token filter's 401): the same members, in the order Spring writes them, JSON-escaped. */
    @Test
    void aFilterWritesTheSameDocument() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ProblemDetail problem = Problems.badInput("q", "a \"quoted\" value");
        Problems.write(response, problem);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo(
                "{\"type\":\"/problems/bad-input\",\"title\":\"Bad input\",\"status\":400,\"detail\":\"a \\\"quoted\\\" value\",\"field\":\"q\"}");
    }

    /** Spring's own documents ({@code about:blank}) get the type and title of their status. */
    @Test
    void springsOwnDocumentsAreTypedByTheirStatus() {
        ProblemDetail spring = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "Method 'PUT' is not supported.");
        Problems.typedByStatus(spring);
        assertThat(spring.getType()).hasToString("/problems/method-not-allowed");
        assertThat(spring.getTitle()).isEqualTo("Method Not Allowed");
        assertThat(spring.getDetail()).isEqualTo("Method 'PUT' is not supported.");
    }
}
