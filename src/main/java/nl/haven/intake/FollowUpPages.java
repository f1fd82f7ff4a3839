package nl.haven.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /follow-up}: the codename form, then the thread with a reply form. The codename travels only in the body of a
 * POST (never a URL, a cookie or a session): the thread page carries it in a hidden field of its reply form. A right
 * and a wrong codename give the same status (200) and the same page; a wrong one shows the form again with a message
 * that says nothing about why.
 */
@Controller
class FollowUpPages {
    private final FollowUp followUp;
    private final IntakeSettings settings;

    FollowUpPages(FollowUp followUp, IntakeSettings settings) {
        this.followUp = followUp;
        this.settings = settings;
    }

    @GetMapping("/follow-up")
    String form(Model model) {
        model.addAttribute("quickExit", settings.quickExitUrl());
        return "intake/follow-up";
    }

    @PostMapping("/follow-up")
    String open(@RequestParam(required = false) @Nullable String codename, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String message, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("quickExit", settings.quickExitUrl());
        boolean reply = "reply".equals(action);
        String replyProblem = null;
        if (reply && (message == null || message.isBlank())) {
            replyProblem = "intake.followUp.reply.empty";
        } else if (reply && message.length() > IntakeRules.MAX_MESSAGE) {
            replyProblem = "intake.followUp.reply.long";
        }
        FollowUp.Outcome outcome = reply && replyProblem == null
                ? followUp.reply(request.getRemoteAddr(), codename, message.strip())
                : followUp.thread(request.getRemoteAddr(), codename);
        if (outcome instanceof FollowUp.Thread thread) {
            model.addAttribute("thread", thread.messages());
            model.addAttribute("codename", codename);
            model.addAttribute("replyProblem", replyProblem);
            model.addAttribute("replied", reply && replyProblem == null);
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
}
