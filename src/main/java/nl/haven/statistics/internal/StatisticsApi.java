package nl.haven.statistics.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import nl.haven.identity.CurrentStaff;
import nl.haven.policy.PolicyChange;
import nl.haven.policy.PolicyDataException;
import nl.haven.shared.BadInputException;
import nl.haven.statistics.Dimension;
import nl.haven.statistics.Statistics;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * INTERFACES.md §7 for the caller's organisation (coordinators and analysts): counts by one dimension and the
 * year-end forecast, and the policy what-if over the organisation's open cases (the change file as the body). Every
 * number through disclosure control; responses are never cached.
 */
@RestController
@RequestMapping(path = "/api/v1/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
class StatisticsApi {
    private final Statistics statistics;
    private final CurrentStaff staff;

    StatisticsApi(Statistics statistics, CurrentStaff staff) {
        this.statistics = statistics;
        this.staff = staff;
    }

    static <T> ResponseEntity<T> ok(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @GetMapping("/requests")
    ResponseEntity<Statistics.Requests> requests(@RequestParam(required = false) @Nullable String year,
            @RequestParam(required = false) @Nullable String by) {
        // The API takes the document's codes as they are (a page or the command line may write MONTH or " month ")
        if (by != null && Arrays.stream(Dimension.values()).noneMatch(d -> d.code().equals(by))) {
            throw new BadInputException("by", "unknown dimension '" + by + "': expected one of " + Dimension.codes(), "one of " + Dimension.codes());
        }
        return ok(statistics.requests(staff.require(), number("year", year), by));
    }

    @GetMapping("/forecast")
    ResponseEntity<Statistics.PublishedForecast> forecast(@RequestParam(required = false) @Nullable String year,
            @RequestParam(required = false) @Nullable String nationality, @RequestParam(required = false) @Nullable String target) {
        Integer t = number("target", target);
        return ok(statistics.forecast(staff.require(), number("year", year), nationality, t == null ? null : t.longValue()));
    }

    /** The what-if: the body is a change file (YAML); {@code ?date=} the day to compare on (default: when it starts). */
    @PostMapping(path = "/what-if", consumes = { "application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN_VALUE })
    ResponseEntity<Statistics.WhatIf> whatIf(@RequestBody(required = false) byte @Nullable [] body,
            @RequestParam(required = false) @Nullable String date, @RequestParam(required = false) @Nullable String name) {
        var who = staff.require();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        PolicyChange change = statistics.change(fileName(name), text);
        return ok(statistics.whatIf(who, change, date(date)));
    }

    static String fileName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return "change.yaml";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.matches("[A-Za-z0-9._-]{1,100}") ? base : "change.yaml";
    }

    static @Nullable LocalDate date(@Nullable String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException("date", "malformed date '" + date + "': expected YYYY-MM-DD");
        }
    }

    static @Nullable Integer number(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(field, field + " '" + value + "' is not a whole number");
        }
    }

    /** A change file the policy loader refuses: 400 with its FILE:LINE messages. */
    @ExceptionHandler(PolicyDataException.class)
    ResponseEntity<ProblemDetail> refused(PolicyDataException e) {
        ProblemDetail problem = Problems.badInput("change", e.errors().size() + " error(s) in the change file");
        problem.setProperty("errors", e.errors());
        return Problems.answer(problem);
    }
}
