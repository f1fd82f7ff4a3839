package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.cases.internal.CaseView;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import nl.haven.shared.Confirmation;
import nl.haven.shared.ConflictException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Referring a case to another organisation from the case page: what the form gets wrong is said at once, at its field;
 * a referral that can be made asks for confirmation first (it moves the case out of this organisation), and only the
 * post from the confirmation page ({@code confirmed=true}) refers it.
 */
@Controller
@RequestMapping("/cases/{id}")
class CaseReferralPages {
    private final CaseReferrals referrals;
    private final CaseReading reading;
    private final OrganisationDirectory organisations;
    private final PageSupport support;
    private final CaseDossier dossier;

    CaseReferralPages(CaseReferrals referrals, CaseReading reading, OrganisationDirectory organisations, PageSupport support, CaseDossier dossier) {
        this.referrals = referrals;
        this.reading = reading;
        this.organisations = organisations;
        this.support = support;
        this.dossier = dossier;
    }

    @PostMapping("/referrals")
    String refer(@PathVariable String id, @ModelAttribute("referralForm") CaseForms.ReferralForm form,
            @RequestParam(name = Confirmation.CONFIRMED, defaultValue = "false") boolean confirmed, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        String toOrg = form.toOrg() == null ? "" : form.toOrg().strip();
        boolean consent = Boolean.TRUE.equals(form.consent());
        boolean includeNotes = Boolean.TRUE.equals(form.includeNotes());
        if (!confirmed) {
            // What the form itself gets wrong is said at once; only a referral that can be made asks for confirmation.
            if (!consent) {
                return dossier.refused(who, caseId, support.problem("referral-consent", locale, "cases.error.referral.consent"), response, model, locale);
            }
            OrganisationDirectory.Organisation target = organisations.bySlug(toOrg).filter(o -> !o.id().equals(who.org())).orElse(null);
            if (target == null) {
                return dossier.refused(who, caseId, toOrgProblem(who, toOrg, locale), response, model, locale);
            }
            CaseView view = reading.get(who, caseId);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("toOrg", toOrg);
            fields.put("consent", "true");
            fields.put("includeNotes", Boolean.toString(includeNotes));
            return CaseDossier.confirm(model, caseId, "referrals", fields, support.text("cases.confirm.referral.heading", locale, view.reference(), target.name()),
                    List.of(support.text("cases.confirm.referral.what", locale, target.name()),
                            support.text(includeNotes ? "cases.confirm.referral.notes" : "cases.confirm.referral.noNotes", locale)),
                    support.text("cases.confirm.referral.submit", locale), "referral", locale);
        }
        CaseReferrals.Referral referral;
        try {
            referral = referrals.refer(who, caseId, toOrg, consent, includeNotes);
        } catch (BadInputException e) {
            PageSupport.Problem problem = switch (e.field()) {
                case "consent" -> support.problem("referral-consent", locale, "cases.error.referral.consent");
                default -> toOrgProblem(who, toOrg, locale);
            };
            return dossier.refused(who, caseId, problem, response, model, locale);
        } catch (ConflictException e) {
            return dossier.refused(who, caseId, support.problem("referral-toOrg", locale, "cases.error.referral.state"), response, model, locale,
                    HttpStatus.CONFLICT);
        }
        // The case now belongs to the receiving organisation: this one keeps the reference and the date only.
        redirect.addFlashAttribute("notice", "cases.done.referred");
        redirect.addFlashAttribute("noticeArg", referral.reference() + " → " + referral.toOrg());
        return "redirect:/cases?lang=" + locale.getLanguage();
    }

    /** Why a referral cannot go to {@code toOrg}: none given, the caller's own organisation, or none of that name. */
    private PageSupport.Problem toOrgProblem(StaffMember who, String toOrg, Locale locale) {
        return toOrg.isEmpty() ? support.problem("referral-toOrg", locale, "cases.error.empty")
                : organisations.bySlug(toOrg).filter(o -> o.id().equals(who.org())).isPresent()
                        ? support.problem("referral-toOrg", locale, "cases.error.referral.own", toOrg)
                        : support.problem("referral-toOrg", locale, "cases.error.referral.unknown", toOrg);
    }
}
