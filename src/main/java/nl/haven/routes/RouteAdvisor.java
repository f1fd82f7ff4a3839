package nl.haven.routes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.haven.policy.Assessment;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.Confidence;
import nl.haven.policy.DatedValue;
import nl.haven.policy.ListStatement;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.Provision;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteStatement;
import nl.haven.routes.Profile.Partner;
import nl.haven.routes.Profile.PartnerStatus;
import nl.haven.routes.Profile.Relationship;
import nl.haven.routes.Profile.SelfEmployed;

/**
 * Advises on every route for one profile: asylum, DAFT and partner here, the work routes in {@link WorkRoutes}, family
 * reunification in {@link FamilyReunificationRoute}, one small method per route; every
 * threshold, term and date comes from the data set's {@code routes/*.yaml}, with its sources.
 * Decision support: it says what Haven can check, never what the IND will decide.
 */
public final class RouteAdvisor extends RouteRules {

    /** The parameters the rules below read; the data set must define each (checked on construction). */
    static final List<String> PARAMETERS = List.of("daft-minimum-capital", "daft-minimum-ownership", "hsm-salary-30-plus",
            "hsm-salary-under-30", "hsm-salary-reduced", "hsm-age-limit", "blue-card-salary", "blue-card-salary-recent-graduate",
            "blue-card-minimum-contract-months", "graduate-window-years", "partner-minimum-age", "partner-income-requirement",
            "family-reunification-window-months", "family-subsidiary-wait-years", "family-spouse-minimum-age");

    private final WorkRoutes work;
    private final FamilyReunificationRoute family;

    public RouteAdvisor(PolicyEngine engine) {
        super(engine);
        this.work = new WorkRoutes(engine);
        this.family = new FamilyReunificationRoute(engine);
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
        for (RouteAdvice.Answer answer : List.of(asylum(profile, texts), daft(profile, texts), work.highlySkilledMigrant(profile, texts),
                work.blueCard(profile, texts), work.orientationYear(profile, texts), partner(profile, texts), family.familyReunification(profile, texts))) {
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
        Assessment decision;
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
        Provision listing = decision.listing();
        ListStatement stop = decision.listingStoppedBy();
        if (listing != null && stop != null) {
            e.reason("asylum-safe-country-not-applied", stop.sources(), stop.id());
        } else if (listing != null && decision.safeCountryException()) {
            e.reason("asylum-safe-country-exception", listing.sources());
        } else if (listing != null) {
            e.reason(listing.exceptionsKnown() ? "asylum-safe-country" : "asylum-safe-country-exceptions-unknown", listing.sources());
        }
        for (Provision basis : new Provision[] { decision.decisive(), listing }) {
            if (basis != null && basis.uncertain()) {
                e.warnings.add(t.text("warn-statement", basis.id()));
            }
        }
        for (ListStatement st : decision.listStatements()) {
            if (st.confidence() != Confidence.PRIMARY) {
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

    /** Three-valued and: false if either is false, null if either is unknown. */
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

    /** For a partner the family route does not cover: what the regular partner route offers instead. */
    /** The three-month window after the grant, within which the family member travels or applies for an MVV. */
    /** Art. 29d(2) and (3): the two-year wait, and income and housing unless the sponsor is an unaccompanied minor. */
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

    /** Graduated (any higher-education diploma) no longer than the graduate window before the application date. */
    /** The sources of a route's legal basis: its statements whose id ends in {@code -basis}. */
    /** Collects one route's reasons, missing fields and counterfactual changes, then decides the outcome. */
}
