package nl.haven.policy;

import java.util.List;

/** A country of origin the data set knows, with its named regions. */
public record Country(String code, Text name, List<Region> regions) {
    public Country {
        regions = List.copyOf(regions);
    }

    public boolean hasRegion(String code) {
        return regions.stream().anyMatch(r -> r.code().equals(code));
    }
}
