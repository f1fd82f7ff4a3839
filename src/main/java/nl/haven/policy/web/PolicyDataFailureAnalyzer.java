package nl.haven.policy.web;

import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyInputException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A broken data set stops start-up with the loader's {@code FILE:LINE} messages, not a stack trace. */
public class PolicyDataFailureAnalyzer extends AbstractFailureAnalyzer<PolicyDataException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, PolicyDataException cause) {
        return new FailureAnalysis("The policy data set has " + cause.errors().size() + " error(s):\n  "
                + String.join("\n  ", cause.errors()),
                "Correct the files named above (HAVEN_POLICY_DIR), check them with './haven policy check --dir DIR', and start again.", cause);
    }

    /** An unreadable HAVEN_POLICY_DIR. */
    public static class UnreadableDirectory extends AbstractFailureAnalyzer<PolicyInputException> {
        @Override
        protected FailureAnalysis analyze(Throwable root, PolicyInputException cause) {
            return new FailureAnalysis("HAVEN_POLICY_DIR: " + cause.getMessage(), "Point HAVEN_POLICY_DIR at a policy data set directory, or unset it.",
                    cause);
        }
    }
}
