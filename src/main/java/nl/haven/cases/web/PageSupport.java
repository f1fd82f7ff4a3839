package nl.haven.cases.web;

import java.text.Collator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.FrameworkAnswer;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.Countries;
import nl.haven.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the case pages share: the acting staff member, colleagues' names, dates in Dutch time, due-date states,
 * countries by name, state labels, and the one problem a refused form shows. Nothing here reads case content.
 */
@Component
class PageSupport {
    /** Deadlines are Dutch legal terms: "today" is today in the Netherlands. */
    static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** A next due date this many days away or fewer is "due soon". */
    static final int DUE_SOON_DAYS = 7;
    /** Roles a case can be assigned to (CaseMoves refuses analysts and administrators). */
    static final Set<Role> CASE_ROLES = Set.of(Role.INTAKE, Role.CASEWORKER, Role.LAWYER, Role.COORDINATOR);

    private final CurrentStaff staff;
    private final MessageSource messages;
    private final Clock clock;

    PageSupport(CurrentStaff staff, MessageSource messages, Clock clock) {
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    StaffMember who() {
        return staff.require();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(DUTCH_TIME));
    }

    static String moment(Instant at) {
        return MOMENT.format(at.atZone(DUTCH_TIME));
    }

    /** A case id from the address: a malformed one is as unknown as one that does not exist (the same 404). */
    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            throw new NotFoundException("case");
        }
    }

    /** The organisation's active colleagues a case can be assigned to, by name. */
    List<StaffMember> assignable(StaffMember who) {
        return staff.colleagues(who.org()).stream().filter(m -> CASE_ROLES.contains(m.role())).toList();
    }

    /** Every active colleague's name by id; someone no longer active is shown as a former colleague. */
    Map<UUID, String> names(StaffMember who) {
        Map<UUID, String> names = new LinkedHashMap<>();
        staff.colleagues(who.org()).forEach(m -> names.put(m.id().value(), m.displayName()));
        return names;
    }

    String nameOf(Map<UUID, String> names, @Nullable UUID user, Locale locale) {
        if (user == null) {
            return "";
        }
        String name = names.get(user);
        return name != null ? name : text("cases.formerColleague", locale);
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** A label from the bundle, or {@code fallback} for a code the bundle does not know (e.g. an event added later). */
    String textOr(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }

    /** The state of a case as its staff say it: the handling, and the procedure stage once there is one. */
    String state(Handling handling, Stage stage, Locale locale) {
        String h = text("cases.handling." + handling.name(), locale);
        return stage == Stage.NONE ? h : h + " – " + text("cases.stage." + stage.name(), locale);
    }

    /** The label of a transition target (a handling or a stage name). */
    String target(String name, Locale locale) {
        for (Handling h : Handling.values()) {
            if (h.name().equals(name)) {
                return text("cases.handling." + name, locale);
            }
        }
        return text("cases.stage." + name, locale);
    }

    /** How close a due date is; never by colour alone: each state has its own text and symbol. */
    enum Due {
        OVERDUE, TODAY, SOON, LATER, DONE;

        /** Overdue, today and soon are flagged with a symbol and a word, not by colour alone. */
        public boolean isFlagged() {
            return this == OVERDUE || this == TODAY || this == SOON;
        }
    }

    Due due(@Nullable LocalDate dueOn, boolean done) {
        if (done) {
            return Due.DONE;
        }
        if (dueOn == null) {
            return Due.LATER;
        }
        LocalDate today = today();
        if (dueOn.isBefore(today)) {
            return Due.OVERDUE;
        }
        if (dueOn.isEqual(today)) {
            return Due.TODAY;
        }
        return dueOn.isAfter(today.plusDays(DUE_SOON_DAYS)) ? Due.LATER : Due.SOON;
    }

    /** An option of a select. */
    record Option(String value, String label) {
    }

    /** Every country, by its name in the page's language. */
    static List<Option> countries(Locale locale) {
        List<Option> options = new ArrayList<>();
        Set<String> codes = new TreeSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XK");
        for (String code : codes) {
            options.add(new Option(code, Countries.name(code, locale.getLanguage())));
        }
        options.sort(Comparator.comparing(Option::label, Collator.getInstance(locale)));
        return options;
    }

    static String countryName(@Nullable String code, Locale locale) {
        return code == null ? "" : Countries.name(code, locale.getLanguage());
    }

    /** The Dutch way of writing a date: day, month, year (31-12-2026, also 1-2-2026). */
    static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT);
    /** No event a case records happened before this day: an earlier one is a typing mistake. */
    static final LocalDate EARLIEST_EVENT = LocalDate.of(1990, 1, 1);

    /**
     * A date typed into a form: ISO ({@code 2026-12-31}, what a date field sends) or Dutch ({@code 31-12-2026});
     * null when empty; {@link BadDate} when it is not a date (31-02-2026 is not one either).
     */
    static @Nullable LocalDate date(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String typed = value.strip();
        try {
            return typed.matches("\\d{4}-.*") ? LocalDate.parse(typed) : LocalDate.parse(typed, DUTCH_DATE);
        } catch (DateTimeParseException e) {
            throw new BadDate(typed);
        }
    }

    /**
     * The problem with the day something happened, naming the field by its label: in the future (today in the
     * Netherlands) or before {@link #EARLIEST_EVENT}; {@link Problem#NONE} when it can be true.
     */
    Problem eventDate(String field, String labelKey, LocalDate date, Locale locale) {
        if (date.isAfter(today())) {
            return problem(field, locale, "cases.error.date.future", text(labelKey, locale), date.toString(), today().toString());
        }
        if (date.isBefore(EARLIEST_EVENT)) {
            return problem(field, locale, "cases.error.date.tooEarly", text(labelKey, locale), date.toString(), EARLIEST_EVENT.toString());
        }
        return Problem.NONE;
    }

    /** A typed date that is not one; the message is the value only (never logged: it is not an exception to report). */
    static final class BadDate extends RuntimeException {
        BadDate(String value) {
            super(value, null, false, false);
        }
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * What a refused form shows: the id of the field it is about (its message is {@code <field>-error}, tied to the
     * field with {@code aria-describedby}) and the text, already in the page's language. {@link #NONE} when nothing
     * was refused, so templates can always ask {@code problem.on('note-body')}.
     */
    record Problem(String field, String text) {
        static final Problem NONE = new Problem("", "");

        public boolean on(String fieldId) {
            return field.equals(fieldId);
        }

        /** Whether the problem is about a field of the form whose ids start with {@code prefix}. */
        public boolean in(String prefix) {
            return !field.isEmpty() && field.startsWith(prefix);
        }

        public boolean any() {
            return !field.isEmpty();
        }

        /** {@code aria-invalid} of a field: "true" when the problem is about it, else none. */
        public @Nullable String invalid(String fieldId) {
            return on(fieldId) ? "true" : null;
        }

        /** {@code aria-describedby} of a field: its hint (if any) and, when the problem is about it, its message. */
        public @Nullable String describedBy(String fieldId, @Nullable String hint) {
            String error = on(fieldId) ? fieldId + "-error" : null;
            if (hint == null) {
                return error;
            }
            return error == null ? hint : hint + " " + error;
        }
    }

    Problem problem(String field, Locale locale, String key, Object... args) {
        return new Problem(field, text(key, locale, args));
    }

    /** A framework as the timeline and the decision-support page name it: standard, presumption, relocation, sources. */
    String framework(FrameworkAnswer a, Locale locale) {
        return text("cases.framework", locale, textOr("standard." + a.standard(), a.standard(), locale),
                text(a.safeCountryApplied() ? "cases.framework.presumption.applied" : "cases.framework.presumption.notApplied", locale),
                a.relocation().isEmpty() ? text("cases.framework.relocation.none", locale) : String.join(", ", a.relocation()),
                a.sources().isEmpty() ? "–" : String.join(", ", a.sources()));
    }

    /**
     * A framework on the timeline beside the one it replaced or was replaced by: as {@link #framework(FrameworkAnswer, Locale)},
     * plus each route whose outcome differs between the two, with this side's outcome.
     */
    String framework(FrameworkAnswer a, FrameworkAnswer other, Locale locale) {
        List<String> routes = a.routesChangedFrom(other);
        if (routes.isEmpty()) {
            return framework(a, locale);
        }
        List<String> outcomes = new ArrayList<>();
        for (String route : routes) {
            outcomes.add(textOr("route." + route, route, locale) + ": " + textOr("outcome.staff." + a.routes().get(route), a.routes().get(route), locale));
        }
        return framework(a, locale) + "; " + text("cases.framework.routes", locale, String.join(", ", outcomes));
    }

}
