package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.identity.StaffMember;
import nl.haven.shared.Confirmation;
import nl.haven.shared.ConflictException;
import nl.haven.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The referrals the organisation made, at {@code /cases/referrals} (what it keeps of a referred case: reference,
 * receiving organisation, date), and withdrawing one when the person withdrew their consent (issue #19, point 5): the
 * first post shows a confirmation page of its own that says what will happen; only the post from it
 * ({@code confirmed=true}) brings the case back. Scoped as {@code GET /api/v1/referrals}; another organisation's
 * referral is the same 404 as one that does not exist.
 */
@Controller
@RequestMapping("/cases/referrals")
class ReferralPages {
    private final CaseReferrals referrals;
    private final PageSupport support;

    ReferralPages(CaseReferrals referrals, PageSupport support) {
        this.referrals = referrals;
        this.support = support;
    }

    /** A referral as the list shows it. */
    record Row(UUID id, String reference, String toOrg, String referredAt, String withdrawnAt, boolean withdrawn) {
    }

    @GetMapping
    String list(Model model) {
        List<Row> rows = referrals.madeBy(support.who()).stream().map(r -> new Row(r.id(), r.reference(), r.toOrg(), PageSupport.moment(r.referredAt()),
                r.withdrawnAt() == null ? "" : PageSupport.moment(r.withdrawnAt()), r.withdrawnAt() != null)).toList();
        model.addAttribute("referrals", rows);
        return "cases/referrals";
    }

    @PostMapping("/{referralId}/withdrawal")
    String withdraw(@PathVariable String referralId, @RequestParam(name = Confirmation.CONFIRMED, defaultValue = "false") boolean confirmed,
            Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        UUID id = PageSupport.id(referralId);
        StaffMember who = support.who();
        CaseReferrals.Referral referral = referrals.madeBy(who).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("referral"));
        String lang = "?lang=" + locale.getLanguage();
        if (!confirmed && referral.withdrawnAt() == null) {
            model.addAttribute("confirmation", new Confirmation(
                    support.text("cases.confirm.withdrawal.heading", locale, referral.reference(), referral.toOrg()),
                    List.of(support.text("cases.confirm.withdrawal.what", locale, referral.toOrg()),
                            support.text("cases.confirm.withdrawal.when", locale, referral.toOrg())),
                    "/cases/referrals/" + id + "/withdrawal" + lang, Map.of(), support.text("cases.confirm.withdrawal.submit", locale),
                    "/cases/referrals" + lang + "#referral-" + id));
            return Confirmation.VIEW;
        }
        try {
            referrals.withdraw(who, id);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problemText", support.text(referral.withdrawnAt() != null ? "cases.referrals.error.withdrawn"
                    : "cases.referrals.error.accepted", locale, referral.reference(), referral.toOrg()));
            return list(model);
        }
        // The case is this organisation's again, in triage: its page is where the work goes on.
        redirect.addFlashAttribute("doneSection", "case");
        redirect.addFlashAttribute("doneKey", "cases.done.referralWithdrawn");
        return "redirect:/cases/" + referral.caseId() + lang;
    }
}
