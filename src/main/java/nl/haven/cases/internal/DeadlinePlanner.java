package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.Stage;
import nl.haven.cases.Stage.Term;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.LegalTerms;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns the legal terms a procedure step starts into deadline tasks (procedure.yaml through {@link LegalTerms}, with
 * the Algemene termijnenwet applied), and closes the tasks a step answers. Which terms a stage starts and answers is on
 * its row in {@link Stage}; how each term's event is found is the switch in {@link #plan(LegalTerms, Stage, Stage,
 * LocalDate, String, LocalDate)}. Where Haven's data has no rule for the date (e.g. a response to an intended rejection
 * on an application lodged after 12 June 2026, when the law no longer has that step) it creates no task and says so
 * with a {@link Notice}: a guessed deadline would be worse than none. The case's application date goes with every
 * term, so that a version kept for older applications (procedure.yaml {@code applicationsBefore}) is chosen for them.
 */
@Component
public class DeadlinePlanner {
    private final LegalTerms terms;
    private final CaseRecordStore records;

    DeadlinePlanner(PolicyEngine engine, CaseRecordStore records) {
        this.terms = LegalTerms.of(engine.dataSet());
        this.records = records;
    }

    public LegalTerms terms() {
        return terms;
    }

    /** The appeal tracks the law knows on the decision date. */
    public List<String> appealTracks(LocalDate decisionDate) {
        return terms.tracks(Term.APPEAL.id(), decisionDate);
    }

    /** What a step does to the case's deadlines: the terms whose tasks it closes, the task it adds, what it cannot do. */
    record Plan(List<Term> closes, @Nullable Due due, List<Notice> notices) {
    }

    /** A deadline task: the legal term and the day it is due. */
    record Due(Term term, LocalDate on) {
    }

    /**
     * Records the step's deadlines as tasks (after closing those it answers); returns notices for terms that could not
     * be computed.
     *
     * @param from the stage before the step (the response term runs only in the extended procedure)
     */
    public List<Notice> plan(UUID caseId, UUID org, Stage from, Stage to, @Nullable LocalDate date, @Nullable String track,
            @Nullable LocalDate applicationDate, @Nullable UUID assignee, Instant now) {
        Plan plan = plan(terms, from, to, date, track, applicationDate);
        for (Term answered : plan.closes()) {
            records.closeDeadlines(caseId, org, answered.id(), now);
        }
        Due due = plan.due();
        if (due != null) {
            records.task(caseId, org, "DEADLINE", due.term().id(), null, due.on(), assignee, now);
        }
        return plan.notices();
    }

    /**
     * The plan of a step from {@code from} to {@code to} on {@code date}, without touching a case: the rules per term,
     * for the terms of a data set.
     */
    static Plan plan(LegalTerms terms, Stage from, Stage to, @Nullable LocalDate date, @Nullable String track,
            @Nullable LocalDate applicationDate) {
        Term started = to.starts();
        if (started == null) {
            return new Plan(to.answers(), null, List.of());
        }
        return switch (started) {
            // The registration's date is the application date: it chooses the decision time limit's version.
            case DECISION -> due(terms, to, started, date, null, date);
            // procedure.yaml has a response term for an intended rejection in the extended procedure only.
            case RESPONSE -> from == Stage.EXTENDED_PROCEDURE ? due(terms, to, started, date, null, applicationDate)
                    : new Plan(to.answers(), null, List.of(Notice.noResponseTerm()));
            // The appeal term depends on the rejection's track.
            case APPEAL -> due(terms, to, started, date, track, applicationDate);
            case PERMIT -> due(terms, to, started, permitEvent(terms, date, applicationDate), null, applicationDate);
        };
    }

    /** The task for {@code term} from {@code event}, or a notice why there is none; no date, no task. */
    private static Plan due(LegalTerms terms, Stage to, Term term, @Nullable LocalDate event, @Nullable String track,
            @Nullable LocalDate applicationDate) {
        if (event == null) {
            return new Plan(to.answers(), null, List.of());
        }
        try {
            return new Plan(to.answers(), new Due(term, terms.due(term.id(), event, track, applicationDate).due()), List.of());
        } catch (PolicyInputException e) {
            return new Plan(to.answers(), null, List.of(Notice.noTask(term, String.valueOf(e.getMessage()))));
        }
    }

    /**
     * The event the permit's validity runs from: the decision date where the version in force on it says so (art. 44(2) Vw
     * from 12 June 2026: the day after the announcement), otherwise the application date (art. 44(2) Vw before).
     */
    private static @Nullable LocalDate permitEvent(LegalTerms terms, @Nullable LocalDate decisionDate, @Nullable LocalDate applicationDate) {
        if (decisionDate != null) {
            try {
                if (terms.version(Term.PERMIT.id(), decisionDate, applicationDate).runsFrom() == LegalTerm.RunsFrom.DECISION_ANNOUNCED) {
                    return decisionDate;
                }
            } catch (PolicyInputException e) {
                // no version on the decision date: fall back to the application date, as before
            }
        }
        return applicationDate;
    }
}
