package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.StaffMember;
import nl.haven.policy.PolicyEngine;
import nl.haven.web.Labels;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case summary a lawyer takes to a procedure, as a PDF: reference, the name the person uses and their pronouns,
 * the legal name (the one place outside the case page that shows it, because a procedure needs it), nationality,
 * handling and stage, application date, open tasks with their due dates, the timeline and the notes. One
 * {@code case.summary-exported} audit event, written after the PDF is rendered, in the same transaction.
 */
@Service
public class CaseSummaryExport {
    /** The time zone the dates and times of the summary are shown in (the procedures are Dutch). */
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CaseAccess access;
    private final CaseRecordStore records;
    private final CurrentStaff staff;
    private final SummaryPdf pdf;
    private final Clock clock;
    private final Labels labels;
    private final PolicyEngine engine;

    CaseSummaryExport(CaseAccess access, CaseRecordStore records, CurrentStaff staff, SummaryPdf pdf, Clock clock, Labels labels,
            PolicyEngine engine) {
        this.access = access;
        this.records = records;
        this.staff = staff;
        this.pdf = pdf;
        this.clock = clock;
        this.labels = labels;
        this.engine = engine;
    }

    /** The rendered summary; {@code reference} names the file. */
    public record Exported(String reference, byte[] pdf) {
        @Override
        public String toString() {
            return "Exported[" + reference + ", " + pdf.length + " bytes]";
        }
    }

    /** What the template shows; every text is already decrypted and safe for XML. */
    public record Summary(String reference, @Nullable String nameUsed, @Nullable String pronouns, @Nullable String legalName,
            @Nullable String nationality, String handling, String stage, @Nullable String track, @Nullable LocalDate applicationDate,
            String openedAt, List<Task> openTasks, List<Event> timeline, List<Note> notes, String exportedBy, String exportedAt) {
        @Override
        public String toString() {
            return "Summary[" + reference + "]";
        }
    }

    public record Task(LocalDate dueOn, String title, boolean deadline) {
    }

    public record Event(String at, String type, @Nullable String from, @Nullable String to, @Nullable LocalDate onDate, String actor) {
    }

    public record Note(String at, String author, String body) {
    }

    @Transactional
    public Exported pdf(StaffMember who, UUID id, Locale locale) {
        CaseRow row = access.find(who, id);
        CaseDetails details = access.details(row);
        Map<UUID, String> names = staff.colleagues(who.org()).stream()
                .collect(Collectors.toMap(m -> m.id().value(), StaffMember::displayName, (a, b) -> a));
        Function<@Nullable UUID, String> name = actor -> actor == null ? "—" : xml(names.getOrDefault(actor, "—"));
        List<Task> open = records.tasks(row.id(), row.org()).stream().filter(t -> t.doneAt() == null)
                .map(t -> new Task(t.dueOn(), t.title() != null ? xml(access.decrypt(row, EncryptedField.TASK_TITLE, t.title()))
                        : termName(t.termId(), locale), t.title() == null))
                .sorted(Comparator.comparing(Task::dueOn)).toList();
        List<Event> timeline = records.events(row.id(), row.org()).stream()
                .map(e -> new Event(time(e.at()), labels.key("cases.event.", e.type(), locale), target(e.from(), locale), target(e.to(), locale),
                        e.onDate(), name.apply(e.actor()))).toList();
        List<Note> notes = records.notes(row.id(), row.org()).stream()
                .map(n -> new Note(time(n.at()), name.apply(n.author()), xml(access.decrypt(row, EncryptedField.NOTE_BODY, n.body())))).toList();
        String nationality = row.nationality() == null ? null
                : new Locale.Builder().setRegion(row.nationality()).build().getDisplayCountry(locale) + " (" + row.nationality() + ")";
        Summary summary = new Summary(row.reference(), xmlOrNull(details.nameUsed()), xmlOrNull(details.pronouns()),
                xmlOrNull(details.legalName()), nationality, labels.of(row.handling(), locale), labels.of(row.stage(), locale),
                row.track() == null ? null : labels.key("cases.track.", row.track(), locale), row.applicationDate(), time(row.openedAt()), open, timeline, notes,
                xml(who.displayName()), time(clock.instant()));
        byte[] rendered = pdf.render(summary, row.org(), locale);
        access.audit(who, CaseAuditAction.SUMMARY_EXPORTED, row.id());
        return new Exported(row.reference(), rendered);
    }

    static String time(Instant at) {
        return TIME.format(at.atZone(ZONE));
    }

    /** A handling or stage a timeline step came from or went to, in words (the event's {@code from}/{@code to} hold its name). */
    @Nullable String target(@Nullable String name, Locale locale) {
        if (name == null) {
            return null;
        }
        for (Handling h : Handling.values()) {
            if (h.name().equals(name)) {
                return labels.of(h, locale);
            }
        }
        for (Stage st : Stage.values()) {
            if (st.name().equals(name)) {
                return labels.of(st, locale);
            }
        }
        return labels.key("standard.", name, locale);
    }

    /** A legal deadline's name: the bundle's, else the data set's in the language, else its id. */
    String termName(@Nullable String termId, Locale locale) {
        if (termId == null) {
            return "";
        }
        String fromData = engine.dataSet().procedure().term(termId).map(t -> t.name().in(locale.getLanguage())).orElse(termId);
        return xml(labels.key("cases.term.", termId, locale).equals(termId) ? fromData : labels.key("cases.term.", termId, locale));
    }

    static @Nullable String xmlOrNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : xml(text);
    }

    /**
     * The text without the characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF): the PDF
     * renderer parses the page as XHTML, and one such character in a note would otherwise fail the whole export.
     */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }
}
