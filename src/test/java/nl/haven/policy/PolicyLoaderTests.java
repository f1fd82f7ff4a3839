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
        assertThat(note.origin()).isEqualTo("countries/RU.yaml:41");
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
        String file = "schemaVersion: 1\nreviewedOn: 2026-11-23\ncountry: FR\nname: { en: France, nl: Frankrijk }\nregions: []\nprovisions: []\n";
        assertThatThrownBy(() -> PolicyDataSet.load(PolicyFixtures.validWith("countries/DE.yaml", file)))
                .isInstanceOf(PolicyDataException.class)
                .hasMessageContaining("countries/DE.yaml:3: country 'FR' does not match the file name (DE.yaml)");
    }

    @Test
    void anUnknownRegimeOrListLevelIsALoadErrorNamingTheKnownOnes() {
        String listings = """
                schemaVersion: 1
                safeCountries:
                  - id: safe-ma-1
                    country: MA
                    level: EU
                    legalBasis: "Annex II"
                    regime: no-such-law
                    validFrom: 2026-06-12
                    validTo: null
                    publishedOn: 2026-02-23
                    confidence: SECONDARY
                    sources: [letter-a]
                    summary: { en: "a", nl: "a" }
                statements:
                  - id: stop-all
                    kind: SUSPENSION
                    level: NATIONL
                    countries: []
                    validFrom: 2026-07-01
                    validTo: null
                    publishedOn: 2026-07-01
                    confidence: SECONDARY
                    sources: [letter-a]
                    summary: { en: "b", nl: "b" }
                """;
        assertThatThrownBy(() -> PolicyDataSet.load(PolicyFixtures.validWith("safe-countries.yaml", listings)))
                .isInstanceOf(PolicyDataException.class)
                .hasMessageContaining("safe-countries.yaml:7: unknown regime 'no-such-law': not in regimes.yaml (known: fixture-old-law, fixture-new-law)")
                .hasMessageContaining("safe-countries.yaml:17: 'level' is 'NATIONL'")
                .hasMessageContaining("NATIONL");
    }

    @Test
    void aSuspensionStopsTheListingsOfItsLevelFromItsDay() {
        String listings = """
                schemaVersion: 1
                safeCountries:
                  - id: safe-ma
                    country: MA
                    level: NATIONAL
                    legalBasis: "art. x"
                    validFrom: 2016-01-01
                    validTo: null
                    publishedOn: 2016-01-01
                    confidence: PRIMARY
                    sources: [letter-a]
                    summary: { en: "a", nl: "a" }
                statements:
                  - id: stop-eu
                    kind: SUSPENSION
                    level: EU
                    countries: []
                    validFrom: 2020-01-01
                    validTo: null
                    publishedOn: 2020-01-01
                    confidence: PRIMARY
                    sources: [letter-a]
                    summary: { en: "c", nl: "c" }
                  - id: stop-national
                    kind: SUSPENSION
                    level: NATIONAL
                    countries: []
                    validFrom: 2025-09-23
                    validTo: 2026-06-12
                    publishedOn: 2025-09-23
                    confidence: SECONDARY
                    sources: [letter-a]
                    summary: { en: "b", nl: "b" }
                """;
        PolicyEngine engine = new PolicyEngine(PolicyDataSet.load(PolicyFixtures.validWith("safe-countries.yaml", listings)));
        Assessment before = engine.assess(engine.query("MA", null, List.of("gay"), List.of(), "2025-09-22", null));
        Assessment during = engine.assess(engine.query("MA", null, List.of("gay"), List.of(), "2025-09-23", null));
        Assessment after = engine.assess(engine.query("MA", null, List.of("gay"), List.of(), "2026-06-12", null));
        assertThat(before.safeCountryApplied()).isTrue();
        assertThat(before.listStatements()).isEmpty(); // the EU suspension does not touch a national listing
        assertThat(during.safeCountryListed()).isTrue();
        assertThat(during.safeCountryApplied()).isFalse();
        assertThat(during.listingStoppedBy().id()).isEqualTo("stop-national");
        assertThat(after.safeCountryApplied()).isTrue();
    }

    @Test
    void overlappingSafeCountryListingsContradict() {
        String listings = """
                schemaVersion: 1
                safeCountries:
                  - id: safe-ma-1
                    country: MA
                    level: NATIONAL
                    legalBasis: "art. 3.105ba Vb 2000"
                    validFrom: 2016-01-01
                    validTo: null
                    publishedOn: 2016-01-01
                    confidence: PRIMARY
                    sources: [letter-a]
                    summary: { en: "a", nl: "a" }
                  - id: safe-ma-2
                    country: MA
                    level: NATIONAL
                    legalBasis: "art. 3.105ba Vb 2000"
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
                .hasMessageContaining("safe-countries.yaml:13: 'safe-ma-2' (SAFE_COUNTRY) contradicts 'safe-ma-1'");
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
