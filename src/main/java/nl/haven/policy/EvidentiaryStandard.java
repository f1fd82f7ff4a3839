package nl.haven.policy;

/**
 * The Dutch policy's evidentiary standards (INTERFACES.md §2), ordered from least to most
 * favourable to the applicant: when several provisions apply, the most favourable one wins.
 *
 * <p>Minor indications (risk group, refugee status under art. 29(1)(a) Vw) rank above limited
 * indications (vulnerable minority group, serious harm under art. 29(1)(b) Vw) because the first
 * leads to refugee status; group persecution ranks above both because credible membership alone
 * suffices; the historic specific group (old art. 29(1)(c) Vw) granted a permit on membership alone
 * but not refugee status.
 */
public enum EvidentiaryStandard {
    INDIVIDUAL_ASSESSMENT,
    LIMITED_INDICATIONS,
    MINOR_INDICATIONS,
    SPECIFIC_GROUP,
    GROUP_PERSECUTION;

    public boolean moreFavourableThan(EvidentiaryStandard other) {
        return ordinal() > other.ordinal();
    }
}
