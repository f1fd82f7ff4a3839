package nl.haven.routes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A person's situation as the route advice sees it (INTERFACES.md §4). Every part is optional except
 * the nationality; {@code date} is the (planned) application date. {@code toString} shows no values:
 * a profile is personal data.
 */
public record Profile(String nationality, LocalDate date, @Nullable LocalDate dateOfBirth, @Nullable SelfEmployed selfEmployed,
        @Nullable JobOffer jobOffer, @Nullable Education education, @Nullable Partner partner, @Nullable Protection protection) {

    public record SelfEmployed(@Nullable BigDecimal capitalEur, @Nullable Boolean businessPlan, @Nullable Boolean kvkRegistration,
            @Nullable BigDecimal ownershipPercent) {
        @Override
        public String toString() {
            return "SelfEmployed[…]";
        }
    }

    public record JobOffer(@Nullable BigDecimal grossMonthlySalaryEur, @Nullable Boolean recognisedSponsor, @Nullable Integer durationMonths) {
        @Override
        public String toString() {
            return "JobOffer[…]";
        }
    }

    public enum EducationLevel {
        SECONDARY, VOCATIONAL, BACHELOR, MASTER, PHD
    }

    /**
     * @param dutchInstitution the degree is from a Dutch institution
     * @param orientationYear the person holds or held an orientation-year permit ('zoekjaar')
     */
    public record Education(@Nullable EducationLevel level, @Nullable LocalDate graduatedOn, @Nullable Boolean top200University,
            @Nullable Boolean dutchInstitution, @Nullable Boolean orientationYear) {
        @Override
        public String toString() {
            return "Education[…]";
        }
    }

    public enum PartnerStatus {
        DUTCH_CITIZEN, RESIDENCE_PERMIT_HOLDER, EU_CITIZEN, NONE
    }

    public enum Relationship {
        MARRIED, REGISTERED_PARTNERSHIP, UNMARRIED_DURABLE
    }

    /**
     * @param dateOfBirth the partner's (the sponsor's) date of birth
     * @param grossMonthlyIncomeEur the sponsor's income
     * @param livingTogetherMonths for an unmarried relationship: how long the partners have lived together
     */
    public record Partner(@Nullable PartnerStatus status, @Nullable Relationship relationship, @Nullable LocalDate dateOfBirth,
            @Nullable BigDecimal grossMonthlyIncomeEur, @Nullable Integer livingTogetherMonths) {
        @Override
        public String toString() {
            return "Partner[…]";
        }
    }

    public record Protection(List<String> groups, List<String> facts) {
        public Protection {
            groups = groups == null ? List.of() : List.copyOf(groups);
            facts = facts == null ? List.of() : List.copyOf(facts);
        }

        @Override
        public String toString() {
            return "Protection[…]";
        }
    }

    /** Age in whole years on the application date, or null when the date of birth is unknown. */
    public @Nullable Integer ageOnApplication() {
        return dateOfBirth == null ? null : java.time.Period.between(dateOfBirth, date).getYears();
    }

    @Override
    public String toString() {
        return "Profile[" + nationality + ", " + date + "]";
    }
}
