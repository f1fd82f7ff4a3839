package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.shared.BadInputException;
import nl.haven.shared.ConflictException;
import org.junit.jupiter.api.Test;

/**
 * Every transition and every refusal of the case workflow, against the table below, written from the procedure as
 * POLICY-DATA.md "Procedure" and the case-management issue describe it (not read from the implementation).
 */
class CaseWorkflowTests {

    /** Handling: where the organisation's handling may go from each state. */
    static final Map<Handling, List<String>> HANDLING = Map.of(
            Handling.NEW, List.of("TRIAGE", "DECLINED", "CLOSED"),
            Handling.TRIAGE, List.of("ACCEPTED", "DECLINED", "CLOSED"),
            Handling.ACCEPTED, List.of("CLOSED"),
            Handling.DECLINED, List.of("TRIAGE", "CLOSED"),
            Handling.REFERRED, List.of(),
            Handling.CLOSED, List.of("TRIAGE"));

    /** Stages, only while the case is accepted: registration, rest period, AA, VA, intended decision, decision, appeal. */
    static final Map<Stage, List<String>> STAGES = Map.ofEntries(
            Map.entry(Stage.NONE, List.of("PREPARING")),
            Map.entry(Stage.PREPARING, List.of("APPLIED", "REGULAR_APPLIED")),
            Map.entry(Stage.APPLIED, List.of("REST_AND_PREPARATION")),
            Map.entry(Stage.REST_AND_PREPARATION, List.of("GENERAL_PROCEDURE")),
            Map.entry(Stage.GENERAL_PROCEDURE, List.of("EXTENDED_PROCEDURE", "INTENDED_DECISION", "GRANTED")),
            Map.entry(Stage.EXTENDED_PROCEDURE, List.of("INTENDED_DECISION", "GRANTED")),
            Map.entry(Stage.INTENDED_DECISION, List.of("EXTENDED_PROCEDURE", "GRANTED", "REJECTED")),
            Map.entry(Stage.GRANTED, List.of()),
            Map.entry(Stage.REJECTED, List.of("APPEAL")),
            Map.entry(Stage.APPEAL, List.of("EXTENDED_PROCEDURE", "GRANTED", "FURTHER_APPEAL")),
            Map.entry(Stage.FURTHER_APPEAL, List.of("EXTENDED_PROCEDURE", "GRANTED")),
            Map.entry(Stage.REGULAR_APPLIED, List.of("REGULAR_GRANTED", "REGULAR_REFUSED")),
            Map.entry(Stage.REGULAR_GRANTED, List.of()),
            Map.entry(Stage.REGULAR_REFUSED, List.of("PREPARING")));

    static CaseWorkflow.Request complete(String to) {
        return new CaseWorkflow.Request(to, LocalDate.of(2026, 3, 2), "general-procedure", 2);
    }

    @Test
    void everyTransitionOfTheTableIsAllowedAndEveryOtherIsRefusedListingTheAllowedOnes() {
        int allowed = 0;
        int refused = 0;
        for (Handling handling : Handling.values()) {
            for (Stage stage : Stage.values()) {
                List<String> expected = new ArrayList<>(HANDLING.get(handling));
                if (handling == Handling.ACCEPTED) {
                    expected.addAll(STAGES.get(stage));
                }
                assertThat(CaseWorkflow.allowed(handling, stage)).as(handling + "/" + stage).containsExactlyInAnyOrderElementsOf(expected);
                for (String target : CaseWorkflow.allTargets()) {
                    if (expected.contains(target)) {
                        CaseWorkflow.Step step = CaseWorkflow.check(handling, stage, complete(target));
                        assertThat(step.target()).isEqualTo(target);
                        assertThat(CaseWorkflow.eventType(step)).startsWith("case.");
                        allowed++;
                    } else {
                        assertThatThrownBy(() -> CaseWorkflow.check(handling, stage, complete(target)))
                                .as(handling + "/" + stage + " → " + target)
                                .isInstanceOfSatisfying(ConflictException.class, e -> {
                                    assertThat(e.allowed()).containsExactlyInAnyOrderElementsOf(expected);
                                    assertThat(e.getMessage()).contains("cannot move to " + target);
                                });
                        refused++;
                    }
                }
            }
        }
        // Handling targets are open in every stage; stage targets only while accepted (each stage once).
        int handlingPairs = HANDLING.values().stream().mapToInt(List::size).sum() * Stage.values().length;
        int stagePairs = STAGES.values().stream().mapToInt(List::size).sum();
        assertThat(allowed).isEqualTo(handlingPairs + stagePairs);
        assertThat(allowed + refused).isEqualTo(Handling.values().length * Stage.values().length * CaseWorkflow.allTargets().size());
    }

    @Test
    void unknownTargetsAreBadInputNamingTheValueAndTheKnownOnes() {
        for (String bad : new String[] { "FLYING", "", "NEW", "NONE", "REFERRED" }) {
            assertThatThrownBy(() -> CaseWorkflow.check(Handling.NEW, Stage.NONE, complete(bad)))
                    .isInstanceOfSatisfying(BadInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("to");
                        assertThat(e.getMessage()).contains("'" + bad + "'").contains("TRIAGE").contains("APPEAL");
                    });
        }
    }

    @Test
    void targetsAreReadCaseInsensitivelyWithHyphens() {
        assertThat(CaseWorkflow.check(Handling.ACCEPTED, Stage.APPLIED, complete("rest-and-preparation")).stage())
                .isEqualTo(Stage.REST_AND_PREPARATION);
    }

    @Test
    void stepsThatHappenOnADateNeedTheDateARejectionItsTrackAndTriageAPriority() {
        assertThatThrownBy(() -> CaseWorkflow.check(Handling.ACCEPTED, Stage.PREPARING, new CaseWorkflow.Request("APPLIED", null, null, null)))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("date"));
        assertThatThrownBy(() -> CaseWorkflow.check(Handling.ACCEPTED, Stage.INTENDED_DECISION,
                new CaseWorkflow.Request("REJECTED", LocalDate.of(2026, 5, 4), null, null)))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("track"));
        for (Integer priority : new Integer[] { null, 0, 4 }) {
            assertThatThrownBy(() -> CaseWorkflow.check(Handling.NEW, Stage.NONE, new CaseWorkflow.Request("TRIAGE", null, null, priority)))
                    .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("priority"));
        }
        assertThat(CaseWorkflow.check(Handling.NEW, Stage.NONE, new CaseWorkflow.Request("TRIAGE", null, null, 1)).priority()).isEqualTo(1);
        // Steps that need no date accept none.
        assertThat(CaseWorkflow.check(Handling.ACCEPTED, Stage.APPLIED, new CaseWorkflow.Request("REST_AND_PREPARATION", null, null, null))
                .stage()).isEqualTo(Stage.REST_AND_PREPARATION);
    }

    @Test
    void eventsArePastTense() {
        assertThat(CaseWorkflow.eventType(CaseWorkflow.check(Handling.ACCEPTED, Stage.REJECTED, complete("APPEAL")))).isEqualTo("case.appealed");
        assertThat(CaseWorkflow.eventType(CaseWorkflow.check(Handling.NEW, Stage.NONE, complete("TRIAGE")))).isEqualTo("case.triaged");
        assertThat(CaseWorkflow.eventType(CaseWorkflow.check(Handling.ACCEPTED, Stage.PREPARING, complete("APPLIED")))).isEqualTo("case.applied");
    }
}
