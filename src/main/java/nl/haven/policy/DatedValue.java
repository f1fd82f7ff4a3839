package nl.haven.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One value of a route parameter, valid in [validFrom, validTo), with its sources. */
public record DatedValue(LocalDate validFrom, @Nullable LocalDate validTo, BigDecimal value, Confidence confidence, List<String> sources,
        String origin) {
    public DatedValue {
        sources = List.copyOf(sources);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }
}
