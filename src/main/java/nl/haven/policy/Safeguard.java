package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;

/** A general credibility-assessment safeguard, shown with every assessment from its date on. */
public record Safeguard(String id, LocalDate validFrom, Confidence confidence, List<String> sources, Text text) {
    public Safeguard {
        sources = List.copyOf(sources);
    }
}
