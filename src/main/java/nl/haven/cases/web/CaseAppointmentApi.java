package nl.haven.cases.web;

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
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    CaseAppointmentApi(CaseAppointments appointments, CurrentStaff staff) {
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
    ResponseEntity<List<CaseAppointments.AppointmentView>> list(@PathVariable UUID id) {
        return CaseApi.ok(appointments.appointments(staff.require(), id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseAppointments.AppointmentView> add(@PathVariable UUID id, @RequestBody AppointmentRequest request) {
        CaseAppointments.AppointmentView added = appointments.add(staff.require(), id, request.input());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/appointments/" + added.id())).cacheControl(CacheControl.noStore())
                .body(added);
    }

    @GetMapping("/{appointmentId}")
    ResponseEntity<CaseAppointments.AppointmentView> one(@PathVariable UUID id, @PathVariable UUID appointmentId) {
        return CaseApi.ok(appointments.appointment(staff.require(), id, appointmentId));
    }

    @PutMapping(path = "/{appointmentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseAppointments.AppointmentView> change(@PathVariable UUID id, @PathVariable UUID appointmentId,
            @RequestBody AppointmentRequest request) {
        return CaseApi.ok(appointments.change(staff.require(), id, appointmentId, request.input()));
    }

    @PostMapping("/{appointmentId}/cancellation")
    ResponseEntity<Void> cancel(@PathVariable UUID id, @PathVariable UUID appointmentId) {
        appointments.cancel(staff.require(), id, appointmentId);
        return ResponseEntity.noContent().build();
    }

    /** The same as {@code POST …/cancellation}: the appointment is cancelled, not erased. */
    @DeleteMapping("/{appointmentId}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @PathVariable UUID appointmentId) {
        appointments.cancel(staff.require(), id, appointmentId);
        return ResponseEntity.noContent().build();
    }
}
