package nl.haven.policy;

import java.util.Map;
import java.util.TreeMap;
import nl.haven.policy.internal.DataSetReader;
import org.jspecify.annotations.Nullable;

/**
 * Where the data set Haven runs with comes from: its files and, optionally, a change file applied on top of them
 * ({@code HAVEN_POLICY_CHANGE}, the what-if's format, {@link PolicyChange}). Kept so that a later start can rebuild this
 * data set and compare the next one with it (the impact of a policy change on open cases).
 */
public record PolicySource(PolicyFiles files, @Nullable String changeName, @Nullable String changeText) {

    public PolicyDataSet load() {
        return changeName == null || changeText == null ? PolicyDataSet.load(files) : DataSetReader.read(files, changeName, changeText);
    }

    /** Every file by path; the change file, if any, under {@code change:NAME}. */
    public Map<String, String> asMap() {
        Map<String, String> all = new TreeMap<>(files.byPath());
        if (changeName != null && changeText != null) {
            all.put("change:" + changeName, changeText);
        }
        return all;
    }

    public static PolicySource fromMap(Map<String, String> all) {
        Map<String, String> files = new TreeMap<>();
        String name = null;
        String text = null;
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (e.getKey().startsWith("change:")) {
                name = e.getKey().substring("change:".length());
                text = e.getValue();
            } else {
                files.put(e.getKey(), e.getValue());
            }
        }
        return new PolicySource(PolicyFiles.of(files), name, text);
    }
}
