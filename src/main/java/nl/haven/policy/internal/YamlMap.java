package nl.haven.policy.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.haven.policy.Text;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import nl.haven.shared.Languages;

/**
 * A strict view of one YAML mapping: typed getters that report every problem as
 * {@code FILE:LINE: message} into a shared error list instead of throwing, so that a data set's
 * errors are all reported at once; and {@link #rejectUnknownKeys()} for keys nobody asked for.
 */
final class YamlMap {
    private final String file;
    private final MappingNode node;
    private final List<String> errors;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new TreeSet<>();

    private YamlMap(String file, MappingNode node, List<String> errors) {
        this.file = file;
        this.node = node;
        this.errors = errors;
        for (NodeTuple tuple : node.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (key == null) {
                error(tuple.getKeyNode(), "a key must be a plain name");
            } else if (entries.putIfAbsent(key, tuple) != null) {
                error(tuple.getKeyNode(), "duplicate key '" + key + "'");
            }
        }
    }

    /** The mapping at {@code node}, or null (with an error) when it is something else. */
    static @Nullable YamlMap of(String file, @Nullable Node node, List<String> errors, String what) {
        if (node instanceof MappingNode mapping) {
            return new YamlMap(file, mapping, errors);
        }
        errors.add(file + ":" + line(node) + ": " + what + " must be a mapping of keys to values");
        return null;
    }

    static int line(@Nullable Node node) {
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    String file() {
        return file;
    }

    int line() {
        return line(node);
    }

    String where() {
        return file + ":" + line();
    }

    void error(Node at, String message) {
        errors.add(file + ":" + line(at) + ": " + message);
    }

    void error(String message) {
        errors.add(where() + ": " + message);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    private @Nullable Node value(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** Line of a key's value, for messages about it. */
    int lineOf(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? line() : line(tuple.getValueNode());
    }

    /** Absent, or written as null / ~ / nothing (SnakeYAML resolves those to the null tag; "null" quoted is a string). */
    private static boolean isNull(@Nullable Node node) {
        return node == null || node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    @Nullable String optionalString(String key) {
        Node value = value(key);
        if (isNull(value)) {
            return null;
        }
        if (value instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        error(value, "'" + key + "' must be a single value");
        return null;
    }

    String string(String key) {
        String value = optionalString(key);
        if (value == null || value.isBlank()) {
            if (value == null) {
                error("missing '" + key + "'");
            } else {
                errors.add(file + ":" + lineOf(key) + ": '" + key + "' must not be empty");
            }
            return "";
        }
        return value;
    }

    /** A string that may be present but empty, e.g. an unknown URL. */
    String stringOrEmpty(String key) {
        Node value = value(key);
        if (value == null) {
            error("missing '" + key + "'");
            return "";
        }
        if (value instanceof ScalarNode scalar) {
            return isNull(scalar) ? "" : scalar.getValue();
        }
        error(value, "'" + key + "' must be a single value");
        return "";
    }

    @Nullable LocalDate optionalDate(String key) {
        Node value = value(key);
        if (isNull(value)) {
            return null;
        }
        if (value instanceof ScalarNode scalar) {
            try {
                return LocalDate.parse(scalar.getValue());
            } catch (DateTimeParseException e) {
                error(value, "'" + key + "' is '" + scalar.getValue() + "', not a date: expected YYYY-MM-DD");
                return null;
            }
        }
        error(value, "'" + key + "' must be a date YYYY-MM-DD");
        return null;
    }

    @Nullable LocalDate date(String key) {
        if (!has(key)) {
            read.add(key);
            error("missing '" + key + "'");
            return null;
        }
        LocalDate date = optionalDate(key);
        if (date == null && isNull(entries.get(key).getValueNode())) {
            errors.add(file + ":" + lineOf(key) + ": '" + key + "' must be a date YYYY-MM-DD, not empty");
        }
        return date;
    }

    /** A list of plain values; absent = empty. */
    List<String> strings(String key) {
        Node value = value(key);
        if (isNull(value)) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            error(value, "'" + key + "' must be a list, e.g. [a, b]");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                result.add(scalar.getValue());
            } else {
                error(item, "'" + key + "' must list plain values");
            }
        }
        return result;
    }

    /** A single mapping; null (with an error) when absent or not a mapping. */
    @Nullable YamlMap map(String key) {
        Node value = value(key);
        if (isNull(value)) {
            error("missing '" + key + "'");
            return null;
        }
        return of(file, value, errors, "'" + key + "'");
    }

    /** A whole number; null (with an error when {@code required} or malformed) when absent or not a number. */
    @Nullable Integer integer(String key, boolean required) {
        String text = has(key) ? optionalString(key) : null;
        read.add(key);
        if (text == null) {
            if (required) {
                error("missing '" + key + "': a whole number");
            }
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(file + ":" + lineOf(key) + ": '" + key + "' is '" + text + "', not a whole number");
            return null;
        }
    }

    /** A list of mappings; absent = empty. */
    List<YamlMap> maps(String key) {
        Node value = value(key);
        if (isNull(value)) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            error(value, "'" + key + "' must be a list of entries");
            return List.of();
        }
        List<YamlMap> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            YamlMap map = of(file, item, errors, "each entry of '" + key + "'");
            if (map != null) {
                result.add(map);
            }
        }
        return result;
    }

    /** A text by language; {@code en} and {@code nl} are required. */
    Text text(String key) {
        Node value = value(key);
        if (value == null) {
            error("missing '" + key + "' (a text with en and nl)");
            return new Text(Map.of());
        }
        YamlMap map = of(file, value, errors, "'" + key + "'");
        if (map == null) {
            return new Text(Map.of());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String language : map.entries.keySet()) {
            map.read.add(language);
            if (!PolicyVocabulary.LANGUAGES.contains(language)) {
                map.error(map.entries.get(language).getKeyNode(),
                        "unknown language '" + language + "' in '" + key + "': expected one of " + PolicyVocabulary.LANGUAGES);
                continue;
            }
            String text = map.optionalString(language);
            if (text == null || text.isBlank()) {
                errors.add(file + ":" + map.lineOf(language) + ": '" + key + "." + language + "' must not be empty");
            } else {
                texts.put(language, text.strip());
            }
        }
        for (String required : Languages.requiredDataTexts()) {
            if (!map.entries.containsKey(required)) {
                map.error("'" + key + "' has no '" + required + "' text");
            }
        }
        return new Text(texts);
    }

    <E extends Enum<E>> @Nullable E enumValue(String key, Class<E> type, @Nullable E fallback) {
        String value = has(key) ? optionalString(key) : null;
        read.add(key);
        if (value == null) {
            if (fallback == null) {
                error("missing '" + key + "': expected one of " + names(type));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(file + ":" + lineOf(key) + ": '" + key + "' is '" + value + "': expected one of " + names(type));
            return fallback;
        }
    }

    private static String names(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        return String.join(", ", names);
    }

    /** Reports every key that no getter asked for. */
    void rejectUnknownKeys() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                error(entry.getValue().getKeyNode(), "unknown key '" + entry.getKey() + "' (expected one of " + String.join(", ", read) + ")");
            }
        }
    }
}
