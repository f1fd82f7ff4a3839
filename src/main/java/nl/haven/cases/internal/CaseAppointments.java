package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import nl.haven.shared.ConflictException;
import nl.haven.shared.IfMatch;
import nl.haven.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appointments on a case (issue #19, point 12): the IND's registration and interviews, court hearings and others, each
 * at a moment entered and shown in Europe/Amsterdam, with an optional place and note encrypted under the case's key.
 * Unlike the day something happened, an appointment may lie in the future; not before 1990 (a typing mistake). Adding,
 * changing and cancelling are timeline events and one audit event each (ids only); a cancelled appointment stays,
 * marked, and can no longer change. The scope is the case's: whoever may see the case sees and edits its appointments.
 */
@Service
public class CaseAppointments {
    /** The kinds of appointment, as stored and as the API names them. */
    public static final List<String> KINDS = List.of("REGISTRATION", "DETAILED_INTERVIEW", "HEARING", "OTHER");
    static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");
    static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    /** A place is an address or a room: short. */
    public static final int MAX_PLACE = CaseInput.MAX_NAME;
    public static final int MAX_NOTE = 2_000;

    private final AppointmentStore store;
    private final CaseAccess access;
    private final CaseRecordStore records;
    private final Clock clock;

    CaseAppointments(AppointmentStore store, CaseAccess access, CaseRecordStore records, Clock clock) {
        this.store = store;
        this.access = access;
        this.records = records;
        this.clock = clock;
    }

    /** What an appointment is to be: kind, moment (local time in the Netherlands), place and note (optional). */
    public record Input(@Nullable String kind, @Nullable LocalDateTime startsAt, @Nullable String place, @Nullable String note) {
        @Override
        public String toString() {
            return "Appointment.Input[" + kind + ", " + startsAt + "]";
        }
    }

    /**
     * An appointment as staff see it: {@code startsAt} with the Dutch offset of that day, to the minute; {@code date} and
     * {@code time} the same moment in Europe/Amsterdam; {@code updatedAt} when it was last changed (its version: the
     * API's ETag).
     */
    public record AppointmentView(UUID id, String kind, String startsAt, LocalDate date, String time, @Nullable String place,
            @Nullable String note, boolean cancelled, @Nullable Instant cancelledAt, Instant updatedAt) {
        /** The strong entity tag of this version: the microsecond it was last changed, nothing of its content. */
        public String etag() {
            return IfMatch.etag(updatedAt.getEpochSecond() * 1_000_000L + updatedAt.getNano() / 1_000);
        }

        @Override
        public String toString() {
            return "AppointmentView[" + id + ", " + kind + ", " + startsAt + "]";
        }
    }

    @Transactional
    public List<AppointmentView> appointments(StaffMember who, UUID caseId) {
        return appointmentsOf(access.read(who, caseId, CaseAuditAction.APPOINTMENTS_READ));
    }

    @Transactional
    public AppointmentView appointment(StaffMember who, UUID caseId, UUID appointmentId) {
        CaseRow row = access.read(who, caseId, CaseAuditAction.APPOINTMENTS_READ);
        return store.one(appointmentId, row.id(), row.org()).map(a -> view(row, a)).orElseThrow(() -> new NotFoundException("appointment"));
    }

    @Transactional
    public AppointmentView add(StaffMember who, UUID caseId, Input input) {
        Checked checked = check(input);
        CaseRow row = access.lock(who, caseId);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        store.insert(id, row.id(), row.org(), checked.kind(), checked.startsAt(), encrypt(row, EncryptedField.APPOINTMENT_PLACE, checked.place()),
                encrypt(row, EncryptedField.APPOINTMENT_NOTE, checked.note()), who.id().value(), now);
        records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.APPOINTMENT_ADDED, null, null, day(checked.startsAt()));
        access.audit(who, CaseEventType.APPOINTMENT_ADDED, row.id());
        return store.one(id, row.id(), row.org()).map(a -> view(row, a)).orElseThrow();
    }

    /** Changes an appointment that is still on; a cancelled one is a 409, one not on this case a 404. */
    @Transactional
    public AppointmentView change(StaffMember who, UUID caseId, UUID appointmentId, Input input) {
        return change(who, caseId, appointmentId, input, IfMatch.NONE);
    }

    /** As above, only if the appointment is still at the version {@code ifMatch} names (412 otherwise). */
    @Transactional
    public AppointmentView change(StaffMember who, UUID caseId, UUID appointmentId, Input input, IfMatch ifMatch) {
        Checked checked = check(input);
        CaseRow row = access.lock(who, caseId);
        AppointmentStore.Row before = store.one(appointmentId, row.id(), row.org()).orElseThrow(() -> new NotFoundException("appointment"));
        ifMatch.check(view(row, before).etag());
        if (before.cancelledAt() != null) {
            throw new ConflictException("This appointment was cancelled; add a new one instead.", List.of());
        }
        Instant now = clock.instant();
        store.update(appointmentId, row.id(), row.org(), checked.kind(), checked.startsAt(),
                encrypt(row, EncryptedField.APPOINTMENT_PLACE, checked.place()), encrypt(row, EncryptedField.APPOINTMENT_NOTE, checked.note()), now);
        records.event(row.id(), row.org(), now, who.id().value(), CaseEventType.APPOINTMENT_CHANGED, null, null, day(checked.startsAt()));
        access.audit(who, CaseEventType.APPOINTMENT_CHANGED, row.id());
        return store.one(appointmentId, row.id(), row.org()).map(a -> view(row, a)).orElseThrow();
    }

    /** Cancels an appointment: it stays on the case, marked; cancelling it again is a 409. */
    @Transactional
    public void cancel(StaffMember who, UUID caseId, UUID appointmentId) {
        cancel(who, caseId, appointmentId, IfMatch.NONE);
    }

    /** As above, only if the appointment is still at the version {@code ifMatch} names (412 otherwise). */
    @Transactional
    public void cancel(StaffMember who, UUID caseId, UUID appointmentId, IfMatch ifMatch) {
        CaseRow row = access.lock(who, caseId);
        AppointmentStore.Row before = store.one(appointmentId, row.id(), row.org()).orElseThrow(() -> new NotFoundException("appointment"));
        ifMatch.check(view(row, before).etag());
        if (before.cancelledAt() != null || !store.cancel(appointmentId, row.id(), row.org(), clock.instant())) {
            throw new ConflictException("This appointment is already cancelled.", List.of());
        }
        records.event(row.id(), row.org(), clock.instant(), who.id().value(), CaseEventType.APPOINTMENT_CANCELLED, null, null,
                day(before.startsAt()));
        access.audit(who, CaseEventType.APPOINTMENT_CANCELLED, row.id());
    }

    /** The case's appointments, decrypted; the caller found the case and audits the read. */
    List<AppointmentView> appointmentsOf(CaseRow row) {
        return store.of(row.id(), row.org()).stream().map(a -> view(row, a)).toList();
    }

    private record Checked(String kind, Instant startsAt, @Nullable String place, @Nullable String note) {
    }

    /** The input, or a {@link BadInputException} naming its field. */
    private static Checked check(Input input) {
        String kind = input.kind() == null ? "" : input.kind().strip();
        if (!KINDS.contains(kind)) {
            throw new BadInputException("kind", "kind is '" + (kind.length() > 40 ? kind.substring(0, 40) + "…" : kind) + "'; expected one of "
                    + String.join(", ", KINDS));
        }
        if (input.startsAt() == null) {
            throw new BadInputException("startsAt", "the date and time of the appointment (startsAt, yyyy-mm-ddThh:mm in Dutch time) are expected");
        }
        if (input.startsAt().toLocalDate().isBefore(EARLIEST)) {
            throw new BadInputException("startsAt", "startsAt " + input.startsAt().toLocalDate() + " is before " + EARLIEST
                    + ": no appointment Haven records is that old");
        }
        String place = blankToNull(input.place());
        if (place != null && place.length() > MAX_PLACE) {
            throw new BadInputException("place", "a place of at most " + MAX_PLACE + " characters is expected");
        }
        String note = blankToNull(input.note());
        if (note != null && note.length() > MAX_NOTE) {
            throw new BadInputException("note", "a note of at most " + MAX_NOTE + " characters is expected");
        }
        Instant at = input.startsAt().truncatedTo(ChronoUnit.MINUTES).atZone(DUTCH_TIME).toInstant();
        return new Checked(kind, at, place, note);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private byte @Nullable [] encrypt(CaseRow row, EncryptedField field, @Nullable String text) {
        return text == null ? null : access.encrypt(row, field, text);
    }

    private @Nullable String decrypt(CaseRow row, EncryptedField field, byte @Nullable [] ciphertext) {
        return ciphertext == null ? null : access.decrypt(row, field, ciphertext);
    }

    private static LocalDate day(Instant at) {
        return at.atZone(DUTCH_TIME).toLocalDate();
    }

    private AppointmentView view(CaseRow row, AppointmentStore.Row a) {
        OffsetDateTime local = a.startsAt().atZone(DUTCH_TIME).toOffsetDateTime();
        return new AppointmentView(a.id(), a.kind(), local.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), local.toLocalDate(),
                local.format(DateTimeFormatter.ofPattern("HH:mm")), decrypt(row, EncryptedField.APPOINTMENT_PLACE, a.place()),
                decrypt(row, EncryptedField.APPOINTMENT_NOTE, a.note()), a.cancelledAt() != null, a.cancelledAt(), a.updatedAt());
    }
}
