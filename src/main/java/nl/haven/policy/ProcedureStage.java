package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stage of the Dutch asylum procedure (registration, rest and preparation, …), dated and sourced. {@code regime} names
 * the law it belongs to (an id of {@code regimes.yaml}: {@code vw2000-before-pact}, {@code vw2000-pact},
 * {@code apr-2024-1348}), or is null.
 */
public record ProcedureStage(String id, int order, Text name, Text description, LocalDate validFrom, @Nullable LocalDate validTo,
        Confidence confidence, List<String> sources, String origin, @Nullable String regime) {

    public ProcedureStage {
        sources = List.copyOf(sources);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }
}
