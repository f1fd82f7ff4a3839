package nl.haven.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.haven.cases.Handling;
import nl.haven.cases.RequesterCases;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /follow-up}: the codename form, then where the request stands (in the person's words: received, being
 * handled, referred to another organisation, closed), the thread with a reply form, and a form to add files (the
 * intake's checks, limits and stripping, {@link IntakeFiles}). The codename travels only in the body of a POST (never a
 * URL, a cookie or a session): the page carries it in a hidden field of its forms. A right and a wrong codename give
 * the same status (200) and the same page; a wrong one shows the form again with a message that says nothing about why.
 * Files are decoded only after the codename was found right.
 */
@Controller
class FollowUpPages {
    /** Times shown to the person: Dutch time, as the organisation works in it. */
    static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");

    private final FollowUp followUp;
    private final IntakeSettings settings;
    private final IntakeFiles intakeFiles;
    private final UploadSlots slots;

    FollowUpPages(FollowUp followUp, IntakeSettings settings, IntakeFiles intakeFiles, UploadSlots slots) {
        this.followUp = followUp;
        this.settings = settings;
        this.intakeFiles = intakeFiles;
        this.slots = slots;
    }

    @GetMapping("/follow-up")
    String form(Model model) {
        model.addAttribute("quickExit", settings.quickExitUrl());
        return "intake/follow-up";
    }

    @PostMapping("/follow-up")
    String open(@RequestParam(required = false) @Nullable String codename, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String message,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("quickExit", settings.quickExitUrl());
        model.addAttribute("zone", DUTCH_TIME);
        model.addAttribute("maxFiles", settings.maxFiles());
        model.addAttribute("maxFileMb", settings.maxFileMegabytes());
        boolean reply = "reply".equals(action);
        String replyProblem = null;
        if (reply && (message == null || message.isBlank())) {
            replyProblem = "intake.followUp.reply.empty";
        } else if (reply && message.length() > IntakeRules.MAX_MESSAGE) {
            replyProblem = "intake.followUp.reply.long";
        }
        List<IntakePages.Shown> fileProblems = new ArrayList<>();
        boolean attaching = "files".equals(action);
        FollowUp.Outcome outcome = reply && replyProblem == null
                ? followUp.reply(request.getRemoteAddr(), codename, message.strip())
                : followUp.thread(request.getRemoteAddr(), codename);
        boolean attached = false;
        if (attaching && outcome instanceof FollowUp.Thread) {
            List<IntakeFiles.Upload> uploads = intakeFiles.checked(files, fileProblems);
            if (uploads.isEmpty() && fileProblems.isEmpty()) {
                fileProblems.add(new IntakePages.Shown("files", "intake.followUp.files.none", new Object[0]));
            }
            if (fileProblems.isEmpty()) {
                try {
                    // Kept only as stripped copies: a later file is never kept as sent.
                    List<RequesterCases.IntakeDocument> documents = slots.within(() -> IntakeFiles.stripped(uploads, false, fileProblems));
                    if (fileProblems.isEmpty()) {
                        outcome = followUp.attach(request.getRemoteAddr(), codename, documents);
                        attached = outcome instanceof FollowUp.Thread;
                    }
                } catch (UploadSlots.Busy busy) {
                    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                    response.setHeader("Retry-After", Long.toString(IntakePages.BUSY_RETRY_SECONDS));
                    fileProblems.add(new IntakePages.Shown("files", "intake.error.files.busy", new Object[0]));
                }
            }
            if (!fileProblems.isEmpty() && response.getStatus() < 400) {
                boolean pixels = fileProblems.stream().anyMatch(p -> p.key().endsWith(".pixels"));
                response.setStatus(pixels ? HttpStatus.CONTENT_TOO_LARGE.value() : HttpStatus.BAD_REQUEST.value());
            }
        }
        if (outcome instanceof FollowUp.Thread thread) {
            model.addAttribute("thread", thread.messages());
            model.addAttribute("status", status(thread.standing().handling()));
            model.addAttribute("changedAt", thread.standing().updatedAt().atZone(DUTCH_TIME));
            model.addAttribute("codename", codename);
            model.addAttribute("replyProblem", replyProblem);
            model.addAttribute("replied", reply && replyProblem == null);
            model.addAttribute("fileProblems", fileProblems);
            model.addAttribute("attached", attached);
            if (replyProblem != null) {
                model.addAttribute("draft", message);
            }
        } else if (outcome instanceof FollowUp.Throttled throttled) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            model.addAttribute("minutes", Math.max(1, (throttled.retryAfterSeconds() + 59) / 60));
        } else {
            model.addAttribute("unknown", true);
        }
        return "intake/follow-up";
    }

    /** The request's handling in the person's words: four states and nothing more (issue #20 point 4). */
    static String status(Handling handling) {
        return switch (handling) {
            case NEW, TRIAGE -> "intake.followUp.status.received";
            case ACCEPTED -> "intake.followUp.status.handled";
            case REFERRED -> "intake.followUp.status.referred";
            case DECLINED, CLOSED -> "intake.followUp.status.closed";
        };
    }
}
