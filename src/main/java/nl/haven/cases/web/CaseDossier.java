package nl.haven.cases.web;

import nl.haven.shared.Confirmation;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.internal.CaseAppointments;
import nl.haven.cases.internal.CaseWorkflow;
import nl.haven.cases.internal.Notice;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.CaseInput;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.cases.internal.CaseReading;
import nl.haven.cases.internal.CaseTasks;
import nl.haven.cases.internal.CaseView;
import nl.haven.cases.internal.DocumentSettings;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.Group;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.PolicyEngine;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the case page shows, in the page's language: the case and its details, the steps it may take, tasks, notes,
 * messages, timeline, documents and the forms (a refused one as typed). {@link CasePages} answers the requests.
 */
@Component
class CaseDossier {
    private final CaseReading reading;
    private final DocumentSettings documentSettings;
    private final PolicyEngine engine;
    private final PageSupport support;
    private final OrganisationDirectory organisations;

    CaseDossier(CaseReading reading, DocumentSettings documentSettings, PolicyEngine engine, PageSupport support,
            OrganisationDirectory organisations) {
        this.organisations = organisations;
        this.reading = reading;
        this.documentSettings = documentSettings;
        this.engine = engine;
        this.support = support;
    }

    /** A step the case may take now and what its form asks for; declining and closing are set apart from the procedure. */
    record Step(String target, String label, boolean needsDate, boolean needsTrack, boolean needsPriority) {
        public boolean ending() {
            return ending(target);
        }

        /** Closing and declining end the organisation's work on the case: the page asks for confirmation first. */
        static boolean ending(String target) {
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

    /** An appointment as the page shows it: its kind in words, its day and time in Dutch time, and its form to change it. */
    record AppointmentRow(UUID id, String kind, LocalDate date, String time, @Nullable String place, @Nullable String note, boolean cancelled,
            CaseAppointmentPages.AppointmentForm form) {
    }

    /** A notice of the last step, in the page's language, with Haven's own explanation (English) for the record. */
    record ShownNotice(String text, String detail) {
    }

    /** Everything the page shows; the forms that are not already in the model (a refused one is) start from the case. */
    String page(StaffMember who, UUID caseId, Model model, Locale locale) {
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
        Object editing = model.getAttribute("appointmentEdit");
        model.addAttribute("appointments", dossier.appointments().stream().map(a -> new AppointmentRow(a.id(),
                support.text("cases.appointment.kind." + a.kind(), locale), a.date(), a.time(), a.place(), a.note(), a.cancelled(),
                a.id().equals(editing) && model.getAttribute("appointmentEditForm") instanceof CaseAppointmentPages.AppointmentForm typed ? typed
                        : CaseAppointmentPages.AppointmentForm.of(a))).toList());
        model.addAttribute("appointmentKinds", CaseAppointments.KINDS.stream()
                .map(k -> new PageSupport.Option(k, support.text("cases.appointment.kind." + k, locale))).toList());
        model.addAttribute("documentLimit", size(documentSettings.maxSize().toBytes(), locale));

        model.addAttribute("mayAssign", CasePages.mayAssign(who));
        // Issue #19 point 11: the referral partner from a list; erasure (a coordinator's step) from its confirmation page.
        model.addAttribute("partners", organisations.partnersOf(who.org()));
        model.addAttribute("mayErase", who.role() == Role.COORDINATOR);
        model.addAttribute("assignees", support.assignable(who));
        model.addAttribute("channels", CasePages.CHANNELS);
        model.addAttribute("groupOptions", Arrays.stream(Group.values())
                .map(g -> new PageSupport.Option(g.code(), support.text("group." + g.code(), locale))).toList());
        model.addAttribute("factOptions", engine.dataSet().facts().values().stream()
                .map(f -> new PageSupport.Option(f.id(), f.label().in(language))).toList());
        model.addAttribute("countries", PageSupport.countries(locale));
        model.addAttribute("identifierKinds", CaseQueue.IDENTIFIER_KINDS);
        model.addAttribute("maxText", CaseInput.MAX_TEXT);
        model.addAttribute("maxTitle", CaseInput.MAX_TASK_TITLE);
        model.addAttribute("dueSoonDays", PageSupport.DUE_SOON_DAYS);
        // The range of the day something happened, for the date picker (the server checks it again).
        model.addAttribute("today", support.today());
        model.addAttribute("earliestEvent", PageSupport.EARLIEST_EVENT);

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
        putIfAbsent(model, "transitionForm", CaseForms.TransitionForm.empty());
        putIfAbsent(model, "assignmentForm", new CaseForms.AssignmentForm(view.assignee() == null ? "" : view.assignee().toString()));
        putIfAbsent(model, "detailsForm", CaseForms.DetailsForm.of(view));
        putIfAbsent(model, "noteForm", new CaseForms.TextForm(""));
        putIfAbsent(model, "messageForm", new CaseForms.TextForm(""));
        putIfAbsent(model, "taskForm", new CaseForms.TaskForm("", "", ""));
        putIfAbsent(model, "identifierForm", new CaseForms.IdentifierForm("v-number", ""));
        putIfAbsent(model, "appointmentForm", CaseAppointmentPages.AppointmentForm.empty());
        putIfAbsent(model, "referralForm", new CaseForms.ReferralForm("", false, false));
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

    /** Post/Redirect/Get: back to the section that changed, with a message key (and a code, never content) to show. */
    static String done(UUID caseId, String section, String key, @Nullable String arg, RedirectAttributes redirect, Locale locale) {
        redirect.addFlashAttribute("doneSection", section);
        redirect.addFlashAttribute("doneKey", key);
        if (arg != null) {
            redirect.addFlashAttribute("doneArg", arg);
        }
        return "redirect:/cases/" + caseId + "?lang=" + locale.getLanguage() + "#" + section;
    }

    String refused(StaffMember who, UUID caseId, PageSupport.Problem problem, HttpServletResponse response, Model model, Locale locale) {
        return refused(who, caseId, problem, response, model, locale, HttpStatus.BAD_REQUEST);
    }

    /** The page again, with the submitted form as typed and its problem; 400 for a bad value, 409 for a rule. */
    String refused(StaffMember who, UUID caseId, PageSupport.Problem problem, HttpServletResponse response, Model model, Locale locale,
            HttpStatus status) {
        String view = page(who, caseId, model, locale); // a case the member may not see ends here, in the same 404
        response.setStatus(status.value());
        model.addAttribute("problem", problem);
        return view;
    }

    /**
     * The confirmation page of a step that cannot simply be undone (200: nothing changed): it posts {@code fields} to
     * the same form address again with {@code confirmed=true}; its way back is the case page at {@code section}.
     */
    static String confirm(Model model, UUID caseId, String form, Map<String, String> fields, String heading, List<String> consequences,
            String confirmLabel, String section, Locale locale) {
        String lang = "?lang=" + locale.getLanguage();
        model.addAttribute("confirmation", new Confirmation(heading, consequences, "/cases/" + caseId + "/" + form + lang, fields, confirmLabel,
                "/cases/" + caseId + lang + "#" + section));
        return Confirmation.VIEW;
    }
}
