package nl.haven.cases.internal;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyEngine;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import nl.haven.shared.Languages;

/**
 * What staff (or the intake) may record on a case, checked before anything is stored: the bounds of texts and lists,
 * country codes, and the codes the policy data set knows (issue #15, point 14).
 */
@Component
public class CaseInput {
    /** The longest note, message or request, in characters. */
    public static final int MAX_TEXT = 20_000;
    /** The longest name, pronouns or identifier, in characters. */
    public static final int MAX_NAME = 200;
    /** The longest task title, in characters. */
    public static final int MAX_TASK_TITLE = 500;
    /** The most a case's route profile may take, as JSON (what the route advice needs is well under 1 KB). */
    public static final int MAX_ROUTE_PROFILE_BYTES = 16 * 1024;
    /** The most fact codes a case may record (the data set has far fewer; a list is bounded whatever it grows to). */
    public static final int MAX_FACTS = 32;
    /** Group codes a case may record: the policy engine's groups and {@code lgbti} (all of them). */
    public static final Set<String> GROUP_CODES;

    static {
        Set<String> codes = new TreeSet<>();
        for (Group group : Group.values()) {
            codes.add(group.code());
        }
        codes.add(Group.ALL);
        GROUP_CODES = Collections.unmodifiableSet(codes);
    }

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final PolicyEngine engine;
    private final JsonMapper json = JsonMapper.builder().build();

    CaseInput(PolicyEngine engine) {
        this.engine = engine;
    }

    /**
     * Checks the details before anything is stored. Groups and facts are special-category data the statistics and the
     * what-if count; a code the policy data set does not know would be either dropped silently or stored as free text
     * where only codes belong, and an unbounded list or profile lets one request fill the case's encrypted details
     * without limit.
     */
    public void validate(@Nullable CaseDetails details) {
        if (details == null) {
            throw new BadInputException("details", "the case's details are missing");
        }
        if (details.groups().size() > GROUP_CODES.size()) {
            throw new BadInputException("groups", details.groups().size() + " groups: at most " + GROUP_CODES.size() + " are possible ("
                    + String.join(", ", GROUP_CODES) + ")");
        }
        for (String group : details.groups()) {
            if (group == null || !GROUP_CODES.contains(group)) {
                throw new BadInputException("groups", "unknown group '" + group + "': expected one of " + String.join(", ", GROUP_CODES));
            }
        }
        if (details.facts().size() > MAX_FACTS) {
            throw new BadInputException("facts", details.facts().size() + " facts: at most " + MAX_FACTS + " are accepted");
        }
        Set<String> facts = engine.dataSet().facts().keySet();
        for (String fact : details.facts()) {
            if (fact == null || !facts.contains(fact)) {
                throw new BadInputException("facts", "unknown fact '" + fact + "': expected a fact code of the policy data set ("
                        + String.join(", ", new TreeSet<>(facts)) + ")");
            }
        }
        int profileBytes = json.writeValueAsBytes(details.routeProfile()).length;
        if (profileBytes > MAX_ROUTE_PROFILE_BYTES) {
            throw new BadInputException("routeProfile", "the route profile has " + profileBytes + " bytes as JSON: at most "
                    + MAX_ROUTE_PROFILE_BYTES / 1024 + " KB (" + MAX_ROUTE_PROFILE_BYTES + " bytes) are accepted");
        }
        for (String value : new String[] { details.nameUsed(), details.pronouns(), details.legalName() }) {
            if (value != null && value.length() > MAX_NAME) {
                throw new BadInputException("details", "names and pronouns may have at most 200 characters");
            }
        }
        if (details.request() != null && details.request().length() > MAX_TEXT) {
            throw new BadInputException("request", "the request may have at most " + MAX_TEXT + " characters");
        }
        if (details.language() != null && !Languages.codes().contains(details.language())) {
            throw new BadInputException("language", "language '" + details.language() + "': expected " + Languages.expected());
        }
        // A contact without a channel ({"safeContact":{}}) is bad input too: List.of(...).contains(null) would throw.
        if (details.safeContact() != null && (details.safeContact().channel() == null
                || !CaseDetails.SafeContact.CHANNELS.contains(details.safeContact().channel()))) {
            throw new BadInputException("safeContact.channel", (details.safeContact().channel() == null ? "no contact channel"
                    : "contact channel '" + details.safeContact().channel() + "'") + ": expected one of " + String.join(", ", CaseDetails.SafeContact.CHANNELS));
        }
    }

    /** A country code (ISO 3166-1 alpha-2) in capitals, or null for none. */
    public static @Nullable String country(String field, @Nullable String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(upper).matches()) {
            throw new BadInputException(field, field + " '" + code + "' is not a country code: expected two letters (ISO 3166-1), e.g. US");
        }
        return upper;
    }

    /** A handling or a stage, by name (any case, {@code -} for {@code _}). */
    public static String state(String field, String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Handling h : Handling.values()) {
            if (h.name().equals(upper)) {
                return upper;
            }
        }
        for (Stage s : Stage.values()) {
            if (s.name().equals(upper)) {
                return upper;
            }
        }
        throw new BadInputException(field, "unknown status '" + name + "': expected a handling (" + List.of(Handling.values())
                + ") or a stage (" + List.of(Stage.values()) + ")");
    }

    /** A note, message or title: not empty, at most {@link #MAX_TEXT} characters. */
    public static String text(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(field, field + " is empty: some text is expected");
        }
        if (value.length() > MAX_TEXT) {
            throw new BadInputException(field, field + " has " + value.length() + " characters: at most " + MAX_TEXT + " are accepted");
        }
        return value;
    }
}
