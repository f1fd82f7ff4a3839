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
 * The shipped policy data set (src/main/resources/policy as of 2026-12-06: 33 country provisions, 47 safe-country listings
 * of which 16 are derived from the EU candidate-country rule, and 4 statements about the lists) hard-coded in plain
 * Java, the way one would write it without a rules engine: a switch on the nationality, then one if per provision with
 * its dates, groups, region and facts typed in. It applies the same rules as PolicyEngine.assess: a provision counts
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

    private static final LocalDate OCT_18_2006 = LocalDate.of(2006, 10, 18);
    private static final LocalDate JUN_1_2011 = LocalDate.of(2011, 6, 1);
    private static final LocalDate JUN_14_2011 = LocalDate.of(2011, 6, 14);
    private static final LocalDate MAR_20_2012 = LocalDate.of(2012, 3, 20);
    private static final LocalDate APR_11_2012 = LocalDate.of(2012, 4, 11);
    private static final LocalDate JUL_11_2012 = LocalDate.of(2012, 7, 11);
    private static final LocalDate NOV_27_2012 = LocalDate.of(2012, 11, 27);
    private static final LocalDate MAR_31_2013 = LocalDate.of(2013, 3, 31);
    private static final LocalDate APR_1_2013 = LocalDate.of(2013, 4, 1);
    private static final LocalDate JAN_1_2014 = LocalDate.of(2014, 1, 1);
    private static final LocalDate FEB_25_2014 = LocalDate.of(2014, 2, 25);
    private static final LocalDate AUG_1_2014 = LocalDate.of(2014, 8, 1);
    private static final LocalDate JUL_2_2015 = LocalDate.of(2015, 7, 2);
    private static final LocalDate SEP_4_2015 = LocalDate.of(2015, 9, 4);
    private static final LocalDate SEP_7_2015 = LocalDate.of(2015, 9, 7);
    private static final LocalDate NOV_3_2015 = LocalDate.of(2015, 11, 3);
    private static final LocalDate FEB_9_2016 = LocalDate.of(2016, 2, 9);
    private static final LocalDate OCT_11_2016 = LocalDate.of(2016, 10, 11);
    private static final LocalDate APR_24_2017 = LocalDate.of(2017, 4, 24);
    private static final LocalDate AUG_9_2017 = LocalDate.of(2017, 8, 9);
    private static final LocalDate AUG_30_2017 = LocalDate.of(2017, 8, 30);
    private static final LocalDate JUL_1_2019 = LocalDate.of(2019, 7, 1);
    private static final LocalDate SEP_20_2019 = LocalDate.of(2019, 9, 20);
    private static final LocalDate NOV_4_2020 = LocalDate.of(2020, 11, 4);
    private static final LocalDate JUN_11_2021 = LocalDate.of(2021, 6, 11);
    private static final LocalDate FEB_28_2022 = LocalDate.of(2022, 2, 28);
    private static final LocalDate APR_19_2023 = LocalDate.of(2023, 4, 19);
    private static final LocalDate JUN_8_2023 = LocalDate.of(2023, 6, 8);
    private static final LocalDate JAN_1_2024 = LocalDate.of(2024, 1, 1);
    private static final LocalDate JAN_23_2024 = LocalDate.of(2024, 1, 23);
    private static final LocalDate MAR_5_2024 = LocalDate.of(2024, 3, 5);
    private static final LocalDate MAY_16_2024 = LocalDate.of(2024, 5, 16);
    private static final LocalDate JUN_25_2024 = LocalDate.of(2024, 6, 25);
    private static final LocalDate DEC_9_2024 = LocalDate.of(2024, 12, 9);
    private static final LocalDate JUN_1_2025 = LocalDate.of(2025, 6, 1);
    private static final LocalDate JUN_15_2025 = LocalDate.of(2025, 6, 15);
    private static final LocalDate JUL_9_2025 = LocalDate.of(2025, 7, 9);
    private static final LocalDate AUG_5_2025 = LocalDate.of(2025, 8, 5);
    private static final LocalDate SEP_19_2025 = LocalDate.of(2025, 9, 19);
    private static final LocalDate SEP_23_2025 = LocalDate.of(2025, 9, 23);
    /** The EU list's adoption by the Council, as reported: the publishedOn of the EU listings and the Ukrainian exclusion. */
    private static final LocalDate FEB_23_2026 = LocalDate.of(2026, 2, 23);
    /** The EU Pact applies: the national listings end, the EU list and the candidate-country rule start. */
    private static final LocalDate JUN_12_2026 = LocalDate.of(2026, 6, 12);

    private static final boolean LGBTI_EXCEPTION = true;
    private static final boolean NO_EXCEPTION = false;

    private HandWrittenPolicy() {
    }

    public static Result assess(AssessmentQuery query) {
        Assessing a = new Assessing(query);
        switch (query.nationality()) {
            case "AF" -> afghanistan(a);
            case "EG" -> egypt(a);
            case "IQ" -> iraq(a);
            case "IR" -> iran(a);
            case "RU" -> russia(a);
            case "SY" -> syria(a);
            case "UG" -> uganda(a);
            case "US" -> {
                nationalSince2015(a, "safe-us", "safe-us-2015");
                unitedStates(a);
                a.nationalListAfterPact();
            }
            // safe countries of origin: the national list until 12 June 2026, the EU list and the candidate rule from then
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
            case "MA" -> {
                a.euListed("eu-safe-ma");
                a.national("safe-ma", FEB_9_2016, JUN_12_2026, FEB_9_2016, LGBTI_EXCEPTION);
                a.nonApplication2025();
            }
            case "SN" -> {
                a.national("safe-sn", FEB_9_2016, JUN_12_2026, FEB_9_2016, LGBTI_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            case "GH" -> {
                a.national("safe-gh-2016", FEB_9_2016, JAN_1_2024, FEB_9_2016, NO_EXCEPTION);
                a.national("safe-gh-lgbti-exception", JAN_1_2024, JUN_12_2026, JAN_1_2024, LGBTI_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            case "JM" -> {
                a.national("safe-jm", APR_24_2017, JUN_12_2026, APR_24_2017, LGBTI_EXCEPTION);
                a.national("safe-jm-2016", FEB_9_2016, APR_24_2017, FEB_9_2016, NO_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            case "DZ" -> a.national("safe-dz", OCT_11_2016, JUN_11_2021, OCT_11_2016, LGBTI_EXCEPTION);
            case "TN" -> {
                a.euListed("eu-safe-tn");
                a.national("safe-tn", OCT_11_2016, JUN_12_2026, OCT_11_2016, LGBTI_EXCEPTION);
                a.nonApplication2025();
            }
            case "GE" -> {
                a.euCandidate("eu-candidate-ge");
                a.national("safe-ge", OCT_11_2016, JUN_12_2026, OCT_11_2016, NO_EXCEPTION);
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
            case "TT" -> {
                a.national("safe-tt", APR_24_2017, JUN_25_2024, APR_24_2017, LGBTI_EXCEPTION);
                a.nationalListAfterPact();
            }
            case "AM" -> {
                a.national("safe-am", JUN_25_2024, JUN_12_2026, JUN_25_2024, LGBTI_EXCEPTION);
                a.nonApplication2025();
                a.nationalListAfterPact();
            }
            // on the EU list only, or EU candidates only
            case "BD" -> a.euListed("eu-safe-bd");
            case "CO" -> a.euListed("eu-safe-co");
            case "MD" -> a.euCandidate("eu-candidate-md");
            case "TR" -> a.euCandidate("eu-candidate-tr");
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

    private static void egypt(Assessing a) {
        if (a.lesbianOrGay() && a.inForce(JUN_1_2011, null, JUN_14_2011)) {
            a.add("eg-no-systematic-persecution-finding");
        }
        if (a.inForce(FEB_9_2016, JUN_12_2026, FEB_9_2016)) {
            a.add("eg-not-designated-safe-2016");
        }
        a.euListed("eu-safe-eg");
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

    private static void syria(Assessing a) {
        if (a.inForce(DEC_9_2024, JUN_15_2025, DEC_9_2024)) {
            a.add("sy-decision-moratorium-2024");
        }
        if (a.inForce(JUN_1_2025, null, JUN_1_2025)) {
            a.add("sy-individual-risk-required");
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
