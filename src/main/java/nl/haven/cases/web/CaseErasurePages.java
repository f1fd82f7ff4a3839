package nl.haven.cases.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.internal.CaseGdpr;
import nl.haven.cases.internal.CaseReading;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.Confirmation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * GDPR erasure in the browser (issue #19 points 5 and 11): {@code GET /cases/{id}/erasure} is the confirmation page,
 * which says what will be erased (with how many documents, notes, messages and tasks) and what stays; only its post
 * with {@code confirmed=true} erases, through the same {@link CaseGdpr#erase} as {@code POST /api/v1/cases/{id}/erasure}.
 * A coordinator's step: anyone else gets 403 (and, as everywhere, a case they may not see is the same 404).
 */
@Controller
@RequestMapping("/cases/{id}/erasure")
class CaseErasurePages {
    private final CaseGdpr gdpr;
    private final CaseReading reading;
    private final PageSupport support;

    CaseErasurePages(CaseGdpr gdpr, CaseReading reading, PageSupport support) {
        this.gdpr = gdpr;
        this.reading = reading;
        this.support = support;
    }

    @GetMapping
    String confirm(@PathVariable String id, Model model, Locale locale) {
        return confirmation(coordinator(), PageSupport.id(id), model, locale);
    }

    @PostMapping
    String erase(@PathVariable String id, @RequestParam(name = Confirmation.CONFIRMED, defaultValue = "false") boolean confirmed, Model model,
            Locale locale, RedirectAttributes redirect) {
        StaffMember who = coordinator();
        UUID caseId = PageSupport.id(id);
        if (!confirmed) {
            return confirmation(who, caseId, model, locale);
        }
        String reference = gdpr.erase(who, caseId);
        redirect.addFlashAttribute("notice", "cases.done.erased");
        redirect.addFlashAttribute("noticeArg", reference);
        return "redirect:/cases?lang=" + locale.getLanguage();
    }

    private String confirmation(StaffMember who, UUID caseId, Model model, Locale locale) {
        CaseReading.Dossier dossier = reading.dossier(who, caseId);
        String reference = dossier.view().reference();
        return CaseDossier.confirm(model, caseId, "erasure", Map.of(), support.text("cases.confirm.erasure.heading", locale, reference),
                List.of(support.text("cases.confirm.erasure.what", locale),
                        support.text("cases.confirm.erasure.counts", locale, dossier.documents().size(), dossier.notes().size(),
                                dossier.messages().size(), dossier.tasks().size()),
                        support.text("cases.confirm.erasure.keys", locale),
                        support.text("cases.confirm.erasure.stays", locale, reference),
                        support.text("cases.confirm.erasure.undo", locale)),
                support.text("cases.confirm.erasure.submit", locale), "export", locale);
    }

    /** Erasure is confirmed by a coordinator (CaseGdpr says so too); the page is not shown to anyone else. */
    private StaffMember coordinator() {
        StaffMember who = support.who();
        if (who.role() != Role.COORDINATOR) {
            throw new AccessDeniedException("only a coordinator confirms an erasure");
        }
        return who;
    }
}
