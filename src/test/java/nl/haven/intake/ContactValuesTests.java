package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Contact values in the form of their channel (issue #20, point 8). */
class ContactValuesTests {

    @Test
    void emailAddressesNeedARealAddressSyntax() {
        assertThat(ContactValues.email("name@example.org")).isTrue();
        assertThat(ContactValues.email("first.last+haven@mail.example.nl")).isTrue();
        assertThat(ContactValues.email("not-an-email")).isFalse();
        assertThat(ContactValues.email("name@localhost")).isFalse();
        assertThat(ContactValues.email("name@@example.org")).isFalse();
        assertThat(ContactValues.email("@example.org")).isFalse();
        assertThat(ContactValues.email("two words@example.org")).isFalse();
    }

    @Test
    void phoneNumbersAreDigitsWithAnOptionalPlus() {
        assertThat(ContactValues.phone("+31 6 12345678")).isTrue();
        assertThat(ContactValues.phone("+7 900 000-00-00")).isTrue();
        assertThat(ContactValues.phone("06 (123) 45678")).isTrue();
        assertThat(ContactValues.phone("+٩٦٤ ٧٧٠ ١٢٣ ٤٥٦٧")).isTrue();
        assertThat(ContactValues.phone("call me")).isFalse();
        assertThat(ContactValues.phone("12345")).isFalse();
        assertThat(ContactValues.phone("+31 6 1234 5678 9012 345")).isFalse();
        assertThat(ContactValues.phone("name@example.org")).isFalse();
    }

    @Test
    void signalTakesAPhoneNumberOrAUsername() {
        assertThat(ContactValues.signal("+31 6 12345678")).isTrue();
        assertThat(ContactValues.signal("river_42.07")).isTrue();
        assertThat(ContactValues.signal("@river.42")).isTrue();
        assertThat(ContactValues.signal("river")).isFalse();
        assertThat(ContactValues.signal("1river.42")).isFalse();
        assertThat(ContactValues.signal("not-an-email")).isFalse();
    }

    @Test
    void theRulesNameTheContactFieldAndNeverTheValue() {
        IntakeRules.Draft draft = new IntakeRules.Draft("en", null, null, null, null, List.of(), "help", "email", "not-an-email");
        assertThat(IntakeRules.check(draft)).extracting(IntakeRules.Problem::field, IntakeRules.Problem::key)
                .containsExactly(tuple("contact.value", "intake.error.contact.email"));
        assertThat(IntakeRules.check(draft).toString()).doesNotContain("not-an-email");
        assertThat(IntakeRules.check(new IntakeRules.Draft("en", null, null, null, null, List.of(), "help", "none", null))).isEmpty();
    }
}
