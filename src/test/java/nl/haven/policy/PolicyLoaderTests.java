package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLoaderTests {

    @Test
    void loadsTheValidFixture() {
        PolicyDataSet dataSet = PolicyDataSet.load(PolicyFixtures.valid());
        assertThat(dataSet.sources()).containsKeys("letter-a", "news-b");
        assertThat(dataSet.facts()).containsKeys("military-dismissal", "late-disclosure");
        assertThat(dataSet.countries()).containsKey("RU");
        assertThat(dataSet.provisionsOf("RU")).extracting(Provision::id)
                .containsExactly("ru-relocation", "ru-risk-group", "ru-dismissal-note", "ru-ce-persecution");
        assertThat(dataSet.provisionsOf("MA")).extracting(Provision::kind).containsExactly(ProvisionKind.SAFE_COUNTRY);
        assertThat(dataSet.version()).startsWith("sha256:").hasSize(7 + 64);
        Provision note = dataSet.provision("ru-dismissal-note").orElseThrow();
        assertThat(note.datePrecision()).isEqualTo(DatePrecision.YEAR);
        assertThat(note.origin()).isEqualTo("countries/RU.yaml:40");
        assertThat(dataSet.provision("ru-risk-group").orElseThrow().appliesTo()).hasSize(Group.values().length);
    }

    @Test
    void reportsEveryErrorOfTheInvalidFixtureAtOnceWithFileAndLine() throws IOException {
        PolicyDataException e = catchThrowableOfType(PolicyDataException.class, () -> PolicyDataSet.load(PolicyFixtures.invalid()));
        assertThat(e).isNotNull();
        List<String> expected = Files.readAllLines(PolicyFixtures.ROOT.resolve("invalid/expected-errors.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        for (String want : expected) {
            String location = want.substring(0, want.indexOf(": ") + 2);
            String fragment = want.substring(want.indexOf(": ") + 2);
            assertThat(e.errors()).as("errors reported").anySatisfy(error -> {
                assertThat(error).startsWith(location);
                assertThat(error).contains(fragment);
            });
        }
        assertThat(e.errors()).as("no error beyond the expected ones").hasSize(expected.size());
        assertThat(e.errors()).allMatch(error -> error.matches("[a-zA-Z/.-]+\\.yaml:\\d+: .+"));
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() {
        PolicyDataException e = catchThrowableOfType(PolicyDataException.class,
                () -> PolicyDataSet.load(PolicyFixtures.validWith("facts.yaml", "schemaVersion: 1\nfacts:\n  - id: a\n   label: [\n")));
        assertThat(e.errors()).anySatisfy(error -> assertThat(error).startsWith("facts.yaml:4: not valid YAML"));
    }

    @Test
    void unknownFileIsRejected() {
        assertThatThrownBy(() -> PolicyDataSet.load(PolicyFixtures.validWith("notes.yaml", "schemaVersion: 1\n")))
                .isInstanceOf(PolicyDataException.class)
                .hasMessageContaining("notes.yaml:1: unknown file");
    }

    @Test
    void reviewedOnIsAnOptionalDate() {
        String file = "schemaVersion: 1\nreviewedOn: %s\nroute: DAFT\nname: { en: DAFT, nl: DAFT }\nparameters: []\nstatements: []\n";
        assertThat(PolicyDataSet.load(PolicyFixtures.validWith("routes/daft.yaml", file.formatted("2026-12-06"))).routes()).containsKey("DAFT");
        assertThatThrownBy(() -> PolicyDataSet.load(PolicyFixtures.validWith("routes/daft.yaml", file.formatted("last week"))))
                .isInstanceOf(PolicyDataException.class)
                .hasMessageContaining("routes/daft.yaml:2: 'reviewedOn' is 'last week', not a date: expected YYYY-MM-DD");
    }

    @Test
    void countryFileMustMatchItsName() {
        String file = "schemaVersion: 1\ncountry: FR\nname: { en: France, nl: Frankrijk }\nregions: []\nprovisions: []\n";
        assertThatThrownBy(() -> PolicyDataSet.load(PolicyFixtures.validWith("countries/DE.yaml", file)))
                .isInstanceOf(PolicyDataException.class)
                .hasMessageContaining("countries/DE.yaml:2: country 'FR' does not match the file name (DE.yaml)");
    }

    @Test
    void overlappingSafeCountryListingsContradict() {
        String listings = """
                schemaVersion: 1
                safeCountries:
                  - id: safe-ma-1
                    country: MA
                    validFrom: 2016-01-01
                    validTo: null
                    publishedOn: 2016-01-01
                    confidence: PRIMARY
                    sources: [letter-a]
                    summary: { en: "a", nl: "a" }
                  - id: safe-ma-2
                    country: MA
                    exceptionFor: [gay]
                    validFrom: 2017-01-01
                    validTo: null
                    publishedOn: 2017-01-01
                    confidence: PRIMARY
                    sources: [letter-a]
                    summary: { en: "b", nl: "b" }
                """;
        assertThatThrownBy(() -> PolicyDataSet.load(PolicyFixtures.validWith("safe-countries.yaml", listings)))
                .isInstanceOf(PolicyDataException.class)
                .hasMessageContaining("safe-countries.yaml:11: 'safe-ma-2' (SAFE_COUNTRY) contradicts 'safe-ma-1'");
    }

    @Test
    void regionalAndCountryWideProvisionsDoNotContradict() {
        // ru-ce-persecution (RU-CE) overlaps ru-risk-group (whole country): allowed, the most favourable wins.
        PolicyDataSet dataSet = PolicyDataSet.load(PolicyFixtures.valid());
        assertThat(dataSet.provision("ru-ce-persecution")).isPresent();
    }

    @Test
    void contentHashChangesWithAnyByte() {
        PolicyDataSet original = PolicyDataSet.load(PolicyFixtures.valid());
        String facts = PolicyFixtures.valid().byPath().get("facts.yaml").replace("Laat verteld", "Laat  verteld");
        PolicyDataSet changed = PolicyDataSet.load(PolicyFixtures.validWith("facts.yaml", facts));
        assertThat(changed.version()).isNotEqualTo(original.version());
        assertThat(PolicyDataSet.load(PolicyFixtures.valid()).version()).isEqualTo(original.version());
    }
}
