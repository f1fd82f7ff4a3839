package nl.haven.routes;

import java.math.BigDecimal;
import java.util.List;
import nl.haven.policy.DatedValue;
import nl.haven.policy.PolicyEngine;
import nl.haven.routes.Profile.Education;
import nl.haven.routes.Profile.EducationLevel;
import nl.haven.routes.Profile.JobOffer;
import org.jspecify.annotations.Nullable;

/**
 * The routes for work and study: highly skilled migrant, EU Blue Card and the orientation year, with the rules they
 * share (the recognised sponsor, the recent graduate, the reduced salary criterion). Decision support: the IND decides.
 */
final class WorkRoutes extends RouteRules {
    WorkRoutes(PolicyEngine engine) {
        super(engine);
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
}
