package nl.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module graph of ARCHITECTURE.md: no cycles, no reach into another module's internals, only
 * declared dependencies. Also writes the module diagrams to {@code docs/modules}.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(HavenApplication.class);

    /** Where the committed diagrams and canvases live. */
    static final Path DOCS = Path.of("docs", "modules");

    /**
     * The lines whose order the Documenter does not fix (it follows hash-set iteration over modules and dependencies):
     * a diagram's elements and relations, a canvas's list items.
     */
    private static final Pattern UNORDERED = Pattern.compile("\\s*(Rel|Component|Container)\\(.*|\\|?\\* .*");

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void everyModuleOfTheArchitectureExists() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("policy", "identity", "web", "cli", "shared");
    }

    /**
     * Generates into {@code target/} and copies to {@code docs/modules} with the unordered lines sorted, so that
     * running the tests again leaves the committed files as they are unless the module graph changed (issue 18,
     * point 7).
     */
    @Test
    void writesModuleDocumentation() throws Exception {
        Path generated = Path.of("target", "modulith-docs");
        deleteDocumentation(generated);
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        List<Path> written = documentation(generated);
        Files.createDirectories(DOCS);
        for (Path file : written) {
            String stable = stable(Files.readString(file, StandardCharsets.UTF_8));
            Path target = DOCS.resolve(file.getFileName().toString());
            if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(stable)) {
                Files.writeString(target, stable, StandardCharsets.UTF_8);
            }
        }
        // A module that no longer exists leaves no diagram behind.
        for (Path old : documentation(DOCS)) {
            if (written.stream().noneMatch(file -> file.getFileName().equals(old.getFileName()))) {
                Files.delete(old);
            }
        }
        assertThat(DOCS.resolve("components.puml")).exists();
        assertThat(Files.readString(DOCS.resolve("components.puml"))).contains("identity");
    }

    private static List<Path> documentation(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".puml") || f.toString().endsWith(".adoc")).sorted().toList();
        }
    }

    private static void deleteDocumentation(Path folder) throws IOException {
        for (Path file : documentation(folder)) {
            Files.delete(file);
        }
    }

    /** The same diagram or canvas with its relations, elements or list items in another order gives the same text. */
    @Test
    void theWrittenDocumentationDoesNotDependOnTheGeneratorsOrder() {
        String diagram = String.join("\n", "System_Boundary(\"b\", \"b\") {", "  Component(a.cases, \"cases\")",
                "  Component(a.audit, \"audit\")", "  Component(a.web, \"web\")", "}", "",
                "Rel(a.cases, a.audit, \"uses\")", "Rel(a.web, a.shared, \"depends on\")", "Rel(a.cases, a.shared, \"depends on\")",
                "Rel(a.audit, a.shared, \"uses\")", "", "SHOW_LEGEND(true)", "");
        String canvas = String.join("\n", "|Bean references", "|* `n.h.a.AuditLog` (in audit)", "* `n.h.p.PolicyEngine` (in policy)",
                "* `n.h.i.CurrentStaff` (in identity)", "|Events listened to", "|* `n.h.i.UserDeactivated` ", "|===", "");
        for (String text : List.of(diagram, canvas)) {
            for (long seed = 0; seed < 5; seed++) {
                Random random = new Random(seed);
                String shuffled = reorderRuns(text, run -> Collections.shuffle(run, random));
                assertThat(stable(shuffled)).isEqualTo(stable(text));
            }
            assertThat(stable(text).lines().map(l -> l.replaceFirst("^\\|\\* ", "* ")).sorted())
                    .containsExactlyElementsOf(text.lines().map(l -> l.replaceFirst("^\\|\\* ", "* ")).sorted().toList());
        }
        assertThat(stable(diagram)).contains("  Component(a.audit, \"audit\")\n  Component(a.cases, \"cases\")\n  Component(a.web, \"web\")\n}")
                .contains("Rel(a.audit, a.shared, \"uses\")\nRel(a.cases, a.audit, \"uses\")\n"
                        + "Rel(a.cases, a.shared, \"depends on\")\nRel(a.web, a.shared, \"depends on\")\n\nSHOW_LEGEND");
        assertThat(stable(canvas)).isEqualTo(String.join("\n", "|Bean references", "|* `n.h.a.AuditLog` (in audit)",
                "* `n.h.i.CurrentStaff` (in identity)", "* `n.h.p.PolicyEngine` (in policy)", "|Events listened to",
                "|* `n.h.i.UserDeactivated` ", "|===", ""));
    }

    /** The text with each run of consecutive unordered lines of one kind sorted. */
    static String stable(String text) {
        return reorderRuns(text, Collections::sort);
    }

    /**
     * Applies {@code reorder} to each run of two or more consecutive unordered lines of one kind. In a canvas the first
     * item of a table cell carries the cell's {@code |}: it stays on whichever item comes first.
     */
    private static String reorderRuns(String text, Consumer<List<String>> reorder) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int start = 0;
        while (start < lines.size()) {
            int end = start + 1;
            while (end < lines.size() && sameRun(lines.get(start), lines.get(end))) {
                end++;
            }
            if (end - start > 1) {
                List<String> run = lines.subList(start, end);
                boolean cell = run.get(0).startsWith("|* ");
                if (cell) {
                    run.set(0, run.get(0).substring(1));
                }
                reorder.accept(run);
                if (cell) {
                    run.set(0, "|" + run.get(0));
                }
            }
            start = end;
        }
        return String.join("\n", lines) + (text.endsWith("\n") ? "\n" : "");
    }

    /** Whether {@code line}, after the first line of a run, belongs to the run that begins with {@code first}. */
    private static boolean sameRun(String first, String line) {
        if (!UNORDERED.matcher(first).matches() || !UNORDERED.matcher(line).matches()) {
            return false;
        }
        if (first.startsWith("|* ") || first.startsWith("* ")) {
            return line.startsWith("* ");
        }
        return kind(first).equals(kind(line));
    }

    private static String kind(String line) {
        String trimmed = line.strip();
        return trimmed.substring(0, trimmed.indexOf('('));
    }
}
