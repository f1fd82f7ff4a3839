package nl.haven.bench;

import static nl.haven.policy.EvidentiaryStandard.GROUP_PERSECUTION;
import static nl.haven.policy.EvidentiaryStandard.INDIVIDUAL_ASSESSMENT;
import static nl.haven.policy.EvidentiaryStandard.LIMITED_INDICATIONS;
import static nl.haven.policy.EvidentiaryStandard.MINOR_INDICATIONS;
import static nl.haven.policy.EvidentiaryStandard.SPECIFIC_GROUP;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.EvidentiaryStandard;
import nl.haven.policy.Group;
import org.jspecify.annotations.Nullable;

/**
 * The shipped policy data set (src/main/resources/policy as of 2026-12-07: 138 country provisions in 26 country files,
 * 105 of them from the 18 files of issue 22, which are all NOTE, PROCEDURAL or COUNTRY_LAW and so are listed but never
 * set the standard; 47 safe-country listings of which 9 are derived from the EU candidate-country rule; and 4
 * statements about the lists) hard-coded in plain Java, the way one would write it without a rules engine: a switch on
 * the nationality, then one if per provision with its dates, groups, region and facts typed in (a provision for
 * {@code lgbti}, every group, has no group test). It applies the same rules as PolicyEngine.assess: a provision counts
 * when the date is in [validFrom, validTo), one of the applicant's groups is covered, the region matches and (with
 * knownAt) it was published by then; the most favourable standard wins. A listing (national or EU) is not applied
 * while a statement of its level stops it (the national non-application of 5 August 2025, the national suspension of
 * 23 September 2025, the exclusion of Ukraine under the candidate rule); the first such statement in order of
 * validFrom is the one that stops it. NOTE statements are shown only.
 *
 * <p>Within a country the ifs are in the order of the provision ids, so the list of ids comes out sorted without a
 * sort; statements come in order of validFrom, then id. When the data set changes, this class must change with it;
 * the cross-check ({@link CrossCheck}) catches a divergence.
 */
public final class HandWrittenPolicy {

    /**
     * The decision: what the three implementations are compared and timed on. {@code provisions} is sorted;
     * {@code listStatements} is in order of validFrom, then id (the one stopping the listing, and notes).
     */
    public record Result(EvidentiaryStandard standard, boolean riskGroup, boolean safeCountryListed, boolean safeCountryException,
            boolean safeCountryApplied, @Nullable String listingStoppedBy, boolean relocationConsidered, List<String> provisions,
            List<String> listStatements) {
    }

