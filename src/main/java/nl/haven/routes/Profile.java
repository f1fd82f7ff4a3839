package nl.haven.routes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A person's situation as the route advice sees it (INTERFACES.md §4). Every part is optional except
 * the nationality; {@code date} is the (planned) application date. {@code toString} shows no values:
 * a profile is personal data.
 */
public record Profile(String nationality, LocalDate date, @Nullable LocalDate dateOfBirth, @Nullable SelfEmployed selfEmployed,
        @Nullable JobOffer jobOffer, @Nullable Education education, @Nullable Partner partner, @Nullable Protection protection,
        @Nullable FamilyReunification familyReunification) {

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

    /** The sponsor's protection status: refugee status, or subsidiary protection. */
    public enum ProtectionStatus {
        REFUGEE, SUBSIDIARY_PROTECTION
    }

    /** The person who would join the sponsor, as the sponsor's family member. */
    public enum FamilyMember {
        SPOUSE, REGISTERED_PARTNER, UNMARRIED_PARTNER, MINOR_CHILD, ADULT_CHILD, PARENT, MINOR_SIBLING
    }

    /**
     * Family reunification after protection ('nareis'): the profile is the family member abroad (nationality,
     * date of birth), {@code date} the day the application or the MVV is made; the sponsor is the holder of the
     * asylum permit in the Netherlands.
     *
     * @param status the sponsor's protection status
     * @param grantedOn the day the sponsor's asylum permit was granted
     * @param familyAtEntry the family member belonged to the sponsor's family when the sponsor entered the Netherlands
     * @param dependent (partner or adult child, before 12 June 2026) so dependent on the sponsor as to belong to the family
     * @param unaccompaniedMinor the sponsor is an unaccompanied minor
     * @param withParent (minor sibling) applies together with a parent and depends on that parent
     * @param sufficientIncome the sponsor has sufficient independent and lasting means of support
     * @param housing the sponsor has housing (a stay at a transfer location counts)
     */
    public record FamilyReunification(@Nullable ProtectionStatus status, @Nullable LocalDate grantedOn, @Nullable FamilyMember member,
            @Nullable Boolean familyAtEntry, @Nullable Boolean dependent, @Nullable Boolean unaccompaniedMinor, @Nullable Boolean withParent,
            @Nullable Boolean sufficientIncome, @Nullable Boolean housing) {
        @Override
        public String toString() {
            return "FamilyReunification[…]";
        }
    }

    /** Age in whole years on the application date, or null when the date of birth is unknown. */
    public @Nullable Integer ageOnApplication() {
        return dateOfBirth == null ? null : Period.between(dateOfBirth, date).getYears();
    }

    @Override
    public String toString() {
        return "Profile[" + nationality + ", " + date + "]";
    }
}
