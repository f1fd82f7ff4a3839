package nl.haven.routes.web;

import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The questionnaire's answers as the JSON profile of INTERFACES.md §4, so the API's parser checks them too: numbers and
 * dates read in the person's language ({@link LocalInput}) become JSON numbers and ISO dates.
 */
final class FormProfile {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FormProfile() {
    }

    /** The form's answers as the JSON profile of INTERFACES.md §4, so the API's parser checks them. */
    static ObjectNode of(RouteForm f, Locale locale) {
        ObjectNode root = JSON.createObjectNode();
        text(root, "nationality", f.nationality());
        date(root, "date", f.date());
        date(root, "dateOfBirth", f.dateOfBirth());
        ObjectNode job = JSON.createObjectNode();
        number(job, "grossMonthlySalaryEur", locale, f.salary());
        bool(job, "recognisedSponsor", f.sponsor());
        integer(job, "durationMonths", f.contractMonths());
        put(root, "jobOffer", job);
        ObjectNode education = JSON.createObjectNode();
        text(education, "level", f.educationLevel());
        date(education, "graduatedOn", f.graduatedOn());
        bool(education, "dutchInstitution", f.dutchInstitution());
        bool(education, "top200University", f.top200());
        bool(education, "orientationYear", f.orientationYear());
        put(root, "education", education);
        ObjectNode business = JSON.createObjectNode();
        number(business, "capitalEur", locale, f.capital());
        number(business, "ownershipPercent", locale, f.ownership());
        bool(business, "kvkRegistration", f.kvk());
        put(root, "selfEmployed", business);
        ObjectNode partner = JSON.createObjectNode();
        text(partner, "status", f.partnerStatus());
        text(partner, "relationship", f.relationship());
        date(partner, "dateOfBirth", f.partnerDateOfBirth());
        number(partner, "grossMonthlyIncomeEur", locale, f.partnerIncome());
        put(root, "partner", partner);
        if (!f.groupList().isEmpty() || !f.factList().isEmpty()) {
            ObjectNode protection = JSON.createObjectNode();
            ArrayNode groups = protection.putArray("groups");
            f.groupList().forEach(groups::add);
            ArrayNode facts = protection.putArray("facts");
            f.factList().forEach(facts::add);
            root.set("protection", protection);
        }
        ObjectNode family = JSON.createObjectNode();
        text(family, "member", f.familyMember());
        text(family, "status", f.familyStatus());
        date(family, "grantedOn", f.familyGrantedOn());
        bool(family, "familyAtEntry", f.familyAtEntry());
        bool(family, "dependent", f.familyDependent());
        bool(family, "unaccompaniedMinor", f.familyMinor());
        bool(family, "withParent", f.familyWithParent());
        bool(family, "sufficientIncome", f.familyIncome());
        bool(family, "housing", f.familyHousing());
        put(root, "familyReunification", family);
        return root;
    }

    private static void put(ObjectNode root, String name, ObjectNode child) {
        if (!child.isEmpty()) {
            root.set(name, child);
        }
    }

    private static void text(ObjectNode node, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value.trim());
        }
    }

    /** A date as typed (YYYY-MM-DD or DD-MM-YYYY, any digits) as YYYY-MM-DD; anything else as text for the parser to name. */
    private static void date(ObjectNode node, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, LocalInput.date(value).map(LocalDate::toString).orElse(value.trim()));
        }
    }

    /** A number as written in the person's language; anything else is passed on as text for the parser to name. */
    private static void number(ObjectNode node, String name, Locale locale, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        LocalInput.decimal(value.replace("%", ""), locale).ifPresentOrElse(n -> node.put(name, n), () -> node.put(name, value));
    }

    /** A whole number as typed, in any digits; anything else is passed on as text for the parser to name. */
    private static void integer(ObjectNode node, String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        LocalInput.whole(value).ifPresentOrElse(n -> node.put(name, n), () -> node.put(name, value));
    }

    private static void bool(ObjectNode node, String name, @Nullable String value) {
        if ("yes".equals(value)) {
            node.put(name, true);
        } else if ("no".equals(value)) {
            node.put(name, false);
        }
    }
}
