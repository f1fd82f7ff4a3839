package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.haven.cases.Stage;
import nl.haven.cases.Stage.Term;
import nl.haven.cases.internal.DeadlinePlanner.Due;
import nl.haven.cases.internal.DeadlinePlanner.Plan;
import nl.haven.policy.LegalTerms;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deadline rules of every stage (no Spring, no database), with the shipped data set and fixed dates. The expected
 * dates are worked out by hand from procedure.yaml and the Algemene termijnenwet, as in deadlines-golden.yaml.
 */
class DeadlinePlannerTests {

    static final LegalTerms TERMS = LegalTerms.of(new PolicyEngine(PolicyDataSet.shipped()).dataSet());
    /** Monday 5 January 2026: the application, before the EU Pact (12 June 2026). */
    static final LocalDate APPLICATION = LocalDate.of(2026, 1, 5);
    /** Monday 2 March 2026: the step's date. */
    static final LocalDate ON = LocalDate.of(2026, 3, 2);

    static Plan plan(Stage from, Stage to, @Nullable LocalDate date, @Nullable String track, @Nullable LocalDate applicationDate) {
        return DeadlinePlanner.plan(TERMS, from, to, date, track, applicationDate);
    }

    /** The open deadlines a step to each stage answers: a decision ends the wait for it, an appeal uses the appeal term. */
    static List<Term> answered(Stage stage) {
        return switch (stage) {
            case NONE, PREPARING, APPLIED, REST_AND_PREPARATION, GENERAL_PROCEDURE, REGULAR_APPLIED, REGULAR_GRANTED, REGULAR_REFUSED -> List.of();
            case EXTENDED_PROCEDURE -> List.of(Term.RESPONSE);
            case INTENDED_DECISION -> List.of(Term.DECISION);
            case GRANTED -> List.of(Term.DECISION, Term.RESPONSE, Term.APPEAL);
            case REJECTED -> List.of(Term.DECISION, Term.RESPONSE);
            case APPEAL, FURTHER_APPEAL -> List.of(Term.APPEAL);
        };
    }

    /**
     * The task a step to each stage on {@link #ON} adds (application {@link #APPLICATION}, track general-procedure, coming
     * from the general procedure), or null.
     */
    static @Nullable Due started(Stage stage) {
        return switch (stage) {
            // Art. 42(1) Vw: six months from the application's receipt; the Atw does not apply to it (art. 4(a)).
            case APPLIED -> new Due(Term.DECISION, LocalDate.of(2026, 9, 2));
            // Art. 69(2)(a) Vw: one week after a rejection in the general procedure.
            case REJECTED -> new Due(Term.APPEAL, LocalDate.of(2026, 3, 9));
            // Art. 44(2) Vw before the Pact: five years from the application date.
            case GRANTED -> new Due(Term.PERMIT, LocalDate.of(2031, 1, 5));
            // In the general procedure the response is part of its six days: no task (and a notice, below).
            case INTENDED_DECISION -> null;
            case NONE, PREPARING, REST_AND_PREPARATION, GENERAL_PROCEDURE, EXTENDED_PROCEDURE, APPEAL, FURTHER_APPEAL, REGULAR_APPLIED,
                    REGULAR_GRANTED, REGULAR_REFUSED -> null;
        };
    }

    @Test
    void everyStepClosesTheDeadlinesItAnswersAndStartsItsTerm() {
        for (Stage stage : Stage.values()) {
            Plan plan = plan(Stage.GENERAL_PROCEDURE, stage, ON, "general-procedure", APPLICATION);
            assertThat(plan.closes()).as(stage + " closes").containsExactlyElementsOf(answered(stage));
            assertThat(plan.due()).as(stage + " starts").isEqualTo(started(stage));
            assertThat(plan.notices()).as(stage + " notices")
                    .isEqualTo(stage == Stage.INTENDED_DECISION ? List.of(Notice.noResponseTerm()) : List.of());
        }
    }

    @Test
    void anIntendedRejectionInTheExtendedProcedureStartsTheFourWeekResponseTerm() {
        // Art. 3.116(2)(a) and (3) Vb: four weeks from the day after it was handed over: Mon 2 March -> Mon 30 March.
        Plan plan = plan(Stage.EXTENDED_PROCEDURE, Stage.INTENDED_DECISION, ON, null, APPLICATION);
        assertThat(plan.due()).isEqualTo(new Due(Term.RESPONSE, LocalDate.of(2026, 3, 30)));
        assertThat(plan.closes()).containsExactly(Term.DECISION);
        assertThat(plan.notices()).isEmpty();
    }

