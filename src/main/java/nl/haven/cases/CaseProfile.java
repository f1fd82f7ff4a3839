package nl.haven.cases;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The dimensions of a case that statistics and the policy what-if need, and nothing else: no id, no names, no free
 * text. It travels only in memory, inside the transaction that changes the case ({@link CaseProfileChanged}); the
 * statistics module keeps counts over these dimensions, never a row per case.
 *
 * @param org the organisation that holds the case
 * @param opened the month the request arrived
 * @param source INTAKE, STAFF or REFERRAL
 * @param groups the policy engine's group codes the person gave (may be empty)
 * @param facts the policy data set's fact codes recorded for the assessment
 */
public record CaseProfile(UUID org, YearMonth opened, String source, @Nullable String nationality, List<String> groups, List<String> facts,
        Handling handling, Stage stage) {

    public CaseProfile {
        groups = List.copyOf(groups);
        facts = List.copyOf(facts);
    }

    /** Still being worked on: not closed, declined or referred away, and no final decision. */
    public boolean open() {
        return handling != Handling.CLOSED && handling != Handling.DECLINED && handling != Handling.REFERRED
                && !stage.isFinal();
    }

    @Override
    public String toString() {
        return "CaseProfile[" + opened + ", " + handling + "/" + stage + "]";
    }
}
