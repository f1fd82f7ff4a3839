package nl.haven.routes.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import nl.haven.routes.ProfileException;
import nl.haven.routes.Profile;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvice;
import nl.haven.routes.RouteAdvisor;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import nl.haven.shared.Language;
import nl.haven.shared.Languages;

/** {@code POST /api/v1/routes/advice} (INTERFACES.md §4): public, stateless, nothing stored. */
@RestController
@Tag(name = "routes", description = "Asylum beside the regular migration routes, with each year's thresholds: decision support")
class RoutesApi {
    private final RouteAdvisor advisor;
    private final ProfileParser parser;

    RoutesApi(RouteAdvisor advisor, ProfileParser parser) {
        this.advisor = advisor;
        this.parser = parser;
    }

    @PostMapping(path = "/api/v1/routes/advice", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Advice on every route for a profile: outcome, reasons with sources, missing fields, what would change the outcome")
    RouteAdvice advice(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the profile; every part optional except nationality",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Profile.class)))
            @RequestBody(required = false) @Nullable String body, @RequestParam(defaultValue = "en") String lang) {
        if (body == null || body.isBlank()) {
            throw new ProfileException("profile", "the request has no profile: send a JSON object such as {\"nationality\": \"US\"}");
        }
        String language = Languages.byCode(lang).map(Language::code)
                .orElseThrow(() -> new ProfileException("lang", "unknown language '" + lang + "': expected " + Languages.expected()));
        return advisor.advise(parser.parse(body), language);
    }

    @ExceptionHandler(ProfileException.class)
    ResponseEntity<ProblemDetail> badProfile(ProfileException e) {
        return Problems.answer(Problems.badInput(e.field(), e.getMessage()));
    }
}
