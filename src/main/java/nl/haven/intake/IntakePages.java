package nl.haven.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import nl.haven.cases.RequesterCases;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.identity.OrganisationSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public intake form of an organisation, {@code /intake/{org}}: plain HTML that works without JavaScript, in the
 * language of {@code ?lang=} or the browser. The answer page shows the reference and the codename once, and is sent
 * only after the case is committed. Nothing of the visitor is kept: no session, no address, no device.
 */
@Controller
class IntakePages {
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** A receipt is shown again only for a token of at least 122 bits, as the form issues (a UUID). */
    static final Pattern RECEIPT_TOKEN = Pattern.compile("[A-Za-z0-9-]{22,64}");
    /** When a visitor who found every upload slot taken is asked to send again. */
    static final long BUSY_RETRY_SECONDS = 60;

    private final OrganisationDirectory organisations;
    private final Intake intake;
    private final IntakeSettings settings;
    private final UploadSlots slots;
    private final OrganisationSettings organisationSettings;
    private final IntakeFiles intakeFiles;

    IntakePages(OrganisationDirectory organisations, Intake intake, IntakeSettings settings, UploadSlots slots,
            OrganisationSettings organisationSettings, IntakeFiles intakeFiles) {
        this.intakeFiles = intakeFiles;
        this.organisationSettings = organisationSettings;
        this.organisations = organisations;
        this.intake = intake;
        this.settings = settings;
        this.slots = slots;
    }

    record Option(String code, String label) {
    }

    /** An error shown above the form and beside its field. */
    record Shown(String field, String key, Object[] args) {
    }

    @GetMapping("/intake/{org}")
    String form(@PathVariable String org, Locale locale, Model model) {
        return form(organisation(org), IntakeForm.empty(), List.of(), locale, model);
    }

    /**
     * Sends the form. Cheap checks come first and decide alone whether the form is refused: the text fields, then the
     * files' number, sizes, types and the pixels their headers declare. Only a form that passes them all has its files
     * decoded and stripped, in one of the few {@link UploadSlots}. A refused form counts against the visitor's bucket as
     * an accepted one does (issue #15, point 7).
     */
    @PostMapping("/intake/{org}")
    String submit(@PathVariable String org, @ModelAttribute IntakeForm form,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files, Locale locale, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        OrganisationDirectory.Organisation organisation = organisation(org);
        model.addAttribute("quickExit", quickExit(organisation));
        OptionalLong wait = intake.tooMany(request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
            model.addAttribute("minutes", Math.max(1, (wait.getAsLong() + 59) / 60));
            model.addAttribute("organisation", organisation);
            return "intake/wait";
        }
        List<Shown> problems = new ArrayList<>();
        IntakeRules.Draft draft = new IntakeRules.Draft(locale.getLanguage(), IntakeRules.blankToNull(form.nationality()),
                IntakeRules.blankToNull(form.countryOfResidence()), IntakeRules.blankToNull(form.nameUsed()),
                IntakeRules.blankToNull(form.pronouns()), form.groupList(), form.message(), form.channel(),
                IntakeRules.blankToNull(form.contactValue()));
        for (IntakeRules.Problem problem : IntakeRules.check(draft)) {
            problems.add(new Shown(problem.field(), problem.key(), problem.args()));
        }
        if (!form.processingAgreed()) {
            problems.add(new Shown("consentProcessing", "intake.error.consent", new Object[0]));
        }
        List<IntakeFiles.Upload> uploads = intakeFiles.checked(files, problems);
        if (!problems.isEmpty()) {
            return refused(organisation, form, problems, locale, model, request, response);
        }
        List<RequesterCases.IntakeDocument> documents;
        try {
            // A form without files needs no decode slot.
            documents = uploads.isEmpty() ? List.of() : slots.within(() -> IntakeFiles.stripped(uploads, form.originalsAgreed(), problems));
        } catch (UploadSlots.Busy busy) {
            // Not the visitor's doing: not counted against their bucket.
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", Long.toString(BUSY_RETRY_SECONDS));
            return form(organisation, form, List.of(new Shown("files", "intake.error.files.busy", new Object[0])), locale, model);
        }
        if (!problems.isEmpty()) {
            return refused(organisation, form, problems, locale, model, request, response);
        }
        Submission submission = new Submission(locale.getLanguage(), draft.nationality(), draft.countryOfResidence(), draft.nameUsed(),
                draft.pronouns(), draft.groups(), draft.message().strip(), draft.contactChannel(), draft.contactValue(), documents);
        String token = form.submission() != null && TOKEN.matcher(form.submission()).matches() ? "form:" + form.submission() : null;
        Intake.Receipt receipt;
        try {
            receipt = intake.submit(organisation.id(), submission, token, request.getRemoteAddr());
        } catch (Intake.KeyReused changed) {
            // The same form, sent again with other content (back, edit, send): a request of its own.
            receipt = intake.submit(organisation.id(), submission, null, request.getRemoteAddr());
        }
        // The transaction has committed: only now is the answer rendered and sent.
        return received(organisation, receipt, token == null ? null : form.submission(), locale, model);
    }

