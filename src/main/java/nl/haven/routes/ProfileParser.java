package nl.haven.routes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.haven.policy.Countries;
import nl.haven.policy.PolicyInputException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a profile (INTERFACES.md §4) strictly: an unknown field, a value of the wrong type, a negative
 * amount or a date of birth after the application date is a {@link ProfileException} naming the field
 * and what is expected. Messages repeat only codes (nationality, enumerations), never a date, an amount
 * or free text from the profile.
 */
public final class ProfileParser {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "", Set.of("nationality", "date", "dateOfBirth", "selfEmployed", "jobOffer", "education", "partner", "protection",
                    "familyReunification"),
            "familyReunification", Set.of("status", "grantedOn", "member", "familyAtEntry", "dependent", "unaccompaniedMinor", "withParent",
                    "sufficientIncome", "housing"),
            "selfEmployed", Set.of("capitalEur", "businessPlan", "kvkRegistration", "ownershipPercent"),
            "jobOffer", Set.of("grossMonthlySalaryEur", "recognisedSponsor", "durationMonths"),
            "education", Set.of("level", "graduatedOn", "top200University", "dutchInstitution", "orientationYear"),
            "partner", Set.of("status", "relationship", "dateOfBirth", "grossMonthlyIncomeEur", "livingTogetherMonths"),
            "protection", Set.of("groups", "facts"));

    private final Clock clock;

    public ProfileParser(Clock clock) {
        this.clock = clock;
    }

    public Profile parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ProfileException("profile", "the profile is not valid JSON" + where + ": expected an object such as {\"nationality\": \"US\"}");
        }
        return parse(root);
    }

    public Profile parse(@Nullable JsonNode root) {
        JsonNode top = object(root, "");
        if (top == null) {
            throw new ProfileException("profile", "the profile must be a JSON object such as {\"nationality\": \"US\"}");
        }
        String nationalityText = string(top, "", "nationality");
        if (nationalityText == null) {
            throw new ProfileException("nationality", "nationality is required: an ISO 3166-1 alpha-2 code such as US");
        }
        String nationality;
        try {
            nationality = Countries.parse(nationalityText);
        } catch (PolicyInputException e) {
            throw new ProfileException("nationality", e.getMessage());
        }
        LocalDate date = date(top, "", "date");
        if (date == null) {
            date = LocalDate.now(clock);
        }
        LocalDate dateOfBirth = date(top, "", "dateOfBirth");
        if (dateOfBirth != null && dateOfBirth.isAfter(date)) {
            throw new ProfileException("dateOfBirth", "dateOfBirth is after the application date: expected a date of birth in the past");
        }
        JsonNode se = object(top.get("selfEmployed"), "selfEmployed");
        JsonNode job = object(top.get("jobOffer"), "jobOffer");
        JsonNode edu = object(top.get("education"), "education");
        JsonNode partner = object(top.get("partner"), "partner");
        JsonNode protection = object(top.get("protection"), "protection");
        JsonNode family = object(top.get("familyReunification"), "familyReunification");
        String f = "familyReunification";
        Profile.FamilyReunification familyValue = family == null ? null
                : new Profile.FamilyReunification(enumValue(family, f, "status", Profile.ProtectionStatus.class), date(family, f, "grantedOn"),
                        enumValue(family, f, "member", Profile.FamilyMember.class), bool(family, f, "familyAtEntry"), bool(family, f, "dependent"),
                        bool(family, f, "unaccompaniedMinor"), bool(family, f, "withParent"), bool(family, f, "sufficientIncome"),
                        bool(family, f, "housing"));
        if (familyValue != null && familyValue.grantedOn() != null && familyValue.grantedOn().isAfter(date)) {
            throw new ProfileException("familyReunification.grantedOn", "familyReunification.grantedOn is after the application date: "
                    + "expected the day the sponsor's asylum permit was granted, on or before the application date");
        }
        Profile.Partner partnerValue = partner == null ? null
                : new Profile.Partner(enumValue(partner, "partner", "status", Profile.PartnerStatus.class),
                        enumValue(partner, "partner", "relationship", Profile.Relationship.class), date(partner, "partner", "dateOfBirth"),
                        amount(partner, "partner", "grossMonthlyIncomeEur"), count(partner, "partner", "livingTogetherMonths"));
        if (partnerValue != null && partnerValue.dateOfBirth() != null && partnerValue.dateOfBirth().isAfter(date)) {
            throw new ProfileException("partner.dateOfBirth",
                    "partner.dateOfBirth is after the application date: expected a date of birth in the past");
        }
        BigDecimal ownership = se == null ? null : amount(se, "selfEmployed", "ownershipPercent");
        if (ownership != null && ownership.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new ProfileException("selfEmployed.ownershipPercent", "selfEmployed.ownershipPercent is above 100: expected a percentage from 0 to 100");
        }
        return new Profile(nationality, date, dateOfBirth,
                se == null ? null : new Profile.SelfEmployed(amount(se, "selfEmployed", "capitalEur"), bool(se, "selfEmployed", "businessPlan"),
                        bool(se, "selfEmployed", "kvkRegistration"), ownership),
                job == null ? null : new Profile.JobOffer(amount(job, "jobOffer", "grossMonthlySalaryEur"),
                        bool(job, "jobOffer", "recognisedSponsor"), count(job, "jobOffer", "durationMonths")),
                edu == null ? null : new Profile.Education(enumValue(edu, "education", "level", Profile.EducationLevel.class),
                        date(edu, "education", "graduatedOn"), bool(edu, "education", "top200University"),
                        bool(edu, "education", "dutchInstitution"), bool(edu, "education", "orientationYear")),
                partnerValue,
                protection == null ? null : new Profile.Protection(strings(protection, "protection", "groups"),
                        strings(protection, "protection", "facts")),
                familyValue);
    }

    private static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static @Nullable JsonNode object(@Nullable JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ProfileException(path.isEmpty() ? "profile" : path, (path.isEmpty() ? "the profile" : path) + " must be an object");
        }
        Set<String> allowed = FIELDS.get(path);
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new ProfileException(path(path, name), "unknown field '" + path(path, name) + "': expected one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return node;
    }

    private static @Nullable String string(JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ProfileException(path(parent, field), path(parent, field) + " must be a string");
        }
        return value.stringValue();
    }

    private static @Nullable LocalDate date(JsonNode node, String parent, String field) {
        String text = string(node, parent, field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            // The value itself may be a date of birth: not repeated.
            throw new ProfileException(path(parent, field), path(parent, field) + " is not a date: expected YYYY-MM-DD");
        }
    }

    private static @Nullable BigDecimal amount(JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new ProfileException(path(parent, field), path(parent, field) + " must be a number (an amount without currency sign)");
        }
        BigDecimal amount = value.decimalValue();
        if (amount.signum() < 0) {
            throw new ProfileException(path(parent, field), path(parent, field) + " is negative: expected an amount of 0 or more");
        }
        return amount;
    }

    private static @Nullable Integer count(JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new ProfileException(path(parent, field), path(parent, field) + " must be a whole number of 0 or more");
        }
        return value.intValue();
    }

    private static @Nullable Boolean bool(JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ProfileException(path(parent, field), path(parent, field) + " must be true or false");
        }
        return value.booleanValue();
    }

    private static <E extends Enum<E>> @Nullable E enumValue(JsonNode node, String parent, String field, Class<E> type) {
        String text = string(node, parent, field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProfileException(path(parent, field), path(parent, field) + " is '" + text + "': expected one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }

    private static List<String> strings(JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ProfileException(path(parent, field), path(parent, field) + " must be a list of codes, e.g. [\"trans\"]");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                throw new ProfileException(path(parent, field), path(parent, field) + " must list codes as strings");
            }
            result.add(item.stringValue());
        }
        return result;
    }
}
