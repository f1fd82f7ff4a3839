package nl.haven.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Codenames (SECURITY.md S7): {@value #WORDS} words drawn with {@link SecureRandom} from the EFF's long word list of
 * 7,776 words (CC BY 3.0, {@code intake/eff_large_wordlist.txt}): log2(7776^7) ≈ 90.5 bits. Made by the server, never
 * chosen by a person, shown once and never stored (only its keyed index and Argon2id hash are).
 */
@Component
class Codenames {
    static final int WORDS = 7;
    static final int LIST_SIZE = 7776;
    static final String WORD_LIST = "/intake/eff_large_wordlist.txt";
    /** Longer input is not a codename: refused before any hashing (max word length 9 × 7 words + spaces, generously). */
    static final int MAX_INPUT = 200;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,.;:_/|]+");

    private final List<String> words;
    private final SecureRandom random = new SecureRandom();

    Codenames() {
        this.words = load();
    }

    static List<String> load() {
        List<String> words = new ArrayList<>(LIST_SIZE);
        try (InputStream in = Codenames.class.getResourceAsStream(WORD_LIST)) {
            if (in == null) {
                throw new IllegalStateException("the codename word list " + WORD_LIST + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (!line.isBlank()) {
                    String[] parts = line.strip().split("\\s+");
                    words.add(parts[parts.length - 1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the codename word list cannot be read", e);
        }
        if (words.size() != LIST_SIZE || new HashSet<>(words).size() != LIST_SIZE) {
            throw new IllegalStateException("the codename word list must have " + LIST_SIZE + " distinct words, it has " + words.size());
        }
        return List.copyOf(words);
    }

    List<String> words() {
        return words;
    }

    /** A new codename: {@value #WORDS} words separated by single spaces. */
    String generate() {
        StringBuilder codename = new StringBuilder();
        for (int i = 0; i < WORDS; i++) {
            if (i > 0) {
                codename.append(' ');
            }
            codename.append(words.get(random.nextInt(words.size())));
        }
        return codename.toString();
    }

    /**
     * What a person typed, as the codename it would be: Unicode-normalised, lower case, any run of spaces or
     * punctuation between words as one space. Hyphens stay (some words have one, e.g. "t-shirt").
     */
    static String normalise(String typed) {
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SEPARATORS.matcher(text).replaceAll(" ").strip();
    }
}
