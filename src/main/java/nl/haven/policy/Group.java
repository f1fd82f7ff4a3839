package nl.haven.policy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** SOGIESC groups of INTERFACES.md §2. A provision may name {@code lgbti}: all of them. */
public enum Group {
    LESBIAN, GAY, BISEXUAL, TRANS, INTERSEX, NONBINARY, QUEER;

    /** The data set's and the API's name for every group at once. */
    public static final String ALL = "lgbti";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static final int ALL_BITS = (1 << values().length) - 1;

    /** Parses a group code, case-insensitively; {@code lgbti} is not a group an applicant has. */
    public static Group parse(String code) {
        String normalised = code.trim().toLowerCase(Locale.ROOT);
        for (Group group : values()) {
            if (group.code().equals(normalised)) {
                return group;
            }
        }
        throw new PolicyInputException("group", "unknown group '" + code + "': expected one of " + codes());
    }

    public static String codes() {
        return Arrays.stream(values()).map(Group::code).collect(Collectors.joining(", "));
    }

    public static int bits(Set<Group> groups) {
        int bits = 0;
        for (Group group : groups) {
            bits |= group.bit();
        }
        return bits;
    }

    public static Set<Group> fromBits(int bits) {
        EnumSet<Group> groups = EnumSet.noneOf(Group.class);
        for (Group group : values()) {
            if ((bits & group.bit()) != 0) {
                groups.add(group);
            }
        }
        return groups;
    }
}
