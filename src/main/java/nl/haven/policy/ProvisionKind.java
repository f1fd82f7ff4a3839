package nl.haven.policy;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** What a provision says. Five kinds set the evidentiary standard; the others inform it. */
public enum ProvisionKind {
    RISK_GROUP(EvidentiaryStandard.MINOR_INDICATIONS),
    VULNERABLE_MINORITY(EvidentiaryStandard.LIMITED_INDICATIONS),
    GROUP_PERSECUTION(EvidentiaryStandard.GROUP_PERSECUTION),
    SPECIFIC_GROUP(EvidentiaryStandard.SPECIFIC_GROUP),
    /** An explicit statement that no group policy applies: the ordinary individual assessment. */
    NO_GROUP_POLICY(EvidentiaryStandard.INDIVIDUAL_ASSESSMENT),
    /** Regions held to be a safe internal relocation alternative. */
    INTERNAL_RELOCATION(null),
    NO_INTERNAL_RELOCATION(null),
    /** How a circumstance is weighed, tied to fact codes (or always shown when it names none). */
    NOTE(null),
    PROCEDURAL(null),
    /**
     * The legal situation in the country of origin itself (criminalisation, legal gender recognition, recent laws):
     * dated context shown with every assessment of the country, listed among the provisions; it never sets the
     * evidentiary standard (issue #22). Not a change of Dutch policy, so not an entry of the change log.
     */
    COUNTRY_LAW(null),
    /** A listing on the list of safe countries of origin, with the groups excepted from it. */
    SAFE_COUNTRY(null);

    private final @Nullable EvidentiaryStandard standard;

    ProvisionKind(@Nullable EvidentiaryStandard standard) {
        this.standard = standard;
    }

    /** The standard this kind sets, or null for kinds that do not set one. */
    public @Nullable EvidentiaryStandard standard() {
        return standard;
    }

    public boolean setsStandard() {
        return standard != null;
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
