package nl.haven.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProfileParserTests {

    static final ProfileParser PARSER = new ProfileParser(Clock.fixed(Instant.parse("2025-07-10T12:00:00Z"), ZoneOffset.UTC));

    static ProfileException refused(String json) {
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> PARSER.parse(json));
        assertThat(e).as("refused: %s", json).isNotNull();
        return e;
    }

    @Test
    void readsTheProfileOfTheContract() {
        Profile p = PARSER.parse("""
                { "nationality": "us", "date": "2025-07-10", "dateOfBirth": "1990-05-01",
                  "selfEmployed": { "capitalEur": 5000, "businessPlan": true, "kvkRegistration": true },
                  "jobOffer": { "grossMonthlySalaryEur": 6000, "recognisedSponsor": true, "durationMonths": 12 },
                  "education": { "level": "MASTER", "graduatedOn": "2024-06-30", "top200University": true },
                  "partner": { "status": "DUTCH_CITIZEN", "relationship": "MARRIED" },
                  "protection": { "groups": ["trans"], "facts": ["military-dismissal"] } }""");
        assertThat(p.nationality()).isEqualTo("US");
        assertThat(p.ageOnApplication()).isEqualTo(35);
        assertThat(p.selfEmployed().capitalEur()).isEqualByComparingTo("5000");
        assertThat(p.jobOffer().durationMonths()).isEqualTo(12);
        assertThat(p.education().level()).isEqualTo(Profile.EducationLevel.MASTER);
        assertThat(p.partner().status()).isEqualTo(Profile.PartnerStatus.DUTCH_CITIZEN);
        assertThat(p.protection().groups()).containsExactly("trans");
        assertThat(p.toString()).doesNotContain("1990").doesNotContain("5000");
    }

    @Test
    void dateDefaultsToToday() {
        assertThat(PARSER.parse("{\"nationality\":\"NL\"}").date()).isEqualTo(LocalDate.of(2025, 7, 10));
    }

    @Test
    void unknownFieldIsNamedWithWhatIsExpected() {
        ProfileException e = refused("{\"nationality\":\"US\",\"jobOffer\":{\"salary\":5000}}");
        assertThat(e.field()).isEqualTo("jobOffer.salary");
        assertThat(e.getMessage()).contains("unknown field 'jobOffer.salary'").contains("grossMonthlySalaryEur");
        assertThat(refused("{\"nationality\":\"US\",\"hobby\":\"x\"}").field()).isEqualTo("hobby");
    }

    @Test
    void negativeAmountIsRefusedWithoutRepeatingIt() {
        ProfileException e = refused("{\"nationality\":\"US\",\"selfEmployed\":{\"capitalEur\":-4500}}");
        assertThat(e.field()).isEqualTo("selfEmployed.capitalEur");
        assertThat(e.getMessage()).contains("negative").doesNotContain("4500");
    }

    @Test
    void dateOfBirthInTheFutureIsRefusedWithoutRepeatingIt() {
        ProfileException e = refused("{\"nationality\":\"US\",\"date\":\"2025-01-01\",\"dateOfBirth\":\"2030-02-03\"}");
        assertThat(e.field()).isEqualTo("dateOfBirth");
        assertThat(e.getMessage()).contains("after the application date").doesNotContain("2030");
        assertThat(refused("{\"nationality\":\"US\",\"partner\":{\"dateOfBirth\":\"2099-01-01\"}}").field()).isEqualTo("partner.dateOfBirth");
    }

    @Test
    void notJsonIsRefusedAsTheProfile() {
        ProfileException e = refused("nationality: US");
        assertThat(e.field()).isEqualTo("profile");
        assertThat(e.getMessage()).contains("not valid JSON");
        assertThat(refused("[1,2]").field()).isEqualTo("profile");
    }

    @Test
    void wrongTypesAndValuesAreNamed() {
        assertThat(refused("{\"nationality\":\"XX\"}").getMessage()).contains("'XX'");
        assertThat(refused("{}").field()).isEqualTo("nationality");
        assertThat(refused("{\"nationality\":\"US\",\"jobOffer\":{\"grossMonthlySalaryEur\":\"lots\"}}").field())
                .isEqualTo("jobOffer.grossMonthlySalaryEur");
        assertThat(refused("{\"nationality\":\"US\",\"jobOffer\":{\"durationMonths\":1.5}}").field()).isEqualTo("jobOffer.durationMonths");
        assertThat(refused("{\"nationality\":\"US\",\"education\":{\"level\":\"KINDERGARTEN\"}}").getMessage())
                .contains("BACHELOR, MASTER, PHD");
        assertThat(refused("{\"nationality\":\"US\",\"date\":\"10-07-2025\"}").getMessage()).contains("YYYY-MM-DD");
        assertThat(refused("{\"nationality\":\"US\",\"selfEmployed\":{\"ownershipPercent\":120}}").field())
                .isEqualTo("selfEmployed.ownershipPercent");
        assertThat(refused("{\"nationality\":\"US\",\"protection\":{\"groups\":\"trans\"}}").field()).isEqualTo("protection.groups");
        assertThat(refused("{\"nationality\":\"US\",\"jobOffer\":{\"recognisedSponsor\":\"yes\"}}").field()).isEqualTo("jobOffer.recognisedSponsor");
    }

    @Test
    void amountsKeepTheirPrecision() {
        assertThat(PARSER.parse("{\"nationality\":\"US\",\"partner\":{\"grossMonthlyIncomeEur\":1934.40}}").partner().grossMonthlyIncomeEur())
                .isEqualByComparingTo(new BigDecimal("1934.40"));
    }
}
