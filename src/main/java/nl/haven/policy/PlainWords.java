package nl.haven.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.policy.AssessmentDocument.StatementView;
import java.util.function.UnaryOperator;

/**
 * The engine's reasoning and warnings as the public explorer shows them (issue #20 point 6): the same sentences as
 * the API, the CLI and decision support give, with the codes in them said in the reader's words — a provision's id
 * becomes its kind ({@code kind.*}), a statement's id the number of its source, an evidentiary standard or kind its
 * label ({@code standard.*}, {@code kind.*}), a group, fact or region its name, "IR (Iran)" the country's name. The
 * ids stay in the page's technical details; the API keeps them in the sentences for the clients that need them. The
 * route questionnaire's results use it for the asylum route's step-by-step reasoning. The labels come from the
 * caller's message bundle ({@code messages}: a key to its text in the reader's language), so the core needs no Spring.
 */
public final class PlainWords {
    private static final Pattern ID = Pattern.compile("(?<![\\p{L}\\p{N}_-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\\p{L}\\p{N}_-])");
    private static final Pattern KIND = Pattern.compile("\\([A-Z][A-Z_]{2,}\\)");
    private static final Pattern CODE = Pattern.compile("(?<![\\p{L}\\p{N}_])[A-Z][A-Z_]{2,}(?![\\p{L}\\p{N}_])");

    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Map<String, String> kinds = new HashMap<>();
    private final Map<String, String> groups = new HashMap<>();
    private final Map<String, String> literal = new HashMap<>();

    private PlainWords() {
    }

    public static PlainWords of(AssessmentDocument result, PolicyDataSet data, UnaryOperator<String> messages) {
        PlainWords words = new PlainWords();
        String language = result.language();
        data.facts().values().forEach(f -> words.ids.put(f.id(), f.label().in(language)));
        for (StatementView st : result.listStatements()) {
            words.ids.put(st.id(), st.citations().isEmpty() ? messages.apply("kind.NOTE") : "[" + st.citations().get(0) + "]");
        }
        for (String id : ids(result)) {
            data.provision(id).ifPresent(p -> words.ids.put(id, messages.apply("kind." + p.kind())));
        }
        for (EvidentiaryStandard standard : EvidentiaryStandard.values()) {
            words.codes.put(standard.name(), messages.apply("standard." + standard.name()));
        }
        for (ProvisionKind kind : ProvisionKind.values()) {
            words.kinds.put("(" + kind.name() + ")", "(" + messages.apply("kind." + kind.name()) + ")");
            words.codes.putIfAbsent(kind.name(), messages.apply("kind." + kind.name()));
        }
        for (Group group : Group.values()) {
            words.groups.put(group.code(), messages.apply("group." + group.code()));
        }
        Country country = data.countries().get(result.nationality());
        String name = Countries.name(country, result.nationality(), language);
        words.literal.put(result.nationality() + " (" + name + ")", name);
        if (country != null) {
            country.regions().forEach(r -> words.literal.put(r.code(), r.name().in(language)));
        }
        return words;
    }

    private static List<String> ids(AssessmentDocument result) {
        List<String> ids = new ArrayList<>(result.provisions().stream().map(AssessmentDocument.ProvisionView::id).toList());
        result.notes().forEach(n -> ids.add(n.code()));
        String listing = result.safeCountryOfOrigin().listing();
        if (listing != null) {
            ids.add(listing);
        }
        return ids;
    }

    /** The reasoning, each line in plain words; the first line (the question) also names the groups. */
    public List<String> explanation(List<String> lines) {
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = say(lines.get(i));
            plain.add(i == 0 ? replace(line, Pattern.compile("(?<![\\p{L}-])(" + String.join("|", groups.keySet()) + ")(?![\\p{L}-])"), groups) : line);
        }
        return plain;
    }

    public List<String> warnings(List<String> lines) {
        return lines.stream().map(this::say).toList();
    }

    public String say(String line) {
        String text = line;
        for (Map.Entry<String, String> e : literal.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        // A code in brackets after a provision is its kind; elsewhere an upper-case code is a standard (or a kind).
        text = replace(replace(replace(text, KIND, kinds), ID, ids), CODE, codes);
        // "set by provision Group persecution (Group persecution)": the id and the kind said the same once replaced.
        return text.replaceAll("([^()]{2,}?) \\(\\1\\)", "$1");
    }

    /**
     * Every data-set id in the text (lower-case words joined by '-') said as {@code words} says it, the others kept: the
     * route results use it for the figure and statement ids of a route's warnings.
     */
    public static String sayIds(String text, Map<String, String> words) {
        return replace(text, ID, words);
    }

    private static String replace(String text, Pattern pattern, Map<String, String> words) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(words.getOrDefault(m.group(), m.group())));
        }
        return m.appendTail(out).toString();
    }
}
