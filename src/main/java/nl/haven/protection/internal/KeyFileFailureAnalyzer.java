package nl.haven.protection.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up refused because of a key file: its name and what to do, no stack trace. */
public class KeyFileFailureAnalyzer extends AbstractFailureAnalyzer<KeyFileException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, KeyFileException cause) {
        return new FailureAnalysis("Haven refuses to start: " + cause.getMessage(),
                "Do what the line above says; docs/deploy.md, \"The key files\", says what each key file is and where its copies come from.", cause);
    }
}
