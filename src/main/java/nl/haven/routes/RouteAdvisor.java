package nl.haven.routes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.DatedValue;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.policy.RouteStatement;
import nl.haven.routes.Profile.Education;
import nl.haven.routes.Profile.EducationLevel;
import nl.haven.routes.Profile.FamilyMember;
import nl.haven.routes.Profile.FamilyReunification;
import nl.haven.routes.Profile.ProtectionStatus;
import nl.haven.routes.Profile.JobOffer;
import nl.haven.routes.Profile.Partner;
import nl.haven.routes.Profile.PartnerStatus;
import nl.haven.routes.Profile.Relationship;
import nl.haven.routes.Profile.SelfEmployed;
import org.jspecify.annotations.Nullable;

/**
 * Advises on every route for one profile. The logic is here, one small method per route; every
 * threshold, term and date comes from the data set's {@code routes/*.yaml}, with its sources.
 * Decision support: it says what Haven can check, never what the IND will decide.
 */
public final class RouteAdvisor {

    /** The parameters the rules below read; the data set must define each (checked on construction). */
    static final List<String> PARAMETERS = List.of("daft-minimum-capital", "daft-minimum-ownership", "hsm-salary-30-plus",
            "hsm-salary-under-30", "hsm-salary-reduced", "hsm-age-limit", "blue-card-salary", "blue-card-salary-recent-graduate",
            "blue-card-minimum-contract-months", "graduate-window-years", "partner-minimum-age", "partner-income-requirement",
            "family-reunification-window-months", "family-subsidiary-wait-years", "family-spouse-minimum-age");

    private final PolicyEngine engine;

    public RouteAdvisor(PolicyEngine engine) {
        this.engine = engine;
        List<String> missing = new ArrayList<>();
        for (String id : PARAMETERS) {
            if (parameter(id) == null) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the policy data set's routes/*.yaml lack the parameters " + missing);
        }
    }

    public PolicyDataSet dataSet() {
        return engine.dataSet();
    }

    public RouteAdvice advise(Profile profile, String language) {
        RouteTexts texts = new RouteTexts(language);
        List<RouteAdvice.Answer> answers = new ArrayList<>();
        for (RouteAdvice.Answer answer : List.of(asylum(profile, texts), daft(profile, texts), highlySkilledMigrant(profile, texts),
                blueCard(profile, texts), orientationYear(profile, texts), partner(profile, texts), familyReunification(profile, texts))) {
            answers.add(withNotes(answer, profile, texts));
        }
        return new RouteAdvice(profile.date().toString(), new AssessmentDocument.DatasetRef(engine.dataSet().version()), answers,
                texts.language());
    }

    // --- the routes ----------------------------------------------------------------------------------

    RouteAdvice.Answer asylum(Profile p, RouteTexts t) {
        Evaluation e = new Evaluation(Route.ASYLUM, t);
        if (p.protection() == null || p.protection().groups().isEmpty()) {
            e.missing("protection.groups");
            e.reason("asylum-groups-needed", List.of());
            return e.answer();
        }
        nl.haven.policy.Assessment decision;
        try {
            decision = engine.assess(engine.query(p.nationality(), null, p.protection().groups(), p.protection().facts(), p.date().toString(),
                    null));
        } catch (PolicyInputException bad) {
            throw new ProfileException("protection." + (bad.field().equals("fact") ? "facts" : "groups"), bad.getMessage());
        }
        AssessmentDocument assessment = AssessmentDocument.of(decision, engine.dataSet(), t.language());
        e.reason("asylum-apply-in-person", List.of());
        e.reason("asylum-framework", decision.decisive() == null ? List.of() : decision.decisive().sources(),
                t.text("standard." + assessment.evidentiaryStandard()));
        nl.haven.policy.Provision listing = decision.listing();
        nl.haven.policy.ListStatement stop = decision.listingStoppedBy();
        if (listing != null && stop != null) {
            e.reason("asylum-safe-country-not-applied", stop.sources(), stop.id());
        } else if (listing != null && decision.safeCountryException()) {
            e.reason("asylum-safe-country-exception", listing.sources());
        } else if (listing != null) {
            e.reason(listing.exceptionsKnown() ? "asylum-safe-country" : "asylum-safe-country-exceptions-unknown", listing.sources());
        }
        for (nl.haven.policy.Provision basis : new nl.haven.policy.Provision[] { decision.decisive(), listing }) {
            if (basis != null && basis.uncertain()) {
                e.warnings.add(t.text("warn-statement", basis.id()));
            }
        }
        for (nl.haven.policy.ListStatement st : decision.listStatements()) {
            if (st.confidence() != nl.haven.policy.Confidence.PRIMARY) {
                e.warnings.add(t.text("warn-statement", st.id()));
            }
        }
        e.assessment = assessment;
        return e.answer();
    }