    private static final LocalDate JAN_1_1858 = LocalDate.of(1858, 1, 1);
    private static final LocalDate OCT_6_1860 = LocalDate.of(1860, 10, 6);
    private static final LocalDate JAN_1_1861 = LocalDate.of(1861, 1, 1);
    private static final LocalDate JAN_1_1864 = LocalDate.of(1864, 1, 1);
    private static final LocalDate JAN_1_1913 = LocalDate.of(1913, 1, 1);
    private static final LocalDate JAN_1_1916 = LocalDate.of(1916, 1, 1);
    private static final LocalDate JAN_1_1930 = LocalDate.of(1930, 1, 1);
    private static final LocalDate JAN_1_1960 = LocalDate.of(1960, 1, 1);
    private static final LocalDate MAR_7_1961 = LocalDate.of(1961, 3, 7);
    private static final LocalDate JUN_5_1963 = LocalDate.of(1963, 6, 5);
    private static final LocalDate JUN_17_1963 = LocalDate.of(1963, 6, 17);
    private static final LocalDate JAN_1_1965 = LocalDate.of(1965, 1, 1);
    private static final LocalDate JAN_1_1966 = LocalDate.of(1966, 1, 1);
    private static final LocalDate FEB_12_1966 = LocalDate.of(1966, 2, 12);
    private static final LocalDate JAN_1_1972 = LocalDate.of(1972, 1, 1);
    private static final LocalDate JAN_1_1986 = LocalDate.of(1986, 1, 1);
    private static final LocalDate JUL_22_1999 = LocalDate.of(1999, 7, 22);
    private static final LocalDate JAN_1_2000 = LocalDate.of(2000, 1, 1);
    private static final LocalDate MAY_28_2000 = LocalDate.of(2000, 5, 28);
    private static final LocalDate JUN_1_2000 = LocalDate.of(2000, 6, 1);
    private static final LocalDate SEP_1_2000 = LocalDate.of(2000, 9, 1);
    private static final LocalDate MAR_1_2001 = LocalDate.of(2001, 3, 1);
    private static final LocalDate JAN_1_2002 = LocalDate.of(2002, 1, 1);
    private static final LocalDate APR_18_2003 = LocalDate.of(2003, 4, 18);
    private static final LocalDate AUG_1_2003 = LocalDate.of(2003, 8, 1);
    private static final LocalDate OCT_18_2006 = LocalDate.of(2006, 10, 18);
    private static final LocalDate JUN_1_2011 = LocalDate.of(2011, 6, 1);
    private static final LocalDate JUN_14_2011 = LocalDate.of(2011, 6, 14);
    private static final LocalDate MAR_20_2012 = LocalDate.of(2012, 3, 20);
    private static final LocalDate MAR_21_2012 = LocalDate.of(2012, 3, 21);
    private static final LocalDate APR_11_2012 = LocalDate.of(2012, 4, 11);
    private static final LocalDate MAY_23_2012 = LocalDate.of(2012, 5, 23);
    private static final LocalDate JUL_11_2012 = LocalDate.of(2012, 7, 11);
    private static final LocalDate JUL_13_2012 = LocalDate.of(2012, 7, 13);
    private static final LocalDate NOV_27_2012 = LocalDate.of(2012, 11, 27);
    private static final LocalDate MAR_31_2013 = LocalDate.of(2013, 3, 31);
    private static final LocalDate APR_1_2013 = LocalDate.of(2013, 4, 1);
    private static final LocalDate APR_16_2013 = LocalDate.of(2013, 4, 16);
    private static final LocalDate APR_18_2013 = LocalDate.of(2013, 4, 18);
    private static final LocalDate MAY_28_2013 = LocalDate.of(2013, 5, 28);
    private static final LocalDate DEC_18_2013 = LocalDate.of(2013, 12, 18);
    private static final LocalDate JAN_1_2014 = LocalDate.of(2014, 1, 1);
    private static final LocalDate JAN_7_2014 = LocalDate.of(2014, 1, 7);
    private static final LocalDate JAN_26_2014 = LocalDate.of(2014, 1, 26);
    private static final LocalDate FEB_25_2014 = LocalDate.of(2014, 2, 25);
    private static final LocalDate JUL_16_2014 = LocalDate.of(2014, 7, 16);
    private static final LocalDate AUG_1_2014 = LocalDate.of(2014, 8, 1);
    private static final LocalDate AUG_27_2014 = LocalDate.of(2014, 8, 27);
    private static final LocalDate OCT_9_2014 = LocalDate.of(2014, 10, 9);
    private static final LocalDate OCT_16_2014 = LocalDate.of(2014, 10, 16);
    private static final LocalDate NOV_13_2014 = LocalDate.of(2014, 11, 13);
    private static final LocalDate JUN_28_2015 = LocalDate.of(2015, 6, 28);
    private static final LocalDate JUL_2_2015 = LocalDate.of(2015, 7, 2);
    private static final LocalDate AUG_19_2015 = LocalDate.of(2015, 8, 19);
    private static final LocalDate SEP_4_2015 = LocalDate.of(2015, 9, 4);
    private static final LocalDate SEP_7_2015 = LocalDate.of(2015, 9, 7);
    private static final LocalDate NOV_3_2015 = LocalDate.of(2015, 11, 3);
    private static final LocalDate FEB_9_2016 = LocalDate.of(2016, 2, 9);
    private static final LocalDate MAR_29_2016 = LocalDate.of(2016, 3, 29);
    private static final LocalDate APR_1_2016 = LocalDate.of(2016, 4, 1);
    private static final LocalDate OCT_11_2016 = LocalDate.of(2016, 10, 11);
    private static final LocalDate APR_24_2017 = LocalDate.of(2017, 4, 24);
    private static final LocalDate AUG_9_2017 = LocalDate.of(2017, 8, 9);
    private static final LocalDate AUG_30_2017 = LocalDate.of(2017, 8, 30);
    private static final LocalDate SEP_15_2017 = LocalDate.of(2017, 9, 15);
    private static final LocalDate SEP_22_2017 = LocalDate.of(2017, 9, 22);
    private static final LocalDate SEP_25_2017 = LocalDate.of(2017, 9, 25);
    private static final LocalDate DEC_12_2017 = LocalDate.of(2017, 12, 12);
    private static final LocalDate JAN_1_2018 = LocalDate.of(2018, 1, 1);
    private static final LocalDate MAR_20_2018 = LocalDate.of(2018, 3, 20);
    private static final LocalDate MAR_21_2018 = LocalDate.of(2018, 3, 21);
    private static final LocalDate MAR_28_2018 = LocalDate.of(2018, 3, 28);
    private static final LocalDate APR_1_2018 = LocalDate.of(2018, 4, 1);
    private static final LocalDate MAY_8_2018 = LocalDate.of(2018, 5, 8);
    private static final LocalDate JUL_4_2018 = LocalDate.of(2018, 7, 4);
    private static final LocalDate JUL_9_2018 = LocalDate.of(2018, 7, 9);
    private static final LocalDate DEC_17_2018 = LocalDate.of(2018, 12, 17);
    private static final LocalDate JAN_1_2019 = LocalDate.of(2019, 1, 1);
    private static final LocalDate MAY_24_2019 = LocalDate.of(2019, 5, 24);
    private static final LocalDate JUL_1_2019 = LocalDate.of(2019, 7, 1);
    private static final LocalDate SEP_20_2019 = LocalDate.of(2019, 9, 20);
    private static final LocalDate JAN_1_2020 = LocalDate.of(2020, 1, 1);
    private static final LocalDate MAR_1_2020 = LocalDate.of(2020, 3, 1);
    private static final LocalDate JUN_3_2020 = LocalDate.of(2020, 6, 3);
    private static final LocalDate NOV_4_2020 = LocalDate.of(2020, 11, 4);
    private static final LocalDate JAN_1_2021 = LocalDate.of(2021, 1, 1);
    private static final LocalDate JAN_7_2021 = LocalDate.of(2021, 1, 7);
    private static final LocalDate JAN_13_2021 = LocalDate.of(2021, 1, 13);
    private static final LocalDate MAY_6_2021 = LocalDate.of(2021, 5, 6);
    private static final LocalDate JUN_11_2021 = LocalDate.of(2021, 6, 11);
    private static final LocalDate JUL_1_2021 = LocalDate.of(2021, 7, 1);
    private static final LocalDate FEB_28_2022 = LocalDate.of(2022, 2, 28);
    private static final LocalDate JUL_12_2022 = LocalDate.of(2022, 7, 12);
    private static final LocalDate FEB_24_2023 = LocalDate.of(2023, 2, 24);
    private static final LocalDate APR_8_2023 = LocalDate.of(2023, 4, 8);
    private static final LocalDate APR_19_2023 = LocalDate.of(2023, 4, 19);
    private static final LocalDate MAY_19_2023 = LocalDate.of(2023, 5, 19);
    private static final LocalDate JUN_8_2023 = LocalDate.of(2023, 6, 8);
    private static final LocalDate OCT_27_2023 = LocalDate.of(2023, 10, 27);
    private static final LocalDate JAN_1_2024 = LocalDate.of(2024, 1, 1);
    private static final LocalDate JAN_23_2024 = LocalDate.of(2024, 1, 23);
    private static final LocalDate FEB_28_2024 = LocalDate.of(2024, 2, 28);
    private static final LocalDate MAR_5_2024 = LocalDate.of(2024, 3, 5);
    private static final LocalDate MAY_16_2024 = LocalDate.of(2024, 5, 16);
    private static final LocalDate JUN_13_2024 = LocalDate.of(2024, 6, 13);
    private static final LocalDate JUN_24_2024 = LocalDate.of(2024, 6, 24);
    private static final LocalDate JUN_25_2024 = LocalDate.of(2024, 6, 25);
    private static final LocalDate JUL_1_2024 = LocalDate.of(2024, 7, 1);
    private static final LocalDate SEP_9_2024 = LocalDate.of(2024, 9, 9);
    private static final LocalDate SEP_10_2024 = LocalDate.of(2024, 9, 10);
    private static final LocalDate SEP_18_2024 = LocalDate.of(2024, 9, 18);
    private static final LocalDate OCT_1_2024 = LocalDate.of(2024, 10, 1);
    private static final LocalDate OCT_3_2024 = LocalDate.of(2024, 10, 3);
    private static final LocalDate DEC_9_2024 = LocalDate.of(2024, 12, 9);
    private static final LocalDate DEC_18_2024 = LocalDate.of(2024, 12, 18);
    private static final LocalDate JAN_6_2025 = LocalDate.of(2025, 1, 6);
    private static final LocalDate JAN_8_2025 = LocalDate.of(2025, 1, 8);
    private static final LocalDate MAR_25_2025 = LocalDate.of(2025, 3, 25);
    private static final LocalDate JUN_1_2025 = LocalDate.of(2025, 6, 1);
    private static final LocalDate JUN_10_2025 = LocalDate.of(2025, 6, 10);
    private static final LocalDate JUN_13_2025 = LocalDate.of(2025, 6, 13);
    private static final LocalDate JUN_15_2025 = LocalDate.of(2025, 6, 15);
    private static final LocalDate JUL_9_2025 = LocalDate.of(2025, 7, 9);
    private static final LocalDate AUG_5_2025 = LocalDate.of(2025, 8, 5);
    private static final LocalDate SEP_19_2025 = LocalDate.of(2025, 9, 19);
    private static final LocalDate SEP_23_2025 = LocalDate.of(2025, 9, 23);
    private static final LocalDate OCT_15_2025 = LocalDate.of(2025, 10, 15);
    private static final LocalDate NOV_27_2025 = LocalDate.of(2025, 11, 27);
    private static final LocalDate DEC_19_2025 = LocalDate.of(2025, 12, 19);
    private static final LocalDate JAN_1_2026 = LocalDate.of(2026, 1, 1);
    private static final LocalDate JAN_15_2026 = LocalDate.of(2026, 1, 15);
    /** The EU list's adoption by the Council, as reported: the publishedOn of the EU listings and the Ukrainian exclusion. */
    private static final LocalDate FEB_23_2026 = LocalDate.of(2026, 2, 23);
    private static final LocalDate MAR_11_2026 = LocalDate.of(2026, 3, 11);
    private static final LocalDate MAY_1_2026 = LocalDate.of(2026, 5, 1);
    private static final LocalDate MAY_20_2026 = LocalDate.of(2026, 5, 20);
    /** The EU Pact applies: the national listings end, the EU list and the candidate-country rule start. */
    private static final LocalDate JUN_12_2026 = LocalDate.of(2026, 6, 12);
    private static final LocalDate DEC_7_2026 = LocalDate.of(2026, 12, 7);

