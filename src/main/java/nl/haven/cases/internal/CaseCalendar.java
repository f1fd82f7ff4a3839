package nl.haven.cases.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Action;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Uid;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.StaffMember;
import nl.haven.identity.UserDeactivated;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each staff member's iCalendar feed of their open tasks, at a secret address (a random token; only its SHA-256 is
 * stored; a new address replaces the old). The feed leaves Haven for a calendar app, so it carries no case content: a
 * task is "Deadline: appeal-term — HV-…" or "Task — HV-…" on its due date, never a title, name or note. The
 * appointments of the cases assigned to them (issue #19, point 12) are "Appointment: Court hearing (zitting) — HV-…" at their moment
 * (in UTC, which the calendar app shows in its own zone), with a reminder the day before; never the place or the note.
 */
@Service
public class CaseCalendar {
    /** The reminder of an appointment: the day before, at the same time. */
    static final Duration REMINDER = Duration.ofDays(1);
    /** Appointments that started up to this long ago stay in the feed, so that today's morning stays in view. */
    static final Duration PAST_APPOINTMENTS = Duration.ofDays(30);

    private final CalendarStore tokens;
    private final CaseRecordStore records;
    private final AppointmentStore appointments;
    private final AuditLog audit;
    private final Clock clock;
    private final MessageSource messages;
    private final Locale locale;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param locale the feed's language: a calendar application asks for the feed without one, so it is the language of
     *     Haven's other messages to staff ({@code haven.mail.locale}); the entries say what is due in words, not codes
     */
    CaseCalendar(CalendarStore tokens, CaseRecordStore records, AppointmentStore appointments, AuditLog audit, Clock clock,
            MessageSource messages, @Value("${haven.mail.locale:en}") String locale) {
        this.tokens = tokens;
        this.records = records;
        this.appointments = appointments;
        this.audit = audit;
        this.clock = clock;
        this.messages = messages;
        this.locale = Locale.forLanguageTag(locale);
    }

    private String text(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale);
    }

    /** A new secret feed address for the staff member (shown once); the previous one stops working. */
    @Transactional
    public String newFeedToken(StaffMember who) {
        CaseAccess.requireCaseAccess(who);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.replace(who.id().value(), who.org().value(), IdentityManagement.sha256(token), clock.instant());
        audit.record(AuditEvent.of(who.org(), AuditEvent.user(who.id()), CaseAuditAction.CALENDAR_ADDRESS_CREATED.code(), "user",
                who.id().value()));
        return token;
    }

    /**
     * A deactivated user's feed address is destroyed, not suspended: the rows go, so that reactivating the account
     * does not make an address work again that may have been copied meanwhile. Runs in the deactivating transaction.
     */
    @EventListener
    void onDeactivated(UserDeactivated deactivated) {
        tokens.delete(deactivated.user().value());
    }

    /** The feed of the token's owner, if the token is current and its owner still active; one audit event. */
    @Transactional
    public Optional<String> feed(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        Optional<CalendarStore.Owner> owner = tokens.owner(IdentityManagement.sha256(token));
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        UUID user = owner.get().user();
        UUID org = owner.get().org();
        Calendar calendar = new Calendar().withProdId("-//Haven//Tasks//EN").withDefaults().getFluentTarget();
        for (CaseRecordStore.OpenTask open : records.openTasksOf(org, user)) {
            CaseRecordStore.Task task = open.task();
            String summary = "DEADLINE".equals(task.kind()) && task.termId() != null
                    ? text("cases.term." + task.termId(), task.termId()) + " — " + open.reference()
                    : text("cases.today.task", "Task") + " — " + open.reference();
            VEvent event = new VEvent(task.dueOn(), summary);
            event.add(new Uid(task.id() + "@haven"));
            event.add(new Description("Open Haven for the details of " + open.reference() + "."));
            calendar.add(event);
        }
        for (AppointmentStore.Upcoming a : appointments.ofAssignee(org, user, clock.instant().minus(PAST_APPOINTMENTS))) {
            VEvent event = new VEvent(a.startsAt().truncatedTo(ChronoUnit.MINUTES), text("cases.today.appointment", "Appointment") + ": "
                    + text("cases.appointment.kind." + a.kind(), a.kind()) + " — " + a.reference());
            event.add(new Uid(a.id() + "@haven"));
            event.add(new Description("Open Haven for the details of " + a.reference() + "."));
            VAlarm alarm = new VAlarm(REMINDER.negated());
            alarm.add(new Action(Action.VALUE_DISPLAY));
            alarm.add(new Description("Tomorrow: appointment for " + a.reference()));
            event.add(alarm);
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(AuditEvent.of(new OrgId(org), AuditEvent.user(new UserId(user)), CaseAuditAction.CALENDAR_READ.code(), "user", user));
        return Optional.of(out.toString());
    }
}
