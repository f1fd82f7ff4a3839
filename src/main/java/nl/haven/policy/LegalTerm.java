package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
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

    /** The version in force on {@code date}: validFrom inclusive, validTo exclusive. */
    public Optional<Version> versionOn(LocalDate date) {
        return versions.stream().filter(v -> v.validOn(date)).findFirst();
    }

    /** Whether the term has tracks (e.g. one week or four weeks depending on the decision). */
    public boolean tracked() {
        return !versions.isEmpty() && versions.get(0).tracked();
    }

    /** One version of a term, valid in [validFrom, validTo). {@code note} is shown with every deadline computed from it. */
    public record Version(LocalDate validFrom, @Nullable LocalDate validTo, Confidence confidence, List<String> sources,
            List<TermLength> lengths, @Nullable Text note, String origin) {

        public Version {
            sources = List.copyOf(sources);
            lengths = List.copyOf(lengths);
        }

        public boolean validOn(LocalDate date) {
            return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
        }

        public boolean tracked() {
            return lengths.stream().anyMatch(l -> l.track() != null);
        }

        public Optional<TermLength> length(@Nullable String track) {
            return lengths.stream().filter(l -> java.util.Objects.equals(l.track(), track)).findFirst();
        }

        public List<String> tracks() {
            return lengths.stream().map(TermLength::track).filter(java.util.Objects::nonNull).toList();
        }
    }
}
