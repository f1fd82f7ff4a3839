package nl.haven.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test whose exchanges with a real server the OpenAPI document does not describe (issue #21, point 2): the
 * server-side check of {@link ApiDocumentValidation} collects what it found, and this extension, registered for every
 * JUnit test ({@code META-INF/services}, {@code junit-platform.properties}), reports it after each test and each class.
 */
public final class ApiExchangeCheck implements AfterEachCallback, AfterAllCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        report();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        report();
    }

    private static void report() {
        List<String> found = new ArrayList<>();
        for (String failure = ApiDocumentValidation.FAILURES.poll(); failure != null; failure = ApiDocumentValidation.FAILURES.poll()) {
            found.add(failure);
        }
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " exchange(s) with the server not as /v3/api-docs describes them:\n" + String.join("\n", found));
        }
    }
}
