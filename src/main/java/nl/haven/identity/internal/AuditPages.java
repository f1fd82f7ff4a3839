package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditTrail;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /audit}: the audit-log viewer of an organisation's COORDINATORs and ADMINs (issue #19 point 11). Ids and
 * action names only — what the log holds — newest first, {@value AuditTrail#PAGE_SIZE} a page, filtered by case id,
 * user id and a span of days (a date field; {@code DD-MM-YYYY} is accepted too), read through the audit module's
 * {@link AuditTrail}. Always the viewer's own organisation. A value that is not an id or a date shows the page again
 * with the message at its field (400) and no events. Actions, subjects and the system's own actors are shown in words
 * ({@link #words}); the stored code stays in the action's {@code title}, for whoever compares with {@code audit verify}.
 */
@Controller
class AuditPages {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT);
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(AMSTERDAM);

    private final AuditTrail trail;
    private final CurrentStaff staff;
    private final MessageSource messages;

    AuditPages(AuditTrail trail, CurrentStaff staff, MessageSource messages) {
        this.trail = trail;
        this.staff = staff;
        this.messages = messages;
    }

    /** A filter field's problem: the field's id and the message key with the value typed. */
    record Problem(String field, String key, String value) {
    }

    /**
     * An event as a row of the table: the moment in Amsterdam, to the second; {@code actorWords}, {@code actionWords} and
     * {@code subjectWords} in the reader's language ({@code actorWords} empty for a user, whose id is shown), {@code action}
     * the stored code.
     */
    record Row(long seq, String at, String actor, String actorWords, String action, String actionWords, String subjectWords, String subjectId) {
    }

    @GetMapping("/audit")
    String view(@RequestParam(defaultValue = "") String caseId, @RequestParam(defaultValue = "") String userId,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "0") String page,
            Model model, Locale locale, HttpServletResponse response) {
        StaffMember who = staff.require();
        if (who.role() != Role.COORDINATOR && who.role() != Role.ADMIN) {
            throw new AccessDeniedException("the audit log is for coordinators and administrators");
        }
        List<Problem> problems = new ArrayList<>();
        UUID caseUuid = uuid("caseId", caseId, problems);
        UUID userUuid = uuid("userId", userId, problems);
        LocalDate fromDay = day("from", from, problems);
        LocalDate toDay = day("to", to, problems);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.add(new Problem("to", "auditLog.error.toBeforeFrom", to.strip()));
        }
        int pageNumber = page.strip().matches("\\d{1,6}") ? Integer.parseInt(page.strip()) : 0;
        model.addAttribute("caseId", caseId.strip());
        model.addAttribute("userId", userId.strip());
        model.addAttribute("from", fromDay == null ? from.strip() : fromDay.toString());
        model.addAttribute("to", toDay == null ? to.strip() : toDay.toString());
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(Problem::field).toList());
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("rows", List.of());
            return "identity/audit";
        }
        AuditTrail.Query query = new AuditTrail.Query(caseUuid, userUuid, fromDay == null ? null : fromDay.atStartOfDay(AMSTERDAM).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(AMSTERDAM).toInstant());
        AuditTrail.Page events = trail.read(who.org(), AuditEvent.user(who.id()), query, pageNumber);
        model.addAttribute("rows", events.entries().stream().map(e -> new Row(e.seq(), MOMENT.format(e.occurredAt()), text(e.actor()),
                words(locale, text(e.actor()), "", "auditLog.actor."), text(e.action()),
                words(locale, text(e.action()), text(e.action()), "auditLog.action.", "cases.event."),
                words(locale, text(e.subjectType()), text(e.subjectType()), "auditLog.subject."), text(e.subjectId()))).toList());
        model.addAttribute("page", events.page());
        String lang = locale.getLanguage();
        model.addAttribute("previous", events.hasPrevious() ? link(caseId, userId, fromDay, toDay, events.page() - 1, lang) : null);
        model.addAttribute("next", events.hasNext() ? link(caseId, userId, fromDay, toDay, events.page() + 1, lang) : null);
        return "identity/audit";
    }

    /**
     * A code in words: the first of the keys {@code prefix + code} that the bundle has (an action that is also a timeline
     * event has its words under {@code cases.event.}), else {@code otherwise}. {@code AuditActionLabelsTests} checks
     * that every action Haven writes has words in every language.
     */
    String words(Locale locale, String code, String otherwise, String... prefixes) {
        if (code.isEmpty()) {
            return otherwise;
        }
        for (String prefix : prefixes) {
            String found = messages.getMessage(prefix + code, null, null, locale);
            if (found != null) {
                return found;
            }
        }
        return otherwise;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** The address of another page of the same filter (only parameters that are set). */
    static String link(String caseId, String userId, @Nullable LocalDate from, @Nullable LocalDate to, int page, String lang) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/audit");
        if (!caseId.isBlank()) {
            link.queryParam("caseId", caseId.strip());
        }
        if (!userId.isBlank()) {
            link.queryParam("userId", userId.strip());
        }
        if (from != null) {
            link.queryParam("from", from.toString());
        }
        if (to != null) {
            link.queryParam("to", to.toString());
        }
        return link.queryParam("page", page).queryParam("lang", lang).encode().build().toUriString();
    }

    private static @Nullable UUID uuid(String field, String typed, List<Problem> problems) {
        String value = typed.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException malformed) {
            // below
        }
        problems.add(new Problem(field, "auditLog.error.id", shown(value)));
        return null;
    }

    /** A day as the date field sends it (YYYY-MM-DD) or as people in the Netherlands write it (DD-MM-YYYY). */
    static @Nullable LocalDate day(String field, String typed, List<Problem> problems) {
        String value = typed.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(value) : LocalDate.parse(value, DUTCH_DATE);
        } catch (DateTimeParseException malformed) {
            problems.add(new Problem(field, "auditLog.error.date", shown(value)));
            return null;
        }
    }

    /** What was typed, as the message repeats it: at most 64 characters. */
    private static String shown(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
