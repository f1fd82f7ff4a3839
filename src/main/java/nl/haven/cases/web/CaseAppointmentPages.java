package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.UUID;
import nl.haven.cases.internal.CaseAppointments;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import nl.haven.shared.ConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The appointments of the case page (issue #19, point 12): add one, change one, cancel one. The date is a date field
 * (DD-MM-YYYY accepted too) and may lie in the future, not before 1990; the time is a time field, in Dutch time. A bad
 * value shows the page again with the message at its field; each change redirects back to {@code #appointments}.
 */
@Controller
@RequestMapping("/cases/{id}/appointments")
class CaseAppointmentPages {
    /** Times as a time field sends them (10:30) or as people type them (9:30, 10.30). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H[:][.]mm").withResolverStyle(ResolverStyle.STRICT);

    private final CaseAppointments appointments;
    private final PageSupport support;
    private final CaseDossier dossier;

    CaseAppointmentPages(CaseAppointments appointments, PageSupport support, CaseDossier dossier) {
        this.appointments = appointments;
        this.support = support;
        this.dossier = dossier;
    }

    /** The appointment form as typed ({@code toString} never shows the place or the note). */
    record AppointmentForm(@Nullable String kind, @Nullable String date, @Nullable String time, @Nullable String place, @Nullable String note) {
        static AppointmentForm empty() {
            return new AppointmentForm("", "", "", "", "");
        }

        static AppointmentForm of(CaseAppointments.AppointmentView a) {
            return new AppointmentForm(a.kind(), a.date().toString(), a.time(), a.place() == null ? "" : a.place(), a.note() == null ? "" : a.note());
        }

        @Override
        public String toString() {
            return "AppointmentForm[" + kind + ", " + date + " " + time + "]";
        }
    }

    @PostMapping
    String add(@PathVariable String id, @ModelAttribute("appointmentForm") AppointmentForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = check("appointment", form, locale);
        if (problem == null) {
            try {
                appointments.add(who, caseId, input(form));
            } catch (BadInputException e) {
                problem = serviceProblem("appointment", e, form, locale);
            }
        }
        if (problem != null) {
            return dossier.refused(who, caseId, problem, response, model, locale);
        }
        return CaseDossier.done(caseId, "appointments", "cases.done.appointmentAdded", null, redirect, locale);
    }

    @PostMapping("/{appointmentId}")
    String change(@PathVariable String id, @PathVariable String appointmentId, @ModelAttribute AppointmentForm form, Model model,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        UUID appointment = PageSupport.id(appointmentId);
        StaffMember who = support.who();
        String prefix = "appointment-" + appointment;
        PageSupport.Problem problem = check(prefix, form, locale);
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (problem == null) {
            try {
                appointments.change(who, caseId, appointment, input(form));
            } catch (BadInputException e) {
                problem = serviceProblem(prefix, e, form, locale);
            } catch (ConflictException e) {
                problem = support.problem(prefix + "-kind", locale, "cases.appointments.error.cancelled");
                status = HttpStatus.CONFLICT;
            }
        }
        if (problem != null) {
            model.addAttribute("appointmentEdit", appointment);
            model.addAttribute("appointmentEditForm", form);
            return dossier.refused(who, caseId, problem, response, model, locale, status);
        }
        return CaseDossier.done(caseId, "appointments", "cases.done.appointmentChanged", null, redirect, locale);
    }

    @PostMapping("/{appointmentId}/cancellation")
    String cancel(@PathVariable String id, @PathVariable String appointmentId, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        UUID appointment = PageSupport.id(appointmentId);
        StaffMember who = support.who();
        try {
            appointments.cancel(who, caseId, appointment);
        } catch (ConflictException e) {
            return dossier.refused(who, caseId, support.problem("appointments", locale, "cases.appointments.error.cancelled"), response,
                    model, locale, HttpStatus.CONFLICT);
        }
        return CaseDossier.done(caseId, "appointments", "cases.done.appointmentCancelled", null, redirect, locale);
    }

    private static CaseAppointments.Input input(AppointmentForm form) {
        LocalDate date = PageSupport.date(form.date());
        LocalTime time = time(form.time());
        return new CaseAppointments.Input(form.kind(), date == null || time == null ? null : date.atTime(time), form.place(), form.note());
    }

    private static @Nullable LocalTime time(@Nullable String value) {
        String typed = PageSupport.blankToNull(value);
        if (typed == null) {
            return null;
        }
        // A time field may send seconds (10:30:00): the minute is what counts.
        String minutes = typed.matches("\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?") ? typed.substring(0, typed.indexOf(':') + 3) : typed;
        return LocalTime.parse(minutes, TIME);
    }

    /** What the form gets wrong, at its field (ids {@code <prefix>-kind}, {@code -date}, {@code -time}, …), or null. */
    private PageSupport.@Nullable Problem check(String prefix, AppointmentForm form, Locale locale) {
        String kind = form.kind() == null ? "" : form.kind().strip();
        if (!CaseAppointments.KINDS.contains(kind)) {
            return support.problem(prefix + "-kind", locale, "cases.error.choice", kind);
        }
        LocalDate date;
        try {
            date = PageSupport.date(form.date());
        } catch (PageSupport.BadDate bad) {
            return support.problem(prefix + "-date", locale, "cases.error.date", bad.getMessage());
        }
        if (date == null) {
            return support.problem(prefix + "-date", locale, "cases.appointments.error.dateMissing");
        }
        if (date.isBefore(PageSupport.EARLIEST_EVENT)) {
            return support.problem(prefix + "-date", locale, "cases.error.date.tooEarly", support.text("cases.appointments.date", locale),
                    date.toString(), PageSupport.EARLIEST_EVENT.toString());
        }
        try {
            if (time(form.time()) == null) {
                return support.problem(prefix + "-time", locale, "cases.appointments.error.timeMissing");
            }
        } catch (DateTimeParseException e) {
            String typed = form.time() == null ? "" : form.time().strip();
            return support.problem(prefix + "-time", locale, "cases.appointments.error.time", typed.length() > 20 ? typed.substring(0, 20) : typed);
        }
        String place = PageSupport.blankToNull(form.place());
        if (place != null && place.length() > CaseAppointments.MAX_PLACE) {
            return support.problem(prefix + "-place", locale, "cases.error.tooLong", place.length(), CaseAppointments.MAX_PLACE);
        }
        String note = PageSupport.blankToNull(form.note());
        if (note != null && note.length() > CaseAppointments.MAX_NOTE) {
            return support.problem(prefix + "-note", locale, "cases.error.tooLong", note.length(), CaseAppointments.MAX_NOTE);
        }
        return null;
    }

    /** The service's refusal (the same checks; only a crafted form gets here), at the field it names. */
    private PageSupport.Problem serviceProblem(String prefix, BadInputException e, AppointmentForm form, Locale locale) {
        return switch (e.field()) {
            case "kind" -> support.problem(prefix + "-kind", locale, "cases.error.choice", form.kind() == null ? "" : form.kind());
            case "place" -> support.problem(prefix + "-place", locale, "cases.error.tooLong", String.valueOf(form.place()).length(),
                    CaseAppointments.MAX_PLACE);
            case "note" -> support.problem(prefix + "-note", locale, "cases.error.tooLong", String.valueOf(form.note()).length(),
                    CaseAppointments.MAX_NOTE);
            default -> support.problem(prefix + "-date", locale, "cases.appointments.error.dateMissing");
        };
    }
}
