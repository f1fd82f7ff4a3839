package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A body of law a statement belongs to ({@code regimes.yaml}): e.g. the Vreemdelingenwet 2000 before and from
 * 12 June 2026, or the Asylum Procedure Regulation (EU) 2024/1348. An answer names the regimes in force on its
 * date, so that it shows under which law it was given.
 *
 * @param validTo exclusive; null = still in force
 */
public record Regime(String id, Text name, LocalDate validFrom, @Nullable LocalDate validTo, Confidence confidence, List<String> sources,
        String origin) {

    public Regime {
        sources = List.copyOf(sources);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }
}
