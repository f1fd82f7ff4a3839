package nl.haven.protection.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up refused because of a key file: its name and what to do, no stack trace. */
public class KeyFileFailureAnalyzer extends AbstractFailureAnalyzer<KeyFileException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, KeyFileException cause) {
        return new FailureAnalysis("Haven refuses to start: " + cause.getMessage(),
                "Fix the key file's permissions (HAVEN_MASTER_KEY_FILE), or point HAVEN_MASTER_KEY_FILE at the right key.", cause);
    }
}
