package nl.haven.web;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages a problem document's {@code type} points to (RFC 9457 §3.1.1, issue #21 point 1): {@code /problems} lists
 * every type, {@code /problems/{slug}} explains one (its title, status, when Haven sends it and what to do), for the
 * developer of a partner's system; public, in the staff languages.
 */
@Controller
class ProblemPages {

    /** A type Haven answers with: a named one, or the general type of a status ({@link ProblemType#of}). */
    static Optional<ProblemType> type(String slug) {
        Optional<ProblemType> named = ProblemType.NAMED.stream().filter(t -> t.slug().equals(slug)).findFirst();
        if (named.isPresent()) {
            return named;
        }
        for (HttpStatus status : HttpStatus.values()) {
            if (status.isError()) {
                ProblemType general = ProblemType.of(status);
                if (general.slug().equals(slug)) {
                    return Optional.of(general);
                }
            }
        }
        return Optional.empty();
    }

    @GetMapping("/problems")
    String all(Model model) {
        model.addAttribute("types", ProblemType.NAMED);
        return "problems";
    }

    @GetMapping("/problems/{slug}")
    String one(@PathVariable String slug, Model model) {
        ProblemType type = type(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("type", type);
        model.addAttribute("named", ProblemType.NAMED.contains(type));
        model.addAttribute("types", List.of());
        return "problem";
    }
}