    RouteAdvice.Answer daft(Profile p, RouteTexts t) {
        Evaluation e = new Evaluation(Route.DAFT, t);
        if (!"US".equals(p.nationality())) {
            e.notApplicable("daft-us-only", statementSources(e, "DAFT", p.date()));
            return e.answer();
        }
        SelfEmployed se = p.selfEmployed();
        atLeast(e, "selfEmployed.capitalEur", se == null ? null : se.capitalEur(), "daft-minimum-capital", p.date(), "daft-capital", true);
        atLeast(e, "selfEmployed.ownershipPercent", se == null ? null : se.ownershipPercent(), "daft-minimum-ownership", p.date(),
                "daft-ownership", false);
        RouteStatement later = statement("DAFT", "daft-register-within-six-months", p.date());
        Boolean kvk = se == null ? null : se.kvkRegistration();
        if (Boolean.TRUE.equals(kvk)) {
            e.reason("daft-kvk-registered", List.of());
        } else if (later != null) {
            e.reason("daft-kvk-within-six-months", e.use(later));
        } else if (kvk == null) {
            e.missing("selfEmployed.kvkRegistration");
        } else {
            e.fail("daft-kvk-missing", List.of());
            e.change("selfEmployed.kvkRegistration", "true", "change-kvk", List.of());
        }
        return e.answer();
    }

    RouteAdvice.Answer highlySkilledMigrant(Profile p, RouteTexts t) {
        Evaluation e = new Evaluation(Route.HIGHLY_SKILLED_MIGRANT, t);
        JobOffer job = p.jobOffer();
        BigDecimal salary = job == null ? null : job.grossMonthlySalaryEur();
        sponsor(e, job);
        String criterion;
        if (reducedCriterion(p)) {
            criterion = "hsm-salary-reduced";
            e.reason("hsm-reduced-criterion", e.use(statement("HIGHLY_SKILLED_MIGRANT", "hsm-reduced-criterion-cases", p.date())));
        } else {
            Integer age = p.ageOnApplication();
            DatedValue limit = value("hsm-age-limit", p.date());
            if (limit == null) {
                criterion = "hsm-salary-30-plus";
            } else if (age == null) {
                // Without the age only a salary that meets the 30+ criterion, or one below both, settles it.
                DatedValue older = value("hsm-salary-30-plus", p.date());
                DatedValue younger = value("hsm-salary-under-30", p.date());
                criterion = "hsm-salary-30-plus";
                if (salary == null || older == null || younger == null || salary.compareTo(older.value()) < 0) {
                    e.missing("dateOfBirth");
                }
                if (salary != null && older != null && younger != null && salary.compareTo(younger.value()) >= 0
                        && salary.compareTo(older.value()) < 0) {
                    e.reason("hsm-age-decides", e.use("hsm-age-limit", limit), limit.value().intValue(), t.euro(younger.value()),
                            t.euro(older.value()));
                    return e.answer();
                }
            } else if (age < limit.value().intValue()) {
                criterion = "hsm-salary-under-30";
                e.reason("hsm-under-age-limit", e.use("hsm-age-limit", limit), age, limit.value().intValue());
            } else {
                criterion = "hsm-salary-30-plus";
                e.reason("hsm-age-limit-reached", e.use("hsm-age-limit", limit), age, limit.value().intValue());
            }
        }
        atLeast(e, "jobOffer.grossMonthlySalaryEur", salary, criterion, p.date(), "hsm-salary", true);
        return e.answer();
    }

    RouteAdvice.Answer blueCard(Profile p, RouteTexts t) {
        Evaluation e = new Evaluation(Route.EU_BLUE_CARD, t);
        JobOffer job = p.jobOffer();
        Education education = p.education();
        if (education == null || education.level() == null) {
            e.missing("education.level");
        } else if (education.level().compareTo(EducationLevel.BACHELOR) < 0) {
            e.fail("blue-card-higher-education", List.of());
            e.change("education.level", "BACHELOR", "change-education", List.of());
        } else {
            e.reason("blue-card-higher-education-ok", List.of());
        }
        atLeast(e, "jobOffer.durationMonths", job == null || job.durationMonths() == null ? null : BigDecimal.valueOf(job.durationMonths()),
                "blue-card-minimum-contract-months", p.date(), "blue-card-duration", false);
        String criterion = "blue-card-salary";
        if (value("blue-card-salary-recent-graduate", p.date()) != null && recentGraduate(p)) {
            criterion = "blue-card-salary-recent-graduate";
            e.reason("blue-card-recent-graduate", e.use(statement("EU_BLUE_CARD", "blue-card-recent-graduate-definition", p.date())));
        }
        atLeast(e, "jobOffer.grossMonthlySalaryEur", job == null ? null : job.grossMonthlySalaryEur(), criterion, p.date(), "blue-card-salary",
                true);
        return e.answer();
    }

