package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The end of a legal term with the rules that produced it, for the case workflow and for a UI that
 * explains the date.
 *
 * @param term      the legal term's id ({@code appeal-term}), or {@code statutory} for {@link LegalTerms#statutory}
 * @param track     the track used, or null for a term without tracks
 * @param length    the term's length and the article that sets it
 * @param eventDate the day of the event the term runs from, as given by the caller
 * @param firstDay  the term's first day: the day after the event
 * @param plainEnd  the event date plus the term, before the Algemene termijnenwet
 * @param due       the last day to act, with every rule applied (inclusive: the act is in time on this day)
 * @param safeDue   the last day with only PRIMARY rules applied; earlier than {@code due} when a day that
 *                  moved the end rests on a secondary source only. Act by this day to be safe.
 * @param termsActApplies whether the Algemene termijnenwet applies to this term (not for terms of more
 *                  than 90 days, twelve weeks or three months, or in years: its art. 4(a))
 * @param confidence the weakest confidence among the term and the rules that moved its end
 * @param reasons   in order: the term, the non-working days that moved the end, the Atw articles applied
 * @param notes     caveats of the term's version (e.g. transitional law not checked), to show with the date
 * @param regime    the law the answer was given under: an id of {@code regimes.yaml} ({@code vw2000-before-pact},
 *                  {@code vw2000-pact}, {@code apr-2024-1348}), or null when the data does not name it
 * @param warnings  warnings about the data the date rests on, in every language of the explanations: today
 *                  the currency warning when the event date is more than {@link Review#MAX_AGE_DAYS} days
 *                  after {@code procedure.yaml}'s {@code reviewedOn}
 */
public record Deadline(String term, @Nullable String track, TermLength length, LocalDate eventDate, LocalDate firstDay, LocalDate plainEnd,
        LocalDate due, LocalDate safeDue, boolean termsActApplies, Confidence confidence, List<Reason> reasons, List<Text> notes,
        @Nullable String regime, List<Text> warnings) {

    public Deadline {
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public Deadline(String term, @Nullable String track, TermLength length, LocalDate eventDate, LocalDate firstDay, LocalDate plainEnd,
            LocalDate due, LocalDate safeDue, boolean termsActApplies, Confidence confidence, List<Reason> reasons, List<Text> notes) {
        this(term, track, length, eventDate, firstDay, plainEnd, due, safeDue, termsActApplies, confidence, reasons, notes, null, List.of());
    }

    /** Whether the Algemene termijnenwet moved the end. */
    public boolean extended() {
        return !due.equals(plainEnd);
    }

    /** The reasons of one kind, in order. */
    public List<Reason> reasons(Reason.Kind kind) {
        return reasons.stream().filter(r -> r.kind() == kind).toList();
    }

    /**
     * One step of the computation: a rule id the UI can explain, the date it concerns, the article, and
     * the sources (ids in {@code sources.yaml}) with their confidence.
     *
     * @param rule for TERM the term id ({@code appeal-term/general-procedure} with a track); for
     *             NON_WORKING_DAY the holiday rule or equated-days decree id, or {@code saturday} /
     *             {@code sunday}; otherwise {@code atw-art-1}, {@code atw-art-2}, {@code atw-art-4a}, or
     *             {@code atw-scope} (a time limit of an EU regulation, which the Atw does not govern)
     */
    public record Reason(Kind kind, String rule, LocalDate date, String article, Confidence confidence, List<String> sources) {

        /** What a reason says. */
        public enum Kind {
            /** The term's length: {@code date} is the plain end. */
            TERM,
            /** {@code date} is a Saturday, Sunday, holiday or equated day the end could not fall on. */
            NON_WORKING_DAY,
            /** Atw art. 1(1): the end moved to {@code date}, the next day that is none of those. */
            NEXT_WORKING_DAY,
            /** Atw art. 2: the term held fewer than two working days; extended to {@code date}. */
            TWO_WORKING_DAYS,
            /** Atw art. 4(a), or a term outside the Atw's scope: the act does not apply; {@code date} is the plain end. */
            TERMS_ACT_NOT_APPLICABLE
        }

        public Reason {
            sources = List.copyOf(sources);
        }
    }
}
