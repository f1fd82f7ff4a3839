package nl.haven.policy;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Data sets for tests: the paired valid and invalid fixtures, and small variations of them. */
final class PolicyFixtures {
    static final Path ROOT = Path.of("src/test/resources/policy-fixtures");

    private PolicyFixtures() {
    }

    static PolicyFiles valid() {
        return PolicyFiles.fromDirectory(ROOT.resolve("valid"));
    }

    static PolicyFiles invalid() {
        return PolicyFiles.fromDirectory(ROOT.resolve("invalid"));
    }

    /** The valid fixture with one file replaced (or added). */
    static PolicyFiles validWith(String path, String content) {
        Map<String, String> files = new TreeMap<>(valid().byPath());
        files.put(path, content);
        return PolicyFiles.of(files);
    }
}