    /**
     * The same receipt again, in the language of the button pressed on it (issue #20 point 3): a POST carrying the
     * form's submission token, which the server already answered and keeps sealed for the idempotency retention. The
     * codename never appears in a URL, and nothing new is stored. An unknown or expired token shows no codename.
     */
    @PostMapping("/intake/{org}/receipt")
    String receipt(@PathVariable String org, @RequestParam(required = false) @Nullable String submission, Locale locale, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        OrganisationDirectory.Organisation organisation = organisation(org);
        model.addAttribute("quickExit", quickExit(organisation));
        Intake.Receipt receipt = submission != null && RECEIPT_TOKEN.matcher(submission).matches()
                ? intake.answered(organisation.id(), "form:" + submission).orElse(null)
                : null;
        if (receipt == null) {
            intake.refused(request.getRemoteAddr());
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("organisation", organisation);
            return "intake/receipt-gone";
        }
        return received(organisation, receipt, submission, locale, model);
    }

    private String received(OrganisationDirectory.Organisation organisation, Intake.Receipt receipt, @Nullable String submission, Locale locale,
            Model model) {
        model.addAttribute("organisation", organisation);
        model.addAttribute("reference", receipt.reference());
        model.addAttribute("codename", receipt.codename());
        model.addAttribute("codenameWords", List.of(receipt.codename().split(" ")));
        model.addAttribute("codenameNative", Codenames.nativeDigits(receipt.codename(), locale));
        if (submission != null) {
            // The language switch re-renders this receipt by POST (see the layout) instead of leading to a new form.
            model.addAttribute("languageForm", new LanguageForm("/intake/" + organisation.slug() + "/receipt", Map.of("submission", submission)));
        }
        return "intake/received";
    }

    /** The language switch as a POST form: where it posts and the hidden fields it carries (nothing of them in a URL). */
    record LanguageForm(String action, Map<String, String> fields) {
        @Override
        public String toString() {
            return "LanguageForm[" + action + "]";
        }
    }

    /** The form again with its problems: 413 when pictures have too many pixels, else 400; counted against the bucket. */
    private String refused(OrganisationDirectory.Organisation organisation, IntakeForm form, List<Shown> problems, Locale locale, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        intake.refused(request.getRemoteAddr());
        boolean pixels = problems.stream().anyMatch(p -> p.key().equals("intake.error.file.pixels") || p.key().equals("intake.error.files.pixels"));
        response.setStatus(pixels ? HttpStatus.CONTENT_TOO_LARGE.value() : HttpStatus.BAD_REQUEST.value());
        return form(organisation, form, problems, locale, model);
    }

    private String form(OrganisationDirectory.Organisation organisation, IntakeForm form, List<Shown> problems, Locale locale, Model model) {
        model.addAttribute("organisation", organisation);
        model.addAttribute("form", form);
        model.addAttribute("selectedGroups", form.groupList());
        model.addAttribute("channel", form.channel());
        model.addAttribute("processingAgreed", form.processingAgreed());
        model.addAttribute("originalsAgreed", form.originalsAgreed());
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(Shown::field).toList());
        model.addAttribute("countries", countries(locale));
        model.addAttribute("groupOptions", IntakeRules.GROUPS);
        model.addAttribute("channels", IntakeRules.CHANNELS);
        model.addAttribute("maxFiles", settings.maxFiles());
        model.addAttribute("maxFileMb", settings.maxFileMegabytes());
        model.addAttribute("maxUploadMb", settings.maxUploadMegabytes());
        model.addAttribute("quickExit", quickExit(organisation));
        String welcome = organisationSettings.intakeFace(organisation.id()).welcome();
        model.addAttribute("welcome", welcome == null ? List.of() : paragraphs(welcome));
        return "intake/form";
    }

    /** Where the organisation's quick-exit button leads: its own address (issue #19 point 11), else Haven's. */
    private String quickExit(OrganisationDirectory.Organisation organisation) {
        String own = organisationSettings.intakeFace(organisation.id()).quickExitUrl();
        return own == null ? settings.quickExitUrl() : own;
    }

    /** The welcome text's paragraphs (separated by a blank line), each shown as escaped text. */
    static List<String> paragraphs(String text) {
        return Arrays.stream(text.split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    static List<Option> countries(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        List<Option> countries = new ArrayList<>();
        for (String code : IntakeRules.COUNTRIES) {
            countries.add(new Option(code, new Locale("", code).getDisplayCountry(locale)));
        }
        countries.sort(Comparator.comparing(Option::label, collator));
        return countries;
    }

    private OrganisationDirectory.Organisation organisation(String slug) {
        return organisations.bySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
