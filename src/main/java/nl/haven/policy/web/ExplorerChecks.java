package nl.haven.policy.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.haven.policy.Countries;
import nl.haven.policy.Country;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyInputException;
import org.jspecify.annotations.Nullable;

/**
 * The explorer's question checked field by field before the engine sees it (issue #20 point 6): the page names every
 * problem at once, each with its field and in the reader's language ({@code policy.problem.*}), where the engine stops
 * at the first with a developer's English sentence. Dates are taken as the browser's date field sends them
 * (YYYY-MM-DD) or as typed in Dutch order, DD-MM-YYYY.
 */
final class ExplorerChecks {

    /** A problem with one field: the field's id in the form and the bundle key that says what to do. */
    record Problem(String field, String key) {
    }

    private static final Pattern DUTCH_DATE = Pattern.compile("\\d{1,2}-\\d{1,2}-\\d{4}");
    private static final DateTimeFormatter DUTCH = DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT);

    private ExplorerChecks() {
    }

    /** Every problem of the question, in the form's order; empty when the engine can answer it. */
    static List<Problem> check(PolicyDataSet data, PolicyExplorerPages.Question q) {
        List<Problem> problems = new ArrayList<>();
        String nationality = q.nationality().trim().toUpperCase(Locale.ROOT);
        if (nationality.isEmpty()) {
            problems.add(new Problem("nationality", "policy.problem.nationality.required"));
        } else if (!Countries.known(nationality)) {
            problems.add(new Problem("nationality", "policy.problem.nationality.unknown"));
        }
        if (!q.region().isBlank()) {
            Country country = data.countries().get(nationality);
            if (country == null || !country.hasRegion(q.region().trim().toUpperCase(Locale.ROOT))) {
                problems.add(new Problem("region", "policy.problem.region.unknown"));
            }
        }
        if (q.groups().isEmpty()) {
            problems.add(new Problem("group", "policy.problem.group.required"));
        } else if (!q.groups().stream().allMatch(ExplorerChecks::knownGroup)) {
            problems.add(new Problem("group", "policy.problem.group.unknown"));
        }
        if (!q.facts().stream().allMatch(f -> data.facts().containsKey(f.trim().toLowerCase(Locale.ROOT)))) {
            problems.add(new Problem("fact", "policy.problem.fact.unknown"));
        }
        if (q.date().isBlank()) {
            problems.add(new Problem("date", "policy.problem.date.required"));
        } else if (date(q.date()) == null) {
            problems.add(new Problem("date", "policy.problem.date.malformed"));
        }
        if (!q.knownAt().isBlank() && date(q.knownAt()) == null) {
            problems.add(new Problem("knownAt", "policy.problem.knownAt.malformed"));
        }
        return problems;
    }

    /** A date as the engine takes it (YYYY-MM-DD), from that form or DD-MM-YYYY; the input itself when it is neither. */
    static String iso(String input) {
        LocalDate date = date(input);
        return date == null ? input : date.toString();
    }

    /** The bundle key for a problem the engine found after the checks (none known today): its field, generally. */
    static Problem fromEngine(PolicyInputException e) {
        return new Problem(e.field(), "policy.problem.other");
    }

    static @Nullable LocalDate date(String input) {
        String value = input.trim();
        try {
            return DUTCH_DATE.matcher(value).matches() ? LocalDate.parse(value, DUTCH) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean knownGroup(String code) {
        try {
            Group.parse(code);
            return true;
        } catch (PolicyInputException e) {
            return false;
        }
    }
}
