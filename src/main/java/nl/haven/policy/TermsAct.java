package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * The Algemene termijnenwet itself (the version read, its confidence and sources): arts. 1, 2 and
 * 4(a) are applied by {@link LegalTerms} and cite these sources.
 */
public record TermsAct(LocalDate validFrom, Confidence confidence, List<String> sources) {
    public TermsAct {
        sources = List.copyOf(sources);
    }
}
