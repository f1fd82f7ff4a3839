package nl.haven.routes.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each questionnaire step's answers: every problem at once, tied to its field, plausible values only (issue #20, point 7). */
class StepChecksTests {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    static final Locale EN = Locale.forLanguageTag("en");
    static final Locale NL = Locale.forLanguageTag("nl");

    static RouteForm form(String nationality, String date, String dateOfBirth, String salary, String months, String graduatedOn) {
        return new RouteForm(nationality, date, dateOfBirth, salary, null, months, null, graduatedOn, null, null, null, null, null, null,
                null, null, null, null, List.of(), List.of(), null, null, null, null, null, null, null, null, null);
    }

    static RouteForm step3(String capital, String ownership, String partnerDateOfBirth, String partnerIncome) {
        return new RouteForm("IR", "2026-12-06", null, null, null, null, null, null, null, null, null, capital, ownership, null, null, null,
                partnerDateOfBirth, partnerIncome, List.of(), List.of(), null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aWordAsSalaryIsRefusedAndSoIsEveryOtherProblemOfTheStep() {
        Map<String, StepChecks.Problem> problems = StepChecks.check(2, form("IR", null, null, "lots", "ten", "31-02-2020"), EN, TODAY);
        assertThat(problems).containsOnlyKeys("salary", "contractMonths", "graduatedOn");
        assertThat(problems.get("salary").key()).isEqualTo("routes.error.number");
        assertThat(problems.get("salary").args()).containsExactly("1,934.40");
        assertThat(problems.get("contractMonths").key()).isEqualTo("routes.error.whole");
        assertThat(problems.get("graduatedOn").key()).isEqualTo("routes.error.date");
    }

    @Test
    void salariesMustBeAboveZeroAndBelowAMillionAMonth() {
        assertThat(StepChecks.check(2, form("IR", null, null, "0", null, null), EN, TODAY)).containsKey("salary");
        assertThat(StepChecks.check(2, form("IR", null, null, "1.000.000", null, null), NL, TODAY).get("salary").key())
                .isEqualTo("routes.error.amount");
        assertThat(StepChecks.check(2, form("IR", null, null, "-5", null, null), EN, TODAY)).containsKey("salary");
        assertThat(StepChecks.check(2, form("IR", null, null, "5.688,50", "12", "2020-06-30"), NL, TODAY)).isEmpty();
        assertThat(StepChecks.check(2, form("IR", null, null, "999,999.99", null, null), EN, TODAY)).isEmpty();
    }

    @Test
    void birthDatesAreNotInTheFutureNorBefore1900() {
        Map<String, StepChecks.Problem> problems = StepChecks.check(1, form("", "2026-12-06", "07-12-2026", null, null, null), EN, TODAY);
        assertThat(problems).containsOnlyKeys("nationality", "dateOfBirth");
        assertThat(problems.get("nationality").key()).isEqualTo("routes.error.required");
        assertThat(problems.get("dateOfBirth").key()).isEqualTo("routes.error.date.future");
        assertThat(StepChecks.check(1, form("IR", "2026-12-06", "31-12-1899", null, null, null), EN, TODAY).get("dateOfBirth").key())
                .isEqualTo("routes.error.date.early");
        assertThat(StepChecks.check(1, form("IR", "2026-12-06", "01-01-1990", null, null, null), EN, TODAY)).isEmpty();
        // Born after a past application date: impossible as well.
        assertThat(StepChecks.check(1, form("IR", "2020-01-01", "2021-01-01", null, null, null), EN, TODAY).get("dateOfBirth").key())
                .isEqualTo("routes.error.date.afterApplication");
        assertThat(StepChecks.check(1, form("IR", "3026-01-01", null, null, null, null), EN, TODAY).get("date").key())
                .isEqualTo("routes.error.date.late");
    }

    @Test
    void businessAndPartnerAnswers() {
        Map<String, StepChecks.Problem> problems = StepChecks.check(3, step3("much", "120", "2030-01-01", "0"), EN, TODAY);
        assertThat(problems).containsOnlyKeys("capital", "ownership", "partnerDateOfBirth", "partnerIncome");
        assertThat(StepChecks.check(3, step3("٤٠٠٠٠", "100", "1985-03-01", "2,500"), Locale.forLanguageTag("ar"), TODAY)).isEmpty();
    }

    @Test
    void allChecksEveryStepInOrder() {
        RouteForm f = new RouteForm("IR", "2026-12-06", null, "lots", null, null, null, null, null, null, null, "much", null, null, null,
                null, null, null, List.of(), List.of(), null, null, "01-01-2027", null, null, null, null, null, null);
        assertThat(StepChecks.all(f, EN, TODAY)).containsOnlyKeys("salary", "capital", "familyGrantedOn").extractingByKey("familyGrantedOn")
                .extracting(StepChecks.Problem::key).isEqualTo("routes.error.date.afterApplication");
    }
}
