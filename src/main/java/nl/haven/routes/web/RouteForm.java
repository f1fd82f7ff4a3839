package nl.haven.routes.web;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every answer of the route questionnaire, as typed. The steps post it back whole in hidden fields,
 * so no server-side session holds it and nothing of it goes into a URL. {@code toString} shows nothing.
 */
record RouteForm(@Nullable String nationality, @Nullable String date, @Nullable String dateOfBirth, @Nullable String salary,
        @Nullable String sponsor, @Nullable String contractMonths, @Nullable String educationLevel, @Nullable String graduatedOn,
        @Nullable String dutchInstitution, @Nullable String top200, @Nullable String orientationYear, @Nullable String capital,
        @Nullable String ownership, @Nullable String kvk, @Nullable String partnerStatus, @Nullable String relationship,
        @Nullable String partnerDateOfBirth, @Nullable String partnerIncome, @Nullable List<String> groups, @Nullable List<String> facts,
        @Nullable String familyMember, @Nullable String familyStatus, @Nullable String familyGrantedOn, @Nullable String familyAtEntry,
        @Nullable String familyDependent, @Nullable String familyMinor, @Nullable String familyWithParent, @Nullable String familyIncome,
        @Nullable String familyHousing) {

    static RouteForm empty(String today) {
        return new RouteForm(null, today, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(), List.of(), null, null, null, null, null, null, null, null, null);
    }

    /** The same answers with every date that can be read as YYYY-MM-DD, the form {@code <input type="date">} shows. */
    RouteForm withIsoDates() {
        return new RouteForm(nationality, iso(date), iso(dateOfBirth), salary, sponsor, contractMonths, educationLevel, iso(graduatedOn),
                dutchInstitution, top200, orientationYear, capital, ownership, kvk, partnerStatus, relationship, iso(partnerDateOfBirth),
                partnerIncome, groups, facts, familyMember, familyStatus, iso(familyGrantedOn), familyAtEntry, familyDependent, familyMinor,
                familyWithParent, familyIncome, familyHousing);
    }

    private static @Nullable String iso(@Nullable String text) {
        return text == null ? null : LocalInput.date(text).map(LocalDate::toString).orElse(text);
    }

    public List<String> groupList() {
        return groups == null ? List.of() : groups;
    }

    public List<String> factList() {
        return facts == null ? List.of() : facts;
    }

    @Override
    public String toString() {
        return "RouteForm[…]";
    }
}
