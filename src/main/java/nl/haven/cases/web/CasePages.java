package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.CaseWorkflow;
import nl.haven.cases.Notice;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseDocuments;
import nl.haven.cases.internal.CaseEditing;
import nl.haven.cases.internal.CaseInput;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.cases.internal.CaseTasks;
import nl.haven.cases.internal.CaseView;
import nl.haven.cases.internal.DeadlinePlanner;
import nl.haven.cases.internal.DocumentRefused;
import nl.haven.cases.internal.DocumentSettings;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.Group;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.PolicyEngine;
import nl.haven.shared.BadInputException;
import nl.haven.shared.ConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page at {@code /cases/{id}} and its forms. The person is called by the name they use; the legal name is
 * shown only on request, inside a disclosure; the safe-contact instructions come before anything that reaches out.
 * Every form posts to its own address with a CSRF token and answers with a redirect back to the page (Post/Redirect/
 * Get); a refused form shows the page again with the message tied to its field. The case comes through
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

    private final CaseReading reading;
    private final CaseEditing editing;
    private final CaseMoves moves;
    private final CaseConversation conversation;
    private final CaseTasks tasks;
    private final CaseQueue queue;
    private final CaseDocuments documents;
    private final DocumentSettings documentSettings;
    private final CaseReferrals referrals;
    private final PolicyEngine engine;
    private final OrganisationDirectory organisations;
    private final PageSupport support;

    CasePages(CaseReading reading, CaseEditing editing, CaseMoves moves, CaseConversation conversation, CaseTasks tasks, CaseQueue queue,
            CaseDocuments documents, DocumentSettings documentSettings, CaseReferrals referrals, PolicyEngine engine,
            OrganisationDirectory organisations, PageSupport support) {
        this.reading = reading;
        this.editing = editing;
        this.moves = moves;
        this.conversation = conversation;
        this.tasks = tasks;
        this.queue = queue;
        this.documents = documents;
        this.documentSettings = documentSettings;
        this.referrals = referrals;
        this.organisations = organisations;
        this.engine = engine;
        this.support = support;
    }

    // --- the forms: text as typed, so that a wrong value can be named; toString never shows content --------------

    record TransitionForm(@Nullable String to, @Nullable String date, @Nullable String track, @Nullable String priority) {
        static TransitionForm empty() {
            return new TransitionForm("", "", "", "");
        }
    }

    record AssignmentForm(@Nullable String assignee) {
    }

    record DetailsForm(@Nullable String nameUsed, @Nullable String pronouns, @Nullable String legalName, @Nullable List<String> groups,
            @Nullable List<String> facts, @Nullable Boolean documentGenderMismatch, @Nullable String nationality,
            @Nullable String countryOfResidence, @Nullable String contactChannel, @Nullable String contactValue, @Nullable String contactTimes,
            @Nullable String contactWhatMayBeSaid) {

        static DetailsForm of(CaseView view) {
            CaseDetails d = view.details();
            CaseDetails.SafeContact c = d.safeContact();
            return new DetailsForm(d.nameUsed(), d.pronouns(), d.legalName(), d.groups(), d.facts(), d.documentGenderMismatch(),
                    view.nationality(), view.countryOfResidence(), c == null ? "" : c.channel(), c == null ? "" : c.value(),
                    c == null ? "" : c.times(), c == null ? "" : c.whatMayBeSaid());
        }

        public boolean hasGroup(String code) {
            return groups != null && groups.contains(code);
        }

        public boolean hasFact(String code) {
            return facts != null && facts.contains(code);
        }

        @Override
        public String toString() {
            return "DetailsForm";
        }
    }

    record TextForm(@Nullable String body) {
        @Override
        public String toString() {
            return "TextForm";
        }
    }

    record TaskForm(@Nullable String title, @Nullable String dueOn, @Nullable String assignee) {
        @Override
        public String toString() {
            return "TaskForm[" + dueOn + "]";
        }
    }

    record IdentifierForm(@Nullable String kind, @Nullable String value) {
        @Override
        public String toString() {
            return "IdentifierForm[" + kind + "]";
        }
    }

    record ReferralForm(@Nullable String toOrg, @Nullable Boolean consent, @Nullable Boolean includeNotes) {
    }

    // --- what the page shows -----------------------------------------------------------------------------------------

    /** A step the case may take now and what its form asks for; declining and closing are set apart from the procedure. */
    record Step(String target, String label, boolean needsDate, boolean needsTrack, boolean needsPriority) {
        public boolean ending() {
            return "CLOSED".equals(target) || "DECLINED".equals(target);
        }
    }

    /** The tracks of a version of the appeal term, for decisions in its period. */
    record TrackGroup(String label, List<PageSupport.Option> tracks) {
    }

    record TaskRow(UUID id, String title, boolean deadline, LocalDate dueOn, PageSupport.Due due, String assignee, boolean done,
            String doneAt) {
    }

    record TextRow(String author, String at, boolean fromRequester, String body) {
    }

    record EventRow(String at, String what, String from, String to, @Nullable LocalDate onDate, String by) {
    }

    /** A document as the list shows it: its name, what kind of file it is and how large, in the page's language. */
    record DocumentRow(UUID id, String name, String kind, String size, String addedAt) {
    }

    /** A notice of the last step, in the page's language, with Haven's own explanation (English) for the record. */
    record ShownNotice(String text, String detail) {
    }

    // --- the page ---------------------------------------------------------------------------------------------------

    @GetMapping
    String show(@PathVariable String id, Model model, Locale locale) {
        return page(support.who(), PageSupport.id(id), model, locale);
    }

    // --- changes ------------------------------------------------------------------------------------------------------

    @PostMapping("/transitions")
    String transition(@PathVariable String id, @ModelAttribute("transitionForm") TransitionForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        String to = form.to() == null ? "" : form.to().strip();
        String field = "transition-" + to;
        LocalDate date;
        try {
            date = PageSupport.date(form.date());
        } catch (PageSupport.BadDate bad) {
            return refused(who, caseId, support.problem(field + "-date", locale, "cases.error.date", bad.getMessage()), response, model, locale);
        }
        Integer priority = null;
        String p = PageSupport.blankToNull(form.priority());
        if (p != null) {
            if (!p.matches("[123]")) {
                return refused(who, caseId, support.problem(field + "-priority", locale, "cases.error.priority"), response, model, locale);
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
            return refused(who, caseId, problem, response, model, locale);
        } catch (ConflictException e) {
            return refused(who, caseId, support.problem("transition", locale, "cases.error.transition.notAllowed", support.target(to, locale)),
                    response, model, locale, HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notices", new ArrayList<>(after.notices()));
        return done(caseId, "status", "cases.done.moved", to, redirect, locale);
    }

    @PostMapping("/assignment")
    String assign(@PathVariable String id, @ModelAttribute("assignmentForm") AssignmentForm form, Model model, Locale locale,
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
            return refused(who, caseId, support.problem("assignment-assignee", locale, "cases.error.choice", value), response, model, locale);
        }
        try {
            moves.assign(who, caseId, assignee);
        } catch (BadInputException e) {
            return refused(who, caseId, support.problem("assignment-assignee", locale, "cases.error.choice", value), response, model, locale);
        }
        return done(caseId, "assignment", assignee == null ? "cases.done.unassigned" : "cases.done.assigned", null, redirect, locale);
    }

    @PostMapping("/details")
    String details(@PathVariable String id, @ModelAttribute("detailsForm") DetailsForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = checkDetails(form, locale);
        if (problem != null) {
            return refused(who, caseId, problem, response, model, locale);
        }
        String channel = PageSupport.blankToNull(form.contactChannel());
        CaseDetails.SafeContact contact = channel == null ? null : new CaseDetails.SafeContact(channel,
                PageSupport.blankToNull(form.contactValue()), PageSupport.blankToNull(form.contactTimes()),
                PageSupport.blankToNull(form.contactWhatMayBeSaid()));
        CaseDetails edited = new CaseDetails(PageSupport.blankToNull(form.nameUsed()), PageSupport.blankToNull(form.pronouns()),
                PageSupport.blankToNull(form.legalName()), form.groups() == null ? List.of() : form.groups(),
                form.facts() == null ? List.of() : form.facts(), Boolean.TRUE.equals(form.documentGenderMismatch()), null, null, contact,
                java.util.Map.of());
        try {
            editing.changeDetails(who, caseId, CaseEditing.Scope.STAFF_RECORDED, edited, PageSupport.blankToNull(form.nationality()),
                    PageSupport.blankToNull(form.countryOfResidence()));
        } catch (BadInputException e) {
            String f = "countryOfResidence".equals(e.field()) ? "details-countryOfResidence" : "details-nationality";
            String v = "countryOfResidence".equals(e.field()) ? form.countryOfResidence() : form.nationality();
            return refused(who, caseId, support.problem(f, locale, "cases.error.country", v == null ? "" : v), response, model, locale);
        }
        return done(caseId, "details", "cases.done.detailsChanged", null, redirect, locale);
    }

    @PostMapping("/notes")
    String addNote(@PathVariable String id, @ModelAttribute("noteForm") TextForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = checkText("note-body", form.body(), CaseInput.MAX_TEXT, locale);
        if (problem != null) {
            return refused(who, caseId, problem, response, model, locale);
        }
        conversation.addNote(who, caseId, form.body());
        return done(caseId, "notes", "cases.done.noteAdded", null, redirect, locale);
    }

    @PostMapping("/messages")
    String sendMessage(@PathVariable String id, @ModelAttribute("messageForm") TextForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = checkText("message-body", form.body(), CaseInput.MAX_TEXT, locale);
        if (problem != null) {
            return refused(who, caseId, problem, response, model, locale);
        }
        conversation.sendMessage(who, caseId, form.body());
        return done(caseId, "messages", "cases.done.messageSent", null, redirect, locale);
    }

    @PostMapping("/tasks")
    String addTask(@PathVariable String id, @ModelAttribute("taskForm") TaskForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        PageSupport.Problem problem = checkText("task-title", form.title(), CaseInput.MAX_TASK_TITLE, locale);
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
            return refused(who, caseId, problem, response, model, locale);
        }
        tasks.addTask(who, caseId, form.title().strip(), dueOn, assignee);
        return done(caseId, "tasks", "cases.done.taskAdded", null, redirect, locale);
    }

    @PostMapping("/tasks/{taskId}/done")
    String completeTask(@PathVariable String id, @PathVariable String taskId, Locale locale, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        UUID task = PageSupport.id(taskId);
        tasks.completeTask(support.who(), caseId, task);
        return done(caseId, "tasks", "cases.done.taskCompleted", null, redirect, locale);
    }

    @PostMapping("/identifiers")
    String addIdentifier(@PathVariable String id, @ModelAttribute("identifierForm") IdentifierForm form, Model model, Locale locale,
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
            return refused(who, caseId, problem, response, model, locale);
        }
        queue.addIdentifier(who, caseId, kind, value);
        return done(caseId, "identifiers", "cases.done.identifierAdded", null, redirect, locale);
    }

    /**
     * A document for the case, as a browser uploads it (multipart, field {@code file}). An empty file, one of another
     * type or one over the documents' limit is refused at the field. A request over the container's multipart limits
     * (the larger of the documents' and the intake's, see web.MultipartLimits) never gets here: the container refuses
     * it while the CSRF check reads the form (413, on the error page that says so).
     */
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@PathVariable String id, @RequestParam(name = "file", required = false) @Nullable MultipartFile file, Model model,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty()))) {
            return refused(who, caseId, support.problem("document-file", locale, "cases.error.document.none"), response, model, locale);
        }
        try (InputStream content = file.getInputStream()) {
            documents.add(who, caseId, file.getOriginalFilename(), file.getSize(), content);
        } catch (DocumentRefused e) {
            return switch (e.reason()) {
                case TOO_LARGE -> refused(who, caseId, support.problem("document-file", locale, "cases.error.document.tooLarge",
                        size(documentSettings.maxSize().toBytes(), locale)), response, model, locale, HttpStatus.CONTENT_TOO_LARGE);
                case UNSUPPORTED_TYPE -> refused(who, caseId, support.problem("document-file", locale, "cases.error.document.type"), response,
                        model, locale, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
                case TOO_MANY_PAGES -> refused(who, caseId, support.problem("document-file", locale, "cases.error.document.pages",
                        nl.haven.cases.PdfDerivative.MAX_PAGES), response, model, locale, HttpStatus.CONTENT_TOO_LARGE);
                case UNREADABLE -> refused(who, caseId, support.problem("document-file", locale, "cases.error.document.unreadablePdf"), response,
                        model, locale, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            };
        } catch (BadInputException e) {
            return refused(who, caseId, support.problem("document-file", locale, "cases.error.document.empty"), response, model, locale);
        }
        return done(caseId, "documents", "cases.done.documentAdded", null, redirect, locale);
    }

    @PostMapping("/referrals")
    String refer(@PathVariable String id, @ModelAttribute("referralForm") ReferralForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        String toOrg = form.toOrg() == null ? "" : form.toOrg().strip();
        CaseReferrals.Referral referral;
        try {
            referral = referrals.refer(who, caseId, toOrg, Boolean.TRUE.equals(form.consent()), Boolean.TRUE.equals(form.includeNotes()));
        } catch (BadInputException e) {
            PageSupport.Problem problem = switch (e.field()) {
                case "consent" -> support.problem("referral-consent", locale, "cases.error.referral.consent");
                default -> toOrg.isEmpty() ? support.problem("referral-toOrg", locale, "cases.error.empty")
                        : organisations.bySlug(toOrg).filter(o -> o.id().equals(who.org())).isPresent()
                                ? support.problem("referral-toOrg", locale, "cases.error.referral.own", toOrg)
                                : support.problem("referral-toOrg", locale, "cases.error.referral.unknown", toOrg);
            };
            return refused(who, caseId, problem, response, model, locale);
        } catch (ConflictException e) {
            return refused(who, caseId, support.problem("referral-toOrg", locale, "cases.error.referral.state"), response, model, locale,
                    HttpStatus.CONFLICT);
        }
        // The case now belongs to the receiving organisation: this one keeps the reference and the date only.
        redirect.addFlashAttribute("notice", "cases.done.referred");
        redirect.addFlashAttribute("noticeArg", referral.reference() + " → " + referral.toOrg());
        return "redirect:/cases?lang=" + locale.getLanguage();
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    static boolean mayAssign(StaffMember who) {
        return who.role() == Role.COORDINATOR || who.role() == Role.INTAKE;
    }

    /** Post/Redirect/Get: back to the section that changed, with a message key (and a code, never content) to show. */
    private static String done(UUID caseId, String section, String key, @Nullable String arg, RedirectAttributes redirect, Locale locale) {
        redirect.addFlashAttribute("doneSection", section);
        redirect.addFlashAttribute("doneKey", key);
        if (arg != null) {
            redirect.addFlashAttribute("doneArg", arg);
        }
        return "redirect:/cases/" + caseId + "?lang=" + locale.getLanguage() + "#" + section;
    }

    private String refused(StaffMember who, UUID caseId, PageSupport.Problem problem, HttpServletResponse response, Model model, Locale locale) {
        return refused(who, caseId, problem, response, model, locale, HttpStatus.BAD_REQUEST);
    }

    /** The page again, with the submitted form as typed and its problem; 400 for a bad value, 409 for a rule. */
    private String refused(StaffMember who, UUID caseId, PageSupport.Problem problem, HttpServletResponse response, Model model, Locale locale,
            HttpStatus status) {
        String view = page(who, caseId, model, locale); // a case the member may not see ends here, in the same 404
        response.setStatus(status.value());
        model.addAttribute("problem", problem);
        return view;
    }

    private PageSupport.@Nullable Problem checkText(String field, @Nullable String text, int max, Locale locale) {
        if (text == null || text.isBlank()) {
            return support.problem(field, locale, "cases.error.empty");
        }
        if (text.length() > max) {
            return support.problem(field, locale, "cases.error.tooLong", text.length(), max);
        }
        return null;
    }

    private PageSupport.@Nullable Problem checkDetails(DetailsForm form, Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("details-nameUsed", form.nameUsed());
        names.put("details-pronouns", form.pronouns());
        names.put("details-legalName", form.legalName());
        names.put("details-contactValue", form.contactValue());
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (e.getValue() != null && e.getValue().strip().length() > CaseInput.MAX_NAME) {
                return support.problem(e.getKey(), locale, "cases.error.tooLong", e.getValue().strip().length(), CaseInput.MAX_NAME);
            }
        }
        for (String[] f : new String[][] { { "details-contactTimes", form.contactTimes() },
                { "details-contactWhatMayBeSaid", form.contactWhatMayBeSaid() } }) {
            if (f[1] != null && f[1].strip().length() > MAX_CONTACT_TEXT) {
                return support.problem(f[0], locale, "cases.error.tooLong", f[1].strip().length(), MAX_CONTACT_TEXT);
            }
        }
        // The same bounds as the service's (issue #15, point 14), shown at their field: only a crafted form exceeds them.
        if (form.groups() != null && form.groups().size() > CaseInput.GROUP_CODES.size()) {
            return support.problem("details-groups", locale, "cases.error.tooMany", form.groups().size(), CaseInput.GROUP_CODES.size());
        }
        if (form.facts() != null && form.facts().size() > CaseInput.MAX_FACTS) {
            return support.problem("details-facts", locale, "cases.error.tooMany", form.facts().size(), CaseInput.MAX_FACTS);
        }
        for (String group : form.groups() == null ? List.<String>of() : form.groups()) {
            if (!codes().contains(group)) {
                return support.problem("details-groups", locale, "cases.error.choice", group);
            }
        }
        for (String fact : form.facts() == null ? List.<String>of() : form.facts()) {
            if (!engine.dataSet().facts().containsKey(fact)) {
                return support.problem("details-facts", locale, "cases.error.choice", fact);
            }
        }
        String channel = PageSupport.blankToNull(form.contactChannel());
        if (channel != null && !CHANNELS.contains(channel)) {
            return support.problem("details-contactChannel", locale, "cases.error.choice", channel);
        }
        if (channel == null && (PageSupport.blankToNull(form.contactValue()) != null || PageSupport.blankToNull(form.contactTimes()) != null
                || PageSupport.blankToNull(form.contactWhatMayBeSaid()) != null)) {
            return support.problem("details-contactChannel", locale, "cases.error.contactChannel");
        }
        return null;
    }

    private static List<String> codes() {
        return java.util.Arrays.stream(Group.values()).map(Group::code).toList();
    }

    /** Everything the page shows; the forms that are not already in the model (a refused one is) start from the case. */
    private String page(StaffMember who, UUID caseId, Model model, Locale locale) {
        CaseReading.Dossier dossier = reading.dossier(who, caseId);
        CaseView view = dossier.view();
        CaseDetails details = view.details();
        String language = locale.getLanguage();
        Map<UUID, String> names = support.names(who);

        model.addAttribute("c", view);
        model.addAttribute("d", details);
        model.addAttribute("state", support.state(view.handling(), view.stage(), locale));
        model.addAttribute("assigneeName", support.nameOf(names, view.assignee(), locale));
        model.addAttribute("nationalityName", PageSupport.countryName(view.nationality(), locale));
        model.addAttribute("residenceName", PageSupport.countryName(view.countryOfResidence(), locale));
        model.addAttribute("groupLabels", details.groups().stream().map(g -> support.textOr("group." + g, g, locale)).toList());
        model.addAttribute("factLabels", details.facts().stream()
                .map(f -> engine.dataSet().facts().containsKey(f) ? engine.dataSet().facts().get(f).label().in(language) : f).toList());
        model.addAttribute("trackLabel", view.track() == null ? null : support.textOr("cases.track." + view.track(), view.track(), locale));

        List<Step> steps = new ArrayList<>();
        for (String target : view.allowedTransitions()) {
            steps.add(new Step(target, support.target(target, locale), CaseWorkflow.needsDate(target), CaseWorkflow.needsTrack(target),
                    CaseWorkflow.needsPriority(target)));
        }
        model.addAttribute("steps", steps);
        model.addAttribute("trackGroups", trackGroups(locale));

        List<TaskRow> tasks = new ArrayList<>();
        for (CaseTasks.TaskView t : dossier.tasks()) {
            boolean deadline = "DEADLINE".equals(t.kind());
            String title = deadline ? termName(t.termId(), locale) : "POLICY".equals(t.kind()) ? support.text("cases.tasks.policyReview", locale)
                    : t.title() == null ? "" : t.title();
            tasks.add(new TaskRow(t.id(), title, deadline, t.dueOn(), support.due(t.dueOn(), t.doneAt() != null),
                    support.nameOf(names, t.assignee(), locale), t.doneAt() != null, t.doneAt() == null ? "" : PageSupport.moment(t.doneAt())));
        }
        model.addAttribute("tasks", tasks);
        model.addAttribute("notes", dossier.notes().stream()
                .map(n -> new TextRow(support.nameOf(names, n.author(), locale), PageSupport.moment(n.at()), false, n.body())).toList());
        model.addAttribute("messages", dossier.messages().stream()
                .map(m -> new TextRow("FROM_REQUESTER".equals(m.direction()) ? support.text("cases.messages.fromPerson", locale)
                        : support.nameOf(names, m.author(), locale), PageSupport.moment(m.at()), "FROM_REQUESTER".equals(m.direction()), m.body()))
                .toList());
        List<EventRow> timeline = new ArrayList<>();
        for (CaseReading.TimelineEntry e : dossier.timeline()) {
            String from = e.policyChange() != null ? support.framework(e.policyChange().before(), e.policyChange().after(), locale) : e.from() == null ? "" : support.target(e.from(), locale);
            String to = e.policyChange() != null ? support.framework(e.policyChange().after(), e.policyChange().before(), locale) : e.to() == null ? "" : support.target(e.to(), locale);
            timeline.add(new EventRow(PageSupport.moment(e.at()), support.textOr("cases.event." + e.type(), e.type(), locale), from, to, e.onDate(),
                    e.actor() == null ? support.text("cases.actor.none", locale) : support.nameOf(names, e.actor(), locale)));
        }
        model.addAttribute("timeline", timeline);
        model.addAttribute("documents", dossier.documents().stream().map(d -> new DocumentRow(d.id(), d.name(),
                support.textOr("cases.mediaType." + d.mediaType(), d.mediaType(), locale), size(d.size(), locale), PageSupport.moment(d.createdAt())))
                .toList());
        model.addAttribute("documentLimit", size(documentSettings.maxSize().toBytes(), locale));

        model.addAttribute("mayAssign", mayAssign(who));
        model.addAttribute("assignees", support.assignable(who));
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("groupOptions", java.util.Arrays.stream(Group.values())
                .map(g -> new PageSupport.Option(g.code(), support.text("group." + g.code(), locale))).toList());
        model.addAttribute("factOptions", engine.dataSet().facts().values().stream()
                .map(f -> new PageSupport.Option(f.id(), f.label().in(language))).toList());
        model.addAttribute("countries", PageSupport.countries(locale));
        model.addAttribute("identifierKinds", CaseQueue.IDENTIFIER_KINDS);
        model.addAttribute("maxText", CaseInput.MAX_TEXT);
        model.addAttribute("maxTitle", CaseInput.MAX_TASK_TITLE);
        model.addAttribute("dueSoonDays", PageSupport.DUE_SOON_DAYS);

        Object flashed = model.getAttribute("notices");
        List<ShownNotice> notices = new ArrayList<>();
        if (flashed instanceof List<?> list) {
            for (Object notice : list) {
                if (notice instanceof Notice n) {
                    notices.add(shown(n, locale));
                }
            }
        }
        model.addAttribute("stepNotices", notices);
        Object doneKey = model.getAttribute("doneKey");
        if (doneKey instanceof String key) {
            Object arg = model.getAttribute("doneArg");
            model.addAttribute("doneText", arg instanceof String a ? support.text(key, locale, support.target(a, locale)) : support.text(key, locale));
        }

        if (!model.containsAttribute("problem")) {
            model.addAttribute("problem", PageSupport.Problem.NONE);
        }
        putIfAbsent(model, "transitionForm", TransitionForm.empty());
        putIfAbsent(model, "assignmentForm", new AssignmentForm(view.assignee() == null ? "" : view.assignee().toString()));
        putIfAbsent(model, "detailsForm", DetailsForm.of(view));
        putIfAbsent(model, "noteForm", new TextForm(""));
        putIfAbsent(model, "messageForm", new TextForm(""));
        putIfAbsent(model, "taskForm", new TaskForm("", "", ""));
        putIfAbsent(model, "identifierForm", new IdentifierForm("v-number", ""));
        putIfAbsent(model, "referralForm", new ReferralForm("", false, false));
        return "cases/case";
    }

    private static void putIfAbsent(Model model, String name, Object value) {
        if (!model.containsAttribute(name)) {
            model.addAttribute(name, value);
        }
    }

    /** A size as people read it: bytes, KB or MB (1024-based, as the limit is described). */
    String size(long bytes, Locale locale) {
        if (bytes < 1024) {
            return support.text("cases.size.bytes", locale, String.valueOf(bytes));
        }
        return bytes < 1024 * 1024 ? support.text("cases.size.kb", locale, number(bytes / 1024.0, locale))
                : support.text("cases.size.mb", locale, number(bytes / (1024.0 * 1024.0), locale));
    }

    private static String number(double value, Locale locale) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(locale, "%.1f", value);
    }

    /** A legal term's name: the bundle's, else the policy data set's in this language. */
    String termName(@Nullable String termId, Locale locale) {
        if (termId == null) {
            return "";
        }
        String fromData = engine.dataSet().procedure().term(termId).map(t -> t.name().in(locale.getLanguage())).orElse(termId);
        return support.textOr("cases.term." + termId, fromData, locale);
    }

    /** What the last step could not do, in the page's language; Haven's own reason stays beside it in English. */
    ShownNotice shown(Notice notice, Locale locale) {
        String text = switch (notice.code()) {
            case NO_TASK -> support.text(notice.code().messageKey(), locale, termName(Objects.requireNonNull(notice.term()).id(), locale));
            case NO_RESPONSE_TERM -> support.text(notice.code().messageKey(), locale);
        };
        return new ShownNotice(text, notice.reason());
    }

    /** The appeal term's tracks, per version: which tracks exist depends on the decision's date. */
    List<TrackGroup> trackGroups(Locale locale) {
        List<TrackGroup> groups = new ArrayList<>();
        LegalTerm term = engine.dataSet().procedure().term(Stage.Term.APPEAL.id()).orElse(null);
        if (term == null) {
            return groups;
        }
        for (LegalTerm.Version version : term.versions()) {
            String label = version.validTo() == null ? support.text("cases.tracks.from", locale, version.validFrom().toString())
                    : support.text("cases.tracks.between", locale, version.validFrom().toString(), version.validTo().minusDays(1).toString());
            groups.add(new TrackGroup(label, version.tracks().stream()
                    .map(t -> new PageSupport.Option(t, support.textOr("cases.track." + t, t, locale))).toList()));
        }
        return groups;
    }
}
