package nl.haven.intake;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import java.util.regex.Pattern;

/**
 * Whether a contact value has the form of its channel, so a person learns of a typo while they can still fix it:
 * an e-mail address by Hibernate Validator's {@code @Email} (the Jakarta Validation reference implementation, on the
 * classpath through spring-boot-starter-validation) with a dot in the domain as well; a phone number as E.164 allows
 * it (an optional +, 6 to 15 digits, spaces, hyphens and brackets between them, digits of any script); Signal either a
 * phone number or a Signal username (3 to 32 letters, digits or underscores, not starting with a digit, then a dot
 * and its 2 to 9 digits, e.g. {@code river_42.07}). Never says or logs what was typed.
 */
final class ContactValues {
    private static final Pattern PHONE = Pattern.compile("\\+?[\\p{Nd}][\\p{Nd} ()\\-]*");
    private static final Pattern SIGNAL_USERNAME = Pattern.compile("@?[A-Za-z_][A-Za-z0-9_]{2,31}\\.[0-9]{2,9}");
    private static final Validator VALIDATOR;

    static {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            VALIDATOR = factory.getValidator();
        }
    }

    /** The one property the e-mail check validates. */
    static final class Address {
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}")
        String value = "";
    }

    private ContactValues() {
    }

    static boolean email(String text) {
        return text.indexOf('@') > 0 && VALIDATOR.validateValue(Address.class, "value", text).isEmpty();
    }

    static boolean phone(String text) {
        if (!PHONE.matcher(text).matches()) {
            return false;
        }
        long digits = text.codePoints().filter(Character::isDigit).count();
        return digits >= 6 && digits <= 15;
    }

    static boolean signal(String text) {
        return phone(text) || SIGNAL_USERNAME.matcher(text).matches();
    }

    /** Whether the value fits the channel; true for a channel without a value of its own. */
    static boolean fits(String channel, String text) {
        String value = text.strip();
        return switch (channel) {
            case "email" -> email(value);
            case "phone" -> phone(value);
            case "signal" -> signal(value);
            default -> true;
        };
    }
}
