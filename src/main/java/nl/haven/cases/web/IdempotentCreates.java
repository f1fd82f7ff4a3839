package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.Objects;
import nl.haven.cases.IdempotentAnswers;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import nl.haven.web.ProblemType;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} on the staff API's creates (issue #21, point 6), with the intake's semantics and its one
 * implementation ({@link IdempotentAnswers}): optional here; when sent, 22 to 128 URL-safe characters (a random UUID
 * fits), else 400; scoped to the user (an API token acts as its user); a retry with the same key, method, address and
 * content within the retention gets the first answer again (status, {@code Location}, {@code ETag} and body, with
 * {@code Idempotent-Replayed: true}) and makes nothing; the same key with other content is 422
 * {@code /problems/idempotency-key-reused}. Only a successful create is kept: a refused request can be corrected and
 * sent again with the same key.
 */
@Component
class IdempotentCreates {
    static final String HEADER = "Idempotency-Key";
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    static final String PURPOSE = "staff-idempotency";

    private final IdempotentAnswers answers;
    private final CurrentStaff staff;
    private final JsonMapper json;

    IdempotentCreates(IdempotentAnswers answers, CurrentStaff staff, JsonMapper json) {
        this.answers = answers;
        this.staff = staff;
        this.json = json;
    }

    /**
     * Creates once per key: {@code content} is what the request asked for (its fingerprint, with the method and the
     * address), {@code type} the body's type to replay it as.
     */
    <T> ResponseEntity<T> create(@Nullable String key, HttpServletRequest request, Object content, Class<T> type,
            Supplier<ResponseEntity<T>> create) {
        if (key == null) {
            return create.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw new BadInputException(HEADER, "Idempotency-Key is not 22 to 128 letters, digits, - or _; expected a new random key per "
                    + "request, such as a random UUID");
        }
        StaffMember who = staff.require();
        IdempotentAnswers.Scope scope = new IdempotentAnswers.Scope(who.org(), PURPOSE, who.id().value().toString());
        String fingerprint = fingerprint(request.getMethod() + " " + request.getRequestURI() + "\n" + json.writeValueAsString(content));
        Optional<ObjectNode> earlier = answers.earlier(scope, key, fingerprint);
        if (earlier.isPresent()) {
            return replay(earlier.get(), type);
        }
        IdempotentAnswers.Replayable<ResponseEntity<T>> done = answers.record(scope, key, fingerprint, () -> {
            ResponseEntity<T> made = create.get();
            ObjectNode answer = json.createObjectNode();
            answer.put("status", made.getStatusCode().value());
            URI location = made.getHeaders().getLocation();
            answer.put("location", location == null ? null : location.toString());
            answer.put("etag", made.getHeaders().getETag());
            answer.put("body", made.getBody() == null ? null : json.writeValueAsString(made.getBody()));
            return new IdempotentAnswers.Made<>(made, answer);
        });
        if (done.replayed()) {
            return replay(done.answer(), type);
        }
        ResponseEntity<T> made = Objects.requireNonNull(done.result());
        return ResponseEntity.status(made.getStatusCode()).headers(made.getHeaders()).header("Idempotent-Replayed", "false").body(made.getBody());
    }

    private <T> ResponseEntity<T> replay(ObjectNode answer, Class<T> type) {
        HttpHeaders headers = new HttpHeaders();
        String location = answer.path("location").isString() ? answer.path("location").asString() : null;
        if (location != null) {
            headers.setLocation(URI.create(location));
        }
        if (answer.path("etag").isString()) {
            headers.setETag(answer.path("etag").asString()); // the first answer's: the version the create made
        }
        headers.set("Idempotent-Replayed", "true");
        String body = answer.path("body").isString() ? answer.path("body").asString() : null;
        return ResponseEntity.status(answer.path("status").asInt()).headers(headers).cacheControl(CacheControl.noStore())
                .body(body == null ? null : json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body));
    }

    /** A document's fingerprint: its name, size and SHA-256, never its content. */
    static String document(@Nullable String name, byte[] content) {
        return name + "|" + content.length + "|" + fingerprint(content);
    }

    static String fingerprint(String content) {
        return fingerprint(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String fingerprint(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 422 when a key is reused for other content: the same problem the intake answers. */
    @RestControllerAdvice(assignableTypes = { CaseApi.class, CaseDocumentApi.class, CaseAppointmentApi.class, DecisionSupportApi.class,
            ReferralApi.class })
    static class Problems422 {
        @ExceptionHandler(IdempotentAnswers.KeyReused.class)
        ResponseEntity<ProblemDetail> keyReused(IdempotentAnswers.KeyReused e) {
            ProblemDetail problem = Problems.withoutAddress(Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used before for a different request; use a new key for a new request."));
            problem.setProperty("field", HEADER);
            return Problems.answer(problem);
        }
    }
}
