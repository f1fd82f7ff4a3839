package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Issue #17, point 1: the structured diff between two data-set versions, on the valid fixture and a changed copy. */
class PolicyDiffTests {

    static final String DAFT = """
            schemaVersion: 1
            reviewedOn: 2026-11-23
            route: DAFT
            name: { en: "DAFT", nl: "DAFT" }
            parameters:
              - id: daft-minimum-capital
                unit: EUR
                description: { en: "Minimum capital.", nl: "Minimumkapitaal." }
                values:
                  - { validFrom: 2023-01-01, validTo: null, value: %s, confidence: SECONDARY, sources: [news-b] }
            %s
            """;

    static final String LISTING_EG = """
              - id: eu-safe-eg
                kind: SAFE_COUNTRY
                level: EU
                legalBasis: "Annex II to Regulation (EU) 2024/1348"
                country: EG
                exceptionFor: []
                exceptionsKnown: false
                validFrom: 2026-06-12
                validTo: null
                publishedOn: 2026-02-23
                confidence: SECONDARY
                sources: [news-b]
                summary: { en: "Egypt is on the EU list.", nl: "Egypte staat op de EU-lijst." }
            """;

    static final String SUSPENSION = """
            statements:
              - id: nl-suspension
                kind: SUSPENSION
                level: NATIONAL
                countries: []
                validFrom: 2025-09-23
                validTo: 2026-06-12
                publishedOn: 2025-09-23
                confidence: SECONDARY
                sources: [letter-a]
                summary: { en: "The national list is suspended.", nl: "De nationale lijst is opgeschort." }
            """;

    /** The valid fixture with a route file: the older version. */
    static PolicyFiles older() {
        return PolicyFixtures.validWith("routes/daft.yaml", DAFT.formatted("4500", ""));
    }

    /**
     * The newer version: Morocco's national listing ends on 12 June 2026 and its exception narrows to trans people, Egypt
     * joins the EU list, a suspension of the national list is stated, Russia's risk group ends on 1 January 2027, the
     * Chechnya provision is removed, and DAFT's minimum capital becomes 5000 and gets a 2027 value.
     */
    static PolicyFiles newer() {
        Map<String, String> files = new TreeMap<>(older().byPath());
        String safe = files.get("safe-countries.yaml").replace("exceptionFor: [lgbti]", "exceptionFor: [trans]")
                .replace("validTo: null", "validTo: 2026-06-12");
        files.put("safe-countries.yaml", safe + LISTING_EG + SUSPENSION);
        String ru = files.get("countries/RU.yaml");
        int start = ru.indexOf("  - id: ru-ce-persecution");
        int end = ru.indexOf("  - id: ru-dismissal-note");
        ru = ru.substring(0, start) + ru.substring(end);
        ru = ru.replaceFirst("(?s)(id: ru-risk-group.*?validTo: )null", "$12027-01-01");
        files.put("countries/RU.yaml", ru);
        files.put("routes/daft.yaml", DAFT.formatted("5000", "").replace("sources: [news-b] }",
                "sources: [news-b] }\n      - { validFrom: 2027-01-01, validTo: null, value: 6000, confidence: PRIMARY, sources: [letter-a] }")
                .replaceFirst("validFrom: 2023-01-01, validTo: null", "validFrom: 2023-01-01, validTo: 2027-01-01"));
        return PolicyFiles.of(files);
    }

