package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What the layout needs on every page: the language switch links for the current address. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    /** One entry of the language switch. */
    record LanguageLink(String code, String label, String href, boolean current) {
    }

    @ModelAttribute("languages")
    List<LanguageLink> languages(HttpServletRequest request, Locale locale) {
        List<LanguageLink> links = new ArrayList<>();
        for (Locale language : WebConfig.LANGUAGES) {
            String href = UriComponentsBuilder.fromPath(request.getRequestURI().substring(request.getContextPath().length()))
                    .query(request.getQueryString())
                    .replaceQueryParam("lang", language.getLanguage())
                    .build()
                    .toUriString();
            links.add(new LanguageLink(language.getLanguage(), language.getDisplayLanguage(language), href,
                    language.getLanguage().equals(locale.getLanguage())));
        }
        return links;
    }

    @ModelAttribute("lang")
    String lang(Locale locale) {
        return locale.getLanguage();
    }
}