    RouteAdvice.Answer orientationYear(Profile p, RouteTexts t) {
        Evaluation e = new Evaluation(Route.ORIENTATION_YEAR, t);
        Education education = p.education();
        DatedValue window = value("graduate-window-years", p.date());
        List<String> windowSources = window == null ? List.of() : e.use("graduate-window-years", window);
        List<String> degreeSources = e.use(statement("ORIENTATION_YEAR", "orientation-year-top-200", p.date()));
        if (education != null && Boolean.TRUE.equals(education.orientationYear())) {
            e.fail("orientation-year-used", e.use(statement("ORIENTATION_YEAR", "orientation-year-not-extendable", p.date())));
            e.impossible();
        }
        if (education == null || education.graduatedOn() == null) {
            e.missing("education.graduatedOn");
        } else if (education.graduatedOn().isAfter(p.date())) {
            e.fail("orientation-year-not-graduated", List.of());
            e.change("date", education.graduatedOn().toString(), "change-date-after-graduation", List.of());
        } else if (window != null && education.graduatedOn().plusYears(window.value().intValue()).isBefore(p.date())) {
            e.fail("orientation-year-window-passed", windowSources, window.value().intValue());
            e.impossible();
        } else if (window != null) {
            e.reason("orientation-year-window-ok", windowSources, window.value().intValue(),
                    education.graduatedOn().plusYears(window.value().intValue()).toString());
        }
        degree(e, education, degreeSources);
        return e.answer();
    }

    /**
     * The qualifying degree: a Dutch bachelor's or higher, or a master's or higher from a top-200 institution
     * abroad. Asks only what can decide it: a top-200 master's qualifies whether the institution is Dutch or
     * not, below a bachelor's nothing qualifies, and for a bachelor's only whether it is Dutch matters.
     */
    private static void degree(Evaluation e, @Nullable Education education, List<String> degreeSources) {
        EducationLevel level = education == null ? null : education.level();
        Boolean dutch = education == null ? null : education.dutchInstitution();
        Boolean top200 = education == null ? null : education.top200University();
        Boolean viaDutch = and(dutch, level == null ? null : level.compareTo(EducationLevel.BACHELOR) >= 0);
        Boolean viaRanking = and(top200, level == null ? null : level.compareTo(EducationLevel.MASTER) >= 0);
        if (Boolean.TRUE.equals(viaDutch)) {
            e.reason("orientation-year-dutch-degree", degreeSources);
        } else if (Boolean.TRUE.equals(viaRanking)) {
            e.reason("orientation-year-top200", degreeSources);
        } else if (Boolean.FALSE.equals(viaDutch) && Boolean.FALSE.equals(viaRanking)) {
            e.fail(level != null && level.compareTo(EducationLevel.BACHELOR) < 0 && !Boolean.FALSE.equals(dutch) ? "orientation-year-degree"
                    : "orientation-year-foreign-master", degreeSources);
            e.impossible();
        } else if (level == null) {
            e.missing("education.level");
        } else if (viaDutch == null) {
            e.missing("education.dutchInstitution");
        } else {
            e.missing("education.top200University");
        }
    }

