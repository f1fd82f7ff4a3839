package nl.haven.cases.web;

import java.util.Locale;
import java.util.UUID;
import nl.haven.cases.internal.CaseDecisionSupport;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import nl.haven.shared.Languages;

/**
 * Beside the case: the policy assessment and the route advice for the case's facts, each with its sources, and the
 * decision-support receipts — the framework a caseworker records as used, reproducible later. Decision support only:
 * the page says so, and every statement on it is cited.
 */
@Controller
class DecisionSupportPages {
    private final CaseDecisionSupport support;
    private final PageSupport pages;

    DecisionSupportPages(CaseDecisionSupport support, PageSupport pages) {
        this.support = support;
        this.pages = pages;
    }

    static String language(Locale locale) {
        return Languages.of(locale).code();
    }

    @GetMapping("/cases/{id}/decision-support")
    String show(@PathVariable String id, Model model, Locale locale) {
        UUID caseId = PageSupport.id(id);
        model.addAttribute("caseId", caseId);
        CaseDecisionSupport.Overview overview = support.overview(pages.who(), caseId, language(locale));
        model.addAttribute("overview", overview);
        // Each recorded framework compared with today's answer (issue #17): still current, or changed on a date, old → new.
        model.addAttribute("frameworkNow", overview.statuses().stream().map(s -> s.current() || s.recorded() == null || s.now() == null
                ? pages.text("ds.receipts.current", locale)
                : pages.text("ds.receipts.changed", locale, s.changedOn(), pages.framework(s.recorded(), locale), pages.framework(s.now(), locale)))
                .toList());
        return "cases/decision-support";
    }

    /** Records the framework used, as Haven computes it now for the given date (default today); then back to the page. */
    @PostMapping("/cases/{id}/receipts")
    String record(@PathVariable String id, @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String region, Locale locale, RedirectAttributes redirect, Model model) {
        UUID caseId = PageSupport.id(id);
        try {
            support.record(pages.who(), caseId, region, date, null, language(locale));
            redirect.addAttribute("recorded", "1");
        } catch (BadInputException e) {
            redirect.addAttribute("refused", e.field());
        }
        redirect.addAttribute("lang", language(locale));
        return "redirect:/cases/" + caseId + "/decision-support";
    }
}
