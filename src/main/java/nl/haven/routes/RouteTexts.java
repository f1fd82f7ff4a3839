package nl.haven.routes;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import nl.haven.shared.Languages;
import java.util.Currency;

/** The route advice's texts in en, nl or ru ({@code nl/haven/routes/RouteTexts*.properties}). */
final class RouteTexts {
    static final List<String> LANGUAGES = Languages.codes();

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

    /** €5,688 / € 5.688 / 5 688 € (the sign, not the ISO code "EUR", on every page: issue #20 point 6). */
    String euro(BigDecimal amount) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(2);
        if (amount.stripTrailingZeros().scale() > 0) {
            format.setMinimumFractionDigits(2); // cents: 1.934,40, not 1.934,4
        }
        String number = format.format(amount);
        return switch (locale.getLanguage()) {
            case "en" -> "€" + number;
            case "nl" -> "€ " + number;
            case "ru" -> number + " €";
            default -> euroByCldr(amount); // the locale's own currency pattern (CLDR): "5.688,00 €", "€5,688.00", "٥٬٦٨٨٫٠٠ €"
        };
    }

    private String euroByCldr(BigDecimal amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance("EUR"));
        if (amount.stripTrailingZeros().scale() <= 0) {
            format.setMinimumFractionDigits(0);
            format.setMaximumFractionDigits(0);
        }
        return format.format(amount);
    }
}
