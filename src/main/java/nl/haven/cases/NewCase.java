package nl.haven.cases;

import org.jspecify.annotations.Nullable;

/** What a new case starts with, opened by staff or from the public intake. */
public record NewCase(@Nullable String nationality, @Nullable String countryOfResidence, CaseDetails details, String source) {
    @Override
    public String toString() {
        return "NewCase[" + source + "]";
    }
}