    /** Three-valued and: false if either is false, null if either is unknown. */
    private static @Nullable Boolean and(@Nullable Boolean a, @Nullable Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    RouteAdvice.Answer partner(Profile p, RouteTexts t) {
        Evaluation e = new Evaluation(Route.PARTNER, t);
        Partner partner = p.partner();
        List<String> general = statementSources(e, "PARTNER", p.date());
        if (partner == null || partner.status() == null) {
            e.missing("partner.status");
            return e.answer();
        }
        if (partner.status() == PartnerStatus.NONE) {
            e.notApplicable("partner-none", List.of());
            return e.answer();
        }
        if (partner.status() == PartnerStatus.EU_CITIZEN) {
            e.notApplicable("partner-eu-citizen", e.use(statement("PARTNER", "partner-eu-free-movement", p.date())));
            return e.answer();
        }
        e.reason(partner.status() == PartnerStatus.DUTCH_CITIZEN ? "partner-sponsor-dutch" : "partner-sponsor-permit", general);
        RouteStatement sameSex = statement("PARTNER", "partner-same-sex-equal", p.date());
        if (sameSex != null) {
            e.reason("partner-same-sex", e.use(sameSex));
        }
        // Marriage, registered partnership and a durable unmarried relationship are all accepted: the kind of
        // relationship cannot change the outcome, so it is not asked; when given, the answer says which applies.
        if (partner.relationship() == Relationship.UNMARRIED_DURABLE) {
            e.reason("partner-durable-relationship", e.use(statement("PARTNER", "partner-durable-relationship", p.date())));
        } else if (partner.relationship() != null) {
            e.reason("partner-relationship-ok", general);
        }
        DatedValue age = value("partner-minimum-age", p.date());
        if (age != null) {
            int minimum = age.value().intValue();
            LocalDate applicantReady = p.dateOfBirth() == null ? null : p.dateOfBirth().plusYears(minimum);
            LocalDate partnerReady = partner.dateOfBirth() == null ? null : partner.dateOfBirth().plusYears(minimum);
            // One partner too young settles it, whatever the other's age: only then is the other's not asked.
            LocalDate ready = applicantReady == null ? partnerReady
                    : partnerReady == null || applicantReady.isAfter(partnerReady) ? applicantReady : partnerReady;
            if (ready != null && ready.isAfter(p.date())) {
                e.fail("partner-age-below", e.use("partner-minimum-age", age), minimum);
                e.change("date", ready.toString(), "change-date-age", age.sources(), minimum, ready.toString());
            } else if (applicantReady != null && partnerReady != null) {
                e.reason("partner-age-ok", e.use("partner-minimum-age", age), minimum);
            } else {
                if (applicantReady == null) {
                    e.missing("dateOfBirth");
                }
                if (partnerReady == null) {
                    e.missing("partner.dateOfBirth");
                }
            }
        }
        atLeast(e, "partner.grossMonthlyIncomeEur", partner.grossMonthlyIncomeEur(), "partner-income-requirement", p.date(), "partner-income",
                true);
        RouteStatement integration = statement("PARTNER", "partner-integration-exam-exempt-us", p.date());
        if (integration != null && "US".equals(p.nationality())) {
            e.reason("partner-integration-exempt", e.use(integration));
        }
        return e.answer();
    }

    /**
     * Family reunification after protection ('nareis'). Before 12 June 2026 Vw art. 29(2), (4) and (5), the same
     * for refugees and subsidiary protection; from 12 June 2026 art. 29c (refugee status) and art. 29d
     * (subsidiary protection). Which law applies follows the data's dated statements for the application date.
     */
    RouteAdvice.Answer familyReunification(Profile p, RouteTexts t) {
        RouteAdvice.Answer answer = familyReunificationOn(p, t);
        // A later date that lifts one ground (age, the two-year wait) may fall outside the three months: offer it
        // only if the route can still open on that date.
        RouteAdvice.Change later = answer.whatWouldChange() == null ? null
                : answer.whatWouldChange().changes().stream().filter(c -> c.field().equals("date")).findFirst().orElse(null);
        if (later != null && later.value() != null) {
            Profile then = new Profile(p.nationality(), LocalDate.parse(later.value()), p.dateOfBirth(), p.selfEmployed(), p.jobOffer(),
                    p.education(), p.partner(), p.protection(), p.familyReunification());
            RouteAdvice.Answer there = familyReunification(then, t);
            if (there.outcome() == Outcome.NOT_ELIGIBLE && there.whatWouldChange() == null) {
                return new RouteAdvice.Answer(answer.route(), answer.outcome(), answer.reasons(), answer.missing(), answer.sources(), null,
                        answer.warnings(), answer.notes(), answer.assessment());
            }
        }
        return answer;
    }

    private RouteAdvice.Answer familyReunificationOn(Profile p, RouteTexts t) {
        Evaluation e = new Evaluation(Route.FAMILY_REUNIFICATION, t);
        FamilyReunification f = p.familyReunification() != null ? p.familyReunification()
                : new FamilyReunification(null, null, null, null, null, null, null, null, null);
        RouteStatement since2026 = statement(FAMILY, "family-refugee-basis", p.date());
        RouteStatement before2026 = statement(FAMILY, "family-before-2026-basis", p.date());
        if (since2026 == null && before2026 == null) {
            e.missing("date");
            e.reason("family-no-rule-for-date", List.of());
            return e.answer();
        }
        if (since2026 != null && f.status() == null) {
            // The status is asked only if it can change the answer: not when the family member fails either way.
            RouteAdvice.Answer refugee = familyReunification(withStatus(p, f, ProtectionStatus.REFUGEE), t);
            RouteAdvice.Answer subsidiary = familyReunification(withStatus(p, f, ProtectionStatus.SUBSIDIARY_PROTECTION), t);
            if (refugee.outcome() == Outcome.NOT_ELIGIBLE && subsidiary.outcome() == Outcome.NOT_ELIGIBLE) {
                e.fail("family-either-status-fails", List.of());
                e.impossible();
                for (RouteAdvice.Answer branch : List.of(refugee, subsidiary)) {
                    branch.reasons().stream().filter(r -> e.reasons.stream().noneMatch(known -> known.code().equals(r.code())))
                            .forEach(r -> e.reasons.add(r));
                    e.sources.addAll(branch.sources());
                    e.warnings.addAll(branch.warnings());
                }
                return e.answer();
            }
        }
        FamilyMember member = f.member();
        if (member == null) {
            e.missing("familyReunification.member");
        } else if (since2026 == null) {
            familyMemberBefore2026(e, p, f, member, e.use(before2026));
        } else {
            familyMemberSince2026(e, p, f, member, e.use(since2026));
        }
        Boolean atEntry = f.familyAtEntry();
        if (atEntry == null) {
            e.missing("familyReunification.familyAtEntry");
        } else if (atEntry) {
            e.reason("family-at-entry", since2026 == null ? e.use(before2026) : e.use(since2026));
        } else {
            e.fail("family-not-at-entry", since2026 == null ? e.use(before2026) : e.use(since2026));
            e.impossible();
        }
        if (since2026 == null) {
            window(e, p, f);
            return e.answer();
        }
        if (f.grantedOn() != null && f.grantedOn().isBefore(since2026.validFrom())) {
            // Protection granted under the former law: whether the transitional law keeps its rules was not read.
            e.use(statement(FAMILY, "family-transitional-law-not-read", p.date()));
        }
        ProtectionStatus status = f.status();
        if (status == null) {
            e.missing("familyReunification.status");
            if (f.grantedOn() == null) {
                e.missing("familyReunification.grantedOn");
            }
        } else if (status == ProtectionStatus.REFUGEE) {
            window(e, p, f);
        } else {
            subsidiary(e, p, f, member);
        }
        return e.answer();
    }

    private static final String FAMILY = "FAMILY_REUNIFICATION";

    private static Profile withStatus(Profile p, FamilyReunification f, ProtectionStatus status) {
        return new Profile(p.nationality(), p.date(), p.dateOfBirth(), p.selfEmployed(), p.jobOffer(), p.education(), p.partner(),
                p.protection(), new FamilyReunification(status, f.grantedOn(), f.member(), f.familyAtEntry(), f.dependent(),
                        f.unaccompaniedMinor(), f.withParent(), f.sufficientIncome(), f.housing()));
    }

    private void familyMemberBefore2026(Evaluation e, Profile p, FamilyReunification f, FamilyMember member, List<String> basis) {
        switch (member) {
            case SPOUSE, MINOR_CHILD -> e.reason("family-member-listed", basis);
            case REGISTERED_PARTNER, UNMARRIED_PARTNER, ADULT_CHILD -> {
                List<String> dependentSources = e.use(statement(FAMILY, "family-before-2026-partner-dependent", p.date()));
                if (f.dependent() == null) {
                    e.missing("familyReunification.dependent");
                    e.reason("family-dependent-decides", dependentSources);
                } else if (f.dependent()) {
                    e.reason("family-dependent", dependentSources);
                } else {
                    e.fail("family-not-dependent", dependentSources);
                    e.impossible();
                    partnerRoute(e, p, member);
                }
            }
            case PARENT -> parentOfUnaccompaniedMinor(e, f, basis);
            case MINOR_SIBLING -> {
                e.fail("family-sibling-not-listed-before-2026", basis);
                e.impossible();
            }
        }
    }

    private void familyMemberSince2026(Evaluation e, Profile p, FamilyReunification f, FamilyMember member, List<String> basis) {
        switch (member) {
            case SPOUSE -> {
                DatedValue age = value("family-spouse-minimum-age", p.date());
                if (age == null) {
                    e.reason("family-member-listed", basis);
                } else if (p.dateOfBirth() == null) {
                    e.missing("dateOfBirth");
                } else if (p.dateOfBirth().plusYears(age.value().intValue()).isAfter(p.date())) {
                    LocalDate adult = p.dateOfBirth().plusYears(age.value().intValue());
                    e.fail("family-spouse-minor", e.use("family-spouse-minimum-age", age), age.value().intValue());
                    e.change("date", adult.toString(), "change-date-adult", age.sources(), age.value().intValue(), adult.toString());
                } else {
                    e.reason("family-spouse-adult", e.use("family-spouse-minimum-age", age), age.value().intValue());
                }
            }
            case MINOR_CHILD -> e.reason("family-member-listed", basis);
            case REGISTERED_PARTNER -> {
                e.fail("family-registered-partner-not-listed", e.use(statement(FAMILY, "family-registered-partner-unconfirmed", p.date())));
                e.impossible();
                partnerRoute(e, p, member);
            }
            case UNMARRIED_PARTNER -> {
                e.fail("family-unmarried-partner-not-listed", e.use(statement(FAMILY, "family-unmarried-partner-not-listed", p.date())));
                e.impossible();
                partnerRoute(e, p, member);
            }
            case ADULT_CHILD -> {
                e.fail("family-adult-child-not-listed", basis);
                e.impossible();
            }
            case PARENT -> parentOfUnaccompaniedMinor(e, f, basis);
            case MINOR_SIBLING -> {
                Boolean together = and(f.unaccompaniedMinor(), f.withParent());
                if (Boolean.TRUE.equals(together)) {
                    e.reason("family-sibling-with-parent", basis);
                } else if (Boolean.FALSE.equals(together)) {
                    e.fail("family-sibling-conditions", basis);
                    e.impossible();
                } else {
                    if (f.unaccompaniedMinor() == null) {
                        e.missing("familyReunification.unaccompaniedMinor");
                    }
                    if (f.withParent() == null) {
                        e.missing("familyReunification.withParent");
                    }
                }
            }
        }
    }

    private static void parentOfUnaccompaniedMinor(Evaluation e, FamilyReunification f, List<String> basis) {
        if (f.unaccompaniedMinor() == null) {
            e.missing("familyReunification.unaccompaniedMinor");
        } else if (f.unaccompaniedMinor()) {
            e.reason("family-parent-of-unaccompanied-minor", basis);
        } else {
            e.fail("family-parent-needs-unaccompanied-minor", basis);
            e.impossible();
        }
    }

    /** For a partner the family route does not cover: what the regular partner route offers instead. */
    private void partnerRoute(Evaluation e, Profile p, FamilyMember member) {
        if (member == FamilyMember.REGISTERED_PARTNER || member == FamilyMember.UNMARRIED_PARTNER) {
            e.reason("family-partner-route-instead", e.use(statement(FAMILY, "family-partner-route-alternative", p.date())));
        }
    }

    /** The three-month window after the grant, within which the family member travels or applies for an MVV. */
    private void window(Evaluation e, Profile p, FamilyReunification f) {
        DatedValue months = value("family-reunification-window-months", p.date());
        if (months == null) {
            return;
        }
        if (f.grantedOn() == null) {
            e.missing("familyReunification.grantedOn");
            return;
        }
        List<String> sources = e.use("family-reunification-window-months", months);
        LocalDate last = f.grantedOn().plusMonths(months.value().intValue());
        if (p.date().isAfter(last)) {
            e.fail("family-window-passed", sources, months.value().intValue(), last.toString());
            e.impossible();
            RouteStatement excusable = statement(FAMILY, "family-lateness-excusable", p.date());
            if (excusable != null) {
                e.reason("family-lateness-excusable", e.use(excusable));
            }
            e.reason("family-regular-route-after-window", e.use(statement(FAMILY, "family-partner-route-alternative", p.date())));
        } else {
            e.reason("family-window-ok", sources, months.value().intValue(), last.toString());
        }
    }

    /** Art. 29d(2) and (3): the two-year wait, and income and housing unless the sponsor is an unaccompanied minor. */
    private void subsidiary(Evaluation e, Profile p, FamilyReunification f, @Nullable FamilyMember member) {
        List<String> basis = e.use(statement(FAMILY, "family-subsidiary-basis", p.date()));
        DatedValue wait = value("family-subsidiary-wait-years", p.date());
        if (wait != null) {
            if (f.grantedOn() == null) {
                e.missing("familyReunification.grantedOn");
            } else {
                LocalDate from = f.grantedOn().plusYears(wait.value().intValue());
                List<String> sources = e.use("family-subsidiary-wait-years", wait);
                if (p.date().isBefore(from)) {
                    e.use(statement(FAMILY, "family-subsidiary-amvb-not-found", p.date()));
                    e.fail("family-subsidiary-wait", sources, wait.value().intValue(), from.toString());
                    e.change("date", from.toString(), "change-date-wait", sources, wait.value().intValue(), from.toString());
                } else {
                    e.reason("family-subsidiary-wait-over", sources, wait.value().intValue(), from.toString());
                }
            }
        }
        Boolean minor = member == FamilyMember.PARENT || member == FamilyMember.MINOR_SIBLING ? Boolean.TRUE : f.unaccompaniedMinor();
        if (Boolean.TRUE.equals(minor)) {
            e.reason("family-subsidiary-minor-exempt", basis);
            return;
        }
        // Met when the sponsor is an unaccompanied minor, or has both income and housing: each unknown is asked
        // only if it can still decide that.
        Boolean income = f.sufficientIncome();
        Boolean housing = f.housing();
        Boolean both = and(income, housing);
        List<String> incomeSources = e.use(statement(FAMILY, "family-subsidiary-income-test", p.date()));
        if (Boolean.TRUE.equals(income)) {
            e.reason("family-subsidiary-income-ok", incomeSources);
        }
        if (Boolean.TRUE.equals(housing)) {
            e.reason("family-subsidiary-housing-ok", basis);
        }
        if (minor == null && !Boolean.TRUE.equals(both)) {
            e.missing("familyReunification.unaccompaniedMinor");
            e.reason("family-subsidiary-minor-decides", basis);
        }
        if (income == null && !Boolean.FALSE.equals(housing)) {
            e.missing("familyReunification.sufficientIncome");
        }
        if (housing == null && !Boolean.FALSE.equals(income)) {
            e.missing("familyReunification.housing");
        }
        if (minor != null && (Boolean.FALSE.equals(income) || Boolean.FALSE.equals(housing))) {
            e.use(statement(FAMILY, "family-subsidiary-amvb-not-found", p.date()));
        }
        if (minor != null && Boolean.FALSE.equals(income)) {
            e.fail("family-subsidiary-income", incomeSources);
            e.change("familyReunification.sufficientIncome", "true", "change-family-income", incomeSources);
        }
        if (minor != null && Boolean.FALSE.equals(housing)) {
            e.fail("family-subsidiary-housing", basis);
            e.change("familyReunification.housing", "true", "change-family-housing", basis);
        }
    }

    /**
     * Adds the route's statements in force on the date as notes; statements about US nationals
     * (ids ending in {@code -us}) only for them. When the date is more than 180 days after the route
     * file's {@code reviewedOn}, the answer carries the currency warning.
     */
    private RouteAdvice.Answer withNotes(RouteAdvice.Answer answer, Profile p, RouteTexts t) {
        RouteData data = engine.dataSet().routes().get(answer.route().name());
        if (data == null || answer.outcome() == Outcome.NOT_APPLICABLE) {
            return answer;
        }
        List<RouteAdvice.Note> notes = new ArrayList<>();
        for (RouteStatement statement : data.statements()) {
            if (statement.validOn(p.date()) && (!statement.id().endsWith("-us") || "US".equals(p.nationality()))) {
                notes.add(new RouteAdvice.Note(statement.id(), statement.text().in(t.language()), statement.confidence(), statement.sources()));
            }
        }
        List<String> warnings = answer.warnings();
        if (data.review().staleOn(p.date())) {
            warnings = new ArrayList<>(warnings);
            warnings.add(data.review().warning(p.date(), t.language()));
        }
        return new RouteAdvice.Answer(answer.route(), answer.outcome(), answer.reasons(), answer.missing(), answer.sources(),
                answer.whatWouldChange(), List.copyOf(warnings), List.copyOf(notes), answer.assessment());
    }

    // --- shared rules ----------------------------------------------------------------------------------

    private static void sponsor(Evaluation e, @Nullable JobOffer job) {
        Boolean recognised = job == null ? null : job.recognisedSponsor();
        if (recognised == null) {
            e.missing("jobOffer.recognisedSponsor");
        } else if (recognised) {
            e.reason("hsm-sponsor-recognised", List.of());
        } else {
            e.fail("hsm-sponsor-not-recognised", List.of());
            e.change("jobOffer.recognisedSponsor", "true", "change-sponsor", List.of());
        }
    }

    /**
     * value ≥ the parameter on the date; {@code money} formats it as euros. Missing value: the field is
     * missing; no value of the parameter on the date: the date is outside what the data set covers.
     */
    private void atLeast(Evaluation e, String field, @Nullable BigDecimal value, String parameter, LocalDate date, String code,
            boolean money) {
        DatedValue minimum = value(parameter, date);
        if (minimum == null) {
            e.missing("date");
            e.reason("no-value-for-date", List.of(), field);
            return;
        }
        List<String> sources = e.use(parameter, minimum);
        String shown = money ? e.texts.euro(minimum.value()) : minimum.value().stripTrailingZeros().toPlainString();
        if (value == null) {
            e.missing(field);
            e.change(field, minimum.value().toPlainString(), code + "-change", sources, shown, minimum.validFrom().getYear());
        } else if (value.compareTo(minimum.value()) < 0) {
            e.fail(code + "-below", sources, shown, minimum.validFrom().getYear());
            e.change(field, minimum.value().toPlainString(), code + "-change", sources, shown, minimum.validFrom().getYear());
        } else {
            e.reason(code + "-ok", sources, shown, minimum.validFrom().getYear());
        }
    }

    /** Graduated (any higher-education diploma) no longer than the graduate window before the application date. */
    private boolean recentGraduate(Profile p) {
        Education education = p.education();
        DatedValue window = value("graduate-window-years", p.date());
        return education != null && education.graduatedOn() != null && window != null && !education.graduatedOn().isAfter(p.date())
                && !education.graduatedOn().plusYears(window.value().intValue()).isBefore(p.date());
    }

    private boolean reducedCriterion(Profile p) {
        Education education = p.education();
        if (education == null) {
            return false;
        }
        DatedValue window = value("graduate-window-years", p.date());
        if (Boolean.TRUE.equals(education.orientationYear())) {
            // During or straight after the orientation year, which itself starts within the window after graduating.
            return education.graduatedOn() == null || window == null
                    || !education.graduatedOn().plusYears(window.value().intValue() + 1L).isBefore(p.date());
        }
        boolean qualifying = Boolean.TRUE.equals(education.dutchInstitution()) && education.level() != null
                && education.level().compareTo(EducationLevel.BACHELOR) >= 0
                || Boolean.TRUE.equals(education.top200University()) && education.level() != null
                        && education.level().compareTo(EducationLevel.MASTER) >= 0;
        return qualifying && recentGraduate(p);
    }

    // --- data access -------------------------------------------------------------------------------------

    private @Nullable RouteParameter parameter(String id) {
        for (RouteData route : engine.dataSet().routes().values()) {
            RouteParameter parameter = route.parameters().get(id);
            if (parameter != null) {
                return parameter;
            }
        }
        return null;
    }

    private @Nullable DatedValue value(String id, LocalDate date) {
        RouteParameter parameter = parameter(id);
        return parameter == null ? null : parameter.on(date).orElse(null);
    }

    private @Nullable RouteStatement statement(String route, String id, LocalDate date) {
        RouteData data = engine.dataSet().routes().get(route);
        if (data == null) {
            return null;
        }
        for (RouteStatement statement : data.statements()) {
            if (statement.id().equals(id) && statement.validOn(date)) {
                return statement;
            }
        }
        return null;
    }

    /** The sources of a route's legal basis: its statements whose id ends in {@code -basis}. */
    private List<String> statementSources(Evaluation e, String route, LocalDate date) {
        RouteData data = engine.dataSet().routes().get(route);
        Set<String> sources = new LinkedHashSet<>();
        if (data != null) {
            data.statements().stream().filter(s -> s.validOn(date) && s.id().endsWith("-basis")).forEach(s -> sources.addAll(e.use(s)));
        }
        return List.copyOf(sources);
    }

    /** Collects one route's reasons, missing fields and counterfactual changes, then decides the outcome. */
    static final class Evaluation {
        final Route route;
        final RouteTexts texts;
        final List<RouteAdvice.Reason> reasons = new ArrayList<>();
        final Set<String> missing = new LinkedHashSet<>();
        final Set<String> sources = new LinkedHashSet<>();
        final List<RouteAdvice.Change> changes = new ArrayList<>();
        final Set<String> warnings = new LinkedHashSet<>();
        boolean failed;
        boolean notApplicable;
        boolean impossible;
        @Nullable AssessmentDocument assessment;

        Evaluation(Route route, RouteTexts texts) {
            this.route = route;
            this.texts = texts;
        }

        void reason(String code, List<String> sourceIds, Object... args) {
            reasons.add(new RouteAdvice.Reason(code, texts.text(code, args), sourceIds));
            sources.addAll(sourceIds);
        }

        void fail(String code, List<String> sourceIds, Object... args) {
            failed = true;
            reason(code, sourceIds, args);
        }

        void notApplicable(String code, List<String> sourceIds) {
            notApplicable = true;
            impossible = true;
            reason(code, sourceIds);
        }

        void impossible() {
            impossible = true;
        }

        /** A parameter value this answer rests on: its sources, and a warning when it is below primary. */
        List<String> use(String parameter, DatedValue value) {
            if (value.confidence() != nl.haven.policy.Confidence.PRIMARY) {
                warnings.add(texts.text("warn-value", parameter, value.validFrom().toString()));
            }
            return value.sources();
        }

        /** A statement this answer rests on (none: no sources). */
        List<String> use(@Nullable RouteStatement statement) {
            if (statement == null) {
                return List.of();
            }
            if (statement.confidence() != nl.haven.policy.Confidence.PRIMARY) {
                warnings.add(texts.text("warn-statement", statement.id()));
            }
            return statement.sources();
        }

        void missing(String field) {
            missing.add(field);
        }

        void change(String field, @Nullable String value, String code, List<String> sourceIds, Object... args) {
            changes.add(new RouteAdvice.Change(field, value, texts.text(code, args), sourceIds));
            sources.addAll(sourceIds);
        }

        RouteAdvice.Answer answer() {
            Outcome outcome = notApplicable ? Outcome.NOT_APPLICABLE
                    : failed ? Outcome.NOT_ELIGIBLE : !missing.isEmpty() ? Outcome.NEEDS_INFORMATION : Outcome.ELIGIBLE;
            RouteAdvice.Counterfactual counterfactual = null;
            if (outcome != Outcome.ELIGIBLE && !impossible && !changes.isEmpty()) {
                counterfactual = new RouteAdvice.Counterfactual(List.copyOf(changes), String.join(" ",
                        changes.stream().map(RouteAdvice.Change::text).toList()));
            }
            if (outcome != Outcome.NEEDS_INFORMATION) {
                // No answer to a further question changes an outcome that is already settled: only what can
                // change it is asked (issue #16). whatWouldChange says what would open the route.
                missing.clear();
            }
            return new RouteAdvice.Answer(route, outcome, List.copyOf(reasons), List.copyOf(missing), List.copyOf(sources), counterfactual,
                    List.copyOf(warnings), List.of(), assessment);
        }
    }
}
