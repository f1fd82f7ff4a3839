package nl.haven.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The text of a data set's files by relative path ({@code countries/RU.yaml}), read from a
 * directory or from the data set shipped on the class path (listed in {@code policy/index.txt},
 * which the build writes).
 */
public record PolicyFiles(SortedMap<String, String> byPath) {

    public PolicyFiles {
        byPath = new TreeMap<>(byPath);
    }

    public static PolicyFiles of(Map<String, String> files) {
        return new PolicyFiles(new TreeMap<>(files));
    }

    public static PolicyFiles fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyInputException("dir", "the policy directory '" + dir + "' does not exist or is not a directory");
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                files.put(dir.relativize(path).toString().replace('\\', '/'), Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new PolicyInputException("dir", "the policy directory '" + dir + "' cannot be read: " + e.getClass().getSimpleName());
        }
        return new PolicyFiles(files);
    }

    public static PolicyFiles shipped() {
        ClassLoader loader = PolicyFiles.class.getClassLoader();
        SortedMap<String, String> files = new TreeMap<>();
        try (InputStream index = loader.getResourceAsStream("policy/index.txt")) {
            if (index == null) {
                throw new IllegalStateException("policy/index.txt is missing from the class path: the build writes it");
            }
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String path = line.strip();
                if (path.isEmpty()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream("policy/" + path)) {
                    if (in == null) {
                        throw new IllegalStateException("policy/index.txt lists " + path + ", which is not on the class path");
                    }
                    files.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PolicyFiles(files);
    }
}
