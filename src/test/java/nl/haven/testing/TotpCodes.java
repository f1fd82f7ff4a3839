package nl.haven.testing;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.util.HashMap;
import java.util.Map;

/**
 * TOTP codes as an authenticator app computes them. Haven accepts each time step once per user (a code cannot be
 * replayed), so tests that enrol a user and log them in, perhaps several times, take each code from {@link #fresh}: the
 * code of a step not handed out before for this secret, as a person would wait for the next code in the app.
 */
public final class TotpCodes {
    private TotpCodes() {
    }

    /** The code of the time step {@code offset} steps from now. */
    public static String code(String secret, int offset) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, System.currentTimeMillis() / 1000 / 30 + offset);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<String, Long> LAST = new HashMap<>();

    /**
     * The code of the previous, current or next time step, the earliest not handed out before for this secret (Haven
     * accepts one step either side); when all were, waits for the next step, as a person waits for the app's next code.
     */
    public static synchronized String fresh(String secret) {
        while (true) {
            long millis = System.currentTimeMillis();
            long now = millis / 1000 / 30;
            // Haven accepts the step before now too (±1): use it first while the current step has at least 10 s left,
            // so that it is still within the window when the server checks it — three log-ins per 30 s, not two.
            long earliest = millis % 30_000 < 20_000 ? now - 1 : now;
            long step = Math.max(earliest, LAST.getOrDefault(secret, Long.MIN_VALUE) + 1);
            if (step <= now + 1) {
                LAST.put(secret, step);
                return code(secret, (int) (step - now));
            }
            try {
                Thread.sleep(30_000 - System.currentTimeMillis() % 30_000 + 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
