package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Deadlines from the shipped {@code procedure.yaml}. Every expected date is worked out by hand in the
 * comment above it: the event, the plain end (event + term), and the rule that moves it. The event is
 * the day the decision (or intended decision) was sent; the term's first day is the day after.
 */
class LegalTermsTests {

    static final LegalTerms TERMS = LegalTerms.of(PolicyDataSet.shipped());

    static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    static Deadline appeal(String event, String track) {
        return TERMS.due("appeal-term", d(event), track);
    }

    static PolicyInputException refused(Runnable call) {
        PolicyInputException e = catchThrowableOfType(PolicyInputException.class, call::run);
        assertThat(e).as("a PolicyInputException").isNotNull();
        return e;
    }

    @Nested
    class Weekends {
        @Test
        void aTermEndingOnAWeekdayStays() {
            // Fri 2025-03-07 + 1 week = Fri 2025-03-14, a working day: no rule applies.
            Deadline deadline = appeal("2025-03-07", "general-procedure");
            assertThat(deadline.due()).isEqualTo(d("2025-03-14"));
            assertThat(deadline.extended()).isFalse();
            assertThat(deadline.firstDay()).as("the term starts the day after the event").isEqualTo(d("2025-03-08"));
        }

        @Test
        void aTermEndingOnSaturdayMovesToMonday() {
            // Sat 2025-03-08 + 1 week = Sat 2025-03-15; Atw art. 1(1): Saturday, Sunday -> Mon 2025-03-17.
            Deadline deadline = appeal("2025-03-08", "general-procedure");
            assertThat(deadline.plainEnd()).isEqualTo(d("2025-03-15"));
            assertThat(deadline.due()).as("art. 1(1) Atw: next day that is not a Saturday, Sunday or holiday").isEqualTo(d("2025-03-17"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.NON_WORKING_DAY)).extracting(Deadline.Reason::rule, Deadline.Reason::date)
                    .containsExactly(Tuple.tuple("saturday", d("2025-03-15")),
                            Tuple.tuple("sunday", d("2025-03-16")));
            assertThat(deadline.reasons(Deadline.Reason.Kind.NEXT_WORKING_DAY)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.rule()).isEqualTo(LegalTerms.ATW_ART_1);
                        assertThat(r.sources()).containsExactly("wetten-atw-2010-10-10");
                    });
            assertThat(deadline.confidence()).isEqualTo(Confidence.PRIMARY);
        }
    }

    @Nested
    class Easter {
        @Test
        void aOneWeekTermEndingOnGoodFridayRunsPastEasterMonday() {
            // Fri 2025-04-11 + 1 week = Fri 2025-04-18, Good Friday (art. 3(2) Atw); Sat 19, Sun 20 (Easter),
            // Mon 21 Easter Monday (art. 3(1)) -> art. 1(1) Atw: Tue 2025-04-22.
            Deadline deadline = appeal("2025-04-11", "general-procedure");
            assertThat(deadline.due()).isEqualTo(d("2025-04-22"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.NON_WORKING_DAY)).extracting(Deadline.Reason::rule).containsExactly(
                    "atw-good-friday", "saturday", "sunday", "atw-easter-monday");
            assertThat(deadline.safeDue()).as("no secondary day involved").isEqualTo(deadline.due());
        }

        @Test
        void aTermEndingOnEasterMondayMovesToTuesday() {
            // Mon 2025-04-14 + 1 week = Mon 2025-04-21, Easter Monday -> art. 1(1) Atw: Tue 2025-04-22.
            assertThat(appeal("2025-04-14", "manifestly-unfounded").due()).isEqualTo(d("2025-04-22"));
        }

        @Test
        void aFourWeekTermEndingOnGoodFriday2026() {
            // Response to an intended rejection, 4 weeks (art. 3.116(2)(a) Vb): Fri 2026-03-06 + 4 weeks = Fri 2026-04-03,
            // Good Friday; Sat 4, Sun 5, Mon 6 Easter Monday -> art. 1(1) Atw (via art. 5 Atw for an AMvB term): Tue 2026-04-07.
            Deadline deadline = TERMS.due("response-to-intended-decision", d("2026-03-06"));
            assertThat(deadline.plainEnd()).isEqualTo(d("2026-04-03"));
            assertThat(deadline.due()).isEqualTo(d("2026-04-07"));
            assertThat(deadline.length().article()).isEqualTo("art. 3.116(2)(a) Vb");
        }
    }

    @Nested
    class KingsDayAndFifthOfMay {
        @Test
        void aOneWeekAppealTermEndingOnKingsDayMovesToTheNextDay() {
            // Mon 2026-04-20 + 1 week = Mon 2026-04-27, King's Day (art. 3(1) Atw) -> art. 1(1): Tue 2026-04-28.
            Deadline deadline = appeal("2026-04-20", "general-procedure");
            assertThat(deadline.due()).isEqualTo(d("2026-04-28"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.NON_WORKING_DAY)).extracting(Deadline.Reason::rule).containsExactly("atw-kings-day");
        }

        @Test
        void in2025KingsDayIsSaturday26AprilNotSunday27() {
            // Sat 2025-04-19 + 1 week = Sat 2025-04-26: King's Day (27 April is a Sunday, so the day before) and a
            // Saturday; Sun 27 -> art. 1(1) Atw: Mon 2025-04-28. The 27th itself is only a Sunday.
            Deadline deadline = appeal("2025-04-19", "general-procedure");
            assertThat(deadline.due()).isEqualTo(d("2025-04-28"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.NON_WORKING_DAY)).extracting(Deadline.Reason::rule, Deadline.Reason::date)
                    .containsExactly(Tuple.tuple("atw-kings-day", d("2025-04-26")),
                            Tuple.tuple("saturday", d("2025-04-26")),
                            Tuple.tuple("sunday", d("2025-04-27")));
        }

        @Test
        void fifthOfMayMovesTheEndInANonLustrumYear() {
            // Tue 2026-04-28 + 1 week = Tue 2026-05-05, 5 May (art. 3(1) Atw, every year) -> Wed 2026-05-06.
            assertThat(appeal("2026-04-28", "inadmissible").due()).isEqualTo(d("2026-05-06"));
            // Mon 2025-04-28 + 1 week = Mon 2025-05-05 -> Tue 2025-05-06.
            assertThat(appeal("2025-04-28", "inadmissible").due()).isEqualTo(d("2025-05-06"));
        }
    }

    @Nested
    class AscensionAndWhitsun {
        @Test
        void ascensionDayAndTheEquatedFridayGiveMondayButTheSafeDateIsFriday() {
            // Thu 2026-05-07 + 1 week = Thu 2026-05-14, Ascension Day (art. 3(1) Atw); Fri 15 equated by Royal Decree
            // (art. 3(3), SECONDARY); Sat 16, Sun 17 -> art. 1(1): Mon 2026-05-18. Without the secondary Friday the
            // end would be Fri 2026-05-15 (safeDue).
            Deadline deadline = appeal("2026-05-07", "general-procedure");
            assertThat(deadline.due()).isEqualTo(d("2026-05-18"));
            assertThat(deadline.safeDue()).isEqualTo(d("2026-05-15"));
            assertThat(deadline.confidence()).as("a secondary day moved the end").isEqualTo(Confidence.SECONDARY);
            assertThat(deadline.reasons(Deadline.Reason.Kind.NON_WORKING_DAY)).extracting(Deadline.Reason::rule).containsExactly(
                    "atw-ascension-day", "atw-equated-2026-2028", "saturday", "sunday");
        }

        @Test
        void whitMondayMovesTheEndToTuesday() {
            // Mon 2025-06-02 + 1 week = Mon 2025-06-09, Whit Monday (Easter + 50) -> Tue 2025-06-10.
            assertThat(appeal("2025-06-02", "general-procedure").due()).isEqualTo(d("2025-06-10"));
            // Mon 2026-05-18 + 1 week = Mon 2026-05-25, Whit Monday -> Tue 2026-05-26.
            assertThat(appeal("2026-05-18", "general-procedure").due()).isEqualTo(d("2026-05-26"));
        }
    }

    @Nested
    class ChristmasAndNewYear {
        @Test
        void christmasDayBoxingDayAndTheWeekend() {
            // Thu 2025-12-18 + 1 week = Thu 2025-12-25 Christmas Day; Fri 26 Boxing Day; Sat 27, Sun 28 -> Mon 2025-12-29.
            Deadline deadline = appeal("2025-12-18", "general-procedure");
            assertThat(deadline.due()).isEqualTo(d("2025-12-29"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.NON_WORKING_DAY)).extracting(Deadline.Reason::rule).containsExactly(
                    "atw-christmas-day", "atw-boxing-day", "saturday", "sunday");
        }

        @Test
        void newYearsDayAndTheEquatedSecondOfJanuary() {
            // Thu 2025-12-25 + 1 week = Thu 2026-01-01 New Year's Day; Fri 2 equated (SECONDARY); Sat 3, Sun 4 -> Mon 2026-01-05.
            // Safe date without the equated Friday: Fri 2026-01-02.
            Deadline deadline = appeal("2025-12-25", "general-procedure");
            assertThat(deadline.due()).isEqualTo(d("2026-01-05"));
            assertThat(deadline.safeDue()).isEqualTo(d("2026-01-02"));
        }

        @Test
        void aTwoWeekTermAfterThePactEndingOnChristmas2026() {
            // Appeal against a rejection as unfounded (art. 31 Vw), new art. 69(2)(b): 2 weeks. Fri 2026-12-11 + 2 weeks =
            // Fri 2026-12-25 Christmas Day; Sat 26 Boxing Day and Saturday; Sun 27 -> Mon 2026-12-28.
            Deadline deadline = appeal("2026-12-11", "unfounded");
            assertThat(deadline.length().amount()).isEqualTo(2);
            assertThat(deadline.due()).isEqualTo(d("2026-12-28"));
            assertThat(deadline.notes()).as("the transitional-law caveat of the post-Pact version").singleElement()
                    .satisfies(n -> assertThat(n.en()).contains("Transitional law was not checked"));
        }
    }

    @Nested
    class FourWeeks {
        @Test
        void aFourWeekAppealTermEndingOnAThursdayStays() {
            // Thu 2026-03-12 + 4 weeks = Thu 2026-04-09 (art. 69(1) Vw), a working day.
            Deadline deadline = appeal("2026-03-12", "other");
            assertThat(deadline.due()).isEqualTo(d("2026-04-09"));
            assertThat(deadline.length().article()).isEqualTo("art. 69(1) Vw");
        }
    }

    @Nested
    class ArticleTwo {
        @Test
        void aThreeDayTermOverEasterGetsASecondWorkingDay() {
            // 3 days from Thu 2026-04-02: Fri 3 (Good Friday), Sat 4, Sun 5 -> art. 1(1): past Mon 6 (Easter Monday) to Tue 7.
            // The term Fri 3 .. Tue 7 holds one working day (Tue 7) -> art. 2 Atw: extended to the second, Wed 2026-04-08.
            Deadline deadline = TERMS.statutory(3, TermUnit.DAYS, d("2026-04-02"));
            assertThat(deadline.plainEnd()).isEqualTo(d("2026-04-05"));
            assertThat(deadline.due()).isEqualTo(d("2026-04-08"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.NEXT_WORKING_DAY)).extracting(Deadline.Reason::date).containsExactly(d("2026-04-07"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.TWO_WORKING_DAYS)).extracting(Deadline.Reason::rule, Deadline.Reason::date)
                    .containsExactly(Tuple.tuple(LegalTerms.ATW_ART_2, d("2026-04-08")));
        }

        @Test
        void aThreeDayTermOverChristmas2026() {
            // 3 days from Thu 2026-12-24: Fri 25 Christmas, Sat 26 Boxing Day, Sun 27 -> art. 1(1): Mon 28, the only working
            // day of the term -> art. 2 Atw: Tue 2026-12-29.
            assertThat(TERMS.statutory(3, TermUnit.DAYS, d("2026-12-24")).due()).isEqualTo(d("2026-12-29"));
        }

        @Test
        void aThreeDayTermWithTwoWorkingDaysIsNotExtended() {
            // 3 days from Mon 2026-03-09: Tue 10, Wed 11, Thu 12, all working days -> Thu 2026-03-12, no rule.
            Deadline deadline = TERMS.statutory(3, TermUnit.DAYS, d("2026-03-09"));
            assertThat(deadline.due()).isEqualTo(d("2026-03-12"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.TWO_WORKING_DAYS)).isEmpty();
        }

        @Test
        void aTwoDayTermIsTooShortForArticleTwo() {
            // 2 days from Thu 2026-04-02: Fri 3 (Good Friday), Sat 4 -> art. 1(1): Tue 2026-04-07. The term holds only one
            // working day, but art. 2 covers terms of at least three days, so the end stays Tue 2026-04-07.
            Deadline deadline = TERMS.statutory(2, TermUnit.DAYS, d("2026-04-02"));
            assertThat(deadline.due()).isEqualTo(d("2026-04-07"));
            assertThat(deadline.reasons(Deadline.Reason.Kind.TWO_WORKING_DAYS)).isEmpty();
        }
    }

    @Nested
    class ArticleFourA {
        @Test
        void theSixMonthDecisionTimeLimitStaysOnASunday() {
            // Application received Sat 2025-06-14 + 6 months = Sun 2025-12-14 (art. 42(1) Vw). Art. 4(a) Atw: the act does
            // not apply to a term of more than three months, so the end stays on the Sunday.
            Deadline deadline = TERMS.due("decision-time-limit", d("2025-06-14"));
            assertThat(deadline.due()).isEqualTo(d("2025-12-14"));
            assertThat(deadline.termsActApplies()).isFalse();
            assertThat(deadline.reasons(Deadline.Reason.Kind.TERMS_ACT_NOT_APPLICABLE)).extracting(Deadline.Reason::rule)
                    .containsExactly(LegalTerms.ATW_ART_4A);
            assertThat(deadline.notes()).singleElement().satisfies(n -> assertThat(n.en()).contains("nine months"));
        }

        @Test
        void aTermInMonthsEndsOnTheLastDayOfAShorterMonth() {
            // Received 2025-08-31 + 6 months: February 2026 has no 31st, so the term ends on its last day, Sat 2026-02-28
            // (and stays there: art. 4(a) Atw).
            assertThat(TERMS.due("decision-time-limit", d("2025-08-31")).due()).isEqualTo(d("2026-02-28"));
        }

        @Test
        void twelveWeeksAreWithinTheActThirteenAreNot() {
            // Sat 2026-01-03 + 12 weeks = Sat 2026-03-28 -> art. 1(1): Mon 2026-03-30.
            assertThat(TERMS.statutory(12, TermUnit.WEEKS, d("2026-01-03")).due()).isEqualTo(d("2026-03-30"));
            // Sat 2026-01-03 + 13 weeks = Sat 2026-04-04 (Easter Saturday): more than twelve weeks, art. 4(a): stays.
            assertThat(TERMS.statutory(13, TermUnit.WEEKS, d("2026-01-03")).due()).isEqualTo(d("2026-04-04"));
        }

        @Test
        void thePermitEndsFiveYearsAfterTheApplicationDate() {
            // Application received 2024-02-29 + 5 years: 2029 has no 29 February -> 2029-02-28. Years: art. 4(a), no Atw,
            // so no holiday calendar is needed beyond 2028. The five years are SECONDARY.
            Deadline deadline = TERMS.due("permit-validity", d("2024-02-29"));
            assertThat(deadline.due()).isEqualTo(d("2029-02-28"));
            assertThat(deadline.confidence()).isEqualTo(Confidence.SECONDARY);
        }
    }

    @Nested
    class Versions {
        @Test
        void thePreAndPostPactAppealTermsHaveDifferentTracks() {
            assertThat(TERMS.tracks("appeal-term", d("2026-06-11"))).contains("general-procedure").doesNotContain("unfounded");
            assertThat(TERMS.tracks("appeal-term", d("2026-06-12"))).contains("unfounded").doesNotContain("general-procedure");
            assertThat(TERMS.tracks("decision-time-limit", d("2025-01-01"))).isEmpty();
        }

        @Test
        void aManifestlyUnfoundedDecisionOnTheDayThePactTookEffect() {
            // Fri 2026-06-12 + 1 week = Fri 2026-06-19 (new art. 69(2)(a)(3°) Vw), a working day.
            Deadline deadline = appeal("2026-06-12", "manifestly-unfounded");
            assertThat(deadline.due()).isEqualTo(d("2026-06-19"));
            assertThat(deadline.length().article()).startsWith("art. 69(2)(a)(3°)");
        }
    }

    @Nested
    class BadInput {
        @Test
        void anUnknownTermNamesItAndTheKnownOnes() {
            PolicyInputException e = refused(() -> TERMS.due("objection-term", d("2026-01-05")));
            assertThat(e.field()).isEqualTo("termId");
            assertThat(e).hasMessageContaining("'objection-term'").hasMessageContaining("appeal-term").hasMessageContaining("decision-time-limit");
        }

        @Test
        void anUnknownTrackNamesItAndTheTracksOfThatDate() {
            PolicyInputException e = refused(() -> appeal("2026-07-01", "general-procedure"));
            assertThat(e.field()).isEqualTo("track");
            assertThat(e).hasMessageContaining("'general-procedure'").hasMessageContaining("2026-07-01").hasMessageContaining("unfounded");
        }

        @Test
        void aTrackedTermNeedsATrack() {
            assertThat(refused(() -> TERMS.due("appeal-term", d("2026-01-05"))).getMessage()).contains("needs a track").contains("other");
        }

        @Test
        void aTermWithoutTracksRefusesOne() {
            PolicyInputException e = refused(() -> TERMS.due("decision-time-limit", d("2025-01-06"), "other"));
            assertThat(e.field()).isEqualTo("track");
            assertThat(e).hasMessageContaining("has no tracks");
        }

        @Test
        void aDateNoVersionCoversIsRefusedNotGuessed() {
            // The response term to an intended rejection is described from 2025-07-01 only.
            PolicyInputException e = refused(() -> TERMS.due("response-to-intended-decision", d("2025-06-30")));
            assertThat(e.field()).isEqualTo("eventDate");
            assertThat(e).hasMessageContaining("2025-06-30").hasMessageContaining("from 2025-07-01 until 2026-06-12");
            assertThat(refused(() -> appeal("2015-07-19", "other"))).hasMessageContaining("2015-07-19");
        }

        @Test
        void aRuleKeptForOlderApplicationsNeedsTheApplicationDate() {
            // From 2026-06-12 the law has no intended rejection; the data keeps the four weeks for applications lodged before.
            PolicyInputException missing = refused(() -> TERMS.due("response-to-intended-decision", d("2026-12-01")));
            assertThat(missing.field()).isEqualTo("applicationDate");
            assertThat(missing).hasMessageContaining("2026-12-01").hasMessageContaining("applications lodged before 2026-06-12");
            PolicyInputException newer = refused(() -> TERMS.due("response-to-intended-decision", d("2026-12-01"), null, d("2026-06-12")));
            assertThat(newer.field()).isEqualTo("applicationDate");
            assertThat(newer).hasMessageContaining("lodged on 2026-06-12");
        }

        @Test
        void anEuTimeLimitIsNotMovedByTheAtw() {
            // Mon 2026-09-28 + 3 months = Mon 2026-12-28; + 2 months = Sat 2026-11-28: EU time limit, the Atw does not move it.
            Deadline inadmissibility = TERMS.due("decision-time-limit", d("2026-09-28"), "inadmissibility");
            assertThat(inadmissibility.due()).isEqualTo(d("2026-11-28"));
            assertThat(inadmissibility.termsActApplies()).isFalse();
            assertThat(inadmissibility.reasons(Deadline.Reason.Kind.TERMS_ACT_NOT_APPLICABLE)).extracting(Deadline.Reason::rule)
                    .containsExactly(LegalTerms.ATW_SCOPE);
            assertThat(inadmissibility.regime()).isEqualTo("apr-2024-1348");
        }

        @Test
        void anUnknownTrackOfTheNewDecisionLimitNamesTheKnownOnes() {
            PolicyInputException e = refused(() -> TERMS.due("decision-time-limit", d("2026-07-01"), "extended"));
            assertThat(e.field()).isEqualTo("track");
            assertThat(e).hasMessageContaining("'extended'").hasMessageContaining("regular, accelerated, inadmissibility, border");
        }

        @Test
        void aDeadlineBeyondTheCalendarIsRefused() {
            // Wed 2029-01-10 + 4 weeks = Wed 2029-02-07: no equated days are recorded for 2029.
            PolicyInputException e = refused(() -> appeal("2029-01-10", "other"));
            assertThat(e.field()).isEqualTo("eventDate");
            assertThat(e).hasMessageContaining("2029-01-10").hasMessageContaining("2023-01-01 to 2028-12-31");
        }

        @Test
        void aTermOfZeroIsRefused() {
            assertThat(refused(() -> TERMS.statutory(0, TermUnit.DAYS, d("2026-01-05"))).field()).isEqualTo("amount");
        }

        @Test
        void aDataSetWithoutProcedureSaysSo() {
            LegalTerms none = new LegalTerms(Procedure.none());
            assertThat(refused(() -> none.due("appeal-term", d("2026-01-05")))).hasMessageContaining("has no procedure.yaml");
        }
    }
}
