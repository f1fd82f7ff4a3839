package nl.haven.testing;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cookie handling of the tests' browser-like HTTP clients, kept by name in a map: the {@code Cookie} header to send,
 * and what a {@code Set-Cookie} header does to the map (an empty value or {@code Max-Age=0} removes the cookie).
 */
public final class Cookies {
    private Cookies() {
    }

    /** The value of a {@code Cookie} header for these cookies ({@code a=1; b=2}); empty when there are none. */
    public static String header(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    /** Applies one {@code Set-Cookie} header's value to {@code cookies}. */
    public static void take(Map<String, String> cookies, String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
