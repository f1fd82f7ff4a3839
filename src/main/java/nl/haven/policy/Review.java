package nl.haven.policy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When a data file was last checked against its sources ({@code reviewedOn}, POLICY-DATA.md) and
 * whether an answer for a given date rests on a review that is too old.
 *
 * <p>The boundary: an answer for a date at most {@value #MAX_AGE_DAYS} days after {@code reviewedOn}
 * is current; from day {@value #MAX_AGE_DAYS} + 1 on it carries a warning ("more than 180 days").
 * Reviewed on 2026-11-23: an answer for 2027-05-22 (day 180) has no warning, one for 2027-05-23
 * (day 181) has. A date before the review is never stale. A file without {@code reviewedOn} (route
 * files may omit it) has no known review: {@link #staleOn} is false, and {@code haven policy check}
 * lists it.
 *
 * @param file       the data file, relative to the data set ({@code countries/RU.yaml}, {@code procedure.yaml})
 * @param reviewedOn the day it was last checked against its sources; null when the file does not say
 */
public record Review(String file, @Nullable LocalDate reviewedOn) {
    /** An answer for a date more than this many days after the review carries a warning. */
    public static final int MAX_AGE_DAYS = 180;

    /** Days from the review to {@code date} (negative before the review); 0 without a review. */
    public long ageOn(LocalDate date) {
        return reviewedOn == null ? 0 : ChronoUnit.DAYS.between(reviewedOn, date);
    }

    /** Whether an answer for {@code date} rests on a review more than {@link #MAX_AGE_DAYS} days old. */
    public boolean staleOn(LocalDate date) {
        return reviewedOn != null && ageOn(date) > MAX_AGE_DAYS;
    }

    /** The warning for an answer for {@code date} in {@code language} (en, nl or ru; others in English). */
    public String warning(LocalDate date, String language) {
        return Explanations.in(language).stale(this, date);
    }

    /** The warning in every language of the explanations, for answers that carry {@link Text}. */
    public Text warning(LocalDate date) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String language : Explanations.languages()) {
            texts.put(language, warning(date, language));
        }
        return new Text(texts);
    }
}
