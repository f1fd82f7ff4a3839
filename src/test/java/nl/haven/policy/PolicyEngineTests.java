package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation rules on the small fixture data set, each rule on its own. */
class PolicyEngineTests {

    static final PolicyEngine ENGINE = new PolicyEngine(PolicyDataSet.load(PolicyFixtures.valid()));

    static Assessment assess(String nationality, String region, String group, String date, String knownAt, String... facts) {
        return ENGINE.assess(ENGINE.query(nationality, region, List.of(group), List.of(facts), date, knownAt));
    }

    @Test
    void validFromIsInclusiveAndValidToExclusive() {
        Assessment before = assess("RU", null, "gay", "2015-09-03", null);
        assertThat(before.standard()).isEqualTo(EvidentiaryStandard.INDIVIDUAL_ASSESSMENT);
        assertThat(before.relocationConsidered()).isTrue();
        assertThat(before.relocationRegions()).containsExactly("RU-MOW");
        Assessment onTheDay = assess("RU", null, "gay", "2015-09-04", null);
        assertThat(onTheDay.standard()).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
        assertThat(onTheDay.riskGroup()).isTrue();
        assertThat(onTheDay.relocationConsidered()).isFalse();
        assertThat(onTheDay.decisive().id()).isEqualTo("ru-risk-group");
    }

    @Test
    void regionalProvisionAppliesOnlyInItsRegionAndTheMostFavourableWins() {
        Assessment chechnya = assess("RU", "RU-CE", "gay", "2017-09-01", null);
        assertThat(chechnya.standard()).isEqualTo(EvidentiaryStandard.GROUP_PERSECUTION);
        assertThat(chechnya.riskGroup()).isTrue();
        assertThat(chechnya.provisions()).extracting(Provision::id).containsExactly("ru-risk-group", "ru-ce-persecution");
        assertThat(assess("RU", "RU-MOW", "gay", "2017-09-01", null).standard()).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
        assertThat(assess("RU", null, "gay", "2017-09-01", null).standard()).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
    }

    @Test
    void provisionAppliesOnlyToItsGroups() {
        // ru-ce-persecution names gay and lesbian people; a trans person from Chechnya has the risk group only.
        assertThat(assess("RU", "ru-ce", "trans", "2017-09-01", null).standard()).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
    }

    @Test
    void knownAtLeavesOutWhatWasNotYetPublished() {
        // In force from 2017-08-30 but published on 2017-09-01.
        assertThat(assess("RU", "RU-CE", "gay", "2017-08-31", "2017-08-31").standard()).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
        assertThat(assess("RU", "RU-CE", "gay", "2017-08-31", "2017-09-01").standard()).isEqualTo(EvidentiaryStandard.GROUP_PERSECUTION);
    }

    @Test
    void noteTiedToAFactAppliesOnlyWithThatFact() {
        assertThat(assess("RU", null, "trans", "2020-01-01", null).notes()).isEmpty();
        assertThat(assess("RU", null, "trans", "2020-01-01", null, "military-dismissal").notes()).extracting(Provision::id)
                .containsExactly("ru-dismissal-note");
        assertThat(assess("RU", null, "trans", "2020-01-01", null, "late-disclosure").notes()).isEmpty();
    }

    @Test
    void safeCountryListingAndItsGroupException() {
        Assessment morocco = assess("MA", null, "lesbian", "2020-01-01", null);
        assertThat(morocco.safeCountryListed()).isTrue();
        assertThat(morocco.safeCountryException()).isTrue();
        assertThat(assess("MA", null, "lesbian", "2015-01-01", null).safeCountryListed()).isFalse();
    }

    @Test
    void countryWithoutProvisionsGetsTheOrdinaryAssessmentAndTheSafeguards() {
        Assessment norway = assess("NO", null, "bisexual", "2020-01-01", null);
        assertThat(norway.standard()).isEqualTo(EvidentiaryStandard.INDIVIDUAL_ASSESSMENT);
        assertThat(norway.provisions()).isEmpty();
        assertThat(norway.safeguards()).extracting(Safeguard::id).containsExactly("no-stereotypes");
        assertThat(assess("NO", null, "bisexual", "2014-12-01", null).safeguards()).isEmpty();
    }

    @Test
    void documentCitesEverySourceOnceNumberedAndWarnsBelowPrimary() {
        Assessment a = assess("RU", null, "trans", "2015-01-01", null);
        AssessmentDocument doc = AssessmentDocument.of(a, ENGINE.dataSet(), "en");
        assertThat(doc.provisions()).extracting(AssessmentDocument.ProvisionView::id).containsExactly("ru-relocation");
        assertThat(doc.sources()).extracting(AssessmentDocument.SourceView::id).containsExactly("news-b", "letter-a");
        assertThat(doc.sources()).extracting(AssessmentDocument.SourceView::number).containsExactly(1, 2);
        assertThat(doc.warnings()).singleElement().asString().contains("ru-relocation").contains("secondary source");
        assertThat(doc.explanation()).isNotEmpty().last().asString().contains("decision support");
        assertThat(doc.internalRelocation().regions()).containsExactly("RU-MOW");
        AssessmentDocument nl = AssessmentDocument.of(a, ENGINE.dataSet(), "nl");
        assertThat(nl.provisions().get(0).summary()).isEqualTo("Moskou veilig geacht.");
        assertThat(nl.explanation().get(0)).contains("Rusland");
    }

    @Test
    void approximateDateIsAWarning() {
        AssessmentDocument doc = AssessmentDocument.of(assess("RU", null, "trans", "2020-01-01", null, "military-dismissal"),
                ENGINE.dataSet(), "en");
        assertThat(doc.warnings()).anySatisfy(w -> assertThat(w).contains("ru-dismissal-note").contains("year"));
    }

    @Test
    void badInputNamesTheValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> ENGINE.query("XX", null, List.of("gay"), List.of(), "2020-01-01", null))
                .isInstanceOf(PolicyInputException.class).hasMessageContaining("'XX'").hasMessageContaining("ISO 3166-1 alpha-2");
        assertThatThrownBy(() -> ENGINE.query("RU", "RU-XYZ", List.of("gay"), List.of(), "2020-01-01", null))
                .hasMessageContaining("'RU-XYZ'").hasMessageContaining("RU-CE, RU-MOW");
        assertThatThrownBy(() -> ENGINE.query("NO", "NO-03", List.of("gay"), List.of(), "2020-01-01", null))
                .hasMessageContaining("names no regions of NO");
        assertThatThrownBy(() -> ENGINE.query("RU", null, List.of("hetero"), List.of(), "2020-01-01", null))
                .hasMessageContaining("'hetero'").hasMessageContaining("lesbian, gay, bisexual, trans, intersex, nonbinary, queer");
        assertThatThrownBy(() -> ENGINE.query("RU", null, List.of("gay"), List.of("rumour"), "2020-01-01", null))
                .hasMessageContaining("'rumour'").hasMessageContaining("late-disclosure, military-dismissal");
        assertThatThrownBy(() -> ENGINE.query("RU", null, List.of("gay"), List.of(), "2020-02-30", null))
                .hasMessageContaining("'2020-02-30'").hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> ENGINE.query("RU", null, List.of(), List.of(), "2020-01-01", null))
                .hasMessageContaining("at least one group");
        assertThatThrownBy(() -> ENGINE.query("RU", null, List.of("gay"), List.of(), "2020-01-01", "soon"))
                .isInstanceOf(PolicyInputException.class).hasMessageContaining("knownAt");
    }
}