    private static final boolean LGBTI_EXCEPTION = true;
    private static final boolean NO_EXCEPTION = false;

    private HandWrittenPolicy() {
    }

    public static Result assess(AssessmentQuery query) {
        Assessing a = new Assessing(query);
        switch (query.nationality()) {
            // countries with a country file; within a case the ids come out sorted ("eu-…" < "gh-…" < "safe-…" < "sn-…")
            case "AF" -> afghanistan(a);
            case "AM" -> {
                armenia(a);
                a.national("safe-am", JUN_25_2024, JUN_12_2026, JUN_25_2024, LGBTI_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            case "AZ" -> azerbaijan(a);
            case "BD" -> {
                bangladesh(a);
                a.euListed("eu-safe-bd");
            }
            case "CM" -> cameroon(a);
            case "DZ" -> {
                algeria(a);
                a.national("safe-dz", OCT_11_2016, JUN_11_2021, OCT_11_2016, LGBTI_EXCEPTION);
            }
            case "EG" -> egypt(a);
            case "GE" -> {
                a.euCandidate("eu-candidate-ge");
                georgia(a);
                a.national("safe-ge", OCT_11_2016, JUN_12_2026, OCT_11_2016, NO_EXCEPTION);
            }
            case "GH" -> {
                ghana(a);
                a.national("safe-gh-2016", FEB_9_2016, JAN_1_2024, FEB_9_2016, NO_EXCEPTION);
                a.national("safe-gh-lgbti-exception", JAN_1_2024, JUN_12_2026, JAN_1_2024, LGBTI_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            case "GM" -> gambia(a);
            case "IQ" -> iraq(a);
            case "IR" -> iran(a);
            case "JM" -> {
                jamaica(a);
                a.national("safe-jm", APR_24_2017, JUN_12_2026, APR_24_2017, LGBTI_EXCEPTION);
                a.national("safe-jm-2016", FEB_9_2016, APR_24_2017, FEB_9_2016, NO_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            case "KE" -> kenya(a);
            case "MA" -> {
                a.euListed("eu-safe-ma");
                morocco(a);
                a.national("safe-ma", FEB_9_2016, JUN_12_2026, FEB_9_2016, LGBTI_EXCEPTION);
                a.nonApplication2025();
            }
            case "NG" -> nigeria(a);
            case "PK" -> pakistan(a);
            case "RU" -> russia(a);
            case "SL" -> sierraLeone(a);
            case "SN" -> {
                a.national("safe-sn", FEB_9_2016, JUN_12_2026, FEB_9_2016, LGBTI_EXCEPTION);
                senegal(a);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            case "SY" -> syria(a);
            case "TN" -> {
                a.euListed("eu-safe-tn");
                a.national("safe-tn", OCT_11_2016, JUN_12_2026, OCT_11_2016, LGBTI_EXCEPTION);
                tunisia(a);
                a.nonApplication2025();
            }
            case "TR" -> {
                a.euCandidate("eu-candidate-tr");
                turkiye(a);
            }
            case "TT" -> {
                a.national("safe-tt", APR_24_2017, JUN_25_2024, APR_24_2017, LGBTI_EXCEPTION);
                trinidadAndTobago(a);
                a.nationalListAfterPact();
            }
            case "UG" -> uganda(a);
            case "US" -> {
                nationalSince2015(a, "safe-us", "safe-us-2015");
                unitedStates(a);
                a.nationalListAfterPact();
            }
            // safe countries of origin without a country file: the national list until 12 June 2026, the EU list and
            // the candidate rule from then
            case "AL" -> {
                a.euCandidate("eu-candidate-al");
                nationalSince2015(a, "safe-al", "safe-al-2015");
            }
            case "BA" -> {
                a.euCandidate("eu-candidate-ba");
                nationalSince2015(a, "safe-ba", "safe-ba-2015");
            }
            case "ME" -> {
                a.euCandidate("eu-candidate-me");
                nationalSince2015(a, "safe-me", "safe-me-2015");
            }
            case "MK" -> {
                a.euCandidate("eu-candidate-mk");
                nationalSince2015(a, "safe-mk", "safe-mk-2015");
            }
            case "RS" -> {
                a.euCandidate("eu-candidate-rs");
                nationalSince2015(a, "safe-rs", "safe-rs-2015");
                a.nonApplication2025();
            }
            case "XK" -> {
                a.euListed("eu-safe-xk");
                nationalSince2015(a, "safe-xk", "safe-xk-2015");
            }
            case "IN" -> {
                a.euListed("eu-safe-in");
                nationalSince2016(a, "safe-in", "safe-in-2016");
            }
            case "MN" -> {
                nationalSince2016(a, "safe-mn", "safe-mn-2016");
                a.nationalListAfterPact();
            }
            case "UA" -> {
                a.euCandidate("eu-candidate-ua");
                a.national("safe-ua", OCT_11_2016, FEB_28_2022, OCT_11_2016, NO_EXCEPTION);
                a.candidateExcludedUkraine();
            }
            case "BR" -> {
                a.national("safe-br", APR_24_2017, JUN_12_2026, APR_24_2017, LGBTI_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            // on the EU list only, or EU candidates only
            case "CO" -> a.euListed("eu-safe-co");
            case "MD" -> a.euCandidate("eu-candidate-md");
            default -> {
                // no provisions: the ordinary individual assessment
            }
        }
        return a.result();
    }

    private static void afghanistan(Assessing a) {
        if (!a.lesbianOrGay()) {
            return;
        }
        if (a.inForce(MAR_31_2013, APR_1_2013, MAR_31_2013)) {
            a.riskGroup("af-homosexuals-risk-group");
        } else if (a.inForce(APR_1_2013, JAN_23_2024, APR_1_2013)) {
            a.riskGroup("af-homosexuals-risk-group-continuation");
        }
    }

    private static void armenia(Assessing a) {
        if (a.gayOrBisexual() && a.inForce(MAR_7_1961, AUG_1_2003, MAR_7_1961)) {
            a.add("am-art-116-sodomy");
        }
        if (a.inForce(JUL_1_2024, JUN_12_2026, MAR_5_2024)) {
            a.add("am-assessment-framework-2024");
        }
        if (a.inForce(JUN_12_2026, null, JUN_12_2026)) {
            a.add("am-assessment-framework-2024-continuation");
        }
        if (a.inForce(AUG_1_2003, null, APR_18_2003)) {
            a.add("am-decriminalised-2003");
        }
        if (a.inForce(JUN_3_2020, JUN_25_2024, JUN_3_2020)) {
            a.add("am-designated-safe-2020");
        }
        if (a.trans() && a.inForce(DEC_17_2018, null, DEC_17_2018)) {
            a.add("am-legal-gender-recognition");
        }
        if (a.inForce(MAR_21_2012, JUL_1_2024, MAR_21_2012)) {
            a.add("am-no-lgbti-specific-policy");
        }
    }

    private static void azerbaijan(Assessing a) {
        if (a.inForce(JUL_1_2024, JUN_12_2026, MAR_5_2024)) {
            a.add("az-assessment-framework-2024");
        }
        if (a.inForce(JUN_12_2026, null, JUN_12_2026)) {
            a.add("az-assessment-framework-2024-continuation");
        }
        if (a.inForce(SEP_1_2000, null, MAY_28_2000)) {
            a.add("az-decriminalised-2000");
        }
        if (a.trans() && a.inForce(MAR_1_2001, null, MAR_1_2001)) {
            a.add("az-legal-gender-recognition");
        }
        if (a.inForce(MAR_21_2012, JUL_1_2024, MAR_21_2012)) {
            a.add("az-no-lgbti-specific-policy");
        }
        if (a.gayBisexualOrTrans() && a.inForce(SEP_15_2017, null, SEP_25_2017)) {
            a.add("az-police-raids-2017");
        }
        if (a.inForce(JAN_7_2021, MAR_5_2024, JAN_13_2021)) {
            a.add("az-vc-c7-5-2021");
        }
        if (a.inForce(MAR_5_2024, null, MAR_5_2024)) {
            a.add("az-vc-c7-5-2021-continuation");
        }
    }

    private static void bangladesh(Assessing a) {
        if (a.inForce(JUL_1_2024, JUN_12_2026, MAR_5_2024)) {
            a.add("bd-assessment-framework-2024");
        }
        if (a.inForce(JUN_12_2026, null, JUN_12_2026)) {
            a.add("bd-assessment-framework-2024-continuation");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(JAN_26_2014, null, JAN_26_2014)) {
            a.add("bd-hijra-third-gender-2014");
        }
        if (a.inForce(MAR_21_2012, JUL_1_2024, MAR_21_2012)) {
            a.add("bd-no-lgbti-specific-policy");
        }
        if (a.inForce(DEC_12_2017, JUN_12_2026, DEC_12_2017)) {
            a.add("bd-not-designated-safe-2017");
        }
        if (a.inForce(OCT_6_1860, null, OCT_6_1860)) {
            a.add("bd-penal-code-377");
        }
    }

    private static void cameroon(Assessing a) {
        if (a.inForce(JAN_1_1972, null, JAN_1_1972)) {
            a.add("cm-criminalisation-347-1");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(DEC_7_2026, null, DEC_7_2026)) {
            a.add("cm-no-legal-gender-recognition");
        }
        if (a.inForce(JUL_4_2018, null, JUL_4_2018)) {
            a.add("cm-no-lgbti-specific-policy");
        }
    }

    private static void algeria(Assessing a) {
        if (a.inForce(MAR_21_2018, JUN_11_2021, MAR_28_2018)) {
            a.add("dz-asexual-not-in-lgbti-exception-2018");
        }
        if (a.transOrIntersex() && a.inForce(OCT_1_2024, null, OCT_1_2024)) {
            a.add("dz-no-legal-gender-recognition");
        }
        if (a.inForce(OCT_11_2016, null, OCT_11_2016)) {
            a.add("dz-no-lgbti-specific-policy");
        }
        if (a.inForce(JAN_1_1966, null, JAN_1_1966)) {
            a.add("dz-penal-code-art-338");
        }
    }

    private static void egypt(Assessing a) {
        if (a.lesbianOrGay() && a.inForce(JUN_1_2011, null, JUN_14_2011)) {
            a.add("eg-no-systematic-persecution-finding");
        }
        if (a.inForce(FEB_9_2016, JUN_12_2026, FEB_9_2016)) {
            a.add("eg-not-designated-safe-2016");
        }
        a.euListed("eu-safe-eg");
    }

    private static void georgia(Assessing a) {
        if (a.inForce(JUN_1_2000, null, JUL_22_1999)) {
            a.add("ge-decriminalised-2000");
        }
        if (a.inForce(OCT_3_2024, null, OCT_3_2024)) {
            a.add("ge-family-values-law-2024");
        }
        if (a.inForce(SEP_18_2024, null, SEP_18_2024)) {
            a.add("ge-family-values-law-nl-reaction-2024");
        }
        if (a.inForce(MAY_6_2021, JUN_8_2023, MAY_6_2021)) {
            a.add("ge-lgbti-heightened-attention-2021");
        }
        if (a.transOrNonbinary() && a.inForce(OCT_3_2024, null, OCT_3_2024)) {
            a.add("ge-no-legal-gender-recognition-2024");
        }
        if (a.inForce(MAR_21_2012, null, MAR_21_2012)) {
            a.add("ge-no-lgbti-country-policy");
        }
    }

    private static void ghana(Assessing a) {
        if (a.inForce(JAN_1_1960, null, JAN_1_1960)) {
            a.add("gh-criminal-offences-104");
        }
        if (a.inForce(FEB_28_2024, null, FEB_28_2024)) {
            a.add("gh-family-values-bill-2024");
        }
        if (a.inForce(JAN_1_2019, null, JAN_1_2019)) {
            a.add("gh-no-lgbti-policy-found");
        }
    }

    private static void gambia(Assessing a) {
        if (a.inForce(OCT_9_2014, null, OCT_16_2014)) {
            a.add("gm-aggravated-homosexuality-2014");
        }
        if (a.inForce(DEC_19_2025, null, JAN_15_2026)) {
            a.add("gm-credibility-judgment-2025");
        }
        if (a.inForce(JAN_1_1965, null, JAN_1_1965)) {
            a.add("gm-criminal-code-s144");
        }
        if (a.inForce(SEP_9_2024, null, SEP_10_2024)) {
            a.add("gm-criminal-offences-bill-2024");
        }
        if (a.transNonbinaryGayOrQueer() && a.inForce(APR_16_2013, null, APR_18_2013)) {
            a.add("gm-cross-dressing-2013");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(DEC_7_2026, null, DEC_7_2026)) {
            a.add("gm-no-legal-gender-recognition");
        }
        if (a.inForce(MAY_23_2012, null, MAY_23_2012)) {
            a.add("gm-no-lgbti-country-policy");
        }
    }

    private static void iraq(Assessing a) {
        if (!a.lgbt()) {
            return;
        }
        if (a.inForce(JUL_11_2012, NOV_27_2012, JUL_11_2012)) {
            a.standard("iq-lgbt-group-persecution", GROUP_PERSECUTION);
        } else if (a.inForce(NOV_27_2012, null, NOV_27_2012)) {
            a.standard("iq-lgbt-group-persecution-continuation", GROUP_PERSECUTION);
        }
        if (a.inForce(MAR_20_2012, JUL_11_2012, MAR_20_2012)) {
            a.standard("iq-lgbt-vulnerable-minority", LIMITED_INDICATIONS);
        }
    }

    private static void iran(Assessing a) {
        if (a.lgb()) {
            if (a.inForce(JUL_1_2019, MAR_5_2024, JUL_1_2019)) {
                a.riskGroup("ir-lgb-risk-group");
            } else if (a.inForce(MAR_5_2024, null, MAR_5_2024)) {
                a.riskGroup("ir-lgb-risk-group-continuation");
            }
        }
        if (a.lgbt() && a.inForce(AUG_9_2017, JUL_1_2019, AUG_9_2017)) {
            a.add("ir-lgbt-protection-level-maintained-2017");
        }
        if (a.lgbt() && a.inForce(OCT_18_2006, JAN_1_2014, OCT_18_2006)) {
            a.standard("ir-lgbt-specific-group", SPECIFIC_GROUP);
        }
        if (a.trans() && a.inForce(JUL_1_2019, null, JUL_1_2019)) {
            a.standard("ir-trans-no-separate-group", INDIVIDUAL_ASSESSMENT);
        }
    }

    private static void jamaica(Assessing a) {
        if (a.transOrNonbinary() && a.inForce(JAN_1_2018, null, JAN_1_2018)) {
            a.add("jm-no-legal-gender-recognition");
        }
        if (a.inForce(MAR_21_2012, null, MAR_21_2012)) {
            a.add("jm-no-lgbti-country-policy");
        }
        if (a.gayOrBisexual() && a.inForce(JAN_1_1864, null, JAN_1_1864)) {
            a.add("jm-oapa-buggery-gross-indecency");
        }
        if (a.gayOrBisexual() && a.inForce(OCT_27_2023, null, OCT_27_2023)) {
            a.add("jm-savings-clause-ruling-2023");
        }
    }

    private static void kenya(Assessing a) {
        if (a.inForce(JAN_1_1930, null, JAN_1_1930)) {
            a.add("ke-criminalisation-penal-code");
        }
        if (a.inForce(APR_8_2023, null, APR_8_2023)) {
            a.add("ke-family-protection-bill-2023");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(MAY_1_2026, null, MAY_20_2026)) {
            a.add("ke-gender-marker-high-court-2026");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(MAY_28_2013, MAY_1_2026, MAY_28_2013)) {
            a.add("ke-gender-marker-no-procedure");
        }
        if (a.inForce(MAY_24_2019, null, MAY_24_2019)) {
            a.add("ke-high-court-2019-upheld");
        }
        if (a.inForce(JUL_4_2018, null, JUL_4_2018)) {
            a.add("ke-no-lgbti-specific-policy");
        }
        if (a.inForce(FEB_24_2023, null, FEB_24_2023)) {
            a.add("ke-supreme-court-2023-association");
        }
    }

    private static void morocco(Assessing a) {
        if (a.lgb() && a.inForce(MAR_29_2016, null, APR_1_2016)) {
            a.add("ma-criminalisation-must-be-examined-2016");
        }
        if (a.transOrIntersex() && a.inForce(JAN_1_2021, null, JUL_1_2021)) {
            a.add("ma-legal-gender-recognition");
        }
        if (a.inForce(NOV_13_2014, null, AUG_19_2015)) {
            a.add("ma-no-lgbti-specific-policy");
        }
        if (a.inForce(JUN_17_1963, null, JUN_5_1963)) {
            a.add("ma-penal-code-art-489");
        }
    }

    private static void nigeria(Assessing a) {
        if (a.inForce(JAN_1_1916, null, JAN_1_1916)) {
            a.add("ng-criminal-code-214");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(JAN_1_2024, null, JUN_13_2024)) {
            a.add("ng-no-legal-gender-recognition");
        }
        if (a.inForce(JAN_1_2019, null, JAN_1_2019)) {
            a.add("ng-no-lgbti-policy-found");
        }
        if (a.inForce(JAN_1_2000, null, JAN_1_2000)) {
            a.add("ng-sharia-penal-codes");
        }
        if (a.inForce(JAN_7_2014, null, JAN_7_2014)) {
            a.add("ng-ssmpa-2014");
        }
    }

    private static void pakistan(Assessing a) {
        if (a.transIntersexOrNonbinary() && a.inForce(MAY_19_2023, null, MAY_19_2023)) {
            a.add("pk-fsc-2023-transgender-act");
        }
        if (a.inForce(DEC_18_2024, null, DEC_18_2024)) {
            a.add("pk-lhbtiq-risk-profile-2024");
        }
        if (a.inForce(JUL_13_2012, DEC_18_2024, JUL_13_2012)) {
            a.add("pk-no-lgbti-policy-found");
        }
        if (a.inForce(OCT_6_1860, null, OCT_6_1860)) {
            a.add("pk-ppc-377");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(MAY_8_2018, MAY_19_2023, MAY_8_2018)) {
            a.add("pk-transgender-act-2018");
        }
    }

    private static void russia(Assessing a) {
        if (a.lgbt() && "RU-CE".equals(a.region)) {
            if (a.inForce(AUG_30_2017, MAR_5_2024, AUG_30_2017)) {
                a.standard("ru-chechnya-group-persecution", GROUP_PERSECUTION);
            } else if (a.inForce(MAR_5_2024, null, MAR_5_2024)) {
                a.standard("ru-chechnya-group-persecution-continuation", GROUP_PERSECUTION);
            }
        }
        if (a.inForce(JUN_8_2023, null, JUN_8_2023)) {
            a.add("ru-country-letter-2023");
        }
        if (!a.lgbt()) {
            return;
        }
        if (a.inForce(JUL_2_2015, SEP_4_2015, JUL_2_2015)) {
            a.relocation("ru-lgbt-internal-relocation", true);
        }
        if (a.inForce(SEP_4_2015, MAR_5_2024, SEP_7_2015)) {
            a.relocation("ru-lgbt-no-internal-relocation", false);
        } else if (a.inForce(MAR_5_2024, null, MAR_5_2024)) {
            a.relocation("ru-lgbt-no-internal-relocation-continuation", false);
        }
        if (a.inForce(SEP_4_2015, MAR_5_2024, SEP_7_2015)) {
            a.riskGroup("ru-lgbt-risk-group");
        } else if (a.inForce(MAR_5_2024, null, MAR_5_2024)) {
            a.riskGroup("ru-lgbt-risk-group-continuation");
        }
        if (a.inForce(AUG_1_2014, null, AUG_1_2014)) {
            a.add("ru-police-protection-not-required");
        }
    }

    private static void sierraLeone(Assessing a) {
        if (a.inForce(JUN_10_2025, null, JUN_13_2025)) {
            a.add("sl-credibility-judgment-2025");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(DEC_7_2026, null, DEC_7_2026)) {
            a.add("sl-no-legal-gender-recognition");
        }
        if (a.inForce(MAY_23_2012, null, MAY_23_2012)) {
            a.add("sl-no-lgbti-country-policy");
        }
        if (a.inForce(JAN_1_1861, null, JAN_1_1861)) {
            a.add("sl-oapa-1861-s61");
        }
        if (a.lgb() && a.inForce(MAY_23_2012, DEC_18_2013, MAY_23_2012)) {
            a.add("sl-three-cases-2012");
        }
        if (a.lgb() && a.inForce(DEC_18_2013, null, DEC_18_2013)) {
            a.add("sl-xyz-rvs-2013");
        }
    }

    private static void senegal(Assessing a) {
        if (a.inForce(MAR_11_2026, null, MAR_11_2026)) {
            a.add("sn-art-319-amendment-2026");
        }
        if (a.transIntersexOrNonbinary() && a.inForce(DEC_7_2026, null, DEC_7_2026)) {
            a.add("sn-no-legal-gender-recognition");
        }
        if (a.inForce(MAY_23_2012, null, MAY_23_2012)) {
            a.add("sn-no-lgbti-country-policy");
        }
        if (a.inForce(FEB_12_1966, null, FEB_12_1966)) {
            a.add("sn-penal-code-art-319-1966");
        }
        if (a.inForce(JUN_24_2024, MAR_11_2026, JUN_24_2024)) {
            a.add("sn-penalty-bills-2024");
        }
        if (a.inForce(JAN_8_2025, JUN_12_2026, JAN_8_2025)) {
            a.add("sn-safe-country-exception-case-law-2025");
        }
        if (a.lgb() && a.inForce(MAY_23_2012, DEC_18_2013, MAY_23_2012)) {
            a.add("sn-three-cases-2012");
        }
        if (a.lgb() && a.inForce(DEC_18_2013, null, DEC_18_2013)) {
            a.add("sn-xyz-rvs-2013");
        }
    }

    private static void syria(Assessing a) {
        if (a.inForce(DEC_9_2024, JUN_15_2025, DEC_9_2024)) {
            a.add("sy-decision-moratorium-2024");
        }
        if (a.inForce(JUN_1_2025, null, JUN_1_2025)) {
            a.add("sy-individual-risk-required");
        }
    }

    private static void tunisia(Assessing a) {
        if (a.gayBisexualOrTrans() && a.inForce(SEP_22_2017, null, SEP_22_2017)) {
            a.add("tn-anal-examinations-2017");
        }
        if (a.inForce(JAN_1_2018, null, JAN_1_2018)) {
            a.add("tn-colibe-repeal-proposal-2018");
        }
        if (a.inForce(JAN_1_2020, AUG_5_2025, JAN_1_2020)) {
            a.add("tn-exception-needs-credible-orientation");
        }
        if (a.transOrIntersex() && a.inForce(JUL_9_2018, null, JUL_9_2018)) {
            a.add("tn-legal-gender-recognition");
        }
        if (a.inForce(OCT_11_2016, null, OCT_11_2016)) {
            a.add("tn-no-lgbti-specific-policy");
        }
        if (a.inForce(JAN_1_1913, null, JAN_1_1913)) {
            a.add("tn-penal-code-art-230");
        }
    }

    private static void turkiye(Assessing a) {
        if (a.inForce(OCT_15_2025, NOV_27_2025, OCT_15_2025)) {
            a.add("tr-11th-judicial-package-draft-2025");
        }
        if (a.inForce(JUL_12_2022, MAR_5_2024, JUL_12_2022)) {
            a.add("tr-c7-34-risk-groups-2022");
        }
        if (a.inForce(MAR_5_2024, null, MAR_5_2024)) {
            a.add("tr-c7-34-risk-groups-continuation");
        }
        if (a.trans() && a.inForce(JAN_1_2002, MAR_20_2018, JAN_1_2002)) {
            a.add("tr-gender-recognition-civil-code-2002");
        }
        if (a.trans() && a.inForce(MAR_20_2018, null, MAR_20_2018)) {
            a.add("tr-gender-recognition-sterility-annulled-2018");
        }
        if (a.inForce(JAN_1_1858, null, JAN_1_1858)) {
            a.add("tr-no-criminalisation");
        }
        if (a.inForce(JUL_4_2018, null, JUL_4_2018)) {
            a.add("tr-no-lgbti-specific-policy");
        }
        if (a.inForce(JUN_28_2015, null, JUN_28_2015)) {
            a.add("tr-pride-and-event-bans");
        }
        if (a.inForce(JAN_6_2025, JAN_1_2026, JAN_6_2025)) {
            a.add("tr-year-of-the-family-2025");
        }
    }

    private static void trinidadAndTobago(Assessing a) {
        if (a.lgb() && a.inForce(MAR_25_2025, null, MAR_25_2025)) {
            a.add("tt-court-of-appeal-2025");
        }
        if (a.lgb() && a.inForce(APR_1_2018, MAR_25_2025, APR_1_2018)) {
            a.add("tt-high-court-2018");
        }
        if (a.inForce(MAR_1_2020, JUN_25_2024, MAR_1_2020)) {
            a.add("tt-ind-exception-kept-2020");
        }
        if (a.transOrNonbinary() && a.inForce(JAN_1_2021, null, JAN_1_2021)) {
            a.add("tt-no-legal-gender-recognition");
        }
        if (a.inForce(MAR_21_2012, null, MAR_21_2012)) {
            a.add("tt-no-lgbti-country-policy");
        }
        if (a.lgb() && a.inForce(JUL_16_2014, null, AUG_27_2014)) {
            a.add("tt-rbdha-2014-duty-to-investigate");
        }
        if (a.lgb() && a.inForce(JAN_1_1986, APR_1_2018, JAN_1_1986)) {
            a.add("tt-soa-1986-criminalisation");
        }
    }

    private static void uganda(Assessing a) {
        if (a.inForce(APR_19_2023, null, APR_19_2023)) {
            a.add("ug-anti-homosexuality-act-2023");
        }
        if (a.inForce(MAY_16_2024, null, MAY_16_2024)) {
            a.add("ug-anti-homosexuality-act-upheld-2024");
        }
        if (a.lesbianOrGay() && a.inForce(APR_11_2012, FEB_25_2014, APR_11_2012)) {
            a.riskGroup("ug-homosexuals-risk-group");
        }
        if (a.lgbt() && a.inForce(FEB_25_2014, NOV_4_2020, FEB_25_2014)) {
            a.add("ug-lgbt-protection-2014");
        }
        if (a.inForce(NOV_4_2020, MAR_5_2024, NOV_4_2020)) {
            a.standard("ug-lgbti-group-persecution", GROUP_PERSECUTION);
        } else if (a.inForce(MAR_5_2024, null, MAR_5_2024)) {
            a.standard("ug-lgbti-group-persecution-continuation", GROUP_PERSECUTION);
        }
    }

    /** The United States' own provisions; its listing as a safe country comes first (ids "safe-us…" sort first). */
    private static void unitedStates(Assessing a) {
        if (a.inForce(JUL_9_2025, null, JUL_9_2025)) {
            a.add("us-asylum-on-request-only");
        }
        if (a.inForce(SEP_19_2025, null, SEP_19_2025)) {
            a.standard("us-lgbtiq-no-group-policy", INDIVIDUAL_ASSESSMENT);
        }
        if (a.facts.contains("military-dismissal") && a.inForce(JUL_9_2025, null, JUL_9_2025)) {
            a.add("us-military-dismissal-note");
        }
        if (a.trans() && a.inForce(JUL_9_2025, null, JUL_9_2025)) {
            a.standard("us-trans-no-group-policy", INDIVIDUAL_ASSESSMENT);
        }
    }

    /** Listed from 2015-11-03 (secondary source), confirmed on the list of 2019-09-20 until the Pact; no exception. */
    private static void nationalSince2015(Assessing a, String current, String from2015) {
        a.national(current, SEP_20_2019, JUN_12_2026, SEP_20_2019, NO_EXCEPTION);
        a.national(from2015, NOV_3_2015, SEP_20_2019, NOV_3_2015, NO_EXCEPTION);
    }

    /** Listed from 2016-02-09 (secondary source), confirmed on the list of 2019-09-20 until the Pact; no exception. */
    private static void nationalSince2016(Assessing a, String current, String from2016) {
        a.national(current, SEP_20_2019, JUN_12_2026, SEP_20_2019, NO_EXCEPTION);
        a.national(from2016, FEB_9_2016, SEP_20_2019, FEB_9_2016, NO_EXCEPTION);
    }

    /** One assessment in progress. */
    private static final class Assessing {
        private final LocalDate date;
        private final @Nullable LocalDate knownAt;
        private final Set<Group> groups;
        private final Set<String> facts;
        private final @Nullable String region;

        private EvidentiaryStandard standard = INDIVIDUAL_ASSESSMENT;
        private boolean riskGroup;
        private boolean listed;
        private boolean listedByEu;
        private boolean exception;
        private boolean relocationConsidered;
        private @Nullable String stoppedBy;
        private final List<String> provisions = new ArrayList<>(4);
        private @Nullable List<String> statements;

        Assessing(AssessmentQuery q) {
            this.date = q.date();
            this.knownAt = q.knownAt();
            this.groups = q.groups();
            this.facts = q.facts();
            this.region = q.region();
        }

        /** The date is in [from, to) (to null = open) and, when asked as known on a date, it was published by then. */
        boolean inForce(LocalDate from, @Nullable LocalDate to, LocalDate published) {
            return !date.isBefore(from) && (to == null || date.isBefore(to)) && (knownAt == null || !published.isAfter(knownAt));
        }

        boolean lesbianOrGay() {
            return groups.contains(Group.LESBIAN) || groups.contains(Group.GAY);
        }

        boolean lgb() {
            return lesbianOrGay() || groups.contains(Group.BISEXUAL);
        }

        boolean lgbt() {
            return lgb() || groups.contains(Group.TRANS);
        }

        boolean trans() {
            return groups.contains(Group.TRANS);
        }

        boolean gayOrBisexual() {
            return groups.contains(Group.GAY) || groups.contains(Group.BISEXUAL);
        }

        boolean gayBisexualOrTrans() {
            return gayOrBisexual() || groups.contains(Group.TRANS);
        }

        boolean transOrIntersex() {
            return groups.contains(Group.TRANS) || groups.contains(Group.INTERSEX);
        }

        boolean transOrNonbinary() {
            return groups.contains(Group.TRANS) || groups.contains(Group.NONBINARY);
        }

        boolean transIntersexOrNonbinary() {
            return transOrIntersex() || groups.contains(Group.NONBINARY);
        }

        boolean transNonbinaryGayOrQueer() {
            return transOrNonbinary() || groups.contains(Group.GAY) || groups.contains(Group.QUEER);
        }

        void add(String id) {
            provisions.add(id);
        }

        /** A provision that sets a standard: the most favourable one wins. */
        void standard(String id, EvidentiaryStandard s) {
            provisions.add(id);
            if (s.moreFavourableThan(standard)) {
                standard = s;
            }
        }

        void riskGroup(String id) {
            standard(id, MINOR_INDICATIONS);
            riskGroup = true;
        }

        /** Internal relocation; the data set has only country-wide statements that never overlap. */
        void relocation(String id, boolean considered) {
            provisions.add(id);
            relocationConsidered = considered;
        }

        /**
         * A listing on the national list (until 12 June 2026); every listing covers all groups, an exception covers all
         * of them too.
         */
        void national(String id, LocalDate from, @Nullable LocalDate to, LocalDate published, boolean lgbtiException) {
            if (inForce(from, to, published)) {
                provisions.add(id);
                listed = true;
                listedByEu = false;
                exception = lgbtiException;
            }
        }

        /** A listing in Annex II to Regulation 2024/1348 from 12 June 2026 (adopted 23 February 2026); no exception recorded. */
        void euListed(String id) {
            if (inForce(JUN_12_2026, null, FEB_23_2026)) {
                provisions.add(id);
                listed = true;
                listedByEu = true;
                exception = NO_EXCEPTION;
            }
        }

        /** A listing derived from the EU candidate-country rule: from 12 June 2026, known from then; no exception recorded. */
        void euCandidate(String id) {
            // Known from the rule's publication (the Council's adoption): every candidacy began before it.
            if (inForce(JUN_12_2026, null, FEB_23_2026)) {
                provisions.add(id);
                listed = true;
                listedByEu = true;
                exception = NO_EXCEPTION;
            }
        }

        /** The IND's non-application of 5 August 2025 to the national listings of AM, BR, GH, JM, MA, SN, RS and TN. */
        void nonApplication2025() {
            if (listed && !listedByEu && inForce(AUG_5_2025, JUN_12_2026, AUG_5_2025)) {
                stop("nl-non-application-2025-08-05");
            }
        }

        /** Ukraine is excluded from the candidate rule (armed conflict): its EU listing is not applied. */
        void candidateExcludedUkraine() {
            if (listed && listedByEu && inForce(JUN_12_2026, null, FEB_23_2026)) {
                stop("eu-candidate-exclusion-ua");
            }
        }

        /** The note for countries that were on the national list before 12 June 2026 and are not on the EU list. */
        void nationalListAfterPact() {
            if (inForce(JUN_12_2026, null, JUN_12_2026)) {
                statement("nl-national-list-after-pact");
            }
        }

        private void stop(String id) {
            if (stoppedBy == null) {
                stoppedBy = id;
            }
            statement(id);
        }

        private void statement(String id) {
            if (statements == null) {
                statements = new ArrayList<>(2);
            }
            statements.add(id);
        }

        Result result() {
            // The suspension of 23 September 2025 concerns every national listing; it comes after the non-application of
            // 5 August 2025 (validFrom order) and cannot hold on a date with a statement of 12 June 2026 or later.
            if (listed && !listedByEu && inForce(SEP_23_2025, JUN_12_2026, SEP_23_2025)) {
                stop("nl-suspension-2025-09-23");
            }
            return new Result(standard, riskGroup, listed, exception, listed && stoppedBy == null && !exception, stoppedBy,
                    relocationConsidered, provisions, statements == null ? List.of() : statements);
        }
    }
}
