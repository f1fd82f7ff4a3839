package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseEditing;
import nl.haven.cases.internal.CaseInput;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseTasks;
import nl.haven.cases.internal.CaseView;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import nl.haven.shared.Confirmation;
import nl.haven.shared.ConflictException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page at {@code /cases/{id}} and its forms. The person is called by the name they use; the legal name is
 * shown only on request, inside a disclosure; the safe-contact instructions come before anything that reaches out.
 * Every form posts to its own address with a CSRF token and answers with a redirect back to the page (Post/Redirect/
 * Get); a refused form shows the page again with the message tied to its field. Closing, declining and referring
 * first show a confirmation page that says what will happen; only the post from it ({@code confirmed=true}) acts.
 * A date is the day it happened: one in the future or before 1990 is refused at its field. The case comes through
 * the cases module's services with the logged-in staff member's scope: another organisation's case, one the member may not see,
 * a malformed and a nonexistent id all end in the same 404 page. Reading the page is one audit event, each change one.
 * Flash attributes hold message keys and codes only, never case content: the session lives in the database.
 */
@Controller
@RequestMapping("/cases/{id}")
class CasePages {
    /** Safe-contact fields: short texts, not stories. */
    static final int MAX_CONTACT_VALUE = 200;
    static final int MAX_CONTACT_TEXT = 2_000;
    static final List<String> CHANNELS = List.of("none", "email", "signal", "phone", "post", "in-person");

    private final CaseEditing editing;
    private final CaseMoves moves;
    private final CaseConversation conversation;
    private final CaseTasks tasks;
    private final CaseQueue queue;
    private final CaseReading reading;
    private final PageSupport support;
    private final CaseDossier dossier;
    private final CaseForms forms;

    CasePages(CaseEditing editing, CaseMoves moves, CaseConversation conversation, CaseTasks tasks, CaseQueue queue,
            CaseReading reading, PageSupport support, CaseDossier dossier, CaseForms forms) {
        this.editing = editing;
        this.moves = moves;
        this.conversation = conversation;
        this.tasks = tasks;
        this.queue = queue;
        this.reading = reading;
        this.support = support;
        this.dossier = dossier;
        this.forms = forms;
    }

    // --- the page ---------------------------------------------------------------------------------------------------

    @GetMapping
    String show(@PathVariable String id, Model model, Locale locale) {
        return dossier.page(support.who(), PageSupport.id(id), model, locale);
    }

    // --- changes ------------------------------------------------------------------------------------------------------

