package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The deadline document of {@code policy deadline} and {@code GET /api/v1/policy/deadline}, over the valid fixture. */
class DeadlineDocumentTests {

    static final PolicyDataSet FIXTURE = PolicyDataSet.load(PolicyFixtures.valid());
    static final LegalTerms TERMS = LegalTerms.of(FIXTURE);

    @Test
    void aDayThatRestsOnASecondarySourceMovesTheEndButNotTheSafeEnd() {
        // Friday 2026-05-08 + one week = Friday 2026-05-15, in the fixture a day equated with a holiday on a SECONDARY source;
        // then Saturday and Sunday: the end is Monday 2026-05-18. With PRIMARY rules only, the 15th is a working day.
        DeadlineDocument doc = DeadlineDocument.answer(TERMS, FIXTURE, "fixture-appeal-term", "2026-05-08", "short", "nl");
        assertThat(doc.plainEnd()).isEqualTo("2026-05-15");
        assertThat(doc.end()).isEqualTo("2026-05-18");
        assertThat(doc.safeEnd()).isEqualTo("2026-05-15");
        assertThat(doc.confidence()).isEqualTo(Confidence.SECONDARY);
        assertThat(doc.name()).isEqualTo("Beroepstermijn");
        assertThat(doc.length()).isEqualTo(new DeadlineDocument.LengthView(1, TermUnit.WEEKS, "art. 69(2)"));
        assertThat(doc.reasons()).containsExactly(
                "Beroepstermijn (short): 1 week vanaf de gebeurtenis op 2026-05-08 (art. 69(2)); zonder de Algemene termijnenwet eindigt de "
                        + "termijn op 2026-05-15.",
                "2026-05-15 is geen werkdag: Gelijkgestelde dag (art. 3(3) Atw).", "2026-05-16 is geen werkdag: zaterdag (art. 1(1) Atw).",
                "2026-05-17 is geen werkdag: zondag (art. 1(1) Atw).",
                "Het einde schuift op naar de eerstvolgende werkdag, 2026-05-18 (art. 1(1) Atw).");
        assertThat(doc.rules()).extracting(DeadlineDocument.RuleView::rule).containsExactly("fixture-appeal-term/short", "fixture-equated-2026",
                LegalTerms.SATURDAY, LegalTerms.SUNDAY, LegalTerms.ATW_ART_1);
        assertThat(doc.sources()).extracting(AssessmentDocument.SourceView::id).containsExactly("letter-a", "news-b");
        assertThat(doc.warnings()).isEmpty();
        assertThat(doc.regime()).as("the fixture's deadlines name no regime").isNull();
    }

    @Test
    void theCurrencyWarningIsInTheAskedLanguage() {
        String procedure = PolicyFixtures.valid().byPath().get("procedure.yaml").replace("reviewedOn: 2026-11-23",
                "reviewedOn: 2025-12-01");
        PolicyDataSet old = PolicyDataSet.load(PolicyFixtures.validWith("procedure.yaml", procedure));
        DeadlineDocument doc = DeadlineDocument.answer(LegalTerms.of(old), old, "fixture-appeal-term", "2026-05-31", "short", "nl");
        assertThat(doc.warnings()).containsExactly("procedure.yaml is op 2025-12-01 voor het laatst aan de bronnen getoetst, 181 dagen vóór "
                + "2026-05-31: meer dan 180 dagen. Controleer of dit antwoord nog actueel is.");
    }

    @Test
    void refusalsNameTheQueryField() {
        assertThat(catchThrowableOfType(PolicyInputException.class, () -> DeadlineDocument.answer(TERMS, FIXTURE, "nope", "2026-05-08", null, "en"))
                .field()).isEqualTo("term");
        assertThat(catchThrowableOfType(PolicyInputException.class, () -> DeadlineDocument.answer(TERMS, FIXTURE, " ", "2026-05-08", null, "en"))
                .getMessage()).isEqualTo("term is required: one of fixture-appeal-term, fixture-decision-time-limit");
        assertThat(catchThrowableOfType(PolicyInputException.class,
                () -> DeadlineDocument.answer(TERMS, FIXTURE, "fixture-appeal-term", "2026-07-01", "short", "en")).getMessage())
                .isEqualTo("unknown track 'short' of legal term 'fixture-appeal-term' for an event on 2026-07-01: expected one of other");
        assertThat(catchThrowableOfType(PolicyInputException.class,
                () -> DeadlineDocument.answer(TERMS, FIXTURE, "fixture-appeal-term", "2026-7-1", "other", "en")).field()).isEqualTo("eventDate");
    }
}
