package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseProfile;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import org.jspecify.annotations.Nullable;

/** One row of {@code case_file}; {@code details} is ciphertext. */
public record CaseRow(UUID id, UUID org, String reference, Handling handling, Stage stage, @Nullable String track, @Nullable Integer priority,
        @Nullable UUID assignee, @Nullable String nationality, @Nullable String residence, String source, @Nullable LocalDate applicationDate,
        Instant openedAt, Instant updatedAt, int version, byte[] details) {

    /** The case as staff see it, with its decrypted details. */
    public CaseView view(CaseDetails details) {
        return view(details, List.of());
    }

    /** As {@link #view(CaseDetails)}, with what a step could not do (a deadline Haven has no rule for). */
    public CaseView view(CaseDetails details, List<Notice> notices) {
        return new CaseView(id, reference, handling, stage, track, priority, assignee, nationality, residence, source, applicationDate,
                openedAt, updatedAt, version, details, CaseWorkflow.allowed(handling, stage), notices);
    }

    /** The case's statistical dimensions (see CaseProfile: no id, no names, no text). */
    public CaseProfile profile(CaseDetails details) {
        return new CaseProfile(org, YearMonth.from(openedAt.atZone(ZoneOffset.UTC)), source, nationality, details.groups(), details.facts(),
                handling, stage);
    }

    @Override
    public String toString() {
        return "CaseRow[" + reference + ", " + handling + "/" + stage + "]";
    }
}