    @Test
    void theSameDataSetHasNoChanges() {
        PolicyDataSet a = PolicyDataSet.load(older());
        PolicyDiff diff = PolicyDiff.between(a, PolicyDataSet.load(older()));
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.from()).isEqualTo(diff.to()).isEqualTo(a.version());
    }

    @Test
    void listingsProvisionsStatementsAndRouteValuesPerCountry() {
        PolicyDataSet a = PolicyDataSet.load(older());
        PolicyDataSet b = PolicyDataSet.load(newer());
        PolicyDiff diff = PolicyDiff.between(a, b);
        assertThat(diff.from()).isEqualTo(a.version());
        assertThat(diff.to()).isEqualTo(b.version()).isNotEqualTo(a.version());
        assertThat(diff.countries()).extracting(PolicyDiff.CountryChanges::country).containsExactly("*", "EG", "MA", "RU");

        PolicyDiff.Item egypt = single(diff, "EG");
        assertThat(egypt.subject()).isEqualTo(PolicyDiff.Subject.SAFE_COUNTRY_LISTING);
        assertThat(egypt.change()).isEqualTo(PolicyDiff.Change.ADDED);
        assertThat(egypt.validFrom()).isEqualTo(LocalDate.of(2026, 6, 12));
        assertThat(egypt.fields()).contains(new PolicyDiff.FieldChange("level", null, "EU"), new PolicyDiff.FieldChange("validFrom", null, "2026-06-12"));
        assertThat(egypt.sources()).extracting(Source::id).containsExactly("news-b");

        PolicyDiff.Item morocco = single(diff, "MA");
        assertThat(morocco.change()).isEqualTo(PolicyDiff.Change.ENDED);
        assertThat(morocco.fields()).containsExactly(new PolicyDiff.FieldChange("validTo", null, "2026-06-12"),
                new PolicyDiff.FieldChange("exceptionFor", "lgbti", "trans"));

        List<PolicyDiff.Item> russia = diff.countries().stream().filter(c -> c.country().equals("RU")).findFirst().orElseThrow().items();
        assertThat(russia).extracting(PolicyDiff.Item::id, PolicyDiff.Item::change).containsExactly(
                Tuple.tuple("ru-ce-persecution", PolicyDiff.Change.REMOVED),
                Tuple.tuple("ru-risk-group", PolicyDiff.Change.ENDED));
        PolicyDiff.Item removed = russia.get(0);
        assertThat(removed.fields()).contains(new PolicyDiff.FieldChange("kind", "GROUP_PERSECUTION", null),
                new PolicyDiff.FieldChange("standard", "GROUP_PERSECUTION", null));
        assertThat(removed.sources()).extracting(Source::id).containsExactly("letter-a");

        PolicyDiff.Item suspension = single(diff, "*");
        assertThat(suspension.subject()).isEqualTo(PolicyDiff.Subject.LIST_STATEMENT);
        assertThat(suspension.change()).isEqualTo(PolicyDiff.Change.ADDED);
        assertThat(diff.of("MA")).extracting(PolicyDiff.Item::id).containsExactly("nl-suspension", "safe-ma");

        assertThat(diff.routes()).hasSize(1);
        PolicyDiff.ParameterChanges capital = diff.routes().get(0);
        assertThat(capital.route()).isEqualTo("DAFT");
        assertThat(capital.parameter()).isEqualTo("daft-minimum-capital");
        assertThat(capital.values()).extracting(PolicyDiff.ValueChange::year, PolicyDiff.ValueChange::change, PolicyDiff.ValueChange::before,
                PolicyDiff.ValueChange::after).containsExactly(
                        Tuple.tuple(2023, PolicyDiff.Change.ENDED, "4500", "5000"),
                        Tuple.tuple(2027, PolicyDiff.Change.ADDED, null, "6000"));
        assertThat(capital.values().get(1).sources()).extracting(Source::id).containsExactly("letter-a");
    }

    @Test
    void aChangeOfKindShowsTheOldAndNewStandard() {
        PolicyFiles base = older();
        Map<String, String> files = new TreeMap<>(base.byPath());
        files.put("countries/RU.yaml", files.get("countries/RU.yaml").replace("kind: RISK_GROUP", "kind: VULNERABLE_MINORITY"));
        PolicyDiff diff = PolicyDiff.between(PolicyDataSet.load(base), PolicyDataSet.load(PolicyFiles.of(files)));
        PolicyDiff.Item item = single(diff, "RU");
        assertThat(item.change()).isEqualTo(PolicyDiff.Change.CHANGED);
        assertThat(item.fields()).containsExactly(new PolicyDiff.FieldChange("kind", "RISK_GROUP", "VULNERABLE_MINORITY"),
                new PolicyDiff.FieldChange("standard", "MINOR_INDICATIONS", "LIMITED_INDICATIONS"));
    }

    @Test
    void theLabelComesFromDatasetYamlOrIsDerived() {
        PolicyDataSet unlabelled = PolicyDataSet.load(older());
        assertThat(unlabelled.labelled()).isFalse();
        assertThat(unlabelled.label()).isEqualTo("reviewed 2026-11-23 · " + unlabelled.version().substring(7, 15));
        PolicyDataSet labelled = PolicyDataSet.load(PolicyFixtures.validWith("dataset.yaml", "schemaVersion: 1\nlabel: \"2026.2\"\n"));
        assertThat(labelled.labelled()).isTrue();
        assertThat(labelled.label()).isEqualTo("2026.2");
        assertThat(labelled.version()).isNotEqualTo(PolicyDataSet.load(PolicyFixtures.valid()).version());
        assertThat(PolicyDataSet.shipped().labelled()).isTrue();
    }

    @Test
    void aDatasetYamlWithUnknownKeysIsRefused() {
        Assertions.assertThatThrownBy(() -> PolicyDataSet.load(
                PolicyFixtures.validWith("dataset.yaml", "schemaVersion: 1\nlabel: x\nname: y\n")))
                .isInstanceOf(PolicyDataException.class)
                .satisfies(e -> assertThat(((PolicyDataException) e).errors()).anyMatch(line -> line.startsWith("dataset.yaml:3:")));
    }

    private static PolicyDiff.Item single(PolicyDiff diff, String country) {
        List<PolicyDiff.Item> items = diff.countries().stream().filter(c -> c.country().equals(country)).findFirst().orElseThrow().items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
