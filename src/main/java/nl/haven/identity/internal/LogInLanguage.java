package nl.haven.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language through the log-in (issue #19, point 7). Haven stores no language (the web module's locale resolver reads
 * {@code ?lang=} or {@code Accept-Language}, and links carry {@code lang}), so the log-in's own redirects — after a wrong
 * password, after the password, after the log-out, back to an unfinished step — carry the {@code lang} the request carried.
 * Only a language Haven offers ever reaches a {@code Location}: the value is the resolver's answer, not the parameter.
 */
record LogInLanguage(LocaleResolver locales) {

    /** {@code path} with {@code lang} added when the request chose a language, else {@code path} unchanged. */
    String keep(String path, HttpServletRequest request) {
        return request.getParameter("lang") == null ? path : keep(path, request, locales.resolveLocale(request));
    }

    /** The same inside Spring MVC, where the request's language is already resolved. */
    static String keep(String path, HttpServletRequest request, Locale resolved) {
        if (request.getParameter("lang") == null) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + "lang=" + resolved.getLanguage();
    }
}
