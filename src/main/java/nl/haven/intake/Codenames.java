package nl.haven.intake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.DecimalFormatSymbols;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import java.util.Set;

/**
 * Codenames (SECURITY.md S7), made by the server, never chosen by a person, shown once and never stored (only its keyed
 * index and Argon2id hash are). In the person's own script (issue #20 point 3): a language with a word list in
 * {@value #WORD_LISTS} gets words drawn with {@link SecureRandom} from it, as many as make at least {@value #MIN_BITS}
 * bits — English: 7 of the EFF's long list of 7,776 words (CC BY 3.0), log2(7776^7) ≈ 90.5 bits; Spanish and French: 8
 * of the BIP-0039 list of 2,048 words (ISC, from the npm package bip39), log2(2048^8) = 88 bits, typable with or
 * without accents. Every other language gets {@value #DIGITS} digits in groups of {@value #GROUP} (as GlobaLeaks does,
 * but longer): log2(10^25) ≈ 83 bits, which every keyboard can type. {@link #normalise} reads every form, digits in any
 * script (Arabic-Indic, Persian, …) and words without their accents included, so every codename ever issued keeps
 * working.
 */
@Component
class Codenames {
    /** Words in an English codename (7,776 words a list). */
    static final int WORDS = 7;
    static final int LIST_SIZE = 7776;
    /** The sizes a word list may have: the EFF's long list and BIP-0039's. */
    static final Set<Integer> LIST_SIZES = Set.of(7776, 2048);
    static final int MIN_BITS = 80;
    static final String WORD_LIST = "/intake/eff_large_wordlist.txt";
    static final String WORD_LISTS = "/intake/codename-words.properties";
    static final int DIGITS = 25;
    static final int GROUP = 5;
    /** Longer input is not a codename: refused before any hashing (max word length 9 × 7 words + spaces, generously). */
    static final int MAX_INPUT = 200;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,.;:_/|]+");

    /** Accents and other combining marks of the Latin script, dropped by {@link #normalise}. */
    private static final Pattern COMBINING = Pattern.compile("(?<=\\p{IsLatin})\\p{M}+");
    private static final Pattern DIGITS_ONLY = Pattern.compile("[\\p{Nd}\\s,.;:_/|\\-]+");

    private final List<String> words;
    /** The word list of each language that has one. */
    private final Map<String, List<String>> lists;
    private final SecureRandom random = new SecureRandom();

    Codenames() {
        this.words = load();
        this.lists = lists();
    }

    static List<String> load() {
        return load(WORD_LIST);
    }

    private static Map<String, List<String>> lists() {
        Properties names = new Properties();
        try (InputStream in = Codenames.class.getResourceAsStream(WORD_LISTS)) {
            if (in == null) {
                throw new IllegalStateException("the codename word lists " + WORD_LISTS + " are missing from the class path");
            }
            names.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the codename word lists cannot be read", e);
        }
        Map<String, List<String>> lists = new HashMap<>();
        for (String language : names.stringPropertyNames()) {
            String file = "/intake/" + names.getProperty(language).strip();
            lists.put(language, file.equals(WORD_LIST) ? load() : load(file));
        }
        return Map.copyOf(lists);
    }

    static List<String> load(String list) {
        List<String> words = new ArrayList<>(LIST_SIZE);
        try (InputStream in = Codenames.class.getResourceAsStream(list)) {
            if (in == null) {
                throw new IllegalStateException("the codename word list " + list + " is missing from the class path");
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
        // Distinct also without accents, since a person may type them without (normalise drops them).
        if (!LIST_SIZES.contains(words.size()) || words.stream().map(Codenames::normalise).distinct().count() != words.size()) {
            throw new IllegalStateException("the codename word list " + list + " must have " + LIST_SIZES
                    + " words, distinct without their accents; it has " + words.size());
        }
        return List.copyOf(words);
    }

    List<String> words() {
        return words;
    }

    /** Whether a person writing this language gets words (else digits). */
    boolean hasWords(String language) {
        return lists.containsKey(language);
    }

    /** A new codename of English words: {@value #WORDS} words separated by single spaces. */
    String generate() {
        return words(words);
    }

    /** A new codename for a person writing this language: words of its list, else digit groups. */
    String generate(String language) {
        List<String> list = lists.get(language);
        return list == null ? digits() : words(list);
    }

    /** How many words of a list of this size make at least {@value #MIN_BITS} bits: 7 of 7,776, 8 of 2,048. */
    static int wordsFor(int listSize) {
        return (int) Math.ceil(MIN_BITS / (Math.log(listSize) / Math.log(2)));
    }

    private String words(List<String> list) {
        StringBuilder codename = new StringBuilder();
        int count = wordsFor(list.size());
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                codename.append(' ');
            }
            codename.append(list.get(random.nextInt(list.size())));
        }
        return codename.toString();
    }

    /** {@value #DIGITS} random decimal digits in groups of {@value #GROUP} separated by single spaces. */
    String digits() {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < DIGITS; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return grouped(digits);
    }

    private static String grouped(CharSequence digits) {
        StringBuilder codename = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                codename.append(' ');
            }
            codename.append(digits.charAt(i));
        }
        return codename.toString();
    }

    /**
     * A digit codename written with the digits of a locale's own numbering system (Arabic-Indic for Arabic, Persian
     * digits for Persian), or null where that is the ASCII digits or the codename is words.
     */
    static @Nullable String nativeDigits(String codename, Locale locale) {
        char zero = DecimalFormatSymbols.getInstance(locale).getZeroDigit();
        if (zero == '0' || !DIGITS_ONLY.matcher(codename).matches()) {
            return null;
        }
        StringBuilder shown = new StringBuilder(codename.length());
        codename.chars().forEach(c -> shown.append(c >= '0' && c <= '9' ? (char) (zero + (c - '0')) : (char) c));
        return shown.toString();
    }

    /**
     * What a person typed, as the codename it would be: Unicode-normalised, lower case, without accents (a Spanish or
     * French word may be typed on a keyboard without them: "ábaco" is "abaco"), any run of spaces or punctuation between
     * words as one space. Hyphens stay (some words have one, e.g. "t-shirt"). Digits alone (in any script, with any
     * spaces, hyphens or punctuation between them) become ASCII digits in groups of {@value #GROUP}.
     */
    static String normalise(String typed) {
        String decomposed = Normalizer.normalize(Normalizer.normalize(typed, Normalizer.Form.NFKC), Normalizer.Form.NFD);
        String text = Normalizer.normalize(COMBINING.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (DIGITS_ONLY.matcher(text).matches() && text.codePoints().anyMatch(Character::isDigit)) {
            StringBuilder digits = new StringBuilder();
            text.codePoints().filter(Character::isDigit).forEach(c -> digits.append((char) ('0' + Character.digit(c, 10))));
            return grouped(digits);
        }
        return SEPARATORS.matcher(text).replaceAll(" ").strip();
    }
}
