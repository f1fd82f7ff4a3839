package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven policy changes --from DIR --to DIR}: the diff of two data-set directories, no database. */
class PolicyChangesCommandTests {
    static final Path VALID = Path.of("src/test/resources/policy-fixtures/valid");

    static final String LISTING_EG = """
              - id: eu-safe-eg
                kind: SAFE_COUNTRY
                level: EU
                legalBasis: "Annex II to Regulation (EU) 2024/1348"
                country: EG
                exceptionFor: []
                validFrom: 2026-06-12
                validTo: null
                publishedOn: 2026-02-23
                confidence: SECONDARY
                sources: [letter-a]
                summary: { en: "Egypt is on the EU list.", nl: "Egypte staat op de EU-lijst." }
            """;

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    @Test
    void twoDirectoriesAreComparedPerCountry(@TempDir Path tmp) throws IOException {
        Path older = copy(VALID, tmp.resolve("old"));
        Path newer = copy(VALID, tmp.resolve("new"));
        Files.writeString(newer.resolve("safe-countries.yaml"), Files.readString(newer.resolve("safe-countries.yaml")) + LISTING_EG);
        Files.writeString(newer.resolve("dataset.yaml"), "schemaVersion: 1\nlabel: \"fixture 2\"\n");

        HavenCliTests.Run text = HavenCliTests.run("policy", "changes", "--from", older.toString(), "--to", newer.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("2 recorded version(s)").contains("to fixture 2").contains("  EG")
                .contains("added safe country listing eu-safe-eg (from 2026-06-12)").contains("sources: letter-a");

        HavenCliTests.Run json = HavenCliTests.run("policy", "changes", "--from", older.toString(), "--to", newer.toString(), "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"change\" : \"ADDED\"").contains("\"id\" : \"eu-safe-eg\"").contains("\"toLabel\" : \"fixture 2\"");
    }

    @Test
    void badDirectoriesAreExitTwoNamingTheOption(@TempDir Path tmp) throws IOException {
        HavenCliTests.Run half = HavenCliTests.run("policy", "changes", "--from", VALID.toString());
        assertThat(half.exit()).isEqualTo(2);
        assertThat(half.err()).contains("--from and --to go together");

        HavenCliTests.Run missing = HavenCliTests.run("policy", "changes", "--from", VALID.toString(), "--to", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--to").contains("nope").doesNotContain("\tat ");

        Path broken = copy(VALID, tmp.resolve("broken"));
        Files.writeString(broken.resolve("dataset.yaml"), "schemaVersion: 1\nlabel: x\ncolour: red\n");
        HavenCliTests.Run invalid = HavenCliTests.run("policy", "changes", "--from", VALID.toString(), "--to", broken.toString());
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("--to").contains("dataset.yaml:3");
    }
}
