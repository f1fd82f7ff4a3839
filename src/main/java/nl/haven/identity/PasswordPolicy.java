package nl.haven.identity;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Staff passwords: at least 12 characters, not built on the organisation's name or slug or the user's e-mail address,
 * and not guessable — checked with zxcvbn, whose frequency lists of common passwords, names and words ship inside the
 * library as data (nothing is fetched). The personal words are also given to zxcvbn, so that a password made of them
 * and a few common words scores as weak.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    private static final int MAX_LENGTH = 200;
    /** Shorter parts (e.g. "nl" of a domain) are too common to refuse in a password; zxcvbn still weighs them. */
    private static final int MIN_PART = 4;
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
        String folded = fold(password);
        for (String word : personalWords) {
            String part = fold(word);
            if (part.length() >= MIN_PART && folded.contains(part)) {
                return "password.personal";
            }
        }
        if (ZXCVBN.measure(password, personalWords).getScore() < 3) {
            return "password.weak";
        }
        return null;
    }

    /** As {@link #problem(String, List)} with the words of this user and organisation ({@link #personalWords}). */
    public static @Nullable String problem(String password, String email, @Nullable String orgName, @Nullable String orgSlug) {
        return problem(password, personalWords(email, orgName, orgSlug));
    }

    /**
     * The words a password must not be built on: the e-mail address, its local part and domain and their parts
     * ({@code jan.de-vries@rainbow-refuge.nl} gives {@code jan}, {@code vries}, {@code rainbow}, {@code refuge} …), the
     * organisation's name and its words, and its slug and the slug's parts.
     */
    public static List<String> personalWords(String email, @Nullable String orgName, @Nullable String orgSlug) {
        Set<String> words = new LinkedHashSet<>();
        String address = email.strip().toLowerCase(Locale.ROOT);
        words.add(address);
        int at = address.indexOf('@');
        if (at >= 0) {
            words.add(address.substring(0, at));
            words.add(address.substring(at + 1));
        }
        addWithParts(words, address);
        if (orgName != null) {
            words.add(orgName.strip().toLowerCase(Locale.ROOT));
            addWithParts(words, orgName.toLowerCase(Locale.ROOT));
        }
        if (orgSlug != null) {
            words.add(orgSlug);
            addWithParts(words, orgSlug);
        }
        words.removeIf(String::isBlank);
        return new ArrayList<>(words);
    }

    private static void addWithParts(Set<String> words, String text) {
        for (String part : text.split("[^\\p{L}\\p{N}]+")) {
            if (!part.isBlank()) {
                words.add(part);
            }
        }
    }

    /** Letters and digits only, lower case: "Rainbow Refuge" and "rainbow-refuge" are the same word here. */
    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}
