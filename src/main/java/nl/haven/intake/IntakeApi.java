package nl.haven.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.web.ProblemType;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/intake/{org}} (INTERFACES.md §5): the intake as JSON, for partner apps. An {@code Idempotency-Key}
 * header is required, at least 122 bits ({@link #KEY}), and is a secret: a retried request never opens a second case and gets
 * the first answer again, codename included. 201 only after the
 * case is committed; 404 for an unknown organisation; 400 problem+json naming the field; 422 when a key is reused for
 * other content; 429 with {@code Retry-After}. Problem texts are in the language of {@code Accept-Language} (or
 * {@code ?lang=}), and never repeat what was sent.
 */
@RestController
class IntakeApi {
    /**
     * An Idempotency-Key carries at least 122 bits (issue #15, point 21): it is a secret, because a retry with the key
     * (and the same content) gets the first answer again, codename included. 22 to 128 URL-safe characters pass: 22
     * random ones carry 132 bits, and a random UUID (36 characters, 122 random bits) fits too. That the characters are
     * random cannot be checked; that there are enough of them can.
     */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    static final Set<String> FIELDS = Set.of("language", "nationality", "countryOfResidence", "groups", "message", "contact", "nameUsed",
            "pronouns");
    static final Set<String> CONTACT_FIELDS = Set.of("channel", "value");
    /** A request is at most this large (the message is at most 20,000 characters). */
    static final int MAX_BODY = 256 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrganisationDirectory organisations;
    private final Intake intake;
    private final MessageSource messages;

    IntakeApi(OrganisationDirectory organisations, Intake intake, MessageSource messages) {
        this.organisations = organisations;
        this.intake = intake;
        this.messages = messages;
    }

    @PostMapping(path = "/api/v1/intake/{org}")
    @Operation(summary = "Ask an organisation for help without an account: 201 with the reference and the codename, once the case is committed")
    ResponseEntity<?> submit(@PathVariable String org,
            @Parameter(description = "Required, and a secret: at least 122 bits, i.e. a random UUID or 22 to 128 random URL-safe characters "
                    + "(letters, digits, - and _); else 400. A retry with the same key and content gets the first answer again, codename "
                    + "included, for 24 hours: never log it, put it in a URL or reuse it.")
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody(required = false) byte @Nullable [] body, Locale locale, HttpServletRequest request) {
        OrganisationDirectory.Organisation organisation = organisations.bySlug(org).orElse(null);
        if (organisation == null) {
            return problem(ProblemType.NOT_FOUND, message("intake.api.unknownOrganisation", locale), null);
        }
        if (key == null || !KEY.matcher(key).matches()) {
            return problem(ProblemType.BAD_INPUT, message("intake.api.idempotencyKey", locale), "Idempotency-Key");
        }
        OptionalLong wait = intake.tooMany(request.getRemoteAddr());
        if (wait.isPresent()) {
            ProblemDetail tooMany = Problems.withoutAddress(Problems.of(ProblemType.TOO_MANY_REQUESTS, message("intake.api.tooMany", locale)));
            return ResponseEntity.status(tooMany.getStatus()).header("Retry-After", Long.toString(wait.getAsLong()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(tooMany);
        }
        if (body == null || body.length == 0) {
            return problem(ProblemType.BAD_INPUT, message("intake.api.malformed", locale), "body");
        }
        if (body.length > MAX_BODY) {
            return problem(ProblemType.TOO_LARGE, message("intake.api.tooLarge", locale), "body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException malformed) {
            return problem(ProblemType.BAD_INPUT, message("intake.api.malformed", locale), "body");
        }
        if (root == null || !root.isObject()) {
            return problem(ProblemType.BAD_INPUT, message("intake.api.malformed", locale), "body");
        }
        Parsed parsed = parse(root);
        if (parsed.badField() != null) {
            return problem(ProblemType.BAD_INPUT, message("intake.api.field", locale, parsed.badField()), parsed.badField());
        }
        IntakeRules.Draft draft = parsed.draft();
        List<IntakeRules.Problem> problems = IntakeRules.check(draft);
        if (!problems.isEmpty()) {
            IntakeRules.Problem first = problems.get(0);
            ResponseEntity<ProblemDetail> response = problem(ProblemType.BAD_INPUT,
                    messages.getMessage(first.key(), first.args(), locale), first.field());
            List<Map<String, String>> all = new ArrayList<>();
            for (IntakeRules.Problem p : problems) {
                all.add(Map.of("field", p.field(), "detail", messages.getMessage(p.key(), p.args(), locale)));
            }
            response.getBody().setProperty("problems", all);
            return response;
        }
        Submission submission = new Submission(draft.language(), draft.nationality(), draft.countryOfResidence(), draft.nameUsed(),
                draft.pronouns(), draft.groups(), draft.message().strip(), draft.contactChannel() == null ? "none" : draft.contactChannel(),
                draft.contactValue(), List.of());
        Intake.Receipt receipt;
        try {
            receipt = intake.submit(organisation.id(), submission, "api:" + key, request.getRemoteAddr());
        } catch (Intake.KeyReused reused) {
            return problem(ProblemType.IDEMPOTENCY_KEY_REUSED, message("intake.api.keyReused", locale), "Idempotency-Key");
        }
        // Committed: only now is the 201 sent.
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("reference", receipt.reference());
        answer.put("codename", receipt.codename());
        return ResponseEntity.status(HttpStatus.CREATED).header("Idempotent-Replayed", Boolean.toString(receipt.replayed()))
                .contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    record Parsed(IntakeRules.Draft draft, @Nullable String badField) {
    }

    /** The JSON as a draft; the first unknown field or value of the wrong JSON type is named. */
    static Parsed parse(JsonNode root) {
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                return new Parsed(empty(), name);
            }
        }
        String bad = null;
        List<String> groups = new ArrayList<>();
        JsonNode groupNode = root.path("groups");
        if (!groupNode.isMissingNode() && !groupNode.isNull()) {
            if (!groupNode.isArray()) {
                bad = "groups";
            } else {
                for (JsonNode g : groupNode) {
                    if (!g.isString()) {
                        bad = "groups";
                        break;
                    }
                    groups.add(g.asString());
                }
            }
        }
        JsonNode contact = root.path("contact");
        String channel = null;
        String value = null;
        if (!contact.isMissingNode() && !contact.isNull()) {
            if (!contact.isObject()) {
                bad = bad == null ? "contact" : bad;
            } else {
                for (String name : contact.propertyNames()) {
                    if (!CONTACT_FIELDS.contains(name)) {
                        bad = bad == null ? "contact." + name : bad;
                    }
                }
                channel = text(contact, "channel");
                value = text(contact, "value");
                if (channel == null && has(contact, "channel") || value == null && has(contact, "value")) {
                    bad = bad == null ? "contact" : bad;
                }
            }
        }
        String[] names = { "language", "nationality", "countryOfResidence", "message", "nameUsed", "pronouns" };
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = text(root, names[i]);
            if (values[i] == null && has(root, names[i]) && bad == null) {
                bad = names[i];
            }
        }
        IntakeRules.Draft draft = new IntakeRules.Draft(values[0] == null ? "en" : values[0], IntakeRules.blankToNull(values[1]),
                IntakeRules.blankToNull(values[2]), IntakeRules.blankToNull(values[4]), IntakeRules.blankToNull(values[5]), groups, values[3],
                channel == null ? "none" : channel, IntakeRules.blankToNull(value));
        return new Parsed(draft, bad);
    }

    private static IntakeRules.Draft empty() {
        return new IntakeRules.Draft(null, null, null, null, null, List.of(), null, null, null);
    }

    private static boolean has(JsonNode node, String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isString() ? value.asString() : null;
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail, @Nullable String field) {
        ProblemDetail problem = Problems.withoutAddress(Problems.of(type, detail));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return Problems.answer(problem);
    }
}
