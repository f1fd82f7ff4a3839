package nl.haven.identity;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Staff passwords: at least 12 characters, and not guessable — checked with zxcvbn, whose frequency
 * lists of common passwords, names and words ship inside the library as data (nothing is fetched).
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    private static final int MAX_LENGTH = 200;
    private static final Zxcvbn ZXCVBN = new Zxcvbn();

    private PasswordPolicy() {
    }

    /** The message key of what is wrong with the password, or null when it is acceptable. */
    public static @Nullable String problem(String password, List<String> personalWords) {
        if (password.length() < MIN_LENGTH) {
            return "password.short";
        }
        if (password.length() > MAX_LENGTH) {
            return "password.long";
        }
        if (ZXCVBN.measure(password, personalWords).getScore() < 3) {
            return "password.weak";
        }
        return null;
    }
}
