package nl.haven.routes;

import java.time.LocalDate;
import java.util.List;
import nl.haven.policy.DatedValue;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.RouteStatement;
import nl.haven.routes.Profile.FamilyMember;
import nl.haven.routes.Profile.FamilyReunification;
import nl.haven.routes.Profile.ProtectionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Family reunification after protection ('nareis'): the law before 12 June 2026 and after it, as the data's dated
 * statements say for the application date. Decision support: the IND decides.
 */
final class FamilyReunificationRoute extends RouteRules {
    private static final String FAMILY = "FAMILY_REUNIFICATION";

    FamilyReunificationRoute(PolicyEngine engine) {
        super(engine);
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

    private void partnerRoute(Evaluation e, Profile p, FamilyMember member) {
        if (member == FamilyMember.REGISTERED_PARTNER || member == FamilyMember.UNMARRIED_PARTNER) {
            e.reason("family-partner-route-instead", e.use(statement(FAMILY, "family-partner-route-alternative", p.date())));
        }
    }

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
}
