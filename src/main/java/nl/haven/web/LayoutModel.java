package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.haven.shared.Language;
import nl.haven.shared.Languages;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the layout needs on every page: the language switch links for the current address, the page's language and
 * direction, and whether its translation still waits for a native speaker's review. A logged-in staff member is offered
 * the languages the staff side is translated into (the registry's {@code staffPages}).
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    /** One entry of the language switch. */
    record LanguageLink(String code, String label, String dir, String href, boolean current) {
    }

    @ModelAttribute("languages")
    List<LanguageLink> languages(HttpServletRequest request, Locale locale) {
        List<LanguageLink> links = new ArrayList<>();
        for (Language language : request.getUserPrincipal() == null ? Languages.all() : Languages.staff()) {
            String href = UriComponentsBuilder.fromPath(request.getRequestURI().substring(request.getContextPath().length()))
                    .query(request.getQueryString())
                    .replaceQueryParam("lang", language.code())
                    .build()
                    .toUriString();
            links.add(new LanguageLink(language.code(), language.nativeName(), language.direction().attribute(), href,
                    language.code().equals(locale.getLanguage())));
        }
        return links;
    }

    @ModelAttribute("dir")
    String dir(Locale locale) {
        return Languages.of(locale).direction().attribute();
    }

    @ModelAttribute("unreviewed")
    boolean unreviewed(Locale locale) {
        return !Languages.of(locale).nativeReviewed();
    }

    @ModelAttribute("lang")
    String lang(Locale locale) {
        return locale.getLanguage();
    }
}
