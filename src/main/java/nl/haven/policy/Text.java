package nl.haven.policy;

import java.util.Map;

/** A text in several languages; {@code en} and {@code nl} always exist, others fall back to English. */
public record Text(Map<String, String> byLanguage) {
    public Text {
        byLanguage = Map.copyOf(byLanguage);
    }

    public String in(String language) {
        String text = byLanguage.get(language);
        return text != null ? text : byLanguage.getOrDefault("en", "");
    }

    public String en() {
        return in("en");
    }
}
