package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A legal time limit of the asylum procedure ({@code procedure.yaml}): its name, the event it runs
 * from, and its dated versions, each with the length per track and its sources.
 */
public record LegalTerm(String id, Text name, Text event, List<Version> versions) {

    public LegalTerm {
        versions = List.copyOf(versions);
    }

    /**
     * The version in force on {@code date}: validFrom inclusive, validTo exclusive. Ignores the application
     * window ({@link Version#applicationsBefore()}); see {@link #versionsOn}.
     */
    public Optional<Version> versionOn(LocalDate date) {
        return versions.stream().filter(v -> v.validOn(date)).findFirst();
    }

    /** Every version in force on {@code date}, whatever the application window. */
    public List<Version> versionsOn(LocalDate date) {
        return versions.stream().filter(v -> v.validOn(date)).toList();
    }

    /** Whether the term's first version has tracks (e.g. one week or four weeks depending on the decision). */
    public boolean tracked() {
        return !versions.isEmpty() && versions.get(0).tracked();
    }

    /** What event a version of a term runs from, where the term's {@link #event()} text changes with the law. */
    public enum RunsFrom {
        /** The day the application was received (e.g. the permit's validity before 12 June 2026, art. 44(2) Vw then). */
        APPLICATION_RECEIVED,
        /** The day the decision was announced (e.g. the permit's validity from 12 June 2026, art. 44(2) Vw now). */
        DECISION_ANNOUNCED
    }

    /**
     * One version of a term, valid for events in [validFrom, validTo). {@code note} is shown with every deadline computed
     * from it.
     *
     * @param regime             the law the version belongs to (an id of {@code regimes.yaml}, e.g. {@code vw2000-pact}), or null
     * @param applicationsBefore when set, the version applies only to cases whose application was lodged before this date
     *                           (old rules kept for pending cases); null = every application
     * @param termsAct           whether the Algemene termijnenwet can move the end; false for a time limit set by an EU
     *                           regulation, which the Atw (arts. 1 and 5: terms set in a Dutch law or AMvB) does not govern
     * @param defaultTrack       the track used when none is given (e.g. {@code regular}), or null: then a track is required
     * @param runsFrom           the event the version runs from when it differs between versions, or null (the term's event)
     */
    public record Version(LocalDate validFrom, @Nullable LocalDate validTo, Confidence confidence, List<String> sources,
            List<TermLength> lengths, @Nullable Text note, String origin, @Nullable String regime, @Nullable LocalDate applicationsBefore,
            boolean termsAct, @Nullable String defaultTrack, @Nullable RunsFrom runsFrom) {

        public Version {
            sources = List.copyOf(sources);
            lengths = List.copyOf(lengths);
        }

        /** A version of a national term for every application, without regime (tests and older data). */
        public Version(LocalDate validFrom, @Nullable LocalDate validTo, Confidence confidence, List<String> sources, List<TermLength> lengths,
                @Nullable Text note, String origin) {
            this(validFrom, validTo, confidence, sources, lengths, note, origin, null, null, true, null, null);
        }

        public boolean validOn(LocalDate date) {
            return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
        }

        /** Whether the version applies to a case whose application was lodged on {@code applicationDate}. */
        public boolean appliesToApplication(LocalDate applicationDate) {
            return applicationsBefore == null || applicationDate.isBefore(applicationsBefore);
        }

        public boolean tracked() {
            return lengths.stream().anyMatch(l -> l.track() != null);
        }

        public Optional<TermLength> length(@Nullable String track) {
            return lengths.stream().filter(l -> Objects.equals(l.track(), track)).findFirst();
        }

        public List<String> tracks() {
            return lengths.stream().map(TermLength::track).filter(Objects::nonNull).toList();
        }
    }
}
