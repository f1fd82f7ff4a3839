package nl.haven.policy;

/**
 * The Dutch policy's evidentiary standards (INTERFACES.md §2), ordered from least to most
 * favourable to the applicant: when several provisions apply, the most favourable one wins.
 *
 * <p>The sources do not rank <i>geringe</i> (risk group) against <i>beperkte</i> indications
 * (vulnerable minority group) explicitly; COC Nederland (20 March 2012) called the move of Iraqi LHBT
 * from risk group to vulnerable minority group "slechts beperkte extra bescherming", i.e. a small
 * improvement, so limited indications rank just above minor ones (research: policy-facts.md §1.3).
 * In the shipped data set no two of these kinds apply at once. Group persecution ranks above both
 * because credible membership and origin suffice; the historic specific group (old art. 29(1)(c)
 * Vw) granted a permit on membership alone, but not refugee status.
 */
public enum EvidentiaryStandard {
    INDIVIDUAL_ASSESSMENT,
    MINOR_INDICATIONS,
    LIMITED_INDICATIONS,
    SPECIFIC_GROUP,
    GROUP_PERSECUTION;

    public boolean moreFavourableThan(EvidentiaryStandard other) {
        return ordinal() > other.ordinal();
    }
}
