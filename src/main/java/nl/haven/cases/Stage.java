package nl.haven.cases;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where the person is in the Dutch asylum procedure (POLICY-DATA.md "Procedure") or in a regular-route application.
 * {@link #NONE} until the organisation has accepted the case and started preparing.
 * <p>
 * One row per stage says everything about it except where it may go next ({@code cases.internal.CaseWorkflow}'s table) and its texts
 * ({@code cases.stage.*}, {@code statistics.stage.*} and its event's {@code cases.event.*} in the message bundles).
 * Adding a stage: docs/change-a-case-stage.md; the compiler and {@code StageTests} name every place that is missing.
 */
public enum Stage {
    // (route, the date its step asks for, its timeline event, the deadlines it answers, the term it starts, final decision,
    //  procedure.yaml stages)
    NONE(Route.UNDECIDED, StepDate.NONE, null, List.of(), null, false, List.of()),
    PREPARING(Route.UNDECIDED, StepDate.NONE, "case.preparation-started", List.of(), null, false, List.of()),
    /** The asylum application is registered by the IND (the date starts the decision time limit). */
    APPLIED(Route.ASYLUM, StepDate.APPLICATION, "case.applied", List.of(), Term.DECISION, false, List.of("stage-registration")),
    REST_AND_PREPARATION(Route.ASYLUM, StepDate.NONE, "case.rest-period-started", List.of(), null, false,
            List.of("stage-rest-and-preparation")),
    GENERAL_PROCEDURE(Route.ASYLUM, StepDate.NONE, "case.general-procedure-started", List.of(), null, false,
            List.of("stage-general-procedure")),
    EXTENDED_PROCEDURE(Route.ASYLUM, StepDate.NONE, "case.extended-procedure-started", List.of(Term.RESPONSE), null, false,
            List.of("stage-extended-procedure")),
    /** The response term runs only when the intended rejection comes in the extended procedure (see DeadlinePlanner). */
    INTENDED_DECISION(Route.ASYLUM, StepDate.EVENT, "case.intended-decision-received", List.of(Term.DECISION), Term.RESPONSE, false,
            List.of()),
    GRANTED(Route.ASYLUM, StepDate.EVENT, "case.granted", List.of(Term.DECISION, Term.RESPONSE, Term.APPEAL), Term.PERMIT, true,
            List.of("stage-decision", "stage-pact-decision")),
    /** The step needs the rejection's track: the appeal term depends on it. */
    REJECTED(Route.ASYLUM, StepDate.EVENT, "case.rejected", List.of(Term.DECISION, Term.RESPONSE), Term.APPEAL, false,
            List.of("stage-decision", "stage-pact-decision")),
    APPEAL(Route.ASYLUM, StepDate.EVENT, "case.appealed", List.of(Term.APPEAL), null, false, List.of("stage-appeal", "stage-pact-appeal")),
    FURTHER_APPEAL(Route.ASYLUM, StepDate.EVENT, "case.further-appealed", List.of(Term.APPEAL), null, false,
            List.of("stage-further-appeal")),
    REGULAR_APPLIED(Route.REGULAR, StepDate.APPLICATION, "case.regular-route-applied", List.of(), null, false, List.of()),
    REGULAR_GRANTED(Route.REGULAR, StepDate.EVENT, "case.regular-route-granted", List.of(), null, true, List.of()),
    REGULAR_REFUSED(Route.REGULAR, StepDate.EVENT, "case.regular-route-refused", List.of(), null, false, List.of());

    /** Which way the case is going: the statistics' {@code route} dimension (in its display order). */
    public enum Route {
        ASYLUM,
        REGULAR,
        /** No stage yet, or preparing: asylum or a regular route is not decided. */
        UNDECIDED;

        /** The code the statistics publish, e.g. {@code asylum}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The date a step to the stage asks for, and what it means. */
    public enum StepDate {
        /** The step asks for no date. */
        NONE,
        /** The day it happened (a decision, a notice of appeal …). */
        EVENT,
        /** The day it happened, which is also the case's application date (it chooses the terms' versions). */
        APPLICATION
    }

    /** A legal term of procedure.yaml that a stage's step starts or answers; {@link #id()} is its id there. */
    public enum Term {
        DECISION("decision-time-limit"),
        RESPONSE("response-to-intended-decision"),
        APPEAL("appeal-term"),
        PERMIT("permit-validity");

        private final String id;

        Term(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final Route route;
    private final StepDate date;
    private final @Nullable String eventType;
    private final List<Term> answers;
    private final @Nullable Term starts;
    private final boolean finalDecision;
    private final List<String> procedureStages;

    Stage(Route route, StepDate date, @Nullable String eventType, List<Term> answers, @Nullable Term starts, boolean finalDecision,
            List<String> procedureStages) {
        this.route = route;
        this.date = date;
        this.eventType = eventType;
        this.answers = answers;
        this.starts = starts;
        this.finalDecision = finalDecision;
        this.procedureStages = procedureStages;
    }

    /** Asylum, a regular route, or not decided yet. */
    public Route route() {
        return route;
    }

    /** Whether a step to this stage needs the date it happened on (forms ask for it only then). */
    public boolean needsDate() {
        return date != StepDate.NONE;
    }

    /** Whether the step's date is the case's application date (an application was registered or made). */
    public boolean datesTheApplication() {
        return date == StepDate.APPLICATION;
    }

    /** Whether a step to this stage needs a track: a rejection, whose appeal term depends on it. */
    public boolean needsTrack() {
        return starts == Term.APPEAL;
    }

    /**
     * The past-tense event a step to this stage records on the timeline, e.g. {@code case.applied}.
     *
     * @throws IllegalStateException for {@link #NONE}, which no step goes to
     */
    public String eventType() {
        if (eventType == null) {
            throw new IllegalStateException("not a transition target: " + this);
        }
        return eventType;
    }

    /** The open deadlines a step to this stage answers: their tasks are done (a decision ends the wait for it, …). */
    public List<Term> answers() {
        return answers;
    }

    /** The legal term a step to this stage starts, if any (DeadlinePlanner says from which date, and when not). */
    public @Nullable Term starts() {
        return starts;
    }

    /** A final decision: the case is no longer open (statistics, policy impact). Such a stage has no next stage. */
    public boolean isFinal() {
        return finalDecision;
    }

    /**
     * The ids of procedure.yaml's {@code stages} that describe this stage in law (before and from 12 June 2026); empty
     * for Haven's own stages (preparing, the regular route) and for steps inside a procedure stage (an intended
     * decision).
     */
    public List<String> procedureStages() {
        return procedureStages;
    }
}
