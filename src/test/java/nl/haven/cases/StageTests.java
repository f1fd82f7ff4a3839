package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.cases.internal.PolicyImpact;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.ProcedureStage;
import org.junit.jupiter.api.Test;
import nl.haven.testing.Bundles;

/**
 * A stage is one row of {@link Stage}, a row of {@link CaseWorkflow}'s table and its texts. These tests go through
 * every stage and name each place a new one is missing (docs/change-a-case-stage.md); the expected values are written
 * from the procedure (POLICY-DATA.md "Procedure"), not read from the implementation.
 */
class StageTests {

    static final List<String> LANGUAGES = List.of("", "_nl", "_ru");

    /**
     * procedure.yaml's stages that no case stage stands for: the examination procedures of Regulation (EU) 2024/1348 from
     * 12 June 2026. Haven's workflow has no step for them yet; their time limits reach cases as tracks of the decision
     * time limit. A new procedure.yaml stage goes either on a {@link Stage} row or here, with the reason.
     */
    static final Set<String> NOT_A_CASE_STAGE = Set.of("stage-pact-admissibility", "stage-pact-border-procedure",
            "stage-pact-accelerated-procedure", "stage-pact-regular-procedure");

    static Properties bundle(String suffix) {
        return Bundles.texts(suffix.isEmpty() ? "en" : suffix.substring(1));
    }

    @Test
    void everyStageHasItsTextsInEnglishDutchAndRussian() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String suffix : LANGUAGES) {
            Properties bundle = bundle(suffix);
            for (Stage stage : Stage.values()) {
                List<String> keys = new ArrayList<>(List.of("cases.stage." + stage.name(),
                        "statistics.stage." + stage.name().toLowerCase(Locale.ROOT).replace('_', '-')));
                if (stage != Stage.NONE) {
                    keys.add("cases.event." + stage.eventType());
                }
                for (String key : keys) {
                    if (bundle.getProperty(key, "").isBlank()) {
                        missing.add(key + " in the bundles" + suffix);
                    }
                }
            }
        }
        assertThat(missing).as("texts missing for a stage").isEmpty();
    }

    @Test
    void everyStageHasARowInTheWorkflowTableAndEveryStepToItAnEventOfItsOwn() {
        Set<String> events = new HashSet<>();
        for (Stage stage : Stage.values()) {
            assertThat(CaseWorkflow.nextStages(stage)).as("CaseWorkflow's table has no row for " + stage).isNotNull();
            if (stage != Stage.NONE) {
                assertThat(stage.eventType()).as(stage + "'s event").startsWith("case.");
                assertThat(events.add(stage.eventType())).as(stage + "'s event is another stage's: " + stage.eventType()).isTrue();
            }
        }
        assertThatThrownBy(Stage.NONE::eventType).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStageIsFinalExactlyWhenTheWorkflowGoesNowhereFromIt() {
        for (Stage stage : Stage.values()) {
            assertThat(stage.isFinal()).as(stage + " final").isEqualTo(CaseWorkflow.nextStages(stage).isEmpty());
        }
        assertThat(EnumSet.allOf(Stage.class).stream().filter(Stage::isFinal)).containsExactlyInAnyOrder(Stage.GRANTED, Stage.REGULAR_GRANTED);
    }

    /** PolicyImpact's open cases are selected in SQL (the same definition as {@link CaseProfile#open()}). */
    @Test
    void policyImpactsOpenCasesLeaveOutExactlyTheFinalStages() {
        for (Stage stage : Stage.values()) {
            assertThat(PolicyImpact.OPEN.contains("'" + stage.name() + "'")).as("PolicyImpact.OPEN names " + stage).isEqualTo(stage.isFinal());
        }
    }

    @Test
    void stepsThatHappenOnADateAskForItAndTheApplicationsDateTheCase() {
        Set<Stage> needDate = EnumSet.of(Stage.APPLIED, Stage.INTENDED_DECISION, Stage.GRANTED, Stage.REJECTED, Stage.APPEAL,
                Stage.FURTHER_APPEAL, Stage.REGULAR_APPLIED, Stage.REGULAR_GRANTED, Stage.REGULAR_REFUSED);
        for (Stage stage : Stage.values()) {
            assertThat(stage.needsDate()).as(stage + " needs a date").isEqualTo(needDate.contains(stage));
            assertThat(CaseWorkflow.needsDate(stage.name())).as(stage + " form asks for a date").isEqualTo(needDate.contains(stage));
            assertThat(stage.datesTheApplication()).as(stage + " dates the application")
                    .isEqualTo(stage == Stage.APPLIED || stage == Stage.REGULAR_APPLIED);
            assertThat(stage.needsTrack()).as(stage + " needs a track").isEqualTo(stage == Stage.REJECTED);
            assertThat(CaseWorkflow.needsTrack(stage.name())).as(stage + " form asks for a track").isEqualTo(stage == Stage.REJECTED);
        }
        assertThat(CaseWorkflow.needsDate("TRIAGE")).isFalse();
        assertThat(CaseWorkflow.needsTrack("CLOSED")).isFalse();
    }

    @Test
    void everyStageIsOnOneRoute() {
        for (Stage stage : Stage.values()) {
            Stage.Route expected = switch (stage) {
                case NONE, PREPARING -> Stage.Route.UNDECIDED;
                case REGULAR_APPLIED, REGULAR_GRANTED, REGULAR_REFUSED -> Stage.Route.REGULAR;
                case APPLIED, REST_AND_PREPARATION, GENERAL_PROCEDURE, EXTENDED_PROCEDURE, INTENDED_DECISION, GRANTED, REJECTED, APPEAL,
                        FURTHER_APPEAL -> Stage.Route.ASYLUM;
            };
            assertThat(stage.route()).as(stage + "'s route").isEqualTo(expected);
        }
    }

    @Test
    void everyLegalTermAStageStartsOrAnswersIsInTheProcedureData() {
        Set<String> terms = PolicyDataSet.shipped().procedure().terms().keySet();
        for (Stage.Term term : Stage.Term.values()) {
            assertThat(terms).as("procedure.yaml terms").contains(term.id());
        }
    }

    @Test
    void theProcedureDatasStagesAndTheCaseStagesAreLinked() {
        Set<String> inData = new TreeSet<>();
        for (ProcedureStage stage : PolicyDataSet.shipped().procedure().stages()) {
            inData.add(stage.id());
        }
        Set<String> linked = new TreeSet<>();
        for (Stage stage : Stage.values()) {
            for (String id : stage.procedureStages()) {
                assertThat(inData).as(stage + " names procedure.yaml stage " + id).contains(id);
                linked.add(id);
            }
        }
        assertThat(linked).as("linked and listed as not a case stage").doesNotContainAnyElementsOf(NOT_A_CASE_STAGE);
        Set<String> unlinked = new TreeSet<>(inData);
        unlinked.removeAll(linked);
        assertThat(unlinked).as("procedure.yaml stages no Stage row names (link them or list them in NOT_A_CASE_STAGE)")
                .containsExactlyInAnyOrderElementsOf(NOT_A_CASE_STAGE);
    }
}
