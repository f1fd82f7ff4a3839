package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language comes from {@code ?lang=en|nl|ru}, else from {@code Accept-Language}, else English.
 * Nothing is stored: no cookie, no session, so an anonymous visitor leaves no trace of the choice.
 * Links carry the {@code lang} parameter instead (see the layout).
 */
final class ParameterLocaleResolver implements LocaleResolver {
    private final List<Locale> supported;

    ParameterLocaleResolver(List<Locale> supported) {
        this.supported = supported;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if (lang != null) {
            for (Locale locale : supported) {
                if (locale.getLanguage().equalsIgnoreCase(lang.trim())) {
                    return locale;
                }
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), supported);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header falls back to English
            }
        }
        return supported.get(0);
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        throw new UnsupportedOperationException("the language is chosen with ?lang=, not stored");
    }
}
