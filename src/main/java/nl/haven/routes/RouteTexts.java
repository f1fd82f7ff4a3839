package nl.haven.routes;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** The route advice's texts in en, nl or ru ({@code nl/haven/routes/RouteTexts*.properties}). */
final class RouteTexts {
    static final List<String> LANGUAGES = List.of("en", "nl", "ru");

    private final Locale locale;
    private final ResourceBundle bundle;

    RouteTexts(String language) {
        this.locale = Locale.forLanguageTag(LANGUAGES.contains(language) ? language : "en");
        this.bundle = ResourceBundle.getBundle("nl.haven.routes.RouteTexts", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String language() {
        return locale.getLanguage();
    }

    String text(String code, Object... args) {
        return new MessageFormat(bundle.getString(code), Locale.ROOT).format(args);
    }

    /** EUR 5,688 / € 5.688 / 5 688 €. */
    String euro(BigDecimal amount) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(2);
        if (amount.stripTrailingZeros().scale() > 0) {
            format.setMinimumFractionDigits(2); // cents: 1.934,40, not 1.934,4
        }
        String number = format.format(amount);
        return switch (locale.getLanguage()) {
            case "nl" -> "€ " + number;
            case "ru" -> number + " €";
            default -> "EUR " + number;
        };
    }
}
