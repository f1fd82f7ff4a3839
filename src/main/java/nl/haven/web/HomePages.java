package nl.haven.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The public home page. */
@Controller
class HomePages {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
