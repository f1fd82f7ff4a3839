package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language comes from {@code ?lang=} (a code of the language registry, {@code nl.haven.shared.Languages}), else from {@code Accept-Language}, else English.
 * Nothing is stored: no cookie, no session, so an anonymous visitor leaves no trace of the choice.
 * Links carry the {@code lang} parameter instead (see the layout).
 */
final class ParameterLocaleResolver implements LocaleResolver {
    private final List<Locale> everyone;
    private final List<Locale> staff;

    /**
     * @param everyone the languages of the public pages
     * @param staff the languages the staff side is translated into: a logged-in staff member gets one of these (a
     *     staff page in Arabic would be English text laid out right to left)
     */
    ParameterLocaleResolver(List<Locale> everyone, List<Locale> staff) {
        this.everyone = everyone;
        this.staff = staff;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        List<Locale> supported = request.getUserPrincipal() == null ? everyone : staff;
        String lang = lang(request);
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

    /**
     * {@code lang} from the request's parameters, but from the query string alone for a multipart request: asking the
     * container for a parameter makes it parse the whole multipart body on the spot, so an upload over the size limit
     * would fail here (the layout model resolves the locale for every controller) instead of in the controller that
     * answers it with a problem naming the limit.
     */
    static @Nullable String lang(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return request.getParameter("lang");
        }
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("lang=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        throw new UnsupportedOperationException("the language is chosen with ?lang=, not stored");
    }
}
