package nl.haven.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.Stage;
import nl.haven.policy.Deadline;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.LegalTerms;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns the legal terms a procedure step starts into deadline tasks (procedure.yaml through {@link LegalTerms}, with
 * the Algemene termijnenwet applied), and closes the tasks a step answers. Where Haven's data has no rule for the
 * date (e.g. a response to an intended rejection on an application lodged after 12 June 2026, when the law no longer
 * has that step) it creates no task and says so: a guessed deadline would be worse than none. The case's application
 * date goes with every term, so that a version kept for older applications (procedure.yaml {@code applicationsBefore})
 * is chosen for them.
 */
@Component
public class DeadlinePlanner {
    public static final String DECISION = "decision-time-limit";
    public static final String RESPONSE = "response-to-intended-decision";
    public static final String APPEAL = "appeal-term";
    public static final String PERMIT = "permit-validity";

    /** The open deadlines a step answers: a decision ends the wait for it, an appeal uses the appeal term, … */
    private static final Map<Stage, List<String>> ANSWERS = Map.of(
            Stage.INTENDED_DECISION, List.of(DECISION),
            Stage.GRANTED, List.of(DECISION, RESPONSE, APPEAL),
            Stage.REJECTED, List.of(DECISION, RESPONSE),
            Stage.EXTENDED_PROCEDURE, List.of(RESPONSE),
            Stage.APPEAL, List.of(APPEAL),
            Stage.FURTHER_APPEAL, List.of(APPEAL));

    private final LegalTerms terms;
    private final CaseRecords records;

    DeadlinePlanner(PolicyEngine engine, CaseRecords records) {
        this.terms = LegalTerms.of(engine.dataSet());
        this.records = records;
    }

    public LegalTerms terms() {
        return terms;
    }

    /** The appeal tracks the law knows on the decision date. */
    public List<String> appealTracks(LocalDate decisionDate) {
        return terms.tracks(APPEAL, decisionDate);
    }

    /**
     * Records the step's deadlines as tasks; returns notices for terms that could not be computed.
     *
     * @param from the stage before the step (the response term runs only in the extended procedure)
     */
    public List<String> plan(UUID caseId, UUID org, Stage from, Stage to, @Nullable LocalDate date, @Nullable String track,
            @Nullable LocalDate applicationDate, @Nullable UUID assignee, Instant now) {
        for (String answered : ANSWERS.getOrDefault(to, List.of())) {
            records.closeDeadlines(caseId, org, answered, now);
        }
        List<String> notices = new ArrayList<>();
        switch (to) {
            case APPLIED -> task(caseId, org, DECISION, date, null, date, assignee, now, notices);
            case INTENDED_DECISION -> {
                if (from == Stage.EXTENDED_PROCEDURE) {
                    task(caseId, org, RESPONSE, date, null, applicationDate, assignee, now, notices);
                } else {
                    notices.add("No response deadline: in the general procedure the response to an intended decision is part of its "
                            + "six days, and the law from 12 June 2026 has no intended rejection with a response term; procedure.yaml has a "
                            + "term for the extended procedure only.");
                }
            }
            case REJECTED -> task(caseId, org, APPEAL, date, track, applicationDate, assignee, now, notices);
            case GRANTED -> {
                LocalDate permitEvent = permitEvent(date, applicationDate);
                if (permitEvent != null) {
                    task(caseId, org, PERMIT, permitEvent, null, applicationDate, assignee, now, notices);
                }
            }
            default -> { }
        }
        return notices;
    }

    /**
     * The event the permit's validity runs from: the decision date where the version in force on it says so (art. 44(2) Vw
     * from 12 June 2026: the day after the announcement), otherwise the application date (art. 44(2) Vw before).
     */
    private @Nullable LocalDate permitEvent(@Nullable LocalDate decisionDate, @Nullable LocalDate applicationDate) {
        if (decisionDate != null) {
            try {
                if (terms.version(PERMIT, decisionDate, applicationDate).runsFrom() == LegalTerm.RunsFrom.DECISION_ANNOUNCED) {
                    return decisionDate;
                }
            } catch (PolicyInputException e) {
                // no version on the decision date: fall back to the application date, as before
            }
        }
        return applicationDate;
    }

    private void task(UUID caseId, UUID org, String term, @Nullable LocalDate date, @Nullable String track, @Nullable LocalDate applicationDate,
            @Nullable UUID assignee, Instant now, List<String> notices) {
        if (date == null) {
            return;
        }
        try {
            Deadline deadline = terms.due(term, date, track, applicationDate);
            records.task(caseId, org, "DEADLINE", term, null, deadline.due(), assignee, now);
        } catch (PolicyInputException e) {
            notices.add("No task for " + term + ": " + e.getMessage());
        }
    }
}