    @Test
    void anApplicationFromThePactHasNoResponseTermAndTheStepSaysSo() {
        Plan plan = plan(Stage.EXTENDED_PROCEDURE, Stage.INTENDED_DECISION, LocalDate.of(2026, 8, 3), null, LocalDate.of(2026, 7, 1));
        assertThat(plan.due()).isNull();
        assertThat(plan.notices()).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo(Notice.Code.NO_TASK);
            assertThat(n.term()).isEqualTo(Term.RESPONSE);
            assertThat(n.reason()).contains("lodged on 2026-07-01");
        });
    }

    @Test
    void aDateTheDataHasNoRuleForGivesNoTaskButANotice() {
        // procedure.yaml has the decision time limit from 20 July 2015 only.
        Plan plan = plan(Stage.PREPARING, Stage.APPLIED, LocalDate.of(2015, 7, 1), null, null);
        assertThat(plan.due()).isNull();
        assertThat(plan.notices()).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo(Notice.Code.NO_TASK);
            assertThat(n.term()).isEqualTo(Term.DECISION);
            assertThat(n.reason()).startsWith("no version of legal term 'decision-time-limit' is in force on 2015-07-01");
            assertThat(n.text()).startsWith("No task for decision-time-limit: no version of legal term 'decision-time-limit'");
        });
    }

    @Test
    void theRegistrationsDateIsTheApplicationDateThatChoosesTheDecisionTimeLimit() {
        // From 12 June 2026 art. 35(4) Regulation (EU) 2024/1348: six months (the regular track); an EU time limit the Atw
        // does not move, so Fri 1 January 2027 stays.
        Plan plan = plan(Stage.PREPARING, Stage.APPLIED, LocalDate.of(2026, 7, 1), null, null);
        assertThat(plan.due()).isEqualTo(new Due(Term.DECISION, LocalDate.of(2027, 1, 1)));
    }

    @Test
    void theAppealTermFollowsTheRejectionsTrack() {
        // Art. 69(1) Vw: four weeks otherwise.
        assertThat(plan(Stage.INTENDED_DECISION, Stage.REJECTED, ON, "other", APPLICATION).due())
                .isEqualTo(new Due(Term.APPEAL, LocalDate.of(2026, 3, 30)));
    }

    @Test
    void aPermitGrantedUnderThePactRunsFromTheDecision() {
        // Art. 44(2) Vw from 12 June 2026: from the announcement, three years; the application's date does not matter.
        assertThat(plan(Stage.GENERAL_PROCEDURE, Stage.GRANTED, LocalDate.of(2026, 8, 3), null, APPLICATION).due())
                .isEqualTo(new Due(Term.PERMIT, LocalDate.of(2029, 8, 3)));
        // Before it, from the application: without its date there is nothing to count from, and no guess.
        Plan withoutApplication = plan(Stage.GENERAL_PROCEDURE, Stage.GRANTED, ON, null, null);
        assertThat(withoutApplication.due()).isNull();
        assertThat(withoutApplication.notices()).isEmpty();
    }

    @Test
    void aStepWithoutADateStartsNothingButStillClosesWhatItAnswers() {
        Plan plan = plan(Stage.INTENDED_DECISION, Stage.REJECTED, null, "other", APPLICATION);
        assertThat(plan.due()).isNull();
        assertThat(plan.notices()).isEmpty();
        assertThat(plan.closes()).containsExactly(Term.DECISION, Term.RESPONSE);
    }

    @Test
    void theApiGivesEachNoticeAsTheEnglishSentenceItAlwaysGaveAndToStringNoDates() {
        assertThat(Notice.noResponseTerm().text()).isEqualTo("No response deadline: in the general procedure the response to an intended "
                + "decision is part of its six days, and the law from 12 June 2026 has no intended rejection with a response term; "
                + "procedure.yaml has a term for the extended procedure only.");
        Notice noTask = Notice.noTask(Term.APPEAL, "a reason on 2026-03-02");
        assertThat(noTask.text()).isEqualTo("No task for appeal-term: a reason on 2026-03-02");
        assertThat(noTask.toString()).doesNotContain("2026").contains("NO_TASK", "appeal-term");
        // CaseView's "notices" stay a list of strings in the API's JSON.
        assertThat(JsonMapper.builder().build().writeValueAsString(List.of(noTask))).isEqualTo("[\"No task for appeal-term: a reason on 2026-03-02\"]");
    }
}
