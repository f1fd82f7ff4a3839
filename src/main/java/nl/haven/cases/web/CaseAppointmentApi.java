package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseAppointments;
import nl.haven.identity.CurrentStaff;
import nl.haven.shared.BadInputException;
import nl.haven.shared.IfMatch;
import nl.haven.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's appointments in the staff API (issue #19, point 12): list, add (201 with its address), read, change, and
 * cancel ({@code POST …/cancellation} or {@code DELETE}; the appointment stays, marked as cancelled). {@code startsAt}
 * is the moment in Dutch time, {@code 2026-12-10T10:30} (an offset, {@code +01:00}, is accepted too); a bad value is
 * a 400 naming the field. The case's scope applies: a case the caller may not see is a 404.
 */
@RestController
@RequestMapping(path = "/api/v1/cases/{id}/appointments", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseAppointmentApi {
    private static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");

    private final CaseAppointments appointments;
    private final CurrentStaff staff;
    private final IdempotentCreates creates;

    CaseAppointmentApi(CaseAppointments appointments, CurrentStaff staff, IdempotentCreates creates) {
        this.creates = creates;
        this.appointments = appointments;
        this.staff = staff;
    }

    public record AppointmentRequest(@Nullable String kind, @Nullable String startsAt, @Nullable String place, @Nullable String note) {
        @Override
        public String toString() {
            return "AppointmentRequest[" + kind + ", " + startsAt + "]";
        }

        CaseAppointments.Input input() {
            return new CaseAppointments.Input(kind, moment(startsAt), place, note);
        }
    }

    /** A moment as the API takes it: local Dutch time, or with an offset (converted to Dutch time). */
    static @Nullable LocalDateTime moment(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String typed = value.strip();
        try {
            return typed.matches(".*([+-]\\d{2}:\\d{2}|Z)$") ? OffsetDateTime.parse(typed).atZoneSameInstant(DUTCH_TIME).toLocalDateTime()
                    : LocalDateTime.parse(typed);
        } catch (DateTimeParseException e) {
            throw new BadInputException("startsAt", "startsAt is '" + (typed.length() > 40 ? typed.substring(0, 40) + "…" : typed)
                    + "'; expected a date and time in Dutch time such as 2026-12-10T10:30");
        }
    }

    @GetMapping
    ResponseEntity<List<CaseAppointments.AppointmentView>> list(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, appointments.appointments(staff.require(), id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseAppointments.AppointmentView> add(@PathVariable UUID id, @RequestBody AppointmentRequest request,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) {
        return creates.create(key, http, request, CaseAppointments.AppointmentView.class, () -> {
            CaseAppointments.AppointmentView added = appointments.add(staff.require(), id, request.input());
            return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/appointments/" + added.id())).eTag(added.etag())
                    .cacheControl(CacheControl.noStore()).body(added);
        });
    }

    private static ResponseEntity<CaseAppointments.AppointmentView> tagged(CaseAppointments.AppointmentView view) {
        return ResponseEntity.ok().eTag(view.etag()).cacheControl(CacheControl.noStore()).body(view);
    }

    @GetMapping("/{appointmentId}")
    ResponseEntity<CaseAppointments.AppointmentView> one(@PathVariable UUID id, @PathVariable UUID appointmentId) {
        return tagged(appointments.appointment(staff.require(), id, appointmentId));
    }

    /** {@code If-Match} (the appointment's ETag) is honoured when sent: 412 when it was changed meanwhile. */
    @PutMapping(path = "/{appointmentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseAppointments.AppointmentView> change(@PathVariable UUID id, @PathVariable UUID appointmentId,
            @RequestBody AppointmentRequest request, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        return tagged(appointments.change(staff.require(), id, appointmentId, request.input(), IfMatch.parse(ifMatch)));
    }

    @PostMapping("/{appointmentId}/cancellation")
    ResponseEntity<Void> cancel(@PathVariable UUID id, @PathVariable UUID appointmentId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        appointments.cancel(staff.require(), id, appointmentId, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /** The same as {@code POST …/cancellation}: the appointment is cancelled, not erased. */
    @DeleteMapping("/{appointmentId}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @PathVariable UUID appointmentId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        appointments.cancel(staff.require(), id, appointmentId, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