    @PostMapping("/transitions")
    String transition(@PathVariable String id, @ModelAttribute("transitionForm") CaseForms.TransitionForm form,
            @RequestParam(name = Confirmation.CONFIRMED, defaultValue = "false") boolean confirmed, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        String to = form.to() == null ? "" : form.to().strip();
        String field = "transition-" + to;
        LocalDate date;
        try {
            date = PageSupport.date(form.date());
        } catch (PageSupport.BadDate bad) {
            return dossier.refused(who, caseId, support.problem(field + "-date", locale, "cases.error.date", bad.getMessage()), response, model, locale);
        }
        if (date != null) {
            // The day something happened: not in the future, not before Haven's cases could have begun.
            PageSupport.Problem when = support.eventDate(field + "-date", "cases.steps.date", date, locale);
            if (when.any()) {
                return dossier.refused(who, caseId, when, response, model, locale);
            }
        }
        if (CaseDossier.Step.ending(to) && !confirmed) {
            CaseView view = reading.get(who, caseId);
            if (view.allowedTransitions().contains(to)) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("to", to);
                return CaseDossier.confirm(model, caseId, "transitions", fields, support.text("cases.confirm." + to + ".heading", locale, view.reference()),
                        List.of(support.text("cases.confirm." + to + ".what", locale), support.text("cases.confirm." + to + ".undo", locale)),
                        support.text("cases.confirm." + to + ".submit", locale), "status", locale);
            }
            // A step the case cannot take (any more): refused below as it would be after confirming.
        }
        Integer priority = null;
        String p = PageSupport.blankToNull(form.priority());
        if (p != null) {
            if (!p.matches("[123]")) {
                return dossier.refused(who, caseId, support.problem(field + "-priority", locale, "cases.error.priority"), response, model, locale);
            }
            priority = Integer.valueOf(p);
        }
        String track = PageSupport.blankToNull(form.track());
        CaseView after;
        try {
            after = moves.transition(who, caseId, new CaseWorkflow.Request(to, date, track, priority));
        } catch (BadInputException e) {
            PageSupport.Problem problem = switch (e.field()) {
                case "date" -> date == null ? support.problem(field + "-date", locale, "cases.error.transition.dateMissing")
                        : support.problem(field + "-date", locale, "cases.error.transition.dateNoTerm", date.toString());
                case "track" -> support.problem(field + "-track", locale, "cases.error.transition.track",
                        date == null ? "" : date.toString());
                case "priority" -> support.problem(field + "-priority", locale, "cases.error.priority");
                // Intake staff accept only a case that has someone to go to; any other "to" is not a state at all.
                default -> "ACCEPTED".equals(to) ? support.problem("transition", locale, "cases.error.transition.assignFirst")
                        : support.problem("transition", locale, "cases.error.transition.unknown", to);
            };
            return dossier.refused(who, caseId, problem, response, model, locale);
        } catch (ConflictException e) {
            return dossier.refused(who, caseId, support.problem("transition", locale, "cases.error.transition.notAllowed", support.target(to, locale)),
                    response, model, locale, HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notices", new ArrayList<>(after.notices()));
        return CaseDossier.done(caseId, "status", "cases.done.moved", to, redirect, locale);
    }

    @PostMapping("/assignment")
    String assign(@PathVariable String id, @ModelAttribute("assignmentForm") CaseForms.AssignmentForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        if (!mayAssign(who)) {
            throw new AccessDeniedException("only coordinators and intake staff assign cases");
        }
        String value = PageSupport.blankToNull(form.assignee());
        UUID assignee;
        try {
            assignee = value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException malformed) {
            return dossier.refused(who, caseId, support.problem("assignment-assignee", locale, "cases.error.choice", value), response, model, locale);
        }
        try {
            moves.assign(who, caseId, assignee);
        } catch (BadInputException e) {
            return dossier.refused(who, caseId, support.problem("assignment-assignee", locale, "cases.error.choice", value), response, model, locale);
        }
        return CaseDossier.done(caseId, "assignment", assignee == null ? "cases.done.unassigned" : "cases.done.assigned", null, redirect, locale);
    }

    @PostMapping("/details")
    String details(@PathVariable String id, @ModelAttribute("detailsForm") CaseForms.DetailsForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = forms.checkDetails(form, locale);
        if (problem != null) {
            return dossier.refused(who, caseId, problem, response, model, locale);
        }
        String channel = PageSupport.blankToNull(form.contactChannel());
        CaseDetails.SafeContact contact = channel == null ? null : new CaseDetails.SafeContact(channel,
                PageSupport.blankToNull(form.contactValue()), PageSupport.blankToNull(form.contactTimes()),
                PageSupport.blankToNull(form.contactWhatMayBeSaid()));
        CaseDetails edited = new CaseDetails(PageSupport.blankToNull(form.nameUsed()), PageSupport.blankToNull(form.pronouns()),
                PageSupport.blankToNull(form.legalName()), form.groups() == null ? List.of() : form.groups(),
                form.facts() == null ? List.of() : form.facts(), Boolean.TRUE.equals(form.documentGenderMismatch()), null, null, contact,
                Map.of());
        try {
            editing.changeDetails(who, caseId, CaseEditing.Scope.STAFF_RECORDED, edited, PageSupport.blankToNull(form.nationality()),
                    PageSupport.blankToNull(form.countryOfResidence()));
        } catch (BadInputException e) {
            String f = "countryOfResidence".equals(e.field()) ? "details-countryOfResidence" : "details-nationality";
            String v = "countryOfResidence".equals(e.field()) ? form.countryOfResidence() : form.nationality();
            return dossier.refused(who, caseId, support.problem(f, locale, "cases.error.country", v == null ? "" : v), response, model, locale);
        }
        return CaseDossier.done(caseId, "details", "cases.done.detailsChanged", null, redirect, locale);
    }

    @PostMapping("/notes")
    String addNote(@PathVariable String id, @ModelAttribute("noteForm") CaseForms.TextForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        return postText(id, "note-body", form, conversation::addNote, "notes", "cases.done.noteAdded", model, locale, response, redirect);
    }

    @PostMapping("/messages")
    String sendMessage(@PathVariable String id, @ModelAttribute("messageForm") CaseForms.TextForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        return postText(id, "message-body", form, conversation::sendMessage, "messages", "cases.done.messageSent", model, locale, response,
                redirect);
    }

    /** What a text posted on the case does: a note added, a message sent. */
    private interface TextAction {
        void apply(StaffMember who, UUID caseId, String body);
    }

    /** A note or a message: checked (not empty, not too long) and stored, or the page again naming the field. */
    private String postText(String id, String field, CaseForms.TextForm form, TextAction action, String section, String doneKey, Model model,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = forms.checkText(field, form.body(), CaseInput.MAX_TEXT, locale);
        if (problem != null) {
            return dossier.refused(who, caseId, problem, response, model, locale);
        }
        action.apply(who, caseId, form.body());
        return CaseDossier.done(caseId, section, doneKey, null, redirect, locale);
    }

    @PostMapping("/tasks")
    String addTask(@PathVariable String id, @ModelAttribute("taskForm") CaseForms.TaskForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = forms.checkText("task-title", form.title(), CaseInput.MAX_TASK_TITLE, locale);
        LocalDate dueOn = null;
        if (problem == null) {
            try {
                dueOn = PageSupport.date(form.dueOn());
                if (dueOn == null) {
                    problem = support.problem("task-dueOn", locale, "cases.error.dueOnMissing");
                }
            } catch (PageSupport.BadDate bad) {
                problem = support.problem("task-dueOn", locale, "cases.error.date", bad.getMessage());
            }
        }
        UUID assignee = null;
        String a = PageSupport.blankToNull(form.assignee());
        if (problem == null && a != null) {
            assignee = support.assignable(who).stream().map(m -> m.id().value()).filter(u -> u.toString().equals(a)).findFirst().orElse(null);
            if (assignee == null) {
                problem = support.problem("task-assignee", locale, "cases.error.choice", a);
            }
        }
        if (problem != null) {
            return dossier.refused(who, caseId, problem, response, model, locale);
        }
        tasks.addTask(who, caseId, form.title().strip(), dueOn, assignee);
        return CaseDossier.done(caseId, "tasks", "cases.done.taskAdded", null, redirect, locale);
    }

    @PostMapping("/tasks/{taskId}/done")
    String completeTask(@PathVariable String id, @PathVariable String taskId, Locale locale, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        UUID task = PageSupport.id(taskId);
        tasks.completeTask(support.who(), caseId, task);
        return CaseDossier.done(caseId, "tasks", "cases.done.taskCompleted", null, redirect, locale);
    }

    @PostMapping("/identifiers")
    String addIdentifier(@PathVariable String id, @ModelAttribute("identifierForm") CaseForms.IdentifierForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        String kind = form.kind() == null ? "" : form.kind().strip();
        String value = form.value() == null ? "" : form.value().strip();
        PageSupport.Problem problem = null;
        if (!CaseQueue.IDENTIFIER_KINDS.contains(kind)) {
            problem = support.problem("identifier-kind", locale, "cases.error.choice", kind);
        } else if (value.isEmpty()) {
            problem = support.problem("identifier-value", locale, "cases.error.empty");
        } else if (value.length() > CaseInput.MAX_NAME) {
            problem = support.problem("identifier-value", locale, "cases.error.tooLong", value.length(), CaseInput.MAX_NAME);
        }
        if (problem != null) {
            return dossier.refused(who, caseId, problem, response, model, locale);
        }
        queue.addIdentifier(who, caseId, kind, value);
        return CaseDossier.done(caseId, "identifiers", "cases.done.identifierAdded", null, redirect, locale);
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    static boolean mayAssign(StaffMember who) {
        return who.role() == Role.COORDINATOR || who.role() == Role.INTAKE;
    }

}
