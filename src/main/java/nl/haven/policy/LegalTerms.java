package nl.haven.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Computes when a legal term of the asylum procedure ends: the term from {@code procedure.yaml}, then
 * the Algemene termijnenwet (Atw).
 *
 * <h2>How a term is counted</h2>
 * The caller gives the <em>event date</em>: the day the decision or intended decision was handed over
 * or sent, or the day the application was received. The term's first day is the day after (Awb art.
 * 6:8(1) for objection and appeal terms; Vb art. 3.116(3) for the response to an intended decision),
 * so a term of one week from an event on a Wednesday ends on the next Wednesday, and a term in months
 * ends on the day with the event's number (31 August + 6 months = the last day of February). Which
 * day counts as the event in a case (the date on the letter, the day it was handed over, the day of
 * sending) is the caller's to decide and record.
 *
 * <h2>The Algemene termijnenwet</h2>
 * For a term of at most 90 days, twelve weeks or three months (art. 4(a): not for longer terms nor
 * for terms in years):
 * <ol>
 * <li>art. 1(1): an end on a Saturday, Sunday or holiday (art. 3, including the days equated by Royal
 * Decree) moves to the next day that is none of these;</li>
 * <li>art. 2: a term of at least three days is extended, if need be, until it contains two days that
 * are none of these.</li>
 * </ol>
 * Terms counted backwards (art. 1(2)) and the exceptions of art. 4(b) and (c) do not occur among the
 * terms this class computes.
 *
 * <p>Every result lists its reasons (rule id, date, article, sources) so that the date can be
 * explained, and gives a second date computed with PRIMARY rules only ({@link Deadline#safeDue()}).
 * Bad input (an unknown term or track, a date no version of the term covers, a deadline that needs a
 * year the holiday calendar does not cover) is a {@link PolicyInputException} naming the value and
 * what is accepted. Plain Java, no Spring; immutable and thread-safe.
 */
public final class LegalTerms {
    /** {@link Deadline#term()} of a term given by its length ({@link #statutory}). */
    public static final String STATUTORY = "statutory";
    public static final String SATURDAY = "saturday";
    public static final String SUNDAY = "sunday";
    public static final String ATW_ART_1 = "atw-art-1";
    public static final String ATW_ART_2 = "atw-art-2";
    public static final String ATW_ART_4A = "atw-art-4a";
    /** {@link Deadline.Reason#rule()} when the term is an EU regulation's time limit, outside the Atw (its arts. 1 and 5). */
    public static final String ATW_SCOPE = "atw-scope";

    private final Procedure procedure;
    private final AtwCalendar calendar;
    private final AtwCalendar primaryCalendar;

    public LegalTerms(Procedure procedure) {
        this.procedure = procedure;
        this.calendar = new AtwCalendar(procedure);
        this.primaryCalendar = calendar.primaryOnly();
    }

    public static LegalTerms of(PolicyDataSet dataSet) {
        return new LegalTerms(dataSet.procedure());
    }

    public Procedure procedure() {
        return procedure;
    }

    /** The holiday calendar the terms are computed with. */
    public AtwCalendar calendar() {
        return calendar;
    }

    /** The tracks of {@code termId} for an event on {@code eventDate}; empty for a term without tracks. */
    public List<String> tracks(String termId, LocalDate eventDate) {
        return version(term(termId), eventDate, null, false).tracks();
    }

    /**
     * The version of {@code termId} that applies to an event on {@code eventDate} in a case whose application was lodged
     * on {@code applicationDate} (null when unknown; then a version limited to older applications is not chosen).
     */
    public LegalTerm.Version version(String termId, LocalDate eventDate, @Nullable LocalDate applicationDate) {
        return version(term(termId), eventDate, applicationDate, true);
    }

    /** The end of a term without tracks (e.g. {@code decision-time-limit}) from an event on {@code eventDate}. */
    public Deadline due(String termId, LocalDate eventDate) {
        return due(termId, eventDate, null);
    }

    /**
     * The end of {@code termId} on {@code track} (null for a term without tracks) from an event on
     * {@code eventDate}. The version of the term in force on the event date applies.
     */
    public Deadline due(String termId, LocalDate eventDate, @Nullable String track) {
        return due(termId, eventDate, track, null);
    }

    /**
     * The end of {@code termId} on {@code track} from an event on {@code eventDate} in a case whose application was lodged
     * on {@code applicationDate}. The version in force on the event date applies; where the data keeps an older rule
     * for applications lodged before a date ({@code applicationsBefore}), the application date chooses between them, and
     * such a version is refused without an application date. A null {@code track} means the version's default track, if
     * it has one.
     */
    public Deadline due(String termId, LocalDate eventDate, @Nullable String track, @Nullable LocalDate applicationDate) {
        Objects.requireNonNull(eventDate, "eventDate");
        LegalTerm term = term(termId);
        LegalTerm.Version version = version(term, eventDate, applicationDate, true);
        TermLength length;
        String used = track;
        if (!version.tracked()) {
            if (track != null) {
                throw new PolicyInputException("track", "legal term '" + termId + "' has no tracks for an event on " + eventDate + ", but track '"
                        + track + "' was given: pass none");
            }
            length = version.lengths().get(0);
        } else {
            if (used == null) {
                used = version.defaultTrack();
            }
            if (used == null) {
                throw new PolicyInputException("track", "legal term '" + termId + "' needs a track for an event on " + eventDate + ": one of "
                        + String.join(", ", version.tracks()));
            }
            String chosen = used;
            length = version.length(chosen).orElseThrow(() -> new PolicyInputException("track", "unknown track '" + chosen + "' of legal term '"
                    + termId + "' for an event on " + eventDate + ": expected one of " + String.join(", ", version.tracks())));
        }
        String rule = used == null ? termId : termId + "/" + used;
        Deadline.Reason termReason = new Deadline.Reason(Deadline.Reason.Kind.TERM, rule, length.unit().addTo(eventDate, length.amount()),
                length.article(), version.confidence(), version.sources());
        List<Text> notes = version.note() == null ? List.of() : List.of(version.note());
        return compute(termId, used, length, eventDate, termReason, notes, version.termsAct(), version.regime());
    }

    /**
     * The end of a term set by a law or an algemene maatregel van bestuur that {@code procedure.yaml}
     * does not list, given by its length (e.g. a Vreemdelingenbesluit term of two weeks), from an event
     * on {@code eventDate}, with the Algemene termijnenwet applied as for {@link #due}.
     */
    public Deadline statutory(int amount, TermUnit unit, LocalDate eventDate) {
        if (amount < 1) {
            throw new PolicyInputException("amount", "a term of " + amount + " " + unit + " is not a term: expected 1 or more");
        }
        TermLength length = new TermLength(null, amount, unit, "");
        Deadline.Reason termReason = new Deadline.Reason(Deadline.Reason.Kind.TERM, STATUTORY, unit.addTo(eventDate, amount), "",
                Confidence.PRIMARY, List.of());
        return compute(STATUTORY, null, length, eventDate, termReason, List.of(), true, null);
    }

    private LegalTerm term(String termId) {
        return procedure.term(termId).orElseThrow(() -> new PolicyInputException("termId", procedure.terms().isEmpty()
                ? "unknown legal term '" + termId + "': this policy data set has no procedure.yaml"
                : "unknown legal term '" + termId + "': expected one of " + String.join(", ", procedure.terms().keySet())));
    }

    private static LegalTerm.Version version(LegalTerm term, LocalDate eventDate, @Nullable LocalDate applicationDate, boolean byApplication) {
        List<LegalTerm.Version> inForce = term.versionsOn(eventDate);
        if (inForce.isEmpty()) {
            throw new PolicyInputException("eventDate", "no version of legal term '" + term.id() + "' is in force on " + eventDate
                    + ": the data set describes it " + describe(term));
        }
        if (!byApplication) {
            return inForce.get(0);
        }
        LegalTerm.Version restricted = inForce.stream().filter(v -> v.applicationsBefore() != null).findFirst().orElse(null);
        LegalTerm.Version general = inForce.stream().filter(v -> v.applicationsBefore() == null).findFirst().orElse(null);
        if (restricted == null) {
            return Objects.requireNonNull(general);
        }
        if (applicationDate != null) {
            if (restricted.appliesToApplication(applicationDate)) {
                return restricted;
            }
            if (general != null) {
                return general;
            }
        }
        LocalDate before = restricted.applicationsBefore();
        if (applicationDate == null) {
            throw new PolicyInputException("applicationDate", "legal term '" + term.id() + "' for an event on " + eventDate
                    + " needs the application date: on that date the data set has a rule only for applications lodged before " + before);
        }
        throw new PolicyInputException("applicationDate", "no version of legal term '" + term.id() + "' applies to an event on " + eventDate
                + " in a case whose application was lodged on " + applicationDate + ": on that date the data set has a rule only for applications"
                + " lodged before " + before + " (" + describe(term) + ")");
    }

    private static String describe(LegalTerm term) {
        return term.versions().stream()
                .map(v -> "from " + v.validFrom() + (v.validTo() == null ? " on" : " until " + v.validTo())
                        + (v.applicationsBefore() == null ? "" : " (applications lodged before " + v.applicationsBefore() + ")"))
                .collect(Collectors.joining(", "));
    }

    private Deadline compute(String termId, @Nullable String track, TermLength length, LocalDate eventDate, Deadline.Reason termReason,
            List<Text> notes, boolean nationalTerm, @Nullable String regime) {
        LocalDate firstDay = eventDate.plusDays(1);
        LocalDate plainEnd = termReason.date();
        List<Deadline.Reason> reasons = new ArrayList<>();
        reasons.add(termReason);
        TermsAct act = procedure.termsAct();
        boolean applies = act != null && nationalTerm && length.unit().withinTermsAct(length.amount());
        LocalDate due = plainEnd;
        LocalDate safeDue = plainEnd;
        if (!applies) {
            if (act != null && !nationalTerm) {
                reasons.add(new Deadline.Reason(Deadline.Reason.Kind.TERMS_ACT_NOT_APPLICABLE, ATW_SCOPE, plainEnd,
                        "arts. 1 and 5 Atw (terms set in a Dutch law or AMvB; this is a time limit of an EU regulation)", act.confidence(),
                        act.sources()));
            } else if (act != null) {
                reasons.add(new Deadline.Reason(Deadline.Reason.Kind.TERMS_ACT_NOT_APPLICABLE, ATW_ART_4A, plainEnd, "art. 4(a) Atw",
                        act.confidence(), act.sources()));
            }
        } else {
            boolean threeDaysOrMore = ChronoUnit.DAYS.between(eventDate, plainEnd) >= 3;
            due = extend(calendar, act, eventDate, firstDay, plainEnd, threeDaysOrMore, reasons);
            safeDue = extend(primaryCalendar, act, eventDate, firstDay, plainEnd, threeDaysOrMore, null);
        }
        Confidence weakest = reasons.stream().map(Deadline.Reason::confidence).max(Enum::compareTo).orElse(Confidence.PRIMARY);
        Review review = procedure.review();
        List<Text> warnings = review.staleOn(eventDate) ? List.of(review.warning(eventDate)) : List.of();
        return new Deadline(termId, track, length, eventDate, firstDay, plainEnd, due, safeDue, applies, weakest, reasons, notes, regime,
                warnings);
    }

    /** Atw art. 1(1), then art. 2; adds the reasons to {@code reasons} when that is not null. */
    private static LocalDate extend(AtwCalendar cal, TermsAct act, LocalDate eventDate, LocalDate firstDay, LocalDate plainEnd,
            boolean threeDaysOrMore, @Nullable List<Deadline.Reason> reasons) {
        LocalDate end = plainEnd;
        while (!working(cal, end, eventDate)) {
            end = end.plusDays(1);
        }
        LocalDate afterArticle1 = end;
        int workingDays = 0;
        for (LocalDate d = firstDay; !d.isAfter(end); d = d.plusDays(1)) {
            if (working(cal, d, eventDate)) {
                workingDays++;
            }
        }
        boolean article2 = threeDaysOrMore && workingDays < 2;
        while (threeDaysOrMore && workingDays < 2) {
            end = end.plusDays(1);
            if (working(cal, end, eventDate)) {
                workingDays++;
            }
        }
        if (reasons != null) {
            LocalDate from = article2 ? firstDay : plainEnd;
            TreeSet<LocalDate> days = new TreeSet<>();
            for (LocalDate d = from; d.isBefore(end); d = d.plusDays(1)) {
                if (!cal.isWorkingDay(d)) {
                    days.add(d);
                }
            }
            for (LocalDate d : days) {
                reasons.addAll(nonWorking(cal, act, d));
            }
            if (!afterArticle1.equals(plainEnd)) {
                reasons.add(new Deadline.Reason(Deadline.Reason.Kind.NEXT_WORKING_DAY, ATW_ART_1, afterArticle1, "art. 1(1) Atw", act.confidence(),
                        act.sources()));
            }
            if (article2) {
                reasons.add(new Deadline.Reason(Deadline.Reason.Kind.TWO_WORKING_DAYS, ATW_ART_2, end, "art. 2 Atw", act.confidence(),
                        act.sources()));
            }
        }
        return end;
    }

    private static boolean working(AtwCalendar cal, LocalDate date, LocalDate eventDate) {
        if (!cal.covers(date.getYear())) {
            throw new PolicyInputException("eventDate", "a term from an event on " + eventDate + " reaches " + date
                    + ", outside the supported range " + AtwCalendar.describe(cal.coveredYears())
                    + ": the days equated with holidays by Royal Decree (art. 3(3) Algemene termijnenwet) are recorded for those years only");
        }
        return cal.isWorkingDay(date);
    }

    private static List<Deadline.Reason> nonWorking(AtwCalendar cal, TermsAct act, LocalDate date) {
        List<Deadline.Reason> reasons = new ArrayList<>();
        for (AtwCalendar.Holiday holiday : cal.holidaysOn(date)) {
            reasons.add(new Deadline.Reason(Deadline.Reason.Kind.NON_WORKING_DAY, holiday.rule(), date, holiday.article(), holiday.confidence(),
                    holiday.sources()));
        }
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            reasons.add(new Deadline.Reason(Deadline.Reason.Kind.NON_WORKING_DAY, day == DayOfWeek.SATURDAY ? SATURDAY : SUNDAY, date,
                    "art. 1(1) Atw", act.confidence(), act.sources()));
        }
        return reasons;
    }
}
