package nl.haven.policy;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A country of origin the data set knows, with its named regions and the day its file was last
 * checked against its sources ({@code reviewedOn}; null only for a country a what-if change file
 * names without a country file).
 */
public record Country(String code, Text name, List<Region> regions, @Nullable LocalDate reviewedOn) {
    public Country {
        regions = List.copyOf(regions);
    }

    public Country(String code, Text name, List<Region> regions) {
        this(code, name, regions, null);
    }

    public boolean hasRegion(String code) {
        return regions.stream().anyMatch(r -> r.code().equals(code));
    }

    /** The review of the country's file. */
    public Review review() {
        return new Review("countries/" + code + ".yaml", reviewedOn);
    }
}
